"""The one place where candidate relations are decided."""
from __future__ import annotations

from kg.relations import FALLBACKS
from kg.relations.model import DOMAINS, LOCATED_IN, RANGES, Relation


def _better(a: Relation, b: Relation) -> bool:
    """Whether ``a`` is better evidence than ``b``: stated beats tabled, then earlier, then shorter."""
    if a.stated != b.stated:
        return a.stated
    if not a.stated:
        return a.sort_key() < b.sort_key()
    return (a.begin, a.end - a.begin, a.finder) < (b.begin, b.end - b.begin, b.finder)


def resolve(found, settles=lambda r: True) -> tuple[Relation, ...]:
    """Well-typed relations, one per (predicate, subject, object) with its best
    evidence; a fallback finder's only for subjects that no other finder
    related in a way that ``settles`` them (a place in a wide region is not
    thereby placed); no relation between an entity and itself, no place
    inside what it contains."""
    typed = [r for r in found
             if r.subject.type in DOMAINS[r.predicate] and r.object.type in RANGES[r.predicate]
             and r.key[1] != r.key[2]]
    placed = {(r.predicate, r.key[1]) for r in typed if r.finder not in FALLBACKS and settles(r)}
    best: dict = {}
    for r in typed:
        if r.finder in FALLBACKS and (r.predicate, r.key[1]) in placed:
            continue
        cur = best.get(r.key)
        if cur is None or _better(r, cur):
            best[r.key] = r
    # two places each inside the other: the table decides, else neither is kept
    for key, r in list(best.items()):
        if key[0] != LOCATED_IN:
            continue
        back = best.get((LOCATED_IN, key[2], key[1]))
        if back is not None and key in best:
            if r.stated == back.stated:
                del best[key], best[back.key]
            else:
                del best[(r if r.stated else back).key]
    return tuple(sorted(best.values(), key=Relation.sort_key))
