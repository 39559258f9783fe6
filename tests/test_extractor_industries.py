"""The industries extractor: a sector is an industry where the document treats it as one."""
import pytest

from kg.extractors import find_mentions
from kg.resolve import resolve_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name, m.surface(text)) for m in find_mentions(text, segment(text), ["industries"])}


def names(text):
    """The industries a reader is shown: candidates after the resolver (a lexicon sector nested in a
    longer list item, 清洁能源 in 天然气清洁能源, is part of that item)."""
    return {m.name for m in resolve_mentions(text, find_mentions(text, segment(text), ["industries"]))}


@pytest.mark.parametrize("text, expected", [
    ("大力发展草莓、菜葫芦、烤烟等特色产业，带动群众增收。", {"草莓", "菜葫芦", "烤烟"}),
    ("加快发展海洋产业，壮大农产品加工业，培育先进制造业集群。", {"海洋产业", "农产品加工业", "先进制造业"}),
    ("积极培育生物医药产业，布局人工智能产业。", {"生物医药产业", "人工智能产业"}),
    ("培育壮大锂电、光伏、储能等新兴产业。", {"锂电", "光伏", "储能", "新兴产业"}),
    ("全市旅游业接待游客1200万人次。", {"旅游业"}),
])
def test_finds(text, expected):
    assert names(text) == expected


def test_list_items_after_their_governing_verbs():
    text = "全市形成了光伏、天然气清洁能源两大主导产业。"
    assert names(text) == {"光伏", "天然气清洁能源"}


@pytest.mark.parametrize("text, head", [
    ("做大做强锂电及新材料、汽车与装备制造、天然气清洁能源三大主导产业。", "锂电"),
    ("全市形成了汽车与装备制造、天然气清洁能源两大主导产业。", "汽车"),
    ("全市形成了装备制造、天然气清洁能源两大主导产业。", "装备制造"),
])
def test_first_list_item_keeps_its_head(text, head):
    assert any(surface.startswith(head) for _, _, surface in found(text))


@pytest.mark.parametrize("text", [
    "稳定汽车、家电等大宗消费，扩大服务消费。",
    "推动家电以旧换新，促进汽车消费。",
    "加强产业园区基础设施建设。",
    "坚持产业兴旺，推动乡村全面振兴。",
])
def test_sector_words_outside_an_industry_context(text):
    assert found(text) == set()


def test_surface_and_offsets_agree():
    text = "加快发展海洋产业。"
    ms = find_mentions(text, segment(text), ["industries"])
    assert ms and all((text[m.begin:m.end], m.name, m.type) == ("海洋产业", "海洋产业", "Industry") for m in ms)


def test_a_conjunction_inside_a_list_item_joins_one_industry():
    """The spec's example: three industries, each item whole."""
    text = "紧紧扭住锂电及新材料、汽车与装备制造、天然气清洁能源三大主导产业。"
    assert names(text) == {"锂电及新材料", "汽车与装备制造", "天然气清洁能源"}


def test_the_last_items_conjunction_closes_the_list():
    assert names("培育电子信息、新材料和生物医药等产业。") == {"电子信息", "新材料", "生物医药"}


@pytest.mark.parametrize("text, expected", [
    ("加快发展科技服务、现代金融、电子商务、人力资源服务等生产性服务业。",
     {"科技服务业", "现代金融", "电子商务", "人力资源服务", "生产性服务业"}),
    ("有序拓展低空经济应用场景，推动商业航天全链条发展。", {"低空经济", "商业航天"}),
    ("洋浦石化新材料成为首个千亿级先进制造业集群。", {"先进制造业"}),
])
def test_sectors_named_in_enumerations_and_by_the_taxonomy(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "要进一步提高服务业发展水平。",
    "设立中国—东盟产业合作区协同发展区。",
    "统筹非煤矿山、危化品、燃气、道路交通、消防等重点行业领域安全整治。",
])
def test_no_industry_where_none_is_named(text):
    assert names(text) == set()


@pytest.mark.parametrize("text", [
    "综合运用专项债、政府投资基金等工具支持产业项目建设。",      # 等 closes a list of tools
    "持续提升东方芯港、大飞机园等特色产业园区能级。",            # a list of parks
])
def test_lists_that_are_not_of_industries(text):
    assert names(text) == set()


def test_a_lists_own_etc_is_no_item():
    assert "深海开发等新兴" not in names("壮大海上风电、海洋生物医药、深海开发等新兴和未来产业。")


@pytest.mark.parametrize("text, expected", [
    ("培育壮大具身智能、低空经济、氢能等新兴产业。", {"具身智能", "低空经济", "氢能", "新兴产业"}),
    ("第一个“4”是指旅游业、现代服务业、高新技术产业四大主导产业。", {"旅游业", "现代服务业", "高新技术产业"}),
    ("外商在华投资覆盖20个行业门类。", set()),
])
def test_the_first_item_keeps_its_own_first_character(text, expected):
    assert names(text) == expected


def test_a_sector_in_an_events_name_is_no_industry():
    assert names("高质量举办世界制造业大会。") == set()
