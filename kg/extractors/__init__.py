"""Extractors find candidate mentions; each is one idea, registered by name.

An extractor is a function ``(text, words) -> Iterable[Mention]``. The
registry is a plain dict so a user can list, pick or add extractors.
"""
from __future__ import annotations

from typing import Callable, Iterable

from kg.mentions import Mention
from kg.segment import Words

Extractor = Callable[[str, Words], Iterable[Mention]]

REGISTRY: dict[str, Extractor] = {}


def register(name: str):
    def deco(fn: Extractor) -> Extractor:
        REGISTRY[name] = fn
        return fn
    return deco


def get(name: str) -> Extractor:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no extractor named {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def find_mentions(text: str, words: Words, names: Iterable[str] | None = None) -> list[Mention]:
    """Candidates from every registered extractor (or the ``names`` given)."""
    out: list[Mention] = []
    for name in (sorted(REGISTRY) if names is None else names):
        out.extend(get(name)(text, words))
    return out


# importing the modules registers their extractors
from kg.extractors import (events, foreign, gazetteer, heroes, industries, lists, masks, organizations,  # noqa: E402,F401
                           people, quoted, sites, suffixes, titles)
