"""Proper-name stems before a type suffix, shared by the ``organizations`` and ``sites`` extractors.

A name of an institution or a built work is a proper stem followed by the
words that describe it and a type suffix: ``西湖|大学``, ``鞍山|钢铁公司``,
``长春|第一汽车制造厂``, ``临河至哈密|铁路``, ``甬金衢上|高速公路``. The stem
is what makes it one name rather than a category (``高水平大学``,
``全国重点实验室``, ``全国新建铁路`` have none).

Suffix tables (``kg/patterns/organization_suffixes.tsv``,
``kg/patterns/site_suffixes.tsv``) give, per suffix, the type, the longest
stem and the stem rule:

- ``proper``: the name opens with a proper word: a place of the gazetteer,
  a word jieba tags as a name or does not know, Latin letters, a mask, or
  two single characters jieba could not join (``杭温``);
- ``local``: as ``proper``, or a bare jurisdiction (``省物流集团``: the
  province the document speaks for);
- ``long``: whatever the left edge of :func:`long_name_start` encloses, for
  suffixes that make a name by themselves (``…指挥部``, ``…纪念馆``);
- ``short``: a short stem as for villages (``炳灵寺``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.extractors.edges import (FUNCTION_CHARS, MASK_CHARS, PROPER_TAGS, generic_stems, governing,
                                  long_name_start, pieces_before, place_names,
                                  short_name_start)
from kg.lexicon import alternation, entries, table, word_set
from kg.mentions import Mention
from kg.segment import PUNCT, Words, tag

JURISDICTIONS = {"省", "市", "县", "区", "州", "镇", "乡", "村"}
ENDPOINT_JOINS = {"至", "到"}
_VIA = {"经", "往"}        # 重庆经西部陆海新通道: a route through a name, not a name
_NAME_TAGS = PROPER_TAGS - {"?", "j"}      # 通信, 环保 are tagged j: abbreviations of common words
_BREAK_TAGS = {"v", "p", "c", "u", "r", "d"}   # a verb or function word ends what a stem can span
# 浙江建设一流大学, 教育部直属师范大学, 中国主办二十国集团, 中国特色世界一流大学
_BREAK_WORDS = {"建设", "直属", "所属", "下属", "主办", "特色"}


class Suffix(NamedTuple):
    suffix: str
    type: str
    max_stem: int
    rule: str


@lru_cache(maxsize=None)
def suffix_table(name: str) -> tuple[dict[str, Suffix], re.Pattern]:
    rows = {s: Suffix(s, t, int(hi), rule) for s, t, hi, rule in table(name)}
    return rows, re.compile(alternation(rows))


# the one-character short forms of the provinces (京广铁路, 陇海铁路, 川藏公路)
PROVINCE_SHORT_FORMS = frozenset("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳台")


@lru_cache(maxsize=1)
def place_initials() -> frozenset[str]:
    """First characters of provinces, cities, regions and countries: a line named by the
    places it joins (甬金衢上, 中老) is made of them, whatever jieba tags them."""
    return PROVINCE_SHORT_FORMS | frozenset(
        n[0] for e in entries() if e.type == "Place" and e.extra[:1] in (("province",), ("city",), ("region",), ("country",))
        for n in (e.name, *e.aliases))


@lru_cache(maxsize=1)
def _organizations() -> frozenset[str]:
    return frozenset(n for e in entries() if e.type == "Organization" for n in (e.name, *e.aliases))


@lru_cache(maxsize=1)
def _lexicon_names() -> frozenset[str]:
    """Names of the lexicons other than places: 南水北调 names a project, not a stem."""
    return frozenset(n for e in entries() if e.type != "Place" for n in (e.name, *e.aliases))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return word_set("stem_modifiers") | governing() | (generic_stems() - place_names())   # 中国考古博物馆


def is_proper_word(word: str) -> bool:
    """A place, a name jieba tags or an unknown word of two or more characters
    (白鹤滩, 海康威视), Latin letters or a mask; not a describing word it mistags."""
    if word in _not_names() or (word[0] in NUMERALS and len(word) < 3 and word not in place_names()) \
            or set(word) <= DIRECTIONS or set(word) <= NUMERALS:
        return False           # 十国 in 二|十国集团, 三大: a count (三星堆, 二十国 are names); 东西南北: directions
    if any(c in MASK_CHARS or (c.isascii() and c.isalpha()) for c in word) or word in place_names():
        return True
    t = tag(word)
    if len(word) < 2:
        return False
    if t == "j":
        return len(word) <= 3 and all(c in place_initials() for c in word)   # 京广, 陇海; not 环保
    if word in _organizations():
        return True             # 国务院|科学规划委员会
    if t == "nr":               # jieba reads many a phrase as a person: 纪律检查, 严肃查处, 顾问
        return (len(word) <= 3 and word[0] in word_set("surnames")) or (len(word) <= 4 and word[0] in place_initials())
    if t == "nt":               # 北京大学, 美中关系; not 中医药, 广播电视
        return any(word[:n] in place_names() for n in (2, 3)) or all(c in place_initials() for c in word[:2]) \
            or bool(suffix_table("organization_suffixes")[1].search(word))
    return t in _NAME_TAGS or (t == "?" and all(c.isalnum() for c in word) and _simplified(word))


def _simplified(word: str) -> bool:
    """Unknown words in traditional characters (農業, 組織) are common words of old
    documents that the dictionary does not hold, not names."""
    try:
        word.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


NUMERALS = set("一二三四五六七八九十百千万两")
DIRECTIONS = set("东西南北中")
_SINGLE_NOT_NAME = {"v", "a", "d", "f", "q", "m", "p", "c", "u", "r", "b", "t"}


def _single(word: str) -> bool:
    """A character standing alone that may be part of a name: not a function word, a
    numeral or a verb, unless it is a place's initial (上 of 上饶 in 甬金衢上)."""
    return len(word) == 1 and word not in FUNCTION_CHARS and word not in _VIA and word not in PUNCT and word not in NUMERALS \
        and not word.isdigit() and _simplified(word) \
        and (tag(word)[:1] not in _SINGLE_NOT_NAME or word in place_initials())


