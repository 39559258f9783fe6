"""region_table: regions wholly inside one province, from kg/relations/regions.tsv."""
from relation_cases import result

from kg.relations import find_relations
from kg.relations.regions import SOURCE as REGIONS


def test_a_region_inside_one_province():
    text = "河北省\n推动雄安新区高质量建设，保护白洋淀。"
    res = result(text, {"河北省": "Place", "雄安新区": "Place", "白洋淀": "Place"})
    rels = find_relations(res, ["region_table"])
    assert {(r.subject.name, r.object.name) for r in rels} == {("雄安新区", "河北省"), ("白洋淀", "河北省")}
    assert {r.source for r in rels} == {REGIONS}
