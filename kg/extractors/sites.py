"""Names of built works by their suffix: memorials and museums (``伍先华旧居``,
``谭东生平事迹陈列馆``) and infrastructure named by a proper stem, by its end
points or by the initials of the cities it joins (``临河至哈密铁路``,
``甬金衢上高速公路``, ``宁波舟山港``, ``天津引滦输水工程``).

The table ``kg/patterns/site_suffixes.tsv`` gives the suffixes and the stem
each needs (:mod:`kg.extractors.stems`). Bare proper items of a list share the
last item's suffix (``石雄、雄忻铁路``); common words do not
(``公路、铁路、港口、航道、机场`` names nothing).
"""
from __future__ import annotations

from kg.extractors import register
from kg.extractors.stems import find_named
from kg.segment import Words


@register("sites")
def find(text: str, words: Words):
    return find_named(text, words, "site_suffixes", "sites", share=True)
