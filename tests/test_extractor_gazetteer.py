"""The gazetteer extractor: names and short forms from the shipped lexicons."""
import pytest

from kg.extractors import find_mentions
from kg.extractors.gazetteer import ALIAS_PRIORITY, PRIORITY
from kg.segment import segment


def mentions(text):
    return find_mentions(text, segment(text), ["gazetteer"])


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in mentions(text)}


@pytest.mark.parametrize("text, expected", [
    ("推动成渝地区双城经济圈建设，深化川渝合作。",
     {("Place", "成渝地区双城经济圈", "成渝地区双城经济圈"), ("Place", "成渝地区", "成渝地区")}),
    ("积极推动黄河流域生态保护和高质量发展。",
     {("Concept", "黄河流域生态保护和高质量发展", "黄河流域生态保护和高质量发展"),
      ("Concept", "高质量发展", "高质量发展"), ("Place", "黄河流域", "黄河流域"),
      ("Place", "黄河", "黄河")}),  # nested names are mentions too (the spec: 成渝地区 in 成渝地区双城经济圈)
    # a county's short form stands in a list of places
    ("巩义、永城、林州等县市经济实力显著增强。",
     {("Place", "巩义市", "巩义"), ("Place", "永城市", "永城"), ("Place", "林州市", "林州")}),
])
def test_finds(text, expected):
    assert found(text) == expected


def test_alias_carries_the_full_name_at_lower_priority():
    text = "支持成都建设践行新发展理念的公园城市示范区。"
    by_surface = {m.surface(text): m for m in mentions(text)}
    assert by_surface["成都"].name == "成都市"
    assert by_surface["成都"].priority == ALIAS_PRIORITY
    assert by_surface["新发展理念"].priority == PRIORITY


def test_county_short_form_alone_is_too_ambiguous():
    assert found("柳河两岸风光秀丽，游人如织。") == set()


def test_county_short_form_counts_once_the_full_name_is_there():
    text = "柳河县坚持生态优先，柳河的水更清了。"
    assert found(text) == {("Place", "柳河县", "柳河县"), ("Place", "柳河县", "柳河")}


def test_a_list_of_trees_is_not_a_list_of_places():
    assert found("杨树、榆树等树种长势良好。") == set()


def test_industries_are_left_to_the_industries_extractor():
    text = "大力发展生物医药产业和新能源汽车产业。"
    assert not any(m.type == "Industry" for m in mentions(text))


@pytest.mark.xfail(strict=True, reason="only two-character names must start and end on a word boundary: "
                   "成都市 is found across 建成/都市圈")
def test_names_do_not_straddle_words():
    assert found("加快建成都市圈同城化发展格局。") == set()


@pytest.mark.parametrize("text, absent", [
    ("认真贯彻劳动法律法规，维护职工合法权益。", "劳动法"),
    ("教育部门要加强校园安全管理。", "教育部"),
])
def test_a_name_whose_last_character_makes_a_word_with_the_next_is_not_named(text, absent):
    assert absent not in {name for _, name, _ in found(text)}


def test_a_place_stays_named_before_a_word_it_glues_to():
    assert ("Place", "美国", "美国") in found("向美国人民致以诚挚问候。")


def test_townships_of_the_division_table_are_places():
    """A township no hand-made list names, from the official division table."""
    assert ("Place", "望京街道", "望京街道") in found("望京街道开展垃圾分类宣传。")


def test_a_place_opening_a_name_jieba_knows_whole():
    assert ("Place", "包头市", "包头") in found("对鞍山钢铁公司和包头钢铁公司进行改造。")


def test_a_two_character_county_opening_with_a_conjunction_needs_a_list():
    assert not any(n == "和县" for _, n, _ in found("公社的干部和县的干部必须深入田间。"))
    assert ("Place", "和县", "和县") in found("安徽和县、含山县同步推进。")
