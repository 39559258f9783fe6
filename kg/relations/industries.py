"""hasIndustry from a clause: a place or park that is the subject or the locus
of a clause naming an industry (``支持洛阳加快建设…先进制造业基地``), or the
place a paragraph is about (its lead names it) for the paragraph's industries."""
from __future__ import annotations

import re

from kg.relations import register
from kg.relations.model import HAS_INDUSTRY, LOCATED_IN, Relation

# Words that may stand before a clause's subject or locus.
LEADS = re.compile(r"^(?:支持|推动|推进|鼓励|引导|加快|加快推进|在|以|把|将|促进|助力|全力|做大做强|做强|打造|培育)?$")
# Words after a place that make it the clause's subject or owner.
AFTERS = ("的", "要", "将", "把", "以", "依托", "重点", "加快", "大力", "发展", "打造", "建设", "培育", "壮大", "做强")


@register("industry_clauses")
def industry_clauses(v):
    for p in v.mentions:
        if p.type not in ("Place", "Park"):
            continue
        cb, ce = v.clause(p.begin)
        lead = v.text[cb:p.begin].strip()
        after = v.text[p.end:p.end + 4]
        if not (LEADS.match(lead) or (lead == "" and after.startswith(AFTERS))):
            continue
        for ind in v.in_span((p.end, ce), ("Industry",)):
            if v.in_span((p.end, ind.begin), ("Place", "Park")):
                break  # another place takes the clause from here
            yield Relation(HAS_INDUSTRY, p, ind, "industry_clauses", p.begin, ind.end)


@register("paragraph_topic")
def paragraph_topic(v):
    """A paragraph whose lead sentence names one place inside the document's own
    place is about it: the paragraph's industries are that place's too."""
    for se, pe, topic in paragraph_topics(v):
        for ind in v.in_span((se, pe), ("Industry",)):
            yield Relation(HAS_INDUSTRY, topic, ind, "paragraph_topic", topic.begin, ind.end)


@register("paragraph_topic_members", fallback=True)
def paragraph_topic_members(v):
    """The sites, parks and organisations of a paragraph about one place lie in it."""
    for se, pe, topic in paragraph_topics(v):
        for m in v.in_span((se, pe), ("Park", "Site", "Organization")):
            if topic.type == "Place" or m.type != "Park":
                yield Relation(LOCATED_IN, m, topic, "paragraph_topic_members", topic.begin, m.end)


def paragraph_topics(v):
    """(paragraph end, its topic) for each paragraph whose lead sentence names
    one place (or park) inside the document's own place, not the place itself."""
    if v.home is None:
        return
    for pb, pe in v.paragraphs:
        sb, se = v.sentence(pb)
        topics = {m.name: m for m in v.in_span((sb, se), ("Place", "Park"))
                  if v.inside_home(m) is not False and not v.is_home(m)}
        if len(topics) == 1:
            yield se, pe, next(iter(topics.values()))
