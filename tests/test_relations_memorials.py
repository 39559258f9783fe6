"""memorial_names: a memorial commemorates whom its name holds."""
from relation_cases import relations


def test_former_residence_and_exhibition_hall_commemorate_their_heroes():
    text = "修缮伍先华旧居和谭东生平事迹陈列馆，讲好伍先华、谭东的故事。"
    names = {"伍先华旧居": "Site", "谭东生平事迹陈列馆": "Site", "伍先华": "Hero", "谭东": "Hero"}
    assert relations(text, names, ["memorial_names"]) == {
        ("伍先华旧居", "commemorates", "伍先华"), ("谭东生平事迹陈列馆", "commemorates", "谭东")}


def test_a_memorial_of_an_operation_commemorates_the_operation_and_its_leader():
    text = "杜立特行动纪念馆记录了杜立特和他的战友。"
    names = {"杜立特行动纪念馆": "Site", "杜立特行动": "Event", "杜立特": "Person"}
    assert relations(text, names, ["memorial_names"]) == {
        ("杜立特行动纪念馆", "commemorates", "杜立特行动"), ("杜立特行动纪念馆", "commemorates", "杜立特")}


def test_an_event_in_the_heros_title_is_not_what_the_site_remembers():
    text = "抗美援朝一级爆破英雄伍先华旧居。抗美援朝精神永放光芒。"
    names = {"抗美援朝一级爆破英雄伍先华旧居": "Site", "抗美援朝": "Event", "伍先华": "Hero"}
    assert relations(text, names, ["memorial_names"]) == {
        ("抗美援朝一级爆破英雄伍先华旧居", "commemorates", "伍先华")}


def test_a_site_that_is_no_memorial_commemorates_nobody():
    text = "伍先华水库蓄水，伍先华的家乡变了样。"
    assert relations(text, {"伍先华水库": "Site", "伍先华": "Hero"}, ["memorial_names"]) == set()