def _counted(text: str, pos: int) -> bool:
    """True after a number: 1500所县医院 counts hospitals, it names none."""
    return pos > 0 and (text[pos - 1].isdigit() or text[pos - 1] in NUMERALS)


def _initials(chars: list[str]) -> bool:
    """Two or more single characters jieba could not join, one of them at least the initial
    of a place or tagged as a name (杭温, 淠史杭, 平朔); not 井工, nor a describing word (科创)."""
    return len(chars) >= 2 and "".join(chars) not in _not_names() \
        and any(c in place_initials() or tag(c) in ("ns", "nr", "j") for c in chars)


def proper_start(text: str, words: Words, begin: int, end: int, local: bool = False) -> int | None:
    """Where the name opens in text[begin:end]: its first proper word after the last verb,
    a run of single characters, or a jurisdiction (``省``) opening the span when ``local``.
    None when there is none."""
    start = None
    spans = list(words.spans_between(begin, end))
    for k, (b, e) in enumerate(spans):
        w = text[b:e]
        if start is not None and w in ENDPOINT_JOINS:
            continue            # 临河至哈密铁路: a line named by its end points
        if (tag(w) in _BREAK_TAGS or len(w) >= 2 and tag(w) == "a" or w in _BREAK_WORDS or w in _VIA) and w not in place_names() and \
                (len(w) >= 2 or w not in place_initials() and tag(w) != "v"):
            start = None        # 浙江|建设|一流大学, 反中|乱|港: what a verb governs is not the place's
            continue
        if start is not None:
            continue
        if is_proper_word(w):
            start = b
            before = text[slice(*spans[k - 1])] if k else ""
            if before and _single(before) and before not in JURISDICTIONS and tag(before) not in ("v", "p") \
                    and (before in place_initials() or tag(before) in ("ns", "nr", "nz", "j", "g", "ng", "zg")):
                start = spans[k - 1][0]   # 广|深港高速铁路, 红|沿河核电站: an initial jieba left alone
        elif _single(w) and w not in JURISDICTIONS and not _counted(text, b):
            run = [text[x:y] for x, y in spans[k:]]
            run = run[:next((i for i, c in enumerate(run) if not _single(c)), len(run))]
            if _initials(run) and (tag(w) not in ("v", "p") or k + len(run) == len(spans)):
                # 包鄂榆高铁; 通双车道公路 and 环广西公路 open with a verb
                start = b        # 杭温, 淠史杭: characters jieba could not join
        elif local and k == 0 and w in JURISDICTIONS:
            start = b
    return start


