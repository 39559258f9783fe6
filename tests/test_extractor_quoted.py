"""The quoted extractor: what surrounds a quotation decides whether it names something."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["quoted"])}


@pytest.mark.parametrize("text, expected", [
    ("持续深化“党课开讲啦”活动，推动党员教育常态化。", {("Campaign", "党课开讲啦活动", "党课开讲啦")}),
    ("广泛开展“招才引智”“招商引资”活动，引进各类人才300余名。",
     {("Campaign", "招才引智", "招才引智"), ("Campaign", "招商引资", "招商引资")}),
    ("加快建设“海龙凯歌”文旅园区，打造全域旅游新名片。", {("Park", "海龙凯歌文旅园区", "海龙凯歌")}),
    ("全体党员要坚定“四个自信”，做到“两个维护”。",
     {("Concept", "四个自信", "四个自信"), ("Concept", "两个维护", "两个维护")}),
    ("扎实开展“学思想、强党性、重实践、建新功”主题教育。",
     {("Concept", "学思想、强党性、重实践、建新功", "学思想、强党性、重实践、建新功")}),
    ("持续打造“清廉**”，营造风清气正的政治生态。", {("Campaign", "清廉**", "清廉**")}),
    ("深入实施“城市能级全面提升”对标跨越行动。", {("Campaign", "城市能级全面提升对标跨越行动", "城市能级全面提升")}),
    ("成立“百姓名嘴”宣讲团，深入基层宣讲。", {("Organization", "百姓名嘴宣讲团", "百姓名嘴")}),
    ("持续开展「我为群众办实事」实践活动。", {("Campaign", "我为群众办实事实践活动", "我为群众办实事")}),
    ("组织开展“送温暖”等系列活动。", {("Campaign", "送温暖", "送温暖")}),
])
def test_finds(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "坚决反对“躺平”心态，防止出现“内卷”现象。",
    "我们不能“躺平”，更不能“摆烂”。",
    "要践行“为民造福”的宗旨。",
    "他常说“功成不必在我”。",
    "群众说这是“一件事”。",
    "以实际行动诠释对党的忠诚。",
])
def test_quotes_are_evidence_not_proof(text):
    assert found(text) == set()


def test_mention_is_the_quoted_words():
    text = "持续深化“ 党课开讲啦 ”活动。"
    (m,) = find_mentions(text, segment(text), ["quoted"])
    assert m.surface(text) == "党课开讲啦"
    assert m.name == "党课开讲啦活动"


def test_short_form_quoted_alone_takes_the_full_name():
    text = "深化“勤廉三心”工程，持续打造“勤廉三心”。"
    ms = find_mentions(text, segment(text), ["quoted"])
    assert [(m.name, m.surface(text)) for m in sorted(ms)] == [("勤廉三心工程", "勤廉三心")] * 2


@pytest.mark.parametrize("text", [
    "中国古人说：“治国之道，富民为始。”",
    "围绕“钱从哪里来、用到哪里去、怎么用得好”，加强资金管理。",
    "编制实施“九五”普法规划。",
])
def test_sayings_and_plan_years_are_not_names(text):
    assert list(find_mentions(text, segment(text), ["quoted"])) == []


@pytest.mark.parametrize("text, name", [
    ("206个“两重”项目开工建设。", "两重"),
    ("持续打好“稳拓调优”组合拳。", "稳拓调优"),
    ("大宗商品资源配置枢纽“三基地两中心”建设开局顺利。", "三基地两中心"),
])
def test_an_initiative_by_what_is_done_to_it(text, name):
    assert ("Campaign", name) in {(m.type, m.name) for m in find_mentions(text, segment(text), ["quoted"])}


def test_a_quoted_list_of_bare_nouns_is_no_name():
    text = "狠抓项目攻坚，做实“投资、项目、园区”。"
    assert list(find_mentions(text, segment(text), ["quoted"])) == []


def test_a_quoted_kind_of_park_is_no_park():
    text = "以“飞地”园区为载体，强化合作联动。"
    assert not [m for m in find_mentions(text, segment(text), ["quoted"]) if m.type == "Park"]
