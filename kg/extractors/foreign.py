"""Foreign states and provinces written in the standard transliteration: ``艾奥瓦州``,
``加利福尼亚州``. The characters are those of foreign personal names
(``kg/patterns/transliteration.tsv``); Chinese prefectures ending in 州 are in the
gazetteer, and a run of transliteration characters is rarely a Chinese word."""
from __future__ import annotations

import re

from kg.extractors import register
from kg.extractors.edges import place_names, transliterated_start
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 40


@register("foreign")
def find(text: str, words: Words):
    places = place_names()
    for m in re.finditer("州", text):  # from each 州 leftwards: cheaper than a pattern tried everywhere
        b = transliterated_start(text, m.start(), 7)
        name = text[b:m.end()]
        if not 3 <= m.start() - b <= 6 or name in places or not words.is_start(b) or \
                tag(name[:-1])[:1] in ("v", "a", "d"):
            continue
        yield Mention(b, m.end(), "Place", name, PRIORITY, "foreign")
