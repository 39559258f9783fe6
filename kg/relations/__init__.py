"""Stage 4b: relations between the entities a document names.

Finders only *find* candidate relations; each is one idea, registered by
name in ``REGISTRY`` like the entity extractors. :func:`kg.relations.resolve.resolve`
is the one place that decides: types at both ends, one relation per
(subject, predicate, object) with its best evidence, fallbacks only where
nothing better placed the subject.

    from kg.relations import find_relations
    rels = find_relations(result)        # a DocumentResult whose types are decided
"""
from __future__ import annotations

from typing import Callable, Iterable

from kg.relations.model import (COMMEMORATES, DOMAINS, HAS_INDUSTRY, LOCATED_IN, PREDICATES, RANGES,
                                Relation, entity_key)
from kg.relations.view import DocumentView, view

Finder = Callable[[DocumentView], Iterable[Relation]]

REGISTRY: dict[str, Finder] = {}
# Finders whose relations count only where no other finder placed the subject.
FALLBACKS: set[str] = set()


def register(name: str, fallback: bool = False):
    def deco(fn: Finder) -> Finder:
        REGISTRY[name] = fn
        if fallback:
            FALLBACKS.add(name)
        return fn
    return deco


def find_relations(result, names: Iterable[str] | None = None) -> tuple[Relation, ...]:
    """The decided relations of one document (a :class:`kg.pipeline.DocumentResult`
    whose mention types are final), from every finder or the ``names`` given."""
    return relate(result, names)[0]


def relate(result, names: Iterable[str] | None = None) -> tuple[tuple[Relation, ...], tuple[tuple[str, str], ...]]:
    """The document's relations, and (place name, division code) for each place
    name the document decides a division for."""
    v = view(result.document.text, result.mentions, result.sections, result.document.title)
    codes = tuple(sorted((v.first[k].name, d.code) for k, d in v.division.items()))
    return find_in_view(v, names), codes


def find_in_view(v: DocumentView, names: Iterable[str] | None = None) -> tuple[Relation, ...]:
    from kg.relations.resolve import resolve

    found: list[Relation] = []
    for name in (sorted(REGISTRY) if names is None else names):
        try:
            finder = REGISTRY[name]
        except KeyError:
            raise KeyError(f"no relation finder named {name!r}; known: {', '.join(sorted(REGISTRY))}") from None
        found.extend(finder(v))
    return resolve(found, lambda r: r.predicate != LOCATED_IN or v.rank(r.object) is not None
                   or v.is_home(r.object))


__all__ = ["COMMEMORATES", "DOMAINS", "FALLBACKS", "HAS_INDUSTRY", "LOCATED_IN", "PREDICATES", "RANGES",
           "REGISTRY", "Relation", "entity_key", "find_in_view", "find_relations", "register", "relate"]

# importing the modules registers their finders
from kg.relations import hierarchy, home, industries, located, memorials, names, regions  # noqa: E402,F401
