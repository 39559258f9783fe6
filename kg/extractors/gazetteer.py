"""Names from the shipped lexicons, found in one Aho-Corasick pass."""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from kg.extractors import register
from kg.extractors.edges import FUNCTION_CHARS, place_names
from kg.lexicon import TOWN_ENDS, entries, stopwords, townships
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 50
ALIAS_PRIORITY = 35  # a short form yields to a suffix name it overlaps (三统河 over 河源)


# What an ambiguous surface needs around it to count: its entry's full name elsewhere in the
# document or a list of places (a county's short form), or a list of places (和县).
FULL_OR_LISTED, LISTED = "full or listed", "listed"


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    found: dict[str, set[tuple[str, str, str]]] = {}
    stop = stopwords()
    for e in entries():
        if e.type == "Industry":
            continue  # industries need their context: kg.extractors.industries
        # a county's short form (柳河 for 柳河县) is too ambiguous to trust alone, and so is a
        # two-character name opening with a conjunction or preposition (和县 in 干部和县的干部)
        county = e.type == "Place" and e.extra[:1] == ("county",)
        opens_function = e.type == "Place" and len(e.name) == 2 and e.name[0] in FUNCTION_CHARS
        for surface in (e.name, *e.aliases):
            if len(surface) >= 2 and surface not in stop:
                context = LISTED if opens_function else FULL_OR_LISTED if county and surface != e.name else ""
                found.setdefault(surface, set()).add((e.type, e.name, context))
    a = ahocorasick.Automaton()
    for surface, targets in found.items():
        a.add_word(surface, (len(surface), tuple(sorted(targets))))
    a.make_automaton()
    return a


_LIST_MARKS = set("、，。；：和与及等（）()")


def _listed_with_places(text: str, begin: int, end: int) -> bool:
    """True when a name stands in a list next to another place (巩义、永城、林州),
    not in a list of trees (杨树、榆树)."""
    places = place_names()
    # the neighbour is a place however the text goes on after it (、含山县同步推进)
    left = text[begin - 1:begin] == "、" and any(text[begin - 1 - k:begin - 1] in places for k in range(2, 7))
    right = text[end:end + 1] == "、" and any(text[end + 1:end + 1 + k] in places for k in range(2, 7))
    return left or right


_TOWN_END = re.compile("|".join(TOWN_ENDS))


def _townships(text: str, words: Words):
    """Townships by full name, read back from their last word (镇, 乡, 街道): 30,000 names in
    the automaton would slow every character's step for the few places they match."""
    towns = townships()
    for m in _TOWN_END.finditer(text):
        for k in range(6, 1, -1):
            b = m.end() - k - 1 if len(m.group()) == 1 else m.end() - k - 2
            name = text[max(b, 0):m.end()]
            if b >= 0 and name in towns and words.is_start(b) and \
                    (m.end() == len(text) or words.is_start(m.end())) and tag(name) in ("?", "ns"):
                yield Mention(b, m.end(), "Place", name, PRIORITY, "gazetteer")
                break  # a township named like a common word (小城镇) is met far more often as the word


@register("gazetteer")
def find(text: str, words: Words):
    """Every lexicon name or alias; two-character names only where jieba puts word boundaries."""
    yield from _townships(text, words)
    a = automaton()
    if len(a) == 0:
        return
    for last, (length, targets) in a.iter(text):
        begin, end = last - length + 1, last + 1
        starts, ends = words.is_start(begin), end == len(text) or words.is_start(end)
        # a place opening a proper name jieba knows whole (包头钢铁公司, 青海柴达木盆地) is named there
        opens_proper = length == 2 and starts and not ends and \
            tag(words.word(words.index_at(begin)))[:2] in ("nt", "ns", "nz")
        if (length == 2 and not (starts and ends) and not opens_proper) or not (starts or ends):
            continue  # 建成都市圈 does not name 成都市
        # 劳动法律法规, 教育部门: the name's last character makes a word with the next one
        glued = not ends and tag(text[end - 1:end + 1]) != "?"
        for type_, name, context in targets:
            if (glued or opens_proper) and type_ != "Place":
                continue  # (美国人民 still mentions 美国: a place's name is whole before 人, 国人 or not)
            is_alias = text[begin:end] != name
            if context and (context == LISTED or name not in text) and not _listed_with_places(text, begin, end):
                continue
            yield Mention(begin, end, type_, name, ALIAS_PRIORITY if is_alias else PRIORITY, "gazetteer")