def initials_before(text: str, words: Words, end: int) -> int | None:
    """The start of a run of two or more single characters ending at ``end``: the
    initials of the places a line joins (``甬金衢上高速公路``, ``石雄铁路``)."""
    run: list[int] = []
    i = words.index_at(end - 1) if end else -1
    while i >= 0:
        b, e = words.span(i)
        w = text[b:e]
        if e != (run[-1] if run else end) or not _single(w) or w in governing():
            break
        run.append(b)
        i -= 1
    if not run or _counted(text, run[-1]) or text[run[-1]] in JURISDICTIONS:
        return None
    return run[-1] if _initials([text[b] for b in reversed(run)]) else None


_CLAUSE = 40


def window_start(text: str, words: Words, stem_end: int, max_stem: int) -> int | None:
    """The first word of the ``max_stem`` characters before ``stem_end``."""
    start = None
    for b, _ in pieces_before(words, stem_end):
        if stem_end - b > max_stem:
            break
        start = b
    return start


def name_start(text: str, words: Words, stem_end: int, row: Suffix) -> int | None:
    """The start of the name whose stem ends at ``stem_end``, by the suffix's rule."""
    if row.rule == "short":
        return short_name_start(text, words, stem_end, 2, row.max_stem)
    if row.rule == "long":
        return long_name_start(text, words, stem_end, row.max_stem, after_quote=True)
    edge = long_name_start(text, words, stem_end, _CLAUSE, after_quote=True)
    if edge is not None and "）" in text[edge:stem_end]:
        edge = text.rindex("）", edge, stem_end) + 1   # 金华（义乌）|中欧班列: the name is what follows
    if edge is not None and stem_end - edge > row.max_stem:
        edge = window_start(text, words, stem_end, row.max_stem)   # 高水平建设|长三角…实验室: no governing word
    initials = initials_before(text, words, stem_end)
    if edge is None or (initials is not None and initials < edge):
        return initials
    start = proper_start(text, words, edge, stem_end, local=row.rule == "local")
    if start is None:
        return initials
    if start > edge and any(text[edge:edge + n] in _organizations() for n in range(2, 7)) \
            and not any(tag(text[b:e]) in _BREAK_TAGS for b, e in words.spans_between(edge, start)):
        start = edge      # 金砖国家|特殊经济区中国合作中心: a body of the lexicons opens the name
    if row.type == "Site":
        start = after_locator(text, words, start, stem_end)
    return from_joined_part(text, words, start)


def from_joined_part(text: str, words: Words, start: int) -> int:
    """``日喀则——江孜公路``, ``尼古拉·特斯拉国际机场``: a name whose parts are joined by a dash
    (a line's end points) or a middle dot (a foreign name) opens with the first part."""
    dash = len(text[:start]) - len(text[:start].rstrip("—－-·"))
    if dash and start - dash > 0:
        b, e = words.span(words.index_at(start - dash - 1))
        if e == start - dash and is_proper_word(text[b:e]):
            return b
    return start


@lru_cache(maxsize=1)
def _locators() -> frozenset[str]:
    """Provinces and countries, and full names of other divisions (徐闻县)."""
    return frozenset(n for e in entries() if e.type == "Place" for n in (e.name, *e.aliases)
                     if e.extra[:1] in (("province",), ("country",)) or n == e.name and n[-1] in "省市县区")


def after_locator(text: str, words: Words, start: int, stem_end: int) -> int:
    """``河北潘家口水库``, ``匈牙利布达佩斯国际机场``: a province or country before the
    work's own proper name locates it and is not part of the name."""
    e = words.span(words.index_at(start))[1]
    if text[start:e] in _locators() and e < stem_end and proper_start(text, words, e, stem_end) == e:
        return e
    return start


_GROUPS = set("群网区")
_RULING = {"统治", "领导"}
# works named after another work: 同江铁路大桥, 洋浦疏港高速公路, 港深机场铁路
_BUILT_ON = {"大桥", "特大桥", "水闸", "隧道", "博物馆", "陈列馆", "纪念馆", "铁路", "高速公路", "城际铁路", "高速铁路"}
_FACILITY_ENDS = set("站场港桥路线馆库")
PRIORITY_LONG = 32          # a built work's 工程 outranks an initiative's (suffixes, 30) on the same span
PRIORITY = {"short": 40}


