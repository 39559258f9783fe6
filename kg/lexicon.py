"""Lexicons and pattern tables shipped as package data (``kg/lexicons/*.tsv``).

Each lexicon file holds the names of one entity type: ``name<TAB>aliases``
(aliases ``|``-separated), extra columns ignored, ``#`` lines comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# lexicon file stem -> entity type
LEXICON_FILES = {
    "place": "Place", "park": "Park", "hero": "Hero", "campaign": "Campaign",
    "industry": "Industry", "concept": "Concept", "organization": "Organization",
    "site": "Site", "person": "Person", "event": "Event", "policy": "Policy",
}


@dataclass(frozen=True)
class Entry:
    type: str
    name: str
    aliases: tuple[str, ...]
    extra: tuple[str, ...] = ()


def _rows(package: str, filename: str):
    path = resources.files(package).joinpath(filename)
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    out = []
    for stem, type_ in LEXICON_FILES.items():
        for cols in _rows("kg.lexicons", f"{stem}.tsv"):
            cols += ["", ""]
            aliases = tuple(a.strip() for a in cols[1].split("|") if a.strip() and a.strip() != cols[0])
            out.append(Entry(type_, cols[0], aliases, tuple(cols[2:])))
    return tuple(out)


TOWN_ENDS = ("镇", "乡", "街道", "苏木")


@lru_cache(maxsize=None)
def townships() -> frozenset[str]:
    """Full names of the townships of the division table (kg/lexicons/divisions.tsv) that
    place.tsv does not list: a town absent from any hand-made list is still a name the text can
    be checked against (龙凤镇, 望京街道); a bare stem (龙凤) would match ordinary words."""
    known = {n for e in entries() if e.type == "Place" for n in (e.name, *e.aliases)}
    return frozenset(cols[1] for cols in _rows("kg.lexicons", "divisions.tsv")
                     if len(cols) >= 3 and cols[2] == "town" and cols[1].endswith(TOWN_ENDS)
                     and len(cols[1]) >= 3 and cols[1] not in known)


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    return frozenset(cols[0] for cols in _rows("kg.lexicons", "stopwords.tsv"))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a pattern table ``kg/patterns/NAME.tsv``."""
    rows = tuple(tuple(cols) for cols in _rows("kg.patterns", f"{name}.tsv"))
    if not rows:
        raise FileNotFoundError(f"pattern table {name!r} is missing or empty (kg/patterns/{name}.tsv)")
    return rows


def alternation(words) -> str:
    """A regex alternation of words, longest first, so the longest one matches."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The first column of a pattern table, as a set of words."""
    return frozenset(r[0] for r in table(name))
