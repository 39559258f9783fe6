"""A place written before a name: ``合肥滨湖科学城`` lies in 合肥, ``绍兴黄酒`` is
an industry of 绍兴, ``通化县四棚乡`` puts 四棚乡 in 通化县.
"""
from __future__ import annotations

import re

from kg.relations import register
from kg.relations.model import DOMAINS, HAS_INDUSTRY, LOCATED_IN, Relation, entity_key
from kg.relations.view import place_kinds
from kg.lexicon import entries

# Level words a short form drops (郑州市 -> 郑州, 雄安新区 -> 雄安).
# Towns and villages keep theirs: 柳条 is no short form of 柳条屯 (柳条沟 is another place).
LEVEL_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
                  "新区", "地区", "省", "市", "县", "区", "旗", "盟", "州")
# The country's own name before a name marks a national body or brand (中国农科院), not a location.
NATIONAL = frozenset({"中国", "中华人民共和国", "全国", "国家"})
# Names of areas drawn around a place (郑州都市圈): the place is their centre, not their parent.
AROUND = re.compile(r"(?:都市圈|经济圈|城市圈|生活圈|经济带|产业带|城市群|一体化|协同|同城化|地区|区域|毗邻)")
# What may stand between a place and the name it holds: nothing, 的, an opening quote.
_JOINER = re.compile(r"^的?[“「『\"]?$")
# Places whose kind makes them no parent by being written first (a river, a sea).
NOT_PARENT_KINDS = frozenset({"river", "area", "mountain"})


def _aliases() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for e in entries():
        if e.type == "Place":
            out[e.name] = e.aliases
    return out


_ALIAS_CACHE: dict[str, tuple[str, ...]] = {}


def short_forms(v, place) -> set[str]:
    """The ways a place's name is written at the head of a longer name."""
    if not _ALIAS_CACHE:
        _ALIAS_CACHE.update(_aliases())
    forms = {place.name, *_ALIAS_CACHE.get(place.name, ())}
    forms |= {v.text[m.begin:m.end] for m in v.by_entity[entity_key(place)]}
    for f in list(forms):
        for suffix in LEVEL_SUFFIXES:
            if f.endswith(suffix) and len(f) - len(suffix) >= 2:
                forms.add(f[: -len(suffix)])
                break
    return {f for f in forms if len(f) >= 2}


def _parents(v) -> dict[str, object]:
    """Short form -> the place it names (the first place in sorted order on a clash)."""
    out: dict[str, object] = {}
    for k, p in sorted(v.first.items()):
        if p.type != "Place" or p.name in NATIONAL or place_kinds().get(p.name) in NOT_PARENT_KINDS \
                or p.name.endswith("洲"):  # 亚洲协会, 非洲联盟: a continent names a body, not its seat
            continue
        for f in short_forms(v, p):
            out.setdefault(f, p)
    return out


def _head_place(parents, names, bracket, own):
    """The place whose form begins one of ``names`` (the longest form), or stands in ``bracket``."""
    for n in names:
        # the rest must be a name of its own: 西安村 is no village of 西安
        for k in range(len(n) - 2, 1, -1):
            p = parents.get(n[:k])
            if p is not None and entity_key(p) != own:
                return p
    if bracket:
        p = parents.get(bracket.group(1))
        if p is not None and entity_key(p) != own:
            return p
    return None


@register("name_prefix")
def name_prefix(v):
    """A name that begins with a place's name (or its short form, or holds it in
    brackets right after its first word: 北方（沧州）…) lies in that place; an
    industry so named is that place's."""
    parents = _parents(v)
    for k, m in v.first.items():
        if m.type == "Place" and AROUND.search(m.name):
            continue
        predicate = HAS_INDUSTRY if m.type == "Industry" else LOCATED_IN if m.type in DOMAINS[LOCATED_IN] else None
        if predicate is None:
            continue
        for mention in v.by_entity[k]:
            names = sorted({mention.name, v.text[mention.begin:mention.end]}, key=lambda n: (-len(n), n))
            bracket = re.match(r"^[^（(]{1,6}[（(]([^）)]{2,8})[）)]", mention.name)
            hit = _head_place(parents, names, bracket, k)
            if hit is not None:
                if predicate == HAS_INDUSTRY:
                    yield Relation(HAS_INDUSTRY, hit, mention, "name_prefix", mention.begin, mention.end)
                else:
                    yield Relation(LOCATED_IN, mention, hit, "name_prefix", mention.begin, mention.end)
                    # the place heads the list that follows: 河北潘家口水库、大黑汀水库
                    for x in _listed_after(v, mention):
                        if not (x.type == "Place" and AROUND.search(x.name)) and _may_hold(v, hit, x):
                            yield Relation(LOCATED_IN, x, hit, "name_prefix", mention.begin, x.end)
                break


@register("adjacent_names")
def adjacent_names(v):
    """A place written right before another name (``通化县四棚乡``, ``河北潘家口水库、大黑汀水库``)
    holds it, and the names listed after it with 、."""
    ms = v.mentions
    for i, p in enumerate(ms):
        if p.type != "Place" or p.name in NATIONAL or place_kinds().get(p.name) in NOT_PARENT_KINDS:
            continue
        j = i + 1
        while j < len(ms) and ms[j].begin < p.end:
            j += 1
        if j >= len(ms) or not _JOINER.match(v.text[p.end:ms[j].begin]) or ms[j].type not in DOMAINS[LOCATED_IN]:
            continue
        first = ms[j]
        if first.type == "Organization" and "的" in v.text[p.end:first.begin]:
            continue  # 设在北京的二十国集团创业研究中心: a body after 的 is often cut short
        if not _may_hold(v, p, first):
            continue
        yield Relation(LOCATED_IN, first, p, "adjacent_names", p.begin, first.end)
        end = first.end
        for k in range(j + 1, len(ms)):  # the list continues: 、 and a name of the same type
            x = ms[k]
            if x.begin < end:
                continue
            if x.type != first.type or v.text[end:x.begin] != "、" or not _may_hold(v, p, x):
                break
            if k + 1 < len(ms) and ms[k + 1].begin == x.end:
                break  # a place heading a name of its own: a new pair, not a list item
            yield Relation(LOCATED_IN, x, p, "adjacent_names", p.begin, x.end)
            end = x.end


def _may_hold(v, outer, inner) -> bool:
    """Whether ``outer`` can hold ``inner``: not when the table or their levels say otherwise."""
    from kg import divisions

    do, di = v.division.get(entity_key(outer)), v.division.get(entity_key(inner))
    if do is not None and di is not None:
        return divisions.contains(do, di)
    if inner.type == "Place":
        ro, ri = v.rank(outer), v.rank(inner)
        if ro is not None and ri is not None and ri <= ro:
            return False
        if place_kinds().get(inner.name) in ("country", "foreign_city", "province"):
            return False
    return True


def _listed_after(v, first):
    """The names of ``first``'s type listed right after it with 、."""
    end = first.end
    for x in v.mentions:
        if x.begin < end:
            continue
        if x.type != first.type or v.text[end:x.begin] != "、":
            return
        yield x
        end = x.end
