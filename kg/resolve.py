"""Stage 4: decide overlapping candidates, then merge mentions into entities.

This is the one place where overlap policy lives. Nested mentions of
different entities are kept (``成渝地区双城经济圈`` also mentions
``成渝地区``); crossing mentions are decided by priority, then length.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable

from kg.entities import Entity
from kg.lexicon import stopwords
from kg.mentions import Mention

_QUOTES = re.compile(r"[“”‘’\"'「」『』《》〈〉\s]")


def clean_name(name: str) -> str:
    """A name as an entity label: quotation marks and blank space removed."""
    return _QUOTES.sub("", name)


def name_key(name: str) -> str:
    """What two spellings of one name share: NFKC, no quotes, spaces or enumeration commas
    (千村示范、万村整治工程 and 千村示范万村整治工程 are one campaign)."""
    return clean_name(unicodedata.normalize("NFKC", name)).replace("、", "")


def _rank(m: Mention):
    return (-m.priority, -m.length, m.begin, m.type, m.name)


MAX_MENTION = 120  # characters; longer candidates are never names


def _overlapping(index: list[tuple[int, int, int]], mentions: list[Mention], m: Mention):
    """Accepted mentions that overlap m; ``index`` is sorted (begin, end, position)."""
    lo = bisect.bisect_left(index, (m.begin - MAX_MENTION,))
    hi = bisect.bisect_left(index, (m.end,))
    for b, e, i in index[lo:hi]:
        if e > m.begin:
            yield mentions[i]


def resolve_mentions(text: str, candidates: Iterable[Mention]) -> tuple[Mention, ...]:
    """Choose a consistent set of mentions from overlapping candidates."""
    stop = stopwords()
    accepted: list[Mention] = []
    index: list[tuple[int, int, int]] = []
    for m in sorted(set(candidates), key=_rank):
        if m.length > MAX_MENTION or name_key(m.name) in stop or name_key(m.surface(text)) in stop:
            continue
        clash = False
        for a in _overlapping(index, accepted, m):
            nested = (a.begin <= m.begin and m.end <= a.end) or (m.begin <= a.begin and a.end <= m.end)
            if (a.begin, a.end) == (m.begin, m.end) or not nested:
                clash = True
            elif (a.type, name_key(a.name)) == (m.type, name_key(m.name)):
                clash = True  # the same entity named twice in one span: keep the longer
            elif a.type == m.type and a.extractor == m.extractor and a.priority >= m.priority \
                    and a.begin <= m.begin and m.end <= a.end and m.extractor not in LOOSE_EXTRACTORS:
                clash = True  # one pattern matching inside its own longer match
            if clash:
                break
        if not clash:
            bisect.insort(index, (m.begin, m.end, len(accepted)))
            accepted.append(m)
    return tuple(sorted(fold_bracket_aliases(text, drop_only_nested(accepted))))


# Lexicon names are found wherever their characters occur. One met only
# inside longer names of its own kind (成都平原 in 成都平原经济区), or a person
# met only inside the name of a doctrine (马克思 in 马克思主义), is part of
# those names, not a mention of its own. A place inside a park's name
# (周口 in 周口国家农高区) still locates it, and is kept.
LOOSE_EXTRACTORS = ("gazetteer",)
_ABSORBING = {"Person": ("Concept", "Policy", "Event", "Person")}


def drop_only_nested(mentions: list[Mention]) -> list[Mention]:
    index = sorted((m.begin, m.end, i) for i, m in enumerate(mentions))

    def absorbed(m: Mention, types: tuple[str, ...]) -> bool:
        return any(o.begin <= m.begin and m.end <= o.end and (o.begin, o.end) != (m.begin, m.end)
                   and o.type in types for o in _overlapping(index, mentions, m))
    free: set[tuple[str, str]] = set()
    for m in mentions:
        if m.extractor in LOOSE_EXTRACTORS:
            gone = absorbed(m, _ABSORBING.get(m.type, (m.type,)))
        else:  # a pattern's name inside a doctrine's (林田湖 in 山水林田湖草沙…) is an accident of the pattern
            gone = absorbed(m, ("Concept",))
        if not gone:
            free.add(entity_key(m))
    return [m for m in mentions if entity_key(m) in free]


_BRACKET = re.compile(r"[（(]([^（）()\n]{2,12})[）)]")
_NOT_ALIAS = re.compile(r"(?:段|部分|草案|试行|修订|暂行|征求意见稿|[0-9０-９]+年?|以下简称.*|简称.*)$|^[0-9０-９]")
_ALIASED_TYPES = {"Place", "Park", "Organization", "Site", "Campaign", "Policy", "Event"}
_NAME_ENDS = set("，。；：、,.;:!?！？等和与及\n）)”")


def fold_bracket_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """``天齐绿色低碳产业园（遂甘园区）``, ``中央党校（国家行政学院）``: the bracketed name is
    another name of the entity before it, here and wherever else the document uses it; of the
    whole name before it, never of a name nested in it (``中国`` in ``“购在中国（广西站）”``)."""
    alias_of: dict[str, tuple[str, str]] = {}
    found: list[Mention] = []
    by_span = {(m.begin, m.end): m for m in mentions}
    for m in mentions:
        b = _BRACKET.match(text, m.end)
        if not b or m.type not in _ALIASED_TYPES or (b.end() < len(text) and text[b.end()] not in _NAME_ENDS):
            continue
        if any(o.begin < m.begin and o.end >= m.end for o in mentions):
            continue  # a name nested in a longer one (购在中国（广西站）): the bracket is the longer name's
        inner = b.group(1).strip("“”\"'")
        if _NOT_ALIAS.search(inner) or any(c in "，、；：,;:" for c in inner):
            continue
        ib = b.start(1) + b.group(1).index(inner)
        alias_of[name_key(inner)] = (m.type, m.name)
        if (ib, ib + len(inner)) not in by_span:
            found.append(Mention(ib, ib + len(inner), m.type, m.name, m.priority, "aliases"))
    if not alias_of:
        return mentions
    out = []
    for m in list(mentions) + found:
        target = alias_of.get(name_key(m.name)) or alias_of.get(name_key(m.surface(text)))
        if target and target[1] != m.name and (m.type == target[0] or m.type in ("Place", "Park")):
            m = Mention(m.begin, m.end, target[0], target[1], m.priority, m.extractor)
        out.append(m)
    return out


# Names built on another name: a doctrine (马克思主义), a law (澳门特别行政区基本法), a body (北京市人民政府)
# or an event (澳门回归) named after a person or place. A site (伍先华旧居) or a zone (成渝地区双城经济圈)
# still mentions the hero or place it is named for, and those mentions count.
NAMED_AFTER_TYPES = ("Concept", "Policy", "Organization", "Event")


def outer_mentions(mentions: Iterable[Mention]) -> dict[Mention, Mention]:
    """Each mention lying inside a longer mention of another entity whose name is built on it
    (see ``NAMED_AFTER_TYPES``) -> the shortest such mention (马克思 -> 马克思主义). The nested one still
    mentions its entity and links it to the paragraph, as the spec asks; it is not counted as a
    mention of its own, so a doctrine does not make its namesake the most-mentioned person."""
    ms = sorted(mentions, key=lambda m: (m.begin, -m.end))
    out: dict[Mention, Mention] = {}
    open_: list[Mention] = []
    for m in ms:
        open_ = [o for o in open_ if o.end > m.begin]
        holders = [o for o in open_ if o.end >= m.end and (o.begin, o.end) != (m.begin, m.end)
                   and o.type in NAMED_AFTER_TYPES and entity_key(o) != entity_key(m)]
        if holders:
            out[m] = min(holders, key=lambda o: o.end - o.begin)
        open_.append(m)
    return out


def decide_types(mentions: Iterable[Mention]) -> dict[str, str]:
    """One type per name across a build: the type most strongly evidenced."""
    score: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        score[name_key(m.name)][m.type] += 1 + m.priority
    return {k: min(c, key=lambda t: (-c[t], t)) for k, c in score.items()}


def merge_entities(texts_and_mentions: Iterable[tuple[str, Iterable[Mention]]]) -> dict[tuple[str, str], Entity]:
    """Entities keyed by (type, name key), with the surfaces that name them."""
    labels: dict[tuple[str, str], Counter] = defaultdict(Counter)
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for text, mentions in texts_and_mentions:
        for m in mentions:
            key = (m.type, name_key(m.name))
            labels[key][clean_name(m.name)] += 1
            surfaces[key].add(clean_name(m.surface(text)))
    out = {}
    for key, counter in labels.items():
        label = min(counter, key=lambda s: (-counter[s], s))
        out[key] = Entity(key[0], label, tuple(sorted(surfaces[key] - {label})))
    return out


def entity_key(m: Mention) -> tuple[str, str]:
    return (m.type, name_key(m.name))
