"""industry_clauses, paragraph_topic, paragraph_topic_members."""
from relation_cases import relations


def test_a_place_that_leads_a_clause_has_its_industries():
    text = "支持洛阳加快建设先进制造业基地，郑州市发展人工智能。"
    names = {"洛阳": "Place", "先进制造业": "Industry", "郑州市": "Place", "人工智能": "Industry"}
    assert relations(text, names, ["industry_clauses"]) == {
        ("洛阳", "hasIndustry", "先进制造业"), ("郑州市", "hasIndustry", "人工智能")}


def test_a_place_in_the_middle_of_a_clause_is_not_its_subject():
    text = "加强与上海市合作发展集成电路。"
    assert relations(text, {"上海市": "Place", "集成电路": "Industry"}, ["industry_clauses"]) == set()


def test_a_paragraph_about_a_place_of_the_province_gives_it_the_paragraphs_industries_and_sites():
    text = ("2026年河北省政府工作报告\n"
            "推动雄安新区高标准建设。推进国贸中心等重大项目，发展空天信息和卫星互联网等产业。\n"
            "发展机器人产业。\n")
    names = {"河北省": "Place", "雄安新区": "Place", "国贸中心": "Site", "空天信息": "Industry",
             "卫星互联网": "Industry", "机器人": "Industry"}
    assert relations(text, names, ["paragraph_topic"]) == {
        ("雄安新区", "hasIndustry", "空天信息"), ("雄安新区", "hasIndustry", "卫星互联网")}
    assert relations(text, names, ["paragraph_topic_members"]) == {("国贸中心", "locatedIn", "雄安新区")}
