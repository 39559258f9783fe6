"""Document titles in 《》 (or 〈〉): a law, regulation, plan or programme
document is a Policy (``党中央下发的《意见》``, ``《中华人民共和国青藏高原生态保护法》``);
books, films and periodicals are none of our types and are left alone."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.lexicon import alternation, word_set
from kg.mentions import Mention
from kg.segment import Words

PRIORITY = 65
_TITLE = re.compile(r"[《〈]([^《》〈〉\n]{2,60})[》〉]")


@lru_cache(maxsize=1)
def _ending() -> re.Pattern:
    alt = alternation(word_set("policy_words"))
    return re.compile(rf"(?:{alt})(?:[（(][^）)]*[）)])?$")


@register("titles")
def find(text: str, words: Words):
    for m in _TITLE.finditer(text):
        inner = m.group(1).strip()
        if inner and _ending().search(inner):
            b = m.start(1) + m.group(1).index(inner)
            yield Mention(b, b + len(inner), "Policy", inner, PRIORITY, "titles")
