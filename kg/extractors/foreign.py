"""Foreign states and provinces written in the standard transliteration: ``艾奥瓦州``,
``加利福尼亚州``. The characters are those of foreign personal names
(``kg/patterns/transliteration.tsv``); Chinese prefectures ending in 州 are in the
gazetteer, and a run of transliteration characters is rarely a Chinese word."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import place_names
from kg.lexicon import word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 40


@lru_cache(maxsize=1)
def _state() -> re.Pattern:
    chars = "".join(word_set("transliteration"))
    return re.compile(rf"(?<![{chars}])[{chars}]{{3,6}}州")


@register("foreign")
def find(text: str, words: Words):
    places = place_names()
    for m in _state().finditer(text):
        name = m.group()
        if name in places or not words.is_start(m.start()) or tag(name[:-1])[:1] in ("v", "a", "d"):
            continue
        yield Mention(m.start(), m.end(), "Place", name, PRIORITY, "foreign")
