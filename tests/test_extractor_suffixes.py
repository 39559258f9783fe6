"""The suffixes extractor: names recognised by the word that ends them."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["suffixes"])}


@pytest.mark.parametrize("text, expected", [
    ("全力推进青岭村、石门村人居环境整治。", {("Place", "青岭村", "青岭村"), ("Place", "石门村", "石门村")}),
    ("组织党员干部到青岭村开展志愿服务。", {("Place", "青岭村", "青岭村")}),
    ("加快建设遂潼天然气综合利用产业园，推动产业集聚发展。",
     {("Park", "遂潼天然气综合利用产业园", "遂潼天然气综合利用产业园")}),
    ("深入开展中小企业工程款清欠攻坚行动，切实维护企业合法权益。",
     {("Campaign", "中小企业工程款清欠攻坚行动", "中小企业工程款清欠攻坚行动")}),
    ("成立重点工程建设项目指挥部，统筹推进项目建设。",
     {("Organization", "重点工程建设项目指挥部", "重点工程建设项目指挥部")}),
    ("推动成渝地区双城经济圈建设走深走实。", {("Place", "成渝地区双城经济圈", "成渝地区双城经济圈")}),
    ("支持周口国家农高区建设，争创国家级示范。", {("Park", "周口国家农高区", "周口国家农高区")}),
    ("新建红岩革命纪念馆，传承红色基因。", {("Site", "红岩革命纪念馆", "红岩革命纪念馆")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "打造一批精品村，行政村通硬化路率达到100%。",
    "建设美丽乡村，推进新农村建设。",
    "统筹推进重点园区建设，提升园区承载能力。",
    "以实际行动诠释对党的忠诚。",
    "坚持城乡融合，推进农村改革。",
    "加快推进小城镇建设，完善城镇功能。",
])
def test_generic_words_are_not_names(text):
    assert found(text) == set()


@pytest.mark.parametrize("text", ["组织党员参观邱少云烈士纪念馆。", "瞻仰邱少云烈士纪念馆，缅怀革命先烈。"])
def test_verbs_before_a_memorial_are_not_part_of_its_name(text):
    assert ("Site", "邱少云烈士纪念馆", "邱少云烈士纪念馆") in found(text)


def test_a_date_and_verbs_do_not_make_a_region():
    assert not any("建成" in surface for _, _, surface in found("力争到2027年基本建成都市圈一小时通勤网。"))


def test_offsets_slice_the_name():
    text = "全力推进青岭村人居环境整治。"
    (m,) = find_mentions(text, segment(text), ["suffixes"])
    assert (m.begin, m.end) == (4, 7) and m.extractor == "suffixes"


def test_list_items_share_the_last_suffix():
    text = "深入实施冀货出海、冀菜飘香等行动。"
    names = {name for _, name, _ in found(text)}
    assert {"冀货出海行动", "冀菜飘香行动"} <= names
