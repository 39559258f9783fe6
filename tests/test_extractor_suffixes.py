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
    ("推动成渝地区双城经济圈建设走深走实。", {("Place", "成渝地区双城经济圈", "成渝地区双城经济圈")}),
    ("支持周口国家农高区建设，争创国家级示范。", {("Park", "周口国家农高区", "周口国家农高区")}),
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


@pytest.mark.parametrize("text", [
    "推动重点行业节能降碳改造，支持创建国家级零碳园区。",           # a designation, not a name
    "加快建设绿色工业园区，推进园区循环化改造。",
    "加强餐饮、宾馆、交通、景区和导游等从业人员培训。",               # bare list items keep their own words
    "统筹做好房地产、开发区等领域风险防范。",
    "连续五年开展国家公园监测评估。",                                 # a verb governs the park word
    "推进青藏高原首个综合保税区封关运行。",
])
def test_designations_and_common_nouns_are_not_parks(text):
    assert {t for t, *_ in found(text)} - {"Place"} == set(), found(text)


@pytest.mark.parametrize("text, name", [
    ("深入实施冀货出海行动，建设北方（沧州）跨境电商物流基地。", "北方（沧州）跨境电商物流基地"),
    ("推进湘琼先进制造业共建产业园建设。", "湘琼先进制造业共建产业园"),
    ("积极创建武夷山国家公园。", "武夷山国家公园"),
])
def test_parks_keep_their_proper_stem(text, name):
    assert ("Park", name, name) in found(text)


def test_a_quantifier_does_not_open_a_name():
    text = "基本建设同时进行的项目过多，以至许多工程长期不能形成新的生产能力。"
    assert not any(n.startswith(("以至", "许多")) for _, n, _ in found(text))


def test_a_round_thousand_opens_a_campaign_name():
    text = "深入开展千家企业节能行动。"
    assert ("Campaign", "千家企业节能行动", "千家企业节能行动") in found(text)


@pytest.mark.parametrize("text", [
    "红卫兵的革命行动受到了支持。",
    "集中力量建设一批重点骨干工程。",
    "建设大同至天津南等特高压工程。",
])
def test_ordinary_phrases_and_categories_are_not_campaigns(text):
    assert not {n for t, n, _ in found(text) if t == "Campaign"}, found(text)


def test_a_project_named_by_what_it_builds_is_a_site():
    text = "加快推进合浦至湛江铁路工程，建成南宁机场。"
    assert ("Site", "合浦至湛江铁路工程", "合浦至湛江铁路工程") in found(text)


@pytest.mark.parametrize("text, expected", [
    ("重点勘探二连盆地。", ("Place", "二连盆地", "二连盆地")),
    ("杭州综保区进出口额增长。", ("Park", "杭州综保区", "杭州综保区")),
])
def test_basins_and_bonded_zones(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text, expected", [
    ("实施清水河小流域综合治理。", ("Place", "清水河小流域", "清水河小流域")),
    ("实施清水河小流域综合治理。", ("Place", "清水河", "清水河")),       # jieba knows the river whole
    ("在马家湾社区开展志愿服务。", ("Place", "马家湾社区", "马家湾社区")),  # a surname opens a village's name
])
def test_watersheds_communities_and_rivers_jieba_knows(text, expected):
    assert expected in found(text)


def test_an_activity_that_is_held_is_no_name():
    assert not {n for t, n, _ in found("组织党员到青岭村开展活动。") if t == "Campaign"}


@pytest.mark.parametrize("text", [
    "加快建设零碳工厂、零碳园区。",                 # the last item is a designation, not a name
    "实施入河排污口排查整治、工业园区水污染综合治理。",
])
def test_only_a_named_last_item_shares_its_suffix(text):
    assert not {n for t, n, _ in found(text) if t == "Park"}, found(text)


