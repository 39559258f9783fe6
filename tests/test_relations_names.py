"""name_prefix and adjacent_names: a place written before a name holds it."""
from relation_cases import relations


def test_a_name_that_begins_with_a_city_lies_in_the_city():
    text = "浙江省支持宁波东方理工大学建设，宁波市加快发展。"
    names = {"浙江省": "Place", "宁波东方理工大学": "Organization", "宁波市": "Place"}
    assert ("宁波东方理工大学", "locatedIn", "宁波市") in relations(text, names, ["name_prefix"])


def test_an_industry_named_after_a_city_is_the_citys():
    text = "绍兴市推动绍兴黄酒入围国家名单。"
    names = {"绍兴市": "Place", "绍兴黄酒": "Industry"}
    assert relations(text, names, ["name_prefix"]) == {("绍兴市", "hasIndustry", "绍兴黄酒")}


def test_a_bracketed_place_after_the_first_word_holds_the_name():
    text = "建设北方（沧州）跨境电商物流基地，沧州市港城联动。"
    names = {"北方（沧州）跨境电商物流基地": "Park", "沧州市": "Place"}
    assert relations(text, names, ["name_prefix"]) == {("北方（沧州）跨境电商物流基地", "locatedIn", "沧州市")}


def test_village_short_forms_and_the_country_are_no_prefix():
    text = "柳条屯的柳条沟产煤，西安村种人参，中国沼气博览园开园。中国西安市。"
    names = {"柳条屯": "Place", "柳条沟": "Place", "西安村": "Place", "西安市": "Place", "中国": "Place",
             "中国沼气博览园": "Park"}
    found = relations(text, names, ["name_prefix"])
    assert ("柳条沟", "locatedIn", "柳条屯") not in found
    assert ("西安村", "locatedIn", "西安市") not in found
    assert ("中国沼气博览园", "locatedIn", "中国") not in found


def test_an_area_drawn_around_a_city_is_not_inside_it():
    text = "郑州市带动郑州都市圈发展。"
    names = {"郑州市": "Place", "郑州都市圈": "Place"}
    assert relations(text, names, ["name_prefix"]) == set()


def test_a_place_written_right_before_a_name_holds_it_and_the_list_after_it():
    text = "整修河北省潘家口水库、大黑汀水库，黑龙江省三江平原、江西省鄱阳湖地区。"
    names = {"河北省": "Place", "潘家口水库": "Site", "大黑汀水库": "Site", "黑龙江省": "Place",
             "三江平原": "Place", "江西省": "Place", "鄱阳湖": "Place"}
    assert relations(text, names, ["adjacent_names"]) == {
        ("潘家口水库", "locatedIn", "河北省"), ("大黑汀水库", "locatedIn", "河北省"),
        ("三江平原", "locatedIn", "黑龙江省"), ("鄱阳湖", "locatedIn", "江西省")}


def test_a_county_and_its_township_and_a_village_and_its_gully():
    text = "南部与通化县四棚乡接壤。煤储藏于四清村的柳条沟。海龙村“海龙凯歌”文旅园区。"
    names = {"通化县": "Place", "四棚乡": "Place", "四清村": "Place", "柳条沟": "Place", "海龙村": "Place",
             "海龙凯歌文旅园区": "Park"}
    found = relations(text.replace("“海龙凯歌”", "海龙凯歌"), names, ["adjacent_names"])
    assert found >= {("四棚乡", "locatedIn", "通化县"), ("柳条沟", "locatedIn", "四清村"),
                     ("海龙凯歌文旅园区", "locatedIn", "海龙村")}


def test_the_division_table_vetoes_a_province_before_another_province():
    text = "加快江苏省浙江省合作。"
    assert relations(text, {"江苏省": "Place", "浙江省": "Place"}, ["adjacent_names"]) == set()


def test_a_name_headed_by_a_place_passes_the_place_to_the_list_after_it():
    text = "河北省要整修河北潘家口水库、大黑汀水库。"
    names = {"河北省": "Place", "河北潘家口水库": "Site", "大黑汀水库": "Site"}
    assert relations(text, names, ["name_prefix"]) == {
        ("河北潘家口水库", "locatedIn", "河北省"), ("大黑汀水库", "locatedIn", "河北省")}


def test_a_continent_heading_a_name_is_no_seat():
    text = "亚洲协会和非洲联盟代表，亚洲、非洲朋友。"
    names = {"亚洲协会": "Organization", "非洲联盟": "Organization", "亚洲": "Place", "非洲": "Place"}
    assert relations(text, names, ["name_prefix"]) == set()


def test_a_body_after_a_place_and_de_is_not_placed_by_adjacency():
    text = "支持设在北京的二十国集团创业研究中心工作。"
    names = {"北京": "Place", "二十国集团": "Organization"}
    assert relations(text, names, ["adjacent_names"]) == set()
