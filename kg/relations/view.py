"""One document as the relation finders read it: its text, its decided
mentions, sentences and clauses, the administrative division of each
place name, and the document's own place.

Built once per document (:func:`view`); every finder reads the same view.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg import divisions
from kg.lexicon import entries
from kg.mentions import Mention
from kg.relations.model import entity_key
from kg.sections import PARAGRAPH, SENTENCE

_MASK = re.compile(r"[*＊×XxＸ○〇某]{1,3}")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
# 全省/我省/本省 …: the document speaks as the place of that level.
# (not 本市场, 全区域, 全省份: the level word must end the word)
_SELF_REFERENCE = re.compile(r"(?:全|我|本)(省|市|区|县|镇|乡|村|州|旗)(?![场域份级长委属内外])")
OPENING = 300   # characters: a speech names its own place at the start
# Places a title names without being the document's subject: a venue in brackets, a news dateline.
_TITLE_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)|新华社[^\s，。]{0,8}")
# How deep a name's last character puts a place, for names the division table lacks.
_RANK = {"省": 1, "市": 2, "州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3, "镇": 4, "乡": 4, "街道": 4,
         "村": 5, "屯": 5, "社区": 5}
_LEVEL_RANK = {"province": 1, "city": 2, "county": 3, "town": 4}


@lru_cache(maxsize=None)
def place_kinds() -> dict[str, str]:
    """Place lexicon name or alias -> its kind (province … river, lake, country, region)."""
    out: dict[str, str] = {}
    for e in entries():
        if e.type == "Place" and e.extra:
            for n in (e.name, *e.aliases):
                out.setdefault(n, e.extra[0])
    return out


def is_masked(name: str) -> bool:
    return bool(_MASK.search(name))


def suffix_rank(name: str) -> int | None:
    for suffix in ("社区", "街道"):
        if name.endswith(suffix):
            return _RANK[suffix]
    return _RANK.get(name[-1:]) if len(name) >= 2 else None


@dataclass
class DocumentView:
    text: str
    mentions: tuple[Mention, ...]
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]
    title: str = ""
    _starts: list[int] = field(init=False, repr=False)
    _mention_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self):
        self._starts = [b for b, _ in self.sentences]
        self._mention_starts = [m.begin for m in self.mentions]

    # ---- where a position lies
    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos + 1)

    def paragraph(self, pos: int) -> tuple[int, int]:
        for b, e in self.paragraphs:
            if b <= pos < e:
                return (b, e)
        return self.sentence(pos)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between commas, semicolons, colons or sentence ends."""
        b = pos
        while b > 0 and not _CLAUSE_END.match(self.text, b - 1):
            b -= 1
        m = _CLAUSE_END.search(self.text, pos)
        return (b, m.start() if m else len(self.text))

    def in_span(self, span: tuple[int, int], types=None) -> list[Mention]:
        """The mentions inside ``span``, in text order."""
        b, e = span
        out = []
        for i in range(bisect.bisect_left(self._mention_starts, b), len(self.mentions)):
            m = self.mentions[i]
            if m.begin >= e:
                break
            if m.end <= e and (types is None or m.type in types):
                out.append(m)
        return out

    # ---- entities
    @cached_property
    def first(self) -> dict[tuple[str, str], Mention]:
        """Each entity's first mention."""
        out: dict[tuple[str, str], Mention] = {}
        for m in self.mentions:
            out.setdefault(entity_key(m), m)
        return out

    @cached_property
    def by_entity(self) -> dict[tuple[str, str], tuple[Mention, ...]]:
        """Each entity's mentions, in text order."""
        out: dict[tuple[str, str], list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(entity_key(m), []).append(m)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def counts(self) -> Counter:
        return Counter(entity_key(m) for m in self.mentions)

    @cached_property
    def division(self) -> dict[tuple[str, str], divisions.Division]:
        """Place entities -> their administrative division, where the document decides it."""
        places = {m.name: k for k, m in self.first.items() if m.type == "Place"}
        decided = divisions.resolve(places)
        return {places[n]: d for n, d in decided.items()}

    def rank(self, m: Mention) -> int | None:
        """How deep a place sits: 1 province … 5 village; None for regions, rivers, countries."""
        d = self.division.get(entity_key(m))
        if d is not None:
            return _LEVEL_RANK[d.level]
        if place_kinds().get(m.name) not in (None, "province", "city", "county", "town"):
            return None
        return suffix_rank(m.name)

    @cached_property
    def home(self) -> Mention | None:
        """The document's own place: a Chinese place its title names (not a venue in
        brackets or a dateline; the deepest, then the most mentioned), else the
        place of the level its 全省/我区/本镇 words speak for, named in its opening."""
        start = self.text.find(self.title) if self.title else -1
        if start >= 0:
            end = start + len(self.title)
            asides = [(m.start() + start, m.end() + start) for m in _TITLE_ASIDE.finditer(self.title)]
            title = [m for m in self.mentions if m.type == "Place" and start <= m.begin and m.end <= end
                     and not any(b <= m.begin < e for b, e in asides) and self._own_candidate(m)]
            if title:
                # the deepest: 吉林省柳河县红石镇 is about the town, its parents qualify it
                return self.first[max((self.rank(m) or 0, self.counts[entity_key(m)], -m.begin, entity_key(m))
                                      for m in title)[3]]
        levels = Counter(m.group(1) for m in _SELF_REFERENCE.finditer(self.text))
        for level, _ in levels.most_common():
            cands = [m for m in self.first.values() if m.type == "Place" and m.name.endswith(level)
                     and m.begin < max(start, 0) + len(self.title) + OPENING and self._own_candidate(m)]
            if cands:
                return max(cands, key=lambda m: (self.counts[entity_key(m)], -m.begin))
        return None

    def _own_candidate(self, m: Mention) -> bool:
        """A Chinese administrative place (a foreign city, a country, a region is no document's own)."""
        return is_masked(m.name) or self.rank(m) is not None

    def is_home(self, m: Mention) -> bool:
        return self.home is not None and entity_key(m) == entity_key(self.home)

    def inside_home(self, m: Mention) -> bool | None:
        """Whether a place lies within the document's own place: True, False, or None (unknown)."""
        home = self.home
        if home is None or self.is_home(m):
            return False
        dh, dm = self.division.get(entity_key(home)), self.division.get(entity_key(m))
        if dh is not None and dm is not None:
            return divisions.contains(dh, dm)
        rh, rm = self.rank(home), self.rank(m)
        if rh is not None and rm is not None and rm <= rh:
            return False
        return None


def view(text: str, mentions, sections, title: str = "") -> DocumentView:
    sents = tuple(sorted((s.begin, s.end) for s in sections if s.kind == SENTENCE))
    paras = tuple(sorted((s.begin, s.end) for s in sections if s.kind == PARAGRAPH))
    return DocumentView(text, tuple(sorted(mentions)), sents, paras, title)
