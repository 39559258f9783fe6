"""Names recognised by the word that ends them: ``青岭村``, ``遂潼天然气综合利用产业园``,
``中小企业工程款清欠攻坚行动``, ``重点工程建设项目指挥部``.

The suffix table ``kg/patterns/suffixes.tsv`` says which type each suffix
gives and how far left the name may reach.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import PROPER_TAGS, generic_stems, long_name_start, short_name_start, suffix_in_common_word
from kg.lexicon import table
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = {"short": 40, "long": 30}


@lru_cache(maxsize=1)
def _suffixes():
    rows = [(s, t, mode, int(lo), int(hi)) for s, t, mode, lo, hi in table("suffixes")]
    pattern = re.compile("|".join(sorted((re.escape(r[0]) for r in rows), key=len, reverse=True)))
    return {r[0]: r for r in rows}, pattern


@register("suffixes")
def find(text: str, words: Words):
    rows, pattern = _suffixes()
    generic = generic_stems()
    for m in pattern.finditer(text):
        # overlapping suffixes (园区 inside 产业园区) each get their chance
        for suffix in {m.group()} | {s for s in rows if m.group().endswith(s) and s != m.group()}:
            sb = m.end() - len(suffix)
            _, type_, mode, lo, hi = rows[suffix]
            if mode == "short":
                if suffix_in_common_word(text, words, sb) or (m.end() < len(text) and not words.is_start(m.end())):
                    continue
                start = short_name_start(text, words, sb, lo, hi)
            else:
                if m.end() < len(text) and not words.is_start(m.end()):
                    continue
                start = long_name_start(text, words, sb, hi)
            if start is None or sb - start < lo or text[start:sb] in generic:
                continue
            name = text[start:m.end()]
            if len(name) <= 4 and tag(name) not in PROPER_TAGS:
                continue  # a dictionary word such as 小城镇, 新农村
            yield Mention(start, m.end(), type_, name, PRIORITY[mode], "suffixes")
