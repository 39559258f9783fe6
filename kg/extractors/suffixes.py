"""Names recognised by the word that ends them: ``青岭村``, ``遂潼天然气综合利用产业园``,
``中小企业工程款清欠攻坚行动``, ``重点工程建设项目指挥部``.

The suffix table ``kg/patterns/suffixes.tsv`` says which type each suffix
gives and how far left the name may reach.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import (FUNCTION_CHARS, PROPER_TAGS, generic_stems, governing, has_proper, is_name_char,
                                  long_name_start, opens_no_name, short_name_start, suffix_in_common_word)
from kg.lexicon import alternation, table, word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = {"short": 40, "long": 30}


@lru_cache(maxsize=1)
def _suffixes():
    rows = [(s, t, mode, int(lo), int(hi), proper == "1") for s, t, mode, lo, hi, proper in table("suffixes")]
    pattern = re.compile(alternation(r[0] for r in rows))
    return {r[0]: r for r in rows}, pattern


@lru_cache(maxsize=1)
def _overlapping_suffixes() -> dict[str, tuple[str, ...]]:
    """Each suffix with the shorter suffixes it ends with (产业园区: 园区), sorted, so each gets its chance."""
    rows, _ = _suffixes()
    return {s: tuple(sorted({s} | {t for t in rows if s.endswith(t)})) for s in rows}


# Items of a list that share the suffix of its last item: 雄忻、石雄铁路;
# 仰韶村、双槐树、贾湖等遗址; 冀货出海等行动. Names of initiatives are longer than
# a generic list item (交通、水利等工程), so they need four characters.
_MIN_ITEM = {"Campaign": 4, "Organization": 4, "Event": 4, "Policy": 4}
_ITEM = re.compile(r"[^、，。；：:！？\n“”（）()《》]{2,12}")


def _listed_before(text: str, words: Words, first: int, end: int, suffix: str, type_: str, lo: int, hi: int,
                   proper: bool):
    if text[first - 1:first] == "等":
        last_end = first - 1               # 贾湖等遗址: every item precedes 等
    elif text[first - 1:first] == "、":
        last_end = None                    # 雄忻、石雄铁路: the last item carries the suffix
    else:
        return
    items, pos = [], (first - 1)
    if last_end is not None:
        items.append(last_end)
    while True:
        if last_end is None and text[pos:pos + 1] != "、":
            break
        item_end = pos if last_end is None else pos
        b = long_name_start(text, words, item_end, hi)
        if b is None or item_end - b < max(lo, _MIN_ITEM.get(type_, 2)):
            break
        if text[b:item_end] in generic_stems() or text[b:item_end].endswith(suffix[-1]):
            break  # 示范园、…产业园, 经济合作区、…园区: an item that already ends like the suffix is named
        if proper and not has_proper(text, words, b, item_end):
            break  # 餐饮、宾馆、交通、景区: bare common nouns do not share a park's suffix
        yield Mention(b, item_end, type_, text[b:item_end] + suffix, PRIORITY["long"], "suffixes")
        if text[b - 1:b] != "、":
            break
        pos, last_end = b - 1, None


_CATEGORY_HEADS = {"重大", "重点", "一揽子", "大型", "民生", "惠民", "各类", "相关", "其他", "专项", "配套", "骨干", "重要",
                   "主要", "基础", "实际", "具体", "系统"}  # 系统工程: systems engineering, a metaphor
# 引江济淮, 引滦入津, 引汉济渭: water-transfer works are named from the river to where it goes
_WATER_TRANSFER = re.compile(r"引[\u4e00-\u9fff]{1,3}[济入][\u4e00-\u9fff]{1,3}$")
_CATEGORY_OPENING = re.compile(r"(?:[一二三四五六七八九十]大)?(?:重大|重点|骨干|标志性)")
# A 工程 named by what it builds is a built project, a Site (合浦至湛江铁路工程, 天津引滦输水工程), and
# needs a proper name like any Site (特高压工程 is a category)
_BUILT = re.compile(r"(?:铁路|公路|高速|大道|延线|快速路|环线|大桥|桥|隧道|机场|港|码头|航道|水库|水利枢纽|枢纽|电站|水电站|核电站|输水|引水|调水|"
                    r"供水|灌区|水网|管道|管线|特高压|输电|电网|运河|堤防|大坝)$")
_NOT_INITIATIVES = ("会议", "大会", "峰会", "论坛", "会晤", "犯罪", "诈骗", "违法", "势力", "纪念")


def _generic_head(text: str, words: Words, suffix_begin: int, suffix: str) -> bool:
    """True when the word before the suffix makes a category, not a name
    (重大工程, 标志性工程), or an 活动 is a meeting's or a crime's."""
    i = words.index_at(suffix_begin - 1) if suffix_begin else 0
    b, _ = words.span(i)
    head = text[b:suffix_begin]
    if head in _CATEGORY_HEADS or head.endswith(("性", "国家级", "省级", "市级", "县级", "区级", "世界级")) \
            or opens_no_name(head) or (tag(head) in ("m", "r") and not head.endswith("年")):
        return True  # 一些工程, 这些行动: a quantity or a pronoun before the suffix (三年行动 is a span)
    # 到青岭村开展活动: an activity that is held is the verb's object, not a name's last word
    return suffix == "活动" and (head in ("系列", "开展", "举办", "举行", "组织", "参加", "参与", "策划")
                               or text[:suffix_begin].endswith(_NOT_INITIATIVES))


# what a park makes or does is part of its name (智能制造产业园, 科技创新园): not a governing verb
_PARK_VERBS = {"共建", "合作", "协作", "融合", "示范", "转移", "承接", "孵化", "发展", "利用", "加工", "开发", "物流",
               "制造", "智造", "服务", "研发", "创新", "创业", "检测", "设计", "应用", "储能", "养老", "康养"}


def _after_last_verb(text: str, words: Words, start: int, stem_end: int) -> int:
    """A park is named by nouns: a verb in its stem governs what follows (推进自贸试验区,
    神农架创建国家公园, 排查整治园区), so the name starts after it. Cooperation words name
    the park's kind (湘琼先进制造业共建产业园, 承接产业转移示范区)."""
    for b, e in words.spans_between(start, stem_end):
        w = text[b:e]
        two = text[max(start, e - 2):e]  # 用好, 两国: jieba may leave them as two single characters
        if (len(w) >= 2 and (tag(w) == "v" or w in governing() or w in word_set("leading_verbs"))
                and w not in _PARK_VERBS) or _COUNTED_WORD.match(w) or \
                (len(w) == 1 and len(two) == 2 and (two in governing() or _COUNTED_WORD.match(two))):
            start = e
    return start


