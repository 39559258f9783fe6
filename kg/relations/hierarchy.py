"""Administrative fact: a place lies in the nearest of its divisions' ancestors
that the document also names (延吉市 in 吉林省), from the division code table,
whether or not the text says so. Masked names (``**区``) never take part."""
from __future__ import annotations

from kg import divisions
from kg.relations import register
from kg.relations.model import LOCATED_IN, Relation


@register("division_table")
def division_table(v):
    named = {d.code: k for k, d in v.division.items()}
    for k, d in v.division.items():
        for a in divisions.ancestors(d):
            if a.code in named:
                yield Relation(LOCATED_IN, v.first[k], v.first[named[a.code]], "division_table",
                               source=divisions.SOURCE)
                break