@pytest.mark.parametrize("text", [
    "建成20个500千伏输变电工程。",        # a quantity
    "今年再开工一批在建重大水利工程。",    # a category of works
])
def test_quantities_and_categories_of_works_are_not_names(text):
    assert not {n for t, n, _ in found(text) if t in ("Campaign", "Site")}, found(text)


def test_an_item_already_named_keeps_its_own_name():
    text = "加快推进西宁绿电智算融合示范园、海东零碳算力产业园建设。"
    assert not any(n.endswith("示范园产业园") for _, n, _ in found(text))


def test_a_verb_ends_a_regions_name():
    assert not {n for t, n, _ in found("坚持以中心城市引领城市群发展。") if t == "Place"}


def test_systems_engineering_is_a_metaphor():
    assert not found("建立和完善社会主义市场经济体制，是一个长期的社会系统工程。")


@pytest.mark.parametrize("text, absent", [
    ("高品质建设长江国家文化公园。", "高品质建设长江国家文化公园"),       # 建设 governs the park
    ("建好西宁、格尔木国家骨干冷链物流基地。", "格尔木国家骨干冷链物流基地"),  # a place's designation
])
def test_park_names_start_after_their_verb_and_are_no_designations(text, absent):
    assert absent not in {n for _, n, _ in found(text)}


def test_a_place_with_a_verb_in_its_name_keeps_it():
    text = "推进遂潼川渝毗邻地区一体化发展引领区建设。"
    assert ("Place", "遂潼川渝毗邻地区一体化发展引领区", "遂潼川渝毗邻地区一体化发展引领区") in found(text)


def test_a_two_character_kind_of_works_is_no_campaign():
    assert not found("继续实施天然林保护、风沙源和石漠化治理等生态工程。")


@pytest.mark.parametrize("text, name", [("加快李家村建设。", "李家村"), ("来自于家屯的群众。", "于家屯")])
def test_a_clans_village(text, name):
    assert ("Place", name, name) in found(text)


def test_no_clan_village_inside_a_word():
    assert not found("发展国家村级组织。")


@pytest.mark.parametrize("text", [
    "最近暴露出来一些工程的严重质量问题。",
    "深入实施人才发展规划，统筹重大人才工程。",
    "推进省级以上零碳园区建设。",
])
def test_quantities_governing_verbs_and_designations_before_a_suffix(text):
    assert not {n for t, n, _ in found(text) if t in ("Campaign", "Park")}, found(text)


def test_a_time_span_belongs_to_a_campaign_name():
    assert ("Campaign", "平台经济强省建设三年行动", "平台经济强省建设三年行动") in found("实施平台经济强省建设三年行动。")


def test_a_new_area_needs_a_proper_name():
    assert not {n for t, n, _ in found("高新技术产业开发区获批省级高新区。") if t == "Place"}


def test_a_road_project_is_a_site():
    assert ("Site", "天府大道北延线工程", "天府大道北延线工程") in found("建成天府大道北延线工程。")


def test_water_transfer_works_are_sites():
    assert ("Site", "引江济淮工程", "引江济淮工程") in found("建成引江济淮工程，保障群众饮水安全。")


def test_a_rated_scenic_area_is_a_designation():
    assert not {n for t, n, _ in found("新增4A级旅游景区5个。") if t == "Park"}


@pytest.mark.parametrize("text, name", [
    ("**食品产业园、**智能制造产业园加快建设。", "**智能制造产业园"),   # what a park makes is in its name
    ("**古镇创建国家4A级旅游景区。", "**古镇"),                         # the whole mask
])
def test_masked_parks_and_towns_keep_their_names(text, name):
    assert name in {n for _, n, _ in found(text)}


@pytest.mark.parametrize("text", [
    "支持两国国家公园建设。",
    "用好国家文化公园。",
    "建设南川国家级零碳园区。",
])
def test_counts_verbs_and_designations_jieba_left_as_single_characters(text):
    assert not {n for t, n, _ in found(text) if t == "Park"}, found(text)
