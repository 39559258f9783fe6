"""The document's own place: what a province's report or a district's speech
presents as its own work lies in that place, and its industries are that
place's (the implied subject of 全省/全区/我们 sentences)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import entries
from kg.relations import register
from kg.relations.model import HAS_INDUSTRY, LOCATED_IN, Relation, entity_key
from kg.relations.names import AROUND
from kg.relations.view import is_masked, place_kinds

# Bodies of the whole country or party: not one place's own.
NATIONAL_HEADS = ("中国", "中华", "中共", "中央", "全国", "国务院", "党中央", "国家")
# Bodies that are groups of people rather than institutions of a place (a touring team, an alliance).
GROUP_TAILS = ("宣讲团", "代表团", "艺术团", "考察团", "访问团", "服务团", "志愿团", "联盟", "共富圈", "协会", "学会", "委员会")
RIVER_TAILS = ("河", "江", "溪", "川")
# Lines drawn across regions: a railway, highway, shipping or freight-train route named by its ends.
LINE_TAILS = re.compile(r"(?:城际铁路|高速铁路|铁路|高铁|高速公路|高速|客专|快速路|航线|班列)$")


def _lexicon_names(type_: str) -> frozenset[str]:
    return frozenset(n for e in entries() if e.type == type_ for n in (e.name, *e.aliases))


_CENTRAL = None


def _central() -> frozenset[str]:
    global _CENTRAL
    if _CENTRAL is None:
        _CENTRAL = _lexicon_names("Organization") | _lexicon_names("Site") | _lexicon_names("Park")
    return _CENTRAL


def _abbreviation_heads(v) -> frozenset[str]:
    home = v.division.get(entity_key(v.home)) if v.home else None
    return _heads_within(home.code) if home is not None else frozenset()


@lru_cache(maxsize=64)
def _heads_within(code: str) -> frozenset[str]:
    """First characters of the cities and counties inside a division."""
    from kg import divisions

    home = divisions.get(code)
    out = set()
    for name, kind in place_kinds().items():
        if kind in ("city", "county"):
            for d in divisions.by_name(name):
                if divisions.contains(home, d):
                    out.add(name[0])
    return frozenset(out)


def _own(v, m, heads) -> bool:
    if m.type == "Place":
        if m.name.endswith(RIVER_TAILS):
            return False  # a river is placed only where the text says so (镇域内有红石河)
        if is_masked(m.name) or place_kinds().get(m.name) not in (None, "lake"):
            return bool(v.inside_home(m))
        inside = v.inside_home(m)
        if inside is not None:
            return inside
        if AROUND.search(m.name):  # an area drawn around a centre: the centre must be the home's (not 首都都市圈)
            return _headed_by_own_division(v, m.name)
        # a region the text draws (郑州都市圈, 豫东平原) is the home's only in a province's document
        return v.rank(v.home) == 1 or v.rank(m) is not None
    if m.name in _central():
        return False
    if m.type == "Organization" and (m.name.startswith(NATIONAL_HEADS) or m.name.endswith(GROUP_TAILS)):
        return False
    line = LINE_TAILS.search(m.name)
    if line:
        stem = m.name[: line.start()]
        return len(stem) >= 2 and all(c in heads for c in stem[:2])
    return True


def _headed_by_own_division(v, name: str) -> bool:
    from kg import divisions

    home = v.division.get(entity_key(v.home))
    return home is not None and any(divisions.contains(home, d) for k in (2, 3, 4) for d in divisions.by_name(name[:k]))


@register("home_members", fallback=True)
def home_members(v):
    """Places, parks, sites and organisations of the document, not placed by
    anything else, lie in its own place."""
    if v.home is None:
        return
    heads = None
    for k, m in v.first.items():
        if m.type not in ("Place", "Park", "Site", "Organization") or v.is_home(m):
            continue
        if heads is None:
            heads = _abbreviation_heads(v)
        if _own(v, m, heads):
            yield Relation(LOCATED_IN, m, v.home, "home_members", m.begin, m.end)


@register("home_industries")
def home_industries(v):
    """Every industry a local document names is its own place's."""
    if v.home is None:
        return
    for k, m in v.first.items():
        if m.type == "Industry":
            yield Relation(HAS_INDUSTRY, v.home, m, "home_industries", m.begin, m.end)