def find_named(text: str, words: Words, table_name: str, extractor: str, share: bool = False):
    """Mentions of names ending with a suffix of ``table_name``; with ``share``, bare
    proper items of a list take the suffix of its last item (石雄、雄忻铁路)."""
    rows, pattern = suffix_table(table_name)
    for m in pattern.finditer(text):
        if m.end() < len(text) and (not words.is_start(m.end()) or text[m.end()] in _GROUPS):
            continue                                 # 大学生, 机场路; 机场群: many; 航空港区: a zone
        row = rows[m.group()]
        after = pattern.match(text, m.end())
        if after and after.group() in _BUILT_ON or text.startswith("公园", m.end()):
            continue                                 # 同江铁路|大桥, 新洋港|水闸: the longer name is the work;
            #                                          陶寺国家考古遗址|公园 is a park
        stem_end = words.starts[words.index_at(m.start())]   # 鞍山|钢铁公司: the word ending with the suffix
        inside = text[stem_end:m.start()]            # 黄骅|港, 浙江工业|大学 in one word
        if inside in _RULING:
            continue                                 # 美国统治集团, 苏联领导集团: a ruling group is no body
        if any(text[x:m.end()] in place_names() for x in range(max(0, m.end() - 5), m.start())) \
                or len(m.group()) == 1 and len(inside) == 1:
            continue                                 # 香港, 连云港: a place ending with the suffix; 开港, 母港
        start = name_start(text, words, stem_end, row)
        known = tag(inside) != "?" or len(m.group()) > 1 and tag(text[stem_end:m.end()]) in ("nt", "ns", "nz")
        if inside and known and is_proper_word(inside) and (start is None or row.type == "Site" and
                                                  text[start:stem_end] in _locators()):
            start = stem_end                         # 浙江工业大学, 开滦煤矿: a name jieba knows (not 上市公司)
        priority = PRIORITY.get(row.rule, PRIORITY_LONG)
        if start is not None and (text[start:m.end()] in place_names()
                                  or not inside and _one_name(text, words, start, stem_end, pattern)):
            start = None                             # 海南自由贸易港 is a place; 青藏铁路|公路 two works
        if start is not None and m.end() - start > len(m.group()) and stem_end - start <= row.max_stem:
            yield Mention(start, m.end(), row.type, text[start:m.end()], priority, extractor)
        if share and row.rule != "short":
            for b, e in listed_items(text, words, start if start is not None else stem_end, row, pattern):
                yield Mention(b, e, row.type, text[b:e] + m.group(), priority, extractor)


def _one_name(text: str, words: Words, start: int, stem_end: int, suffixes: re.Pattern) -> bool:
    """True when the stem is one word that is itself a name of the table (青藏铁路 in 青藏铁路公路)."""
    i = words.index_at(start)
    return words.span(i) == (start, stem_end) and text[start:stem_end] not in place_names() and any(
        m.end() == stem_end and m.start() - start >= 2 for m in suffixes.finditer(text, start, stem_end))


def listed_items(text: str, words: Words, first: int, row: Suffix, suffixes: re.Pattern):
    """(begin, end) of the list items before ``first`` that share its suffix: each a bare
    proper stem (杭温、石雄), not a word of its own (公路、港口、航道、机场) nor a name
    that carries a suffix of its own (…高速公路、杭温铁路)."""
    if text[first - 1:first] not in ("等", "、"):
        return
    pos = first - 1                                   # 佛子岭、梅山等水库; 石雄、雄忻铁路
    while True:
        edge = long_name_start(text, words, pos, row.max_stem)
        if edge is None or suffixes.search(text, edge, pos):
            return
        b = proper_start(text, words, edge, pos)
        initials = initials_before(text, words, pos)
        if initials is not None and (b is None or initials < b):
            b = initials
        item = text[b:pos] if b is not None else ""
        if not 2 <= len(item) <= 8 or not (b == initials or all(
                is_proper_word(text[x:y]) for x, y in words.spans_between(b, pos))):
            return                                    # 航道, 港口, 长江经济带: not a bare proper stem
        if b != edge or item in _lexicon_names():
            return                                    # 交河|故城、莫尔寺遗址; 南水北调: the item is more than a stem
        if item[-1] not in _FACILITY_ENDS:            # 平漯周、焦济洛平、郑州南站等高铁: a station is no line
            yield b, pos
        if text[b - 1:b] != "、":
            return
        pos = b - 1