_DESIGNATION = re.compile(r"(?:[0-9A-Z]+级|国家级|省级|市级|国家|以上|首批|新一批|近零碳|零碳|低碳|绿色|智慧|无废城市|生态|循环化|特色|"
                         r"示范|现代|高水平|高标准|骨干|重点)+")


_DESIGNATION_WORDS = re.compile(r"零碳|低碳|碳达峰|试点|骨干|示范|绿色|生态|循环化")
_PLACE_DESIGNATED = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:市|省)?(?:国家级|国家骨干|国家|省级|省)(?!实验室)")


def _named(text: str, words: Words, start: int, stem_end: int) -> bool:
    """True when the stem holds a proper name past any designation (国家级零碳园区, 绿色工业园区 hold none)."""
    d = _DESIGNATION.match(text, start, stem_end)
    return has_proper(text, words, d.end() if d else start, stem_end)


def _place_designated(text: str, start: int, stem_end: int, suffix: str) -> bool:
    """True for a place given a designation rather than a name (西宁国家骨干冷链物流基地,
    南川国家级零碳园区): a place, a national or provincial rank, then a designation's words."""
    d = _PLACE_DESIGNATED.match(text, start, stem_end)
    return bool(d) and (suffix.endswith("基地") or bool(_DESIGNATION_WORDS.search(text, d.end(), stem_end)))


def _works_type(text: str, words: Words, start: int, stem_end: int) -> str | None:
    """The type of a name ending in 工程, or None when it names none: works named by what they build
    are Sites with a proper name (合浦至湛江铁路工程, 引江济淮工程; 特高压工程 is none); a kind of works
    (生态工程) or a category (重大水利工程) is no campaign."""
    stem = text[start:stem_end]
    if _BUILT.search(stem) or _WATER_TRANSFER.search(stem):
        return "Site" if has_proper(text, words, start, stem_end) else None
    category = _CATEGORY_OPENING.match(text, start, stem_end)
    if (len(stem) <= 2 and not has_proper(text, words, start, stem_end)) or \
            (category and not has_proper(text, words, category.end(), stem_end)):
        return None
    return "Campaign"


