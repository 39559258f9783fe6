"""The organizations extractor: bodies named by a proper stem and a suffix."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name) for m in find_mentions(text, segment(text), ["organizations"])}


@pytest.mark.parametrize("text, names", [
    ("支持西湖大学、浙江工业大学、宁波职业技术大学建设高水平学科。",
     {"西湖大学", "浙江工业大学", "宁波职业技术大学"}),
    ("鞍山钢铁公司、长春第一汽车制造厂完成技术改造。", {"鞍山钢铁公司", "长春第一汽车制造厂"}),
    ("组建省物流集团，提升现代物流服务能力。", {"省物流集团"}),
    ("高水平建设长三角安全人工智能安徽省实验室。", {"长三角安全人工智能安徽省实验室"}),
    ("感谢美中贸易全国委员会、美国商会、亚洲协会的朋友们。", {"美中贸易全国委员会", "美国商会", "亚洲协会"}),
    ("推进省文物考古研究院新院建设，建成夏商文明考古研究中心。", {"省文物考古研究院", "夏商文明考古研究中心"}),
    ("成立重点工程建设项目指挥部，统筹推进项目建设。", {"重点工程建设项目指挥部"}),
    ("中国历史研究院、中国稀土集团揭牌成立。", {"中国历史研究院", "中国稀土集团"}),
    ("同七十七国集团的合作关系不断加强。", {"七十七国集团"}),
    ("金砖国家特殊经济区中国合作中心正式揭牌。", {"金砖国家特殊经济区中国合作中心"}),   # a body of the lexicons opens it
    ("新央企中国长安汽车集团落户重庆。", {"中国长安汽车集团"}),
    ("加快筹设深圳海洋大学。", {"深圳海洋大学"}),
])
def test_finds_named_bodies(text, names):
    assert found(text) == {("Organization", n) for n in names}


@pytest.mark.parametrize("text", [
    "高水平建设国家实验室，重组全国重点实验室。",          # a designation, not a lab's name
    "深化上市公司、国有银行改革，推进公立医院综合改革。",  # kinds of body
    "充分发挥行业协会、商会作用，加快建设高水平大学。",
    "1500所县医院达到三级医院水平。",                       # counted, not named
    "坚决反对美国统治集团的侵略政策。",                     # a ruling group, no body
    "鼓励组织起来，建立農業生産合作社。",                   # old texts in traditional characters
])
def test_categories_are_not_names(text):
    assert found(text) == set()


@pytest.mark.parametrize("text", ["浙江建设一流大学。", "建设中国特色世界一流大学。"])
def test_a_verb_or_a_set_phrase_ends_what_a_place_stem_governs(text):
    assert found(text) == set()


def test_offsets_slice_the_name():
    text = "支持西湖大学发展。"
    (m,) = find_mentions(text, segment(text), ["organizations"])
    assert m.surface(text) == "西湖大学" and m.extractor == "organizations"


def test_a_list_of_leading_companies_names_each():
    assert found("支持超聚变、中创智领、许继、平高等领军企业做大做强。") == {
        ("Organization", n) for n in ("超聚变", "中创智领", "许继", "平高")}


@pytest.mark.parametrize("text", [
    "分别举办采煤、发电、冶炼、化工等企业。",            # a list of sectors
    "吸引卫星研发制造、火箭总装测试等龙头企业落户。",    # kinds of business, not companies
])
def test_a_list_of_sectors_names_no_company(text):
    assert found(text) == set()
