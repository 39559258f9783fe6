"""Events a document hosts: ``办好廊洽会、数博会``, ``创新举办省旅发大会``.
A hosting verb, then one or more short names ending in 会, 节, 论坛 or 峰会;
routine meetings (座谈会, 推进会, 民主生活会) are not named events."""
from __future__ import annotations

import re

from kg.extractors import register
from kg.mentions import Mention
from kg.segment import Words

PRIORITY = 45
_HOST = "举办|承办|办好|筹办|主办|召开|开好|举行|参加|出席|亮相"
_EVENT = r"[\u4e00-\u9fffA-Za-z0-9·（）]{1,20}?(?:大会|会|节|论坛|峰会|博览会|交易会|运动会)"  # 中国（安徽）…交易会
_ROUTINE = re.compile(r"(?:生活会|座谈会|推进会|现场会|专题会|工作会|动员会|报告会|交流会|研讨会|发布会|培训会|观摩会"
                      r"|调度会|部署会|协调会|分析会|汇报会|常委会|全会|例会|会议|晚会|茶话会|招商会|对接会|说明会)$")
_HOSTED = re.compile(rf"(?:{_HOST})((?:{_EVENT})(?:、{_EVENT})*)(?=[，。；、和等]|$)")


_LEAD = re.compile(r"^(?:用好|办好|开好|了|好|各类|各种|一批|系列)+")


@register("events")
def find(text: str, words: Words):
    for m in _HOSTED.finditer(text):
        pos = m.start(1)
        for name in m.group(1).split("、"):
            lead = _LEAD.match(name)
            if lead:
                pos, name = pos + lead.end(), name[lead.end():]
            if len(name) >= 3 and not _ROUTINE.search(name) and not name.startswith(("好", "了", "的")):
                yield Mention(pos, pos + len(name), "Event", name, PRIORITY, "events")
            pos += len(name) + 1
