"""Regions inside one province (``regions.tsv``, general knowledge): 雄安新区 lies in
河北省, 鄱阳湖 in 江西省, where the document names both."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from kg.relations import register
from kg.relations.model import LOCATED_IN, Relation

SOURCE = "kg/relations/regions.tsv: regions wholly inside one province (general knowledge)"


@lru_cache(maxsize=1)
def province_of() -> dict[str, str]:
    text = resources.files("kg.relations").joinpath("regions.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {r[0].strip(): r[1].strip() for r in rows}


@register("region_table")
def region_table(v):
    table = province_of()
    provinces = {d.name: v.first[k] for k, d in v.division.items() if d.level == "province"}
    for k, m in v.first.items():
        name = table.get(m.name) or table.get(v.text[m.begin:m.end])
        if name and name in provinces:
            yield Relation(LOCATED_IN, m, provinces[name], "region_table", source=SOURCE)
