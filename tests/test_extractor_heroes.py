"""The heroes extractor: a hero's title, an optional quoted epithet, then the name."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["heroes"])}


@pytest.mark.parametrize("text, expected", [
    ("我们要学习抗美援朝一级爆破英雄伍先华的精神。", {("Hero", "伍先华", "伍先华")}),
    ("全国公安系统一级英雄模范“雪山卫士”谭东同志，是我们身边的榜样。", {("Hero", "谭东", "谭东")}),
    ("组织党员参观革命烈士李大钊故居。", {("Hero", "李大钊", "李大钊")}),
    ("深入学习时代楷模黄文秀同志的先进事迹。", {("Hero", "黄文秀", "黄文秀")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "要发扬英雄精神，争当时代先锋。",
    "大力宣传劳动模范和先进集体。",
    "缅怀革命烈士，传承红色基因。",
])
def test_titles_without_a_name(text):
    assert found(text) == set()


def test_name_bounded_by_what_may_follow_it():
    # 谭东生平: the name stops before 生平, though jieba reads 谭东生 as one word
    text = "参观一级英雄模范谭东生平事迹陈列馆。"
    assert found(text) == {("Hero", "谭东", "谭东")}


def test_a_quoted_honour_before_a_name():
    text = "“人民楷模”布茹玛汗·毛勒朵、“全国最美退役军人”贾建东等先进典型受到表彰。"
    assert {m.name for m in find_mentions(text, segment(text), ["heroes"])} == {"布茹玛汗·毛勒朵", "贾建东"}


def test_names_listed_before_the_honour_they_share():
    text = "学习张桂梅、黄文秀等时代楷模的先进事迹。"
    assert {m.name for m in find_mentions(text, segment(text), ["heroes"])} == {"张桂梅", "黄文秀"}


def test_a_list_of_counts_is_no_list_of_heroes():
    text = "涌现出一个、两个等先进典型。"
    assert list(find_mentions(text, segment(text), ["heroes"])) == []
