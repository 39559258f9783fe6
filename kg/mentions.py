"""Stage 3: mentions, the spans of text that name an entity.

Extractors only *find* candidate mentions; :mod:`kg.resolve` decides
overlaps and merges them into entities.
"""
from __future__ import annotations

from dataclasses import dataclass

# The eleven entity types of the spec, core types first.
CORE_TYPES = ("Place", "Park", "Hero", "Campaign", "Industry")
TYPES = CORE_TYPES + ("Concept", "Organization", "Site", "Person", "Event", "Policy")


@dataclass(frozen=True, order=True)
class Mention:
    """A candidate: text[begin:end] names the entity ``(type, name)``.

    ``name`` is the canonical name (a bracketed alias or a quoted short form
    carries the full name here). ``priority`` ranks candidates that overlap:
    lexicon matches and specific patterns outrank loose ones.
    """

    begin: int
    end: int
    type: str
    name: str
    priority: int = 0
    extractor: str = ""

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown entity type {self.type!r}; expected one of {', '.join(TYPES)}")
        if not 0 <= self.begin < self.end:
            raise ValueError(f"empty or negative span {self.begin}..{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.begin

    def surface(self, text: str) -> str:
        return text[self.begin:self.end]
