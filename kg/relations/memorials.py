"""commemorates: a memorial whose name holds the name of whom or what it remembers.

``伍先华旧居`` commemorates ``伍先华``, ``杜立特行动纪念馆`` both
``杜立特行动`` and ``杜立特``: a Site whose name ends in a memorial word
and contains the name of a hero, person or event the document names.
"""
from __future__ import annotations

from kg.relations import register
from kg.relations.model import COMMEMORATES, Relation, entity_key

# Kinds of memorial (general knowledge of the genre).
MEMORIAL_WORDS = ("旧居", "故居", "故里", "旧址", "纪念馆", "纪念堂", "纪念碑", "纪念园", "纪念亭", "纪念地",
                  "陈列馆", "陈列室", "事迹馆", "展览馆", "博物馆", "展馆", "陵园", "陵墓", "墓", "墓地", "烈士陵园",
                  "雕像", "塑像", "铜像", "教育基地")


def is_memorial(name: str) -> bool:
    return name.endswith(MEMORIAL_WORDS)


@register("memorial_names")
def memorial_names(v):
    honoured = [m for k, m in v.first.items() if m.type in ("Hero", "Person", "Event") and len(m.name) >= 2]
    for site in v.mentions:
        if site.type != "Site" or not is_memorial(site.name):
            continue
        name = max((site.name, v.text[site.begin:site.end]), key=len)
        found = [(name.find(h.name), h) for h in honoured if entity_key(h) != entity_key(site) and h.name in name]
        people = [i for i, h in found if h.type != "Event"]
        for i, h in found:
            # an event before a person's name is the person's title (抗美援朝一级爆破英雄伍先华旧居)
            if h.type == "Event" and any(i + len(h.name) <= j for j in people):
                continue
            yield Relation(COMMEMORATES, site, h, "memorial_names", site.begin, site.end)
