"""Names of bodies by their suffix and a proper stem: ``西湖大学``, ``宁波职业技术大学``,
``鞍山钢铁公司``, ``长三角安全人工智能安徽省实验室``, ``美国商会``, ``省物流集团``;
and the short names of companies in a list the document closes as leading
companies: ``牧原、宇通、华兰等一批龙头企业``.

The table ``kg/patterns/organization_suffixes.tsv`` gives the suffixes and the
stem each needs (:mod:`kg.extractors.stems`); a category (``高水平大学``,
``全国重点实验室``, ``行业协会``) has no proper stem and is not a name.
"""
from __future__ import annotations

import re

from kg.extractors import register
from kg.extractors.edges import generic_stems, long_name_start
from kg.extractors.stems import PRIORITY_LONG, find_named
from kg.mentions import Mention
from kg.segment import Words

# A list closed by 等(一批)龙头/头部/领军/链主企业 names companies; 等企业 alone
# closes lists of sectors as often (采煤、发电、冶炼、化工等企业).
_LEADING_COMPANIES = re.compile(r"等(?:一批|一大批|多家)?(?:龙头|头部|领军|链主|骨干|知名|领航)企业")
_LIST_BEFORE = re.compile(r"(?:[^、，。；：！？\s“”（）()]{2,8}、)+[^、，。；：！？\s“”（）()]{2,8}$")
# an item that ends like a sector or a business (火箭总装测试, 卫星研发制造) names no company
_NOT_COMPANY = re.compile(r"[0-9０-９]|(?:产业|行业|企业|领域|经济|制造|服务|测试|研发|应用|开发|加工|生产|装备|材料|"
                          r"设备|配套|物流|贸易|[业区村镇县市省])$")


def listed_companies(text: str, words: Words):
    """The items of a list of leading companies: 支持超聚变、中创智领、许继、平高等领军企业."""
    for close in _LEADING_COMPANIES.finditer(text):
        lead = max(0, close.start() - 120)
        m = _LIST_BEFORE.search(text, lead, close.start())
        if not m:
            continue
        items, pos = [], m.start()
        for item in m.group().split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        first_end = items[0][1]
        edge = long_name_start(text, words, first_end, 8)   # 依托|曙光: the list's verb is no name
        if edge is None:
            items = items[1:]
        else:
            items[0] = (edge, first_end)
        for b, e in items:
            name = text[b:e]
            if len(name) >= 2 and not _NOT_COMPANY.search(name) and name not in generic_stems():
                yield Mention(b, e, "Organization", name, PRIORITY_LONG, "organizations")


@register("organizations")
def find(text: str, words: Words):
    yield from find_named(text, words, "organization_suffixes", "organizations")
    yield from listed_companies(text, words)
