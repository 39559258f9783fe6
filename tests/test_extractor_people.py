"""The people extractor: a name after a title, before 同志, or in a photo credit."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["people"])}


@pytest.mark.parametrize("text, expected", [
    ("会上，李强同志传达了会议精神。", {("Person", "李强", "李强")}),
    ("新华社记者 李涛/摄", {("Person", "李涛", "李涛")}),
    ("省委书记王某某强调，要压实管党治党政治责任。", {("Person", "王某某", "王某某")}),
    ("市长张建国指出，要抓好项目建设。", {("Person", "张建国", "张建国")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, name", [("县委书记王凯说，要把群众的事办好。", "王凯"),
                                        ("县长刘洋说，要把群众的事办好。", "刘洋")])
def test_a_verb_after_a_two_character_name_is_not_part_of_it(text, name):
    assert found(text) == {("Person", name, name)}


@pytest.mark.parametrize("text", [
    "同志们，我们要团结一心。",
    "全体党员干部要牢记使命。",
    "各位代表，现在我代表县人民政府作报告。",
    "市长热线受理群众诉求1.2万件。",
])
def test_no_person(text):
    assert found(text) == set()


@pytest.mark.parametrize("text, name", [
    ("此后不久，曼斯菲尔德先生率领代表团访华。", "曼斯菲尔德"),
    ("我见了几位参议员，还有纽森州长。", "纽森"),
    ("包括州长罗伯特·雷在内的代表团。", "罗伯特·雷"),
    ("感谢卢拉总统和巴西政府的热情接待。", "卢拉"),
    ("在我和卢拉总统的战略引领下，两国关系不断发展。", "卢拉"),
    ("陈纳德将军带领美国志愿者奔赴中国战场。", "陈纳德"),
])
def test_foreign_names_by_their_title(text, name):
    assert ("Person", name, name) in found(text)


@pytest.mark.parametrize("text", [
    "大会主席团常务主席会议审议了议程。",
    "坚持马克思主义基本原理。",
    "各国议员出席了会议。",
])
def test_titles_alone_name_no_foreigner(text):
    assert found(text) == set()


def test_officials_named_before_what_they_do():
    assert {n for _, n, _ in found("区委书记张明、区长李华出席会议。")} == {"张明", "李华"}
