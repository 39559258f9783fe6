"""The foreign extractor: foreign states written in the standard transliteration."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name) for m in find_mentions(text, segment(text), ["foreign"])}


@pytest.mark.parametrize("text, name", [
    ("我第一次访问美国时，住在艾奥瓦州的一户人家。", "艾奥瓦州"),
    ("加利福尼亚州州长会见了代表团。", "加利福尼亚州"),
])
def test_a_transliterated_state(text, name):
    assert ("Place", name) in found(text)


@pytest.mark.parametrize("text", [
    "推进杭州、广州、福州、郑州的都市圈建设。",   # Chinese prefectures: the gazetteer's
    "坚持党的全面领导。",
])
def test_chinese_words_are_not_foreign_states(text):
    assert found(text) == set()
