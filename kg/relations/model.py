"""What a relation is: two entities of one document, a predicate, and why.

A relation stated by the text carries the span of characters that states
it (``begin``/``end``, offsets into the document's text, covering both
names and the words between them); one taken from a data table (a county
inside its province) carries that table as its ``source`` instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.mentions import Mention
from kg.resolve import name_key

LOCATED_IN, COMMEMORATES, HAS_INDUSTRY = "locatedIn", "commemorates", "hasIndustry"
PREDICATES = (LOCATED_IN, COMMEMORATES, HAS_INDUSTRY)

# The entity types at each end (../shared/spec/relation-types.md).
DOMAINS = {
    LOCATED_IN: frozenset({"Place", "Park", "Site", "Organization"}),
    COMMEMORATES: frozenset({"Site"}),
    HAS_INDUSTRY: frozenset({"Place", "Park"}),
}
RANGES = {
    LOCATED_IN: frozenset({"Place"}),
    COMMEMORATES: frozenset({"Hero", "Person", "Event"}),
    HAS_INDUSTRY: frozenset({"Industry"}),
}


def entity_key(m: Mention) -> tuple[str, str]:
    """What names one entity within a build (see :func:`kg.pipeline.entity_resolver`)."""
    return (m.type, name_key(m.name))


@dataclass(frozen=True)
class Relation:
    """``subject predicate object``, between the entities two mentions name.

    ``subject`` and ``object`` are mentions of the document (the ones the
    evidence speaks of, or the entity's first mention for a fact from a
    table); ``entity_of`` turns them into entities.
    """

    predicate: str
    subject: Mention
    object: Mention
    finder: str
    begin: int | None = None     # the evidence span in the document's text
    end: int | None = None
    source: str | None = None    # the data behind a relation the text does not state

    def __post_init__(self):
        if self.predicate not in PREDICATES:
            raise ValueError(f"unknown relation {self.predicate!r}; expected one of {', '.join(PREDICATES)}")
        if (self.begin is None) != (self.end is None) or (self.begin is None and not self.source):
            raise ValueError("a relation needs an evidence span or a source")

    @property
    def key(self) -> tuple[str, tuple[str, str], tuple[str, str]]:
        """(predicate, subject entity, object entity): what the graph states."""
        return (self.predicate, entity_key(self.subject), entity_key(self.object))

    @property
    def stated(self) -> bool:
        return self.begin is not None

    def sort_key(self):
        return (self.key, self.begin if self.begin is not None else -1, self.end or -1, self.finder)
