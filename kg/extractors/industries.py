"""Industries, as a document lists them.

A sector word is an industry only where the document treats it as one
(``稳定汽车、家电等大宗消费`` names no industry):

- an item of a list that ends in ``…产业``: ``锂电及新材料、汽车与装备制造、
  天然气清洁能源三大主导产业``, ``草莓、菜葫芦、烤烟等特色产业``;
- a name that says so itself: ``海洋产业``, ``农产品加工业``, ``先进制造业``;
- a lexicon sector followed by ``产业``: ``生物医药产业``.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from kg.extractors import register
from kg.extractors.edges import (FUNCTION_CHARS, ends_governing, generic_stems, governing, is_name_char, long_name_start,
                                  pieces_before, place_names)
from kg.lexicon import alternation, entries, word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 50
_N = "一二三四五六七八九十两"
_SPLIT = re.compile(r"[和及与]")


@lru_cache(maxsize=1)
def lexicon() -> tuple[ahocorasick.Automaton, dict[str, str]]:
    canon: dict[str, str] = {}
    for e in entries():
        if e.type == "Industry":
            for s in (e.name, *e.aliases):
                canon.setdefault(s, e.name)
    a = ahocorasick.Automaton()
    for s in canon:
        a.add_word(s, s)
    a.make_automaton()
    return a, canon


@lru_cache(maxsize=1)
def named_sectors() -> frozenset[str]:
    """Lexicon names specific enough to be an industry wherever they stand: the emerging and
    future industries of the national taxonomy (低空经济, 商业航天, 脑机接口), four characters or more."""
    return frozenset(s for e in entries() if e.type == "Industry" and e.extra[:1] in (("emerging",), ("future",))
                     for s in (e.name, *e.aliases) if len(s) >= 4)


@lru_cache(maxsize=1)
def _list_tail() -> re.Pattern:
    roles = alternation(word_set("industry_tails"))
    # 等生产性服务业, 等未来产业: after 等, a short modifier may qualify the head
    return re.compile(rf"(?:等(?:(?:[\u4e00-\u9fff]{{1,3}}性|新兴|未来|现代|传统|先进)(?=服务业|制造业|产业|行业))?)?"
                      rf"(?:[{_N}]大|[0-9]+个|[0-9]+大|一批)?"
                      rf"(?:{roles})?(?:产业集群|产业链|产业|行业|服务业|制造业)")


def list_items(text: str, words: Words, end: int) -> list[tuple[int, int]]:
    """Spans of the 、-separated items that end at ``end``."""
    start = end
    while start > 0 and text[start - 1] not in "，。；：！？,;:!?\n（）()“”":
        start -= 1
    spans, pos = [], start
    for seg in text[start:end].split("、"):
        spans.append((pos, pos + len(seg)))
        pos += len(seg) + 1
    if spans:  # the first item begins after the verbs that govern the list (做大做强锂电及新材料)
        b, e = spans[0]
        leading = True
        for wb, we in words.spans_between(b, e):
            w = text[wb:we]
            if w in "和及与":
                leading = False
                continue
            # a single character leads only as a function word (是指旅游业、…); 具 of 具身智能 does not
            if w in governing() or ends_governing(text, we) or (leading and (
                    w in word_set("leading_verbs") or (len(w) >= 2 and tag(w).startswith(("v", "d", "p", "c")))
                    or (len(w) == 1 and (w in FUNCTION_CHARS or w == "指")))):
                b = we
            else:
                leading = False
        spans[0] = (b, e)
    return [(b, e) for b, e in spans if e > b]


def _items(text: str, words: Words, end: int):
    _, canon = lexicon()
    spans = list_items(text, words, end)
    for k, (b, e) in enumerate(spans):
        item = text[b:e]
        if not all(is_name_char(c) and not c.isdigit() for c in item) or not 2 <= len(item) <= 12:
            continue
        # 锂电及新材料、汽车与装备制造、天然气清洁能源: inside a 、 list a conjunction joins one
        # item's words; only the last item's conjunction closes the list (新材料和生物医药等)
        last = k == len(spans) - 1
        parts = [item] if item in canon or (len(spans) > 1 and not last) else \
            [p for p in _SPLIT.split(item) if p]
        pos = b
        for p in parts:
            if "等" in p:
                continue  # 深海开发等新兴和未来产业: a list's own 等, not an item
            pb = text.index(p, pos, e)
            pos = pb + len(p)
            if p in canon or (2 <= len(p) <= 8 and p not in generic_stems() and not p.endswith(("级", "性"))
                              and not any(c in "亿万千的区站房省市县" for c in p)):
                yield pb, pb + len(p), canon.get(p, p)


_LONG_SUFFIX = re.compile(r"(?:制造业|加工业|服务业|旅游业)")
# what may follow an industry's name without making it part of a longer one
_CONTINUES = ("园", "区", "基地", "项目", "示范", "创新", "集聚", "中心", "公司", "企业", "协会", "联盟", "带", "城",
              "密集", "化", "分工", "结构", "基础", "体系", "工人", "政策", "布局", "工作", "合作", "大会", "博览会")
_BAD_TAGS = ("v", "r", "p", "c", "d", "u", "m", "q", "f", "a")


def _ends_name(text: str, pos: int) -> bool:
    return not text.startswith(_CONTINUES, pos)


def short_stem(text: str, words: Words, end: int) -> int | None:
    """Start of the one or two words before ``产业`` that name it (海洋产业, 菜葫芦产业)."""
    generic, roles = generic_stems(), word_set("industry_tails")
    start = None
    for k, (b, e) in enumerate(pieces_before(words, end)):
        piece = text[b:e]
        if k == 1 and len(piece) == 1 and end - b > 3:
            break
        if k == 2 or not all(is_name_char(c) and not c.isdigit() for c in piece) or piece in generic or \
                piece in governing() or piece in roles or tag(piece).startswith(_BAD_TAGS) or end - b > 4:
            break
        start = b
    if start is None or end - start < 2 or text[start:end].endswith(("性", "级", "型", "业")) or \
            text[start:end] in generic or text[start:end] in place_names():
        return None
    return start


_RANK = re.compile(r"(?:首个|首批)?(?:[千百万亿]+级|国家级|省级|世界级)")


def _sector_start(text: str, words: Words, end: int) -> int | None:
    """Start of the nouns before 制造业/服务业/… (先进农机装备制造业); a verb or a
    place ends them (促进现代服务业, 东莞入选国家制造业 name no sector)."""
    b = long_name_start(text, words, end, 8)
    if b is None:
        return None
    for pb, pe in reversed(list(words.spans_between(b, end))):
        w = text[pb:pe]
        if tag(w) in ("v", "i", "d") or w in place_names() or w in governing():
            return pe if pe < end else None
    rank = _RANK.match(text, b)  # 国家级先进制造业, 千亿级先进制造业: a rank, not part of the sector
    if rank and end - rank.end() >= 2:
        b = rank.end()
    stem = text[b:end]
    if stem.endswith(("性", "级")) or stem in generic_stems():
        return None
    return b


@register("industries")
def find(text: str, words: Words):
    automaton, canon = lexicon()
    # lists that end in an industry word: 锂电及新材料、…三大主导产业
    for m in _list_tail().finditer(text):
        marked = m.group() not in ("产业集群", "产业链", "产业", "行业", "服务业", "制造业") or "等" in m.group()
        if m.start() == 0 or not is_name_char(text[m.start() - 1]):
            continue
        if m.group().endswith("行业") and text.startswith("领域", m.end()):
            continue  # 燃气、消防等重点行业领域: sectors of a safety campaign, not industries
        if text.startswith(("园", "基地"), m.end()):
            continue  # 东方芯港、大飞机园等特色产业园区: a list of parks
        items = list(_items(text, words, m.start()))
        # 20个行业门类 after one phrase counts sectors, it lists none (外商在华投资覆盖20个行业)
        if marked and (len(items) >= 2 or m.group().startswith(("等", *_N))):
            for b, e, name in items:
                yield Mention(b, e, "Industry", name, PRIORITY, "industries")
    # names that say they are industries: 海洋产业, 农产品加工业
    for m in re.finditer("产业", text):
        if not _ends_name(text, m.end()):
            continue
        b = short_stem(text, words, m.start())
        if b is not None:
            name = text[b:m.end()]
            yield Mention(b, m.end(), "Industry", canon.get(name, name), PRIORITY, "industries")
    for m in _LONG_SUFFIX.finditer(text):
        b = _sector_start(text, words, m.start())
        if b is not None and _ends_name(text, m.end()) and m.start() - b >= 2 and \
                text[b:m.start()] not in generic_stems():
            name = text[b:m.end()]
            yield Mention(b, m.end(), "Industry", canon.get(name, name), PRIORITY, "industries")
    # lexicon sectors that end in 业, or are directly followed by 产业
    named = named_sectors()
    for last, s in automaton.iter(text):
        b, e = last - len(s) + 1, last + 1
        if (s.endswith("业") and _ends_name(text, e)) or \
                (text.startswith("产业", e) and _ends_name(text, e + 2)) or \
                (s in named and words.is_start(b) and _ends_name(text, e)
                 and (e == len(text) or words.is_start(e))):
            if len(s) == 2 and not words.is_start(b):
                continue
            yield Mention(b, e, "Industry", canon[s], PRIORITY - 5, "industries")

