"""Where a name starts: the left edge of a name recognised by its last word.

Shared by the extractors that find names by suffix (``…村``, ``…产业园``,
``…行动``), by a title before them, or by a quoted part, so they agree on
what belongs to a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import entries, word_set
from kg.segment import PUNCT, Words, tag

# 24个, 3家, 三批: a count before a name; a round 百/千/万 (千家企业节能行动, 万村) is part of one
_COUNTED = re.compile(r"[0-9０-９]|^(?![百千万][个家项条批座所处]$)[一二三四五六七八九十百千万两几多]+[个家项条批座所处国]$"
                      r"|^[个家项条批座所处次]$|场次|人次")
LOCALIZERS = set("上下")  # 在思想上政治上行动: a place in the text, not a name
CLOSING = set("”’」』\"'")
MASK_CHARS = set("*＊×XxＸ○〇某")
PROPER_TAGS = {"?", "nr", "ns", "nz", "nt", "nrt", "nrfg", "j", "eng"}
PLACE_ENDS = set("省市县区镇乡村屯")


def governing() -> frozenset[str]:
    return word_set("governing_words")


def generic_stems() -> frozenset[str]:
    return word_set("generic_stems")


def is_name_char(ch: str) -> bool:
    return ch not in PUNCT and (ch.isalnum() or ch in MASK_CHARS or ch in "+＋")


def pieces_before(words: Words, pos: int):
    """(begin, end) of the words left of ``pos``, nearest first; a word cut by ``pos`` yields its left part."""
    if pos <= 0:
        return
    i = words.index_at(pos - 1)
    end = pos
    while i >= 0:
        b = words.starts[i]
        yield b, end
        end, i = b, i - 1


def long_name_start(text: str, words: Words, stem_end: int, max_stem: int,
                    after_quote: bool = False) -> int | None:
    """Walk left over words until a governing word, punctuation or the line start.

    None when the walk runs past ``max_stem`` characters without a clear edge,
    or when the edge is a closing quote and the name's suffix is one the quoted
    extractor reads (“…”对标跨越行动); with ``after_quote`` a quoted epithet
    may precede the name (“雪山卫士”谭东生平事迹陈列馆). Verbs that govern a
    name are trimmed from its left.
    """
    gov = governing()
    kept: list[tuple[int, int]] = []
    inside = len(text)  # the opening bracket of a place in brackets the walk has passed
    for k, (b, e) in enumerate(pieces_before(words, stem_end)):
        if b >= inside:
            continue
        piece = text[b:e]
        if piece == "）" and (o := bracketed_place_open(text, b)) is not None:
            kept.append((o, e))  # 北方（沧州）跨境电商物流基地, 中国（安徽）科交会: the place belongs to the name
            inside = o
            continue
        if k < 2 and len(kept) == k and all(text[kb:ke] in gov for kb, ke in kept) and piece in gov \
                and piece not in FUNCTION_CHARS:
            # the name's own action, right before its suffix: 外贸主体培育工程, 消费品质提升行动,
            # 未来产业培育壮大工程
            kept.append((b, e))
            continue
        if text[max(0, b - 2):e] == "学习贯彻" or piece == "学习贯彻":
            kept.append((min(b, max(0, b - 2)) if piece == "贯彻" else b, e))
            break  # 学习贯彻…主题教育: the study campaign's name opens with its verbs
        if _COUNTED.search(piece) and not text[max(0, b - 1):b] == "第":
            break  # 24个, 3家: a count before a name, not part of it
        if piece in gov or piece in LOCALIZERS or not all(is_name_char(c) and c not in "+＋" for c in piece) or \
                ends_governing(text, e):
            if piece[-1:] in CLOSING or (piece in gov and text[b - 1:b] in CLOSING):
                # a name with a quoted part (“…”对标行动) is the quoted extractor's,
                # unless the quote is an epithet before a proper name
                if not (after_quote and kept and has_proper(text, words, kept[-1][0], stem_end)):
                    return None
            break
        if stem_end - b > max_stem:
            return None
        kept.append((b, e))
    leading = word_set("leading_verbs")
    while kept and (text[kept[-1][0]:kept[-1][1]] in leading or opens_no_name(text[kept[-1][0]:kept[-1][1]])):
        kept.pop()
    if all(text[b:e] in gov for b, e in kept):
        return None
    return kept[-1][0]


def bracketed_place_open(text: str, close: int) -> int | None:
    """Where ``（`` opens when text[..close] ends a place name in brackets right after a name's word."""
    o = text.rfind("（", max(0, close - 8), close)
    if o <= 0 or not is_name_char(text[o - 1]) or text[o + 1:close] not in place_names():
        return None
    return o


_QUANTIFIERS = re.compile(r"^(?:许多|若干|一些|有些|部分|各种|各类|众多|多个|一批|一系列|第.批|以上|以下|其中|有关|在建|续建|拟建)$")


