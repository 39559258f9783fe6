"""The sites extractor: memorials, and infrastructure named by a proper stem, its end points or initials."""
import pytest

from kg.extractors import find_mentions
from kg.segment import segment


def found(text):
    return {(m.type, m.name) for m in find_mentions(text, segment(text), ["sites"])}


@pytest.mark.parametrize("text, names", [
    ("建成甬金衢上高速公路、杭温铁路，开通新航线。", {"甬金衢上高速公路", "杭温铁路"}),
    ("临河至哈密铁路建成通车，宁波舟山港货物吞吐量居世界第一。", {"临河至哈密铁路", "宁波舟山港"}),
    ("建成天津引滦输水工程、平朔露天煤矿和淠史杭灌区。", {"天津引滦输水工程", "平朔露天煤矿", "淠史杭灌区"}),
    ("发挥京广铁路沿线城市产业集聚功能。", {"京广铁路"}),
    ("新建红岩革命纪念馆，传承红色基因。", {"红岩革命纪念馆"}),
    ("组织党员参观邱少云烈士纪念馆。", {"邱少云烈士纪念馆"}),
    ("瞻仰邱少云烈士纪念馆，缅怀革命先烈。", {"邱少云烈士纪念馆"}),
])
def test_finds_named_works(text, names):
    assert found(text) == {("Site", n) for n in names}


def test_bare_proper_list_items_share_the_suffix():
    assert found("建成石雄、雄忻铁路和佛子岭、梅山等水库。") == {
        ("Site", n) for n in ("石雄铁路", "雄忻铁路", "佛子岭水库", "梅山水库")}


@pytest.mark.parametrize("text", [
    "加快公路、铁路、港口、航道、机场建设。",             # common words do not take the last item's suffix
    "全国新建铁路1000公里，新增高速公路通车里程。",       # no proper stem
    "加快建设重点小型水库，推动考古遗址保护。",
    "推动成渝世界级机场群建设。",                           # a group of airports
    "坚决打击反中乱港乱澳势力。",                           # 港 here is Hong Kong
    "进一步开放大连、秦皇岛、天津、烟台、青岛、连云港。",   # a list of cities, the last one ends in 港
    "东西南北大通道全面贯通。",                             # directions, not a name
    "并建设巨大的水力发电站。",                             # a kind of power station
    "行政村通双车道公路覆盖率达94%。",                      # 通 governs, it is no initial here
    "加快文旅大数据中心建设。",
    "陶寺国家考古遗址公园正式挂牌。",                       # a park
])
def test_generic_works_are_not_names(text):
    assert found(text) == set()


def test_a_work_named_before_another_suffix_is_two_works():
    assert found("发挥青藏铁路公路优势。") == {("Site", "青藏铁路")}


@pytest.mark.parametrize("text, name", [
    ("拉萨——日喀则和日喀则——江孜公路已经通车。", "日喀则——江孜公路"),   # end points joined by a dash
    ("加快推动广深港高速铁路建设。", "广深港高速铁路"),                     # an initial jieba left alone
    ("新建江苏新洋港水闸。", "新洋港水闸"),                                 # a work named after another
    ("双向8车道洋浦疏港高速公路通车。", "洋浦疏港高速公路"),
    ("抵达贝尔格莱德尼古拉·特斯拉国际机场。", "尼古拉·特斯拉国际机场"),     # a foreign name
])
def test_whole_names(text, name):
    assert ("Site", name) in found(text)


def test_a_named_project_in_a_list_is_no_stem():
    assert ("Site", "南水北调铁路") not in found("抓紧长江三峡水利枢纽、南水北调、西煤东运新铁路建设。")


def test_a_station_in_a_list_of_lines_is_no_line():
    assert found("加快推进平漯周、焦济洛平、郑州南站等高铁项目。") == {("Site", "平漯周高铁"), ("Site", "焦济洛平高铁")}


def test_a_province_before_the_name_locates_it():
    assert found("建成河北潘家口水库。") == {("Site", "潘家口水库")}
