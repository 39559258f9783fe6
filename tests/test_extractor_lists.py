"""The lists extractor: short road and street names, trusted only in a list."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["lists"])}


@pytest.mark.parametrize("text, expected", [
    ("完成三红线、由通线、四兰线改造提升。",
     {("Site", "三红线", "三红线"), ("Site", "由通线", "由通线"), ("Site", "四兰线", "四兰线")}),
    ("对人民路、解放路进行提质改造。", {("Site", "人民路", "人民路"), ("Site", "解放路", "解放路")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "完成由通线改造提升。",  # one name alone is too ambiguous
    "坚守安全生产红线，筑牢疫情防控防线。",
    "理清发展思路，走出一条新路。",
    "全力支持一线、二线城市发展。",
    "开通政务热线、服务专线。",
])
def test_not_names(text):
    assert found(text) == set()


def test_offsets_of_each_item():
    text = "完成三红线、由通线改造。"
    ms = sorted(find_mentions(text, segment(text), ["lists"]))
    assert [(m.begin, m.end) for m in ms] == [(2, 5), (6, 9)]