def opens_no_name(word: str) -> bool:
    """True for a word a name never starts with: a quantifier (许多工程, 第二批自贸试验区), or a
    conjunction, preposition or pronoun jieba knows (以至, 对于, 这些)."""
    return bool(_QUANTIFIERS.match(word)) or (len(word) >= 2 and tag(word) in ("c", "p", "r"))


def ends_governing(text: str, pos: int) -> bool:
    """True when a governing word of two to five characters ends at ``pos``,
    however jieba cut it (做大做强, 高质量建设)."""
    gov = governing()
    return any(text[max(0, pos - n):pos] in gov for n in (2, 3, 4, 5))


def suffix_in_common_word(text: str, words: Words, suffix_begin: int) -> bool:
    """True when the suffix ends a dictionary word such as 乡村, 农村, 运河, 城镇."""
    i = words.index_at(suffix_begin)
    b, e = words.span(i)
    if b == suffix_begin:
        return False
    return tag(text[b:e]) not in PROPER_TAGS


FUNCTION_CHARS = set("以距至有于在为从自向到由与和及对把将被给让经沿临近离是的了和或等其各该本每全入个含爲於")
VERB_CHARS = set("看抓过打守爬登留来去到进出走")
EXTRA_CHAR_TAGS = {"nr", "m"}          # 李油坊, 郭家沟, 四棚: a surname or a numeral
DIRECTIONS = set("东西南北中上下前后大小新老")


def short_name_start(text: str, words: Words, stem_end: int, lo: int, hi: int) -> int | None:
    """The start of a short proper-name stem (a village's, a river's) ending at ``stem_end``.

    The stem is the word before the suffix, or two single characters where
    the segmenter found no word; one more character joins only when it is a
    surname, a numeral or a direction (李油坊村, 郭家沟屯, 北龙岗山脉).
    """
    gov, generic = governing(), generic_stems()
    pieces = []
    for b, e in pieces_before(words, stem_end):
        piece = text[b:e]
        if not all(is_name_char(c) and not c.isdigit() for c in piece) or piece in gov or \
                piece[-1] in PLACE_ENDS and pieces:
            break
        if len(piece) == 1 and piece in FUNCTION_CHARS:
            break
        pieces.append((b, piece))
        if len(pieces) == 3:
            break
    if not pieces:
        return None
    b0, first = pieces[0]
    if len(first) >= 2:
        if tag(first)[:1] in ("v", "p", "c", "d", "u", "r", "m") or first in generic:
            return None
        start, used = b0, 1
    elif len(pieces) >= 2 and len(pieces[1][1]) == 1:
        if tag(pieces[1][1])[:1] in ("p", "d", "c", "u", "r") or pieces[1][1] in VERB_CHARS:
            return None  # 在城镇, 看浙江, 打江山: a verb or preposition, not a name's first character
        start, used = pieces[1][0], 2
    else:
        return None
    if used < len(pieces):
        b, piece = pieces[used]
        if len(piece) == 1 and (tag(piece) in EXTRA_CHAR_TAGS or piece in DIRECTIONS or
                                (piece in word_set("surnames") and piece not in FUNCTION_CHARS)) \
                and stem_end - b <= hi:
            start = b
    while start > 0 and text[start] in MASK_CHARS and text[start - 1] in MASK_CHARS:
        start -= 1  # **古镇: the whole mask, not its last character
    stem = text[start:stem_end]
    if not lo <= len(stem) <= hi or stem in generic or any(c in "万千百亿江河湖山" for c in stem):
        return None  # 万企兴万村, 一江一河: a slogan or a list of features, not one name
    return start


def has_proper(text: str, words: Words, begin: int, end: int) -> bool:
    """True when text[begin:end] holds a proper name: a word jieba tags as a
    place, person, organisation or abbreviation, characters jieba does not
    know as a word (天齐, 遂甘), a mask (**), or Latin letters."""
    singles = 0
    for b, e in words.spans_between(begin, end):
        w = text[b:e]
        if any(c in MASK_CHARS or c.isascii() and c.isalpha() for c in w) or tag(w) in PROPER_TAGS - {"?"} \
                or w in place_names():
            return True
        singles = singles + 1 if len(w) == 1 and w not in FUNCTION_CHARS and not w.isdigit() else 0
        if singles >= 2:
            return True
    return False


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every name and short form of the place lexicon."""
    return frozenset(n for e in entries() if e.type == "Place" for n in (e.name, *e.aliases))


@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset[str]:
    """The characters of the standard transliteration of foreign names (kg/patterns/transliteration.tsv)."""
    return frozenset("".join(word_set("transliteration")))


def transliterated_start(text: str, end: int, most: int) -> int:
    """Start of the run of transliteration characters ending at ``end``, at most ``most`` long:
    foreign names and states are read leftwards from what follows them (先生, 州)."""
    chars, b = transliteration_chars(), end
    while b > 0 and end - b < most and text[b - 1] in chars:
        b -= 1
    return b
