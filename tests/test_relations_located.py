"""located_verbs, within_own_area, locus_sites: what the text says in words."""
from relation_cases import relations


def test_located_verbs_with_the_subject_in_an_earlier_sentence():
    text = "红石镇\n红石镇地处东经125°。位于柳河县西南部，地处北龙岗山脉南麓。"
    names = {"红石镇": "Place", "柳河县": "Place", "北龙岗山脉": "Place"}
    found = relations(text, names, ["located_verbs"])
    assert found == {("红石镇", "locatedIn", "柳河县"), ("红石镇", "locatedIn", "北龙岗山脉")}


def test_the_object_of_a_located_verb_is_no_subject_of_the_next():
    text = "中心位于郑州市，地处中原。"
    names = {"中心": "Organization", "郑州市": "Place", "中原": "Place"}
    found = relations(text, names, ["located_verbs"])
    assert ("郑州市", "locatedIn", "中原") not in found
    assert ("中心", "locatedIn", "郑州市") in found


def test_a_river_in_the_area_of_the_documents_own_town():
    text = "红石镇\n镇域红石河为三统河源头。"
    names = {"红石镇": "Place", "红石河": "Place", "三统河": "Place"}
    assert relations(text, names, ["within_own_area"]) == {("红石河", "locatedIn", "红石镇")}


def test_a_site_built_in_the_place_the_sentence_puts_the_action_in():
    text = "华人在旧金山建起了唐人街，又来到美国修建太平洋铁路。"
    names = {"旧金山": "Place", "唐人街": "Site", "美国": "Place", "太平洋铁路": "Site"}
    assert relations(text, names, ["locus_sites"]) == {
        ("唐人街", "locatedIn", "旧金山"), ("太平洋铁路", "locatedIn", "美国")}


def test_a_site_merely_named_after_a_place_is_not_placed_by_it():
    text = "在北京会见了唐人街代表。"
    assert relations(text, {"北京": "Place", "唐人街": "Site"}, ["locus_sites"]) == set()


def test_a_place_that_has_a_memorial_holds_it():
    text = "浙江衢州有一个杜立特行动纪念馆，衢州人民有情有义。"
    names = {"衢州": "Place", "杜立特行动纪念馆": "Site", "杜立特行动": "Event"}
    assert relations(text, names, ["place_has_site"]) == {("杜立特行动纪念馆", "locatedIn", "衢州")}
