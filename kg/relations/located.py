"""What the text says in words: ``X位于Y``, ``X地处Y``; ``在旧金山建起了…唐人街``."""
from __future__ import annotations

import re

from kg.relations import register
from kg.relations.model import DOMAINS, LOCATED_IN, Relation

LOCATED_VERBS = re.compile(r"(?:位于|地处|坐落于|坐落在|地居|处于|落户于|落户在)")
# 镇域内有红石河, 县域内的…: a place inside the area of the document's own place.
WITHIN_OWN = re.compile(r"(省|市|县|区|镇|乡|村)域(?:内|范围内)?(?:有|的)?")
# 在/来到/住在 + a place, then a site built, reached or lived at in the same sentence.
LOCUS = re.compile(r"(?:来到|住在|落户|扎根|在)$")
SITE_VERBS = re.compile(r"(?:建|修|筑|登|住|设|开|办|落|有)")


@register("located_verbs")
def located_verbs(v):
    for t in LOCATED_VERBS.finditer(v.text):
        sb, se = v.sentence(t.start())
        cb, ce = v.clause(t.end())
        obj = next((m for m in v.in_span((t.end(), ce), ("Place",))), None)
        if obj is None or obj.begin - t.end() > 4:
            continue
        subj = _subject(v, sb, t.start())
        if subj is None:  # 位于… opening a sentence speaks of the paragraph's subject
            pb, _ = v.paragraph(t.start())
            subj = _subject(v, pb, t.start()) or v.home
        if subj is None:
            continue
        yield Relation(LOCATED_IN, subj, obj, "located_verbs", min(subj.begin, t.start()), obj.end)


@register("locus_sites")
def locus_sites(v):
    """``在P…建起了…S``: a site or park built, reached or lived at in a place the
    same sentence puts the action in."""
    for p in v.mentions:
        if p.type != "Place" or not LOCUS.search(v.text[max(0, p.begin - 2):p.begin]):
            continue
        sb, se = v.sentence(p.begin)
        for s in v.in_span((p.end, se), ("Site", "Park")):
            between = v.text[p.end:s.begin]
            if not SITE_VERBS.search(between) or v.in_span((p.end, s.begin), ("Place",)):
                continue
            yield Relation(LOCATED_IN, s, p, "locus_sites", p.begin, s.end)
            break


def _subject(v, begin: int, before: int):
    """The name that opens the text at ``begin`` (its subject), if one does."""
    first = next((m for m in v.in_span((begin, before), DOMAINS[LOCATED_IN])), None)
    if first is None:
        return None
    lead = v.text[begin:first.begin].strip()
    if len(lead) > 2 or LOCATED_VERBS.search(lead) or lead.endswith(("于", "在", "与", "和", "到", "至", "从")):
        return None
    return first


@register("within_own_area")
def within_own_area(v):
    """``镇域内有红石河``: a place in the area of the document's own place (its level's 域)."""
    if v.home is None:
        return
    for t in WITHIN_OWN.finditer(v.text):
        if not v.home.name.endswith(t.group(1)):
            continue
        x = next((m for m in v.in_span((t.end(), v.clause(t.end())[1]), DOMAINS[LOCATED_IN])), None)
        if x is None or x.begin - t.end() > 6 or v.is_home(x) or v.inside_home(x) is False:
            continue
        yield Relation(LOCATED_IN, x, v.home, "within_own_area", t.start(), x.end)


# 浙江衢州有一个杜立特行动纪念馆: a place that "has" a site holds it.
HAS = re.compile(r"^(?:境内|域内|市内|县内|镇内)?(?:建有|拥有|坐拥|有)(?:一[个座处所家])?$")


@register("place_has_site")
def place_has_site(v):
    ms = v.mentions
    for i, p in enumerate(ms):
        if p.type != "Place":
            continue
        after = [s for s in ms[i + 1:i + 6] if s.begin >= p.end]
        # the names that start first after the place (a site's name may nest an event's)
        for s in (s for s in after if s.begin == after[0].begin) if after else ():
            if s.type in ("Site", "Park") and HAS.match(v.text[p.end:s.begin]):
                yield Relation(LOCATED_IN, s, p, "place_has_site", p.begin, s.end)
