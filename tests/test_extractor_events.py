"""The events extractor: named events a document hosts; routine meetings are not events."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["events"])}


@pytest.mark.parametrize("text, expected", [
    ("成功举办廊洽会、数博会，对外开放水平不断提升。", {("Event", "廊洽会", "廊洽会"), ("Event", "数博会", "数博会")}),
    ("创新举办省旅发大会，叫响文旅品牌。", {("Event", "省旅发大会", "省旅发大会")}),
    ("精心筹办中国农民丰收节，展示乡村新貌。", {("Event", "中国农民丰收节", "中国农民丰收节")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "召开民主生活会，认真开展批评与自我批评。",
    "组织召开座谈会、推进会，研究部署重点工作。",
    "及时召开常委会会议，传达学习会议精神。",
    "积极参加各类招商会。",
])
def test_routine_meetings_are_not_events(text):
    assert found(text) == set()


def test_a_hosted_event_with_a_place_in_brackets():
    text = "高质量举办世界制造业大会、中国（安徽）科技创新成果转化交易会。"
    names = {m.name for m in find_mentions(text, segment(text), ["events"])}
    assert names == {"世界制造业大会", "中国（安徽）科技创新成果转化交易会"}
