"""The titles extractor: laws, regulations, plans and other policy documents in 《》."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["titles"])}


@pytest.mark.parametrize("text, expected", [
    ("认真贯彻党中央下发的《意见》，抓好各项任务落实。", {("Policy", "意见", "意见")}),
    ("全面实施《中华人民共和国青藏高原生态保护法》。",
     {("Policy", "中华人民共和国青藏高原生态保护法", "中华人民共和国青藏高原生态保护法")}),
    ("认真落实《关于加强基层治理体系和治理能力现代化建设的意见》。",
     {("Policy", "关于加强基层治理体系和治理能力现代化建设的意见", "关于加强基层治理体系和治理能力现代化建设的意见")}),
    ("贯彻〈成渝地区双城经济圈建设规划纲要〉。", {("Policy", "成渝地区双城经济圈建设规划纲要", "成渝地区双城经济圈建设规划纲要")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "组织党员干部观看电影《长津湖》，阅读《习近平谈治国理政》。",
    "在《人民日报》发表署名文章。",
    "《》",
])
def test_books_films_and_papers_are_left_alone(text):
    assert found(text) == set()


def test_mention_is_inside_the_brackets():
    text = "严格执行《 中国共产党纪律处分条例 》。"
    (m,) = find_mentions(text, segment(text), ["titles"])
    assert m.surface(text) == m.name == "中国共产党纪律处分条例"
