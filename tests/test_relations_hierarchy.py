"""division_table: administrative fact from the division code table, with its source."""
from relation_cases import result

from kg import divisions
from kg.relations import find_relations, relate


def test_a_county_lies_in_the_nearest_division_the_document_names():
    text = "吉林省\n延吉市、长春市和延边州共同发展。"
    res = result(text, {"吉林省": "Place", "延吉市": "Place", "长春市": "Place"})
    found = {(r.subject.name, r.object.name): r for r in find_relations(res, ["division_table"])}
    assert set(found) == {("延吉市", "吉林省"), ("长春市", "吉林省")}
    assert all(r.source == divisions.SOURCE and not r.stated for r in found.values())


def test_a_nearer_named_parent_is_preferred_and_codes_are_kept():
    text = "河南省郑州市巩义市。"
    res = result(text, {"河南省": "Place", "郑州市": "Place", "巩义市": "Place"})
    rels, codes = relate(res, ["division_table"])
    assert {(r.subject.name, r.object.name) for r in rels} == {("巩义市", "郑州市"), ("郑州市", "河南省")}
    assert dict(codes) == {"河南省": "410000", "郑州市": "410100", "巩义市": "410181"}


def test_an_ambiguous_name_without_context_and_a_masked_name_take_no_part():
    text = "朝阳区和**区都在发展。北京市。"
    res = result(text, {"朝阳区": "Place", "**区": "Place", "北京市": "Place"})
    assert {(r.subject.name, r.object.name) for r in find_relations(res, ["division_table"])} == {
        ("朝阳区", "北京市")}
    res = result("朝阳区和**区都在发展。", {"朝阳区": "Place", "**区": "Place"})
    assert relate(res, ["division_table"]) == ((), ())

