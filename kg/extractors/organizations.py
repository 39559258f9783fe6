"""Names of bodies by their suffix and a proper stem: ``西湖大学``, ``宁波职业技术大学``,
``鞍山钢铁公司``, ``长三角安全人工智能安徽省实验室``, ``美国商会``, ``省物流集团``.

The table ``kg/patterns/organization_suffixes.tsv`` gives the suffixes and the
stem each needs (:mod:`kg.extractors.stems`); a category (``高水平大学``,
``全国重点实验室``, ``行业协会``) has no proper stem and is not a name.
"""
from __future__ import annotations

from kg.extractors import register
from kg.extractors.stems import find_named
from kg.segment import Words


@register("organizations")
def find(text: str, words: Words):
    return find_named(text, words, "organization_suffixes", "organizations")