_COUNTED_WORD = re.compile(r"^(?:首个|首批|第.批|[一二三四五六七八九十两几][个批家大要国])$")


def _clan_place(text: str, suffix_begin: int) -> bool:
    """True when a surname and 家 stand before a village suffix (李家村, 由家村), with no name
    character before them that would make the surname part of a longer word (国家村 is none)."""
    return suffix_begin >= 2 and text[suffix_begin - 1] == "家" and text[suffix_begin - 2] in word_set("surnames") \
        and text[suffix_begin - 2] not in "国大全本各我你他她它们人" and \
        (suffix_begin == 2 or not is_name_char(text[suffix_begin - 3]) or text[suffix_begin - 3] in FUNCTION_CHARS
         or tag(text[suffix_begin - 4:suffix_begin - 2]) != "?")


def _known_place(text: str, words: Words, start: int, end: int) -> bool:
    """True when jieba knows text[start:end] as one place word (清水河 before 小流域)."""
    b, e = words.span(words.index_at(start))
    return (b, e) == (start, end) and tag(text[b:e]) == "ns"


def _common_compound(word: str) -> bool:
    return len(word) >= 2 and tag(word) not in PROPER_TAGS


def _quote_tail(suffix: str) -> bool:
    """True when a quoted name followed by this suffix is the quoted extractor's (“…”行动)."""
    return any(suffix.endswith(t) or t.endswith(suffix) for t, _ in table("quote_tails"))


@register("suffixes")
def find(text: str, words: Words):
    rows, pattern = _suffixes()
    generic = generic_stems()
    for m in pattern.finditer(text):
        # overlapping suffixes (园区 inside 产业园区) each get their chance
        for suffix in _overlapping_suffixes()[m.group()]:
            sb = m.end() - len(suffix)
            _, type_, mode, lo, hi, proper = rows[suffix]
            if mode == "short" and _clan_place(text, sb):
                start = sb - 2  # 李家村, 由家村, 于家屯: a surname and 家 name a clan's village
                if m.end() < len(text) and not words.is_start(m.end()):
                    continue
            elif mode == "short":
                if suffix_in_common_word(text, words, sb) or (m.end() < len(text) and not words.is_start(m.end())):
                    continue
                start = short_name_start(text, words, sb, lo, hi)
                if start is not None and _common_compound(text[sb - 1:m.end()]) and \
                        not _known_place(text, words, start, m.end()):
                    continue  # 青山, 江山, 雪山, 大山: the suffix ends a common word
            else:
                if m.end() < len(text) and not words.is_start(m.end()):
                    continue
                start = long_name_start(text, words, sb, hi, after_quote=not _quote_tail(suffix))
                if start is not None and text[start - 1:start].isdigit():
                    continue  # 500千伏输变电工程: a quantity, not a name
            # 雄忻、石雄铁路: earlier items share the suffix of a named last item; a bare
            # suffix word shares it only after 等 (贾湖等遗址), not in 房地产、开发区
            named_last = start is not None and text[start - 1:start] == "、" and \
                (not proper or _named(text, words, start, sb))
            if mode == "long" and (named_last or (start is None and text[sb - 1:sb] == "等")):
                yield from _listed_before(text, words, start if start is not None else sb, m.end(),
                                          suffix, type_, lo, hi, proper)
            if start is None or sb - start < lo or text[start:sb] in generic:
                continue
            if suffix == "工程":
                type_ = _works_type(text, words, start, sb)
                if type_ is None:
                    continue
            if type_ == "Park" or suffix in ("城市群", "都市圈", "经济圈"):
                start = _after_last_verb(text, words, start, sb)  # 中心城市引领城市群 names no region
                if sb - start < lo:
                    continue
            if (proper and not _named(text, words, start, sb)) or _place_designated(text, start, sb, suffix):
                continue
            if mode == "long" and _generic_head(text, words, sb, suffix):
                continue
            name = text[start:m.end()]
            if len(name) <= 4 and tag(name) not in PROPER_TAGS:
                continue  # a dictionary word such as 小城镇, 新农村
            yield Mention(start, m.end(), type_, name, PRIORITY[mode], "suffixes")
