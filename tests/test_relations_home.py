"""home_members and home_industries: the document's own place."""
from relation_cases import relations

REPORT = ("2026年安徽省政府工作报告\n"
          "全省推动钢铁、化工提质升级，建设深空探测实验室、安徽高等研究院和国家实验室。"
          "党中央和国务院的部署，落实到京广铁路沿线和合肥市。长江三角洲一体化。\n")
NAMES = {"安徽省": "Place", "钢铁": "Industry", "化工": "Industry", "深空探测实验室": "Organization",
         "安徽高等研究院": "Organization", "党中央": "Organization", "国务院": "Organization",
         "京广铁路": "Site", "合肥市": "Place", "长江三角洲": "Place"}


def test_the_title_names_the_documents_own_place_whose_industries_these_are():
    found = relations(REPORT, NAMES, ["home_industries"])
    assert found == {("安徽省", "hasIndustry", "钢铁"), ("安徽省", "hasIndustry", "化工")}


def test_the_own_places_institutions_lie_in_it_national_bodies_and_lines_across_provinces_do_not():
    found = relations(REPORT, NAMES, ["home_members"])
    assert ("深空探测实验室", "locatedIn", "安徽省") in found
    assert ("合肥市", "locatedIn", "安徽省") in found
    for outside in ("党中央", "国务院", "京广铁路", "长江三角洲"):
        assert not any(s == outside for s, _, _ in found), outside


def test_a_speech_of_a_masked_district_speaks_for_it_through_its_words():
    text = "新时代，**区坚持发展。全区推动锂电及新材料产业，建设海龙村和中国沼气博览园，重点工程建设项目宣讲团出发。"
    names = {"**区": "Place", "锂电及新材料": "Industry", "海龙村": "Place", "中国沼气博览园": "Park",
             "重点工程建设项目宣讲团": "Organization"}
    found = relations(text, names, ["home_members", "home_industries"])
    assert found == {("**区", "hasIndustry", "锂电及新材料"), ("海龙村", "locatedIn", "**区"),
                     ("中国沼气博览园", "locatedIn", "**区")}


def test_a_national_document_has_no_own_place():
    text = "1982年国务院政府工作报告\n发展煤炭工业，建设大连港。"
    names = {"煤炭工业": "Industry", "大连港": "Site", "国务院": "Organization"}
    assert relations(text, names, ["home_members", "home_industries"]) == set()


def test_a_fallback_yields_to_what_the_text_says():
    text = "2026年安徽省政府工作报告\n建设合肥先进光源。"
    names = {"安徽省": "Place", "合肥先进光源": "Site", "合肥市": "Place"}
    found = relations(text + "合肥市。", names, ["home_members", "name_prefix"])
    assert ("合肥先进光源", "locatedIn", "合肥市") in found
    assert ("合肥先进光源", "locatedIn", "安徽省") not in found


def test_a_venue_in_brackets_a_dateline_and_the_capital_market_make_no_own_place():
    speech = ("推进中美友好事业——在友好团体欢迎宴会上的演讲（2023年11月15日，上海市）\n"
              "很高兴在上海市同各界朋友见面，发展资本市场，稳定本市场预期，发展新能源汽车。\n")
    names = {"上海市": "Place", "新能源汽车": "Industry"}
    assert relations(speech, names, ["home_industries"]) == set()
    news = "新华社北京10月25日电 发展资本市场，本市场活跃，北京市发展人工智能。"
    assert relations(news, {"北京市": "Place", "人工智能": "Industry"}, ["home_industries"]) == set()


def test_an_area_around_a_centre_is_the_provinces_only_around_one_of_its_cities():
    text = "2026年河北省政府工作报告\n建设石家庄都市圈，对接现代化首都都市圈，省物流集团发展。\n"
    names = {"河北省": "Place", "石家庄都市圈": "Place", "现代化首都都市圈": "Place", "省物流集团": "Organization"}
    assert relations(text, names, ["home_members"]) == {
        ("石家庄都市圈", "locatedIn", "河北省"), ("省物流集团", "locatedIn", "河北省")}


def test_a_river_named_in_a_provinces_report_is_not_placed_in_it():
    text = "2026年贵州省政府工作报告\n治理南北盘江流域，建设娄里水库。\n"
    names = {"贵州省": "Place", "南北盘江": "Place", "娄里水库": "Site"}
    assert relations(text, names, ["home_members"]) == {("娄里水库", "locatedIn", "贵州省")}


def test_a_title_naming_a_place_with_its_parents_is_about_the_deepest():
    text = "吉林省柳河县红石镇概况\n红石镇发展草莓产业。吉林省、吉林省、柳河县。\n"
    names = {"吉林省": "Place", "柳河县": "Place", "红石镇": "Place", "草莓产业": "Industry"}
    assert relations(text, names, ["home_industries"]) == {("红石镇", "hasIndustry", "草莓产业")}
