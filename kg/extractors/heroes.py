"""Heroes named after their title: ``抗美援朝一级爆破英雄伍先华``,
``全国公安系统一级英雄模范“雪山卫士”谭东``. A quoted epithet between the
title and the name is skipped; the name is two or three characters, bounded
by what may follow a name (``旧居``, ``生平``, ``同志``, punctuation)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.lexicon import alternation, word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 55
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _titles() -> re.Pattern:
    alt = alternation(word_set("hero_titles"))
    return re.compile(rf"(?:{alt})(?:[“「『\"][^”」』\"\n]{{1,8}}[”」』\"])?")


def name_at(text: str, pos: int) -> str | None:
    followers = sorted(word_set("name_after"), key=len, reverse=True)
    for n in (2, 3):
        cand = text[pos:pos + n]
        if len(cand) == n and all(_HAN.match(c) for c in cand):
            rest = text[pos + n:]
            if not rest or any(rest.startswith(f) for f in followers):
                return cand
    return None


@register("heroes")
def find(text: str, words: Words):
    for m in _titles().finditer(text):
        name = name_at(text, m.end())
        if name and name[0] in word_set("surnames") and tag(name)[:2] in ("?", "nr"):
            yield Mention(m.end(), m.end() + len(name), "Hero", name, PRIORITY, "heroes")
