"""Each shipped question's answer on the seed, as a correct extraction of data/seed.txt must give it.

Expected answers come from the seed's text (its part headings, the sentence
naming the leading industries), not from a snapshot of the current build.
"""
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.query import bind_params, run, shipped_queries
from kg.store import open_store

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    return open_store(out)


def ask(store, name, **params):
    result = run(store, bind_params(shipped_queries()[name].text, params))
    names = [v.value for v in result.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def part_headings():
    return [m[1] for m in re.finditer(r"^[一二三四五六七八九十]+、(.+)$", TEXT, re.M)]


def part_text(n):
    starts = [m.start() for m in re.finditer(r"^[一二三四五六七八九十]+、", TEXT, re.M)] + [len(TEXT)]
    return TEXT[starts[n - 1]:starts[n]]


def test_at_least_ten_questions_each_titled():
    queries = shipped_queries()
    assert len(queries) >= 10
    assert all(q.title for q in queries.values())


def test_outline_lists_the_part_headings_in_order(store):
    rows = [r for r in ask(store, "outline") if r["kind"] == "Part"]
    assert [r["title"] for r in rows] == part_headings()
    assert [int(r["number"]) for r in rows] == [1, 2, 3]


def test_sections_mentioning_an_entity(store):
    rows = ask(store, "sections-mentioning", entity="两个结合")
    assert {(r["kind"], r["title"]) for r in rows} >= {("Part", part_headings()[0]), ("Paragraph", "深刻领悟“两个结合”")}
    rows = ask(store, "sections-mentioning", entity="锂电及新材料")
    assert {(r["kind"], r["title"]) for r in rows} == {("Part", part_headings()[1]), ("Paragraph", "打造产城共兴新引擎")}
    for r in rows:
        assert "锂电及新材料" in TEXT[int(r["begin"]):int(r["end"])]


def test_campaigns_of_each_part(store):
    rows = ask(store, "campaigns-by-part")
    by_part = {}
    for r in rows:
        by_part.setdefault(int(r["part"]), []).append(r["campaign"])
        assert r["title"] == part_headings()[int(r["part"]) - 1]
        assert r["campaign"].replace("“", "").replace("”", "") in part_text(int(r["part"])).replace("“", "").replace("”", "")
    assert any("党课开讲啦" in c for c in by_part.get(1, [])), by_part
    assert any("中小企业工程款清欠攻坚行动" in c for c in by_part.get(2, [])), by_part
    assert any("勤廉三心" in c for c in by_part.get(3, [])), by_part


def test_places_and_parks_in_one_paragraph(store):
    pairs = {(r["place"], r["park"]) for r in ask(store, "places-parks-same-paragraph")}
    assert any(place == "海龙村" and "文旅园区" in park for place, park in pairs), pairs
    assert any(place == "成渝地区" and "天齐绿色低碳产业园" in park for place, park in pairs), pairs
    assert not any(place == "海龙村" and "天齐" in park for place, park in pairs)


def test_heroes_and_the_sites_that_commemorate_them(store):
    pairs = {(r["hero"], r["site"]) for r in ask(store, "heroes-and-sites")}
    assert any(h == "伍先华" and s.endswith("伍先华旧居") for h, s in pairs), pairs
    assert any(h == "谭东" and s.endswith("谭东生平事迹陈列馆") for h, s in pairs), pairs


def test_a_heros_memorials_where_they_are_and_why(store):
    rows = ask(store, "hero-memorials", entity="谭东")
    assert [r["site"] for r in rows] == ["谭东生平事迹陈列馆"]
    assert "**区" in rows[0]["places"].split("、")
    assert "谭东生平事迹陈列馆" in rows[0]["evidence"] and rows[0]["evidence"] in rows[0]["sentence"]


def test_places_and_the_parks_inside_them(store):
    rows = {(r["place"], r["park"]): r["direct"] for r in ask(store, "places-and-parks")}
    assert rows[("海龙村", "海龙凯歌文旅园区")] == "true"
    assert rows[("**区", "海龙凯歌文旅园区")] == "false"  # through 海龙村: locatedIn is transitive
    assert ("**区", "遂潼天然气综合利用产业园") in rows


def test_industries_by_place(store):
    pairs = {(r["place"], r["industry"]) for r in ask(store, "industries-by-place")}
    assert pairs >= {("**区", "锂电及新材料"), ("**区", "汽车与装备制造"), ("**区", "天然气清洁能源")}


def test_the_evidence_of_a_relation_is_its_sentence(store):
    rows = ask(store, "relation-evidence", entity="谭东")
    (row,) = [r for r in rows if r["relation"] == "commemorates"]
    assert (row["subject"], row["object"], row["document"]) == ("谭东生平事迹陈列馆", "谭东", "seed")
    begin, end = int(row["begin"]), int(row["end"])
    assert TEXT[begin:end] == row["evidence"] and row["evidence"] in row["sentence"]


def test_leading_industries(store):
    rows = ask(store, "leading-industries")
    assert {r["industry"] for r in rows} == {"锂电及新材料", "汽车与装备制造", "天然气清洁能源"}
    assert all("三大主导产业" in r["sentence"] for r in rows)


def test_most_mentioned_entity_of_each_type(store):
    rows = ask(store, "top-entities-per-type")
    concept = [r for r in rows if r["type"] == "Concept"]
    assert [r["entity"] for r in concept] == ["习近平新时代中国特色社会主义思想"]
    mentions = ask(store, "mention-evidence", entity="习近平新时代中国特色社会主义思想")
    # the count leaves out the thought's name inside a longer name (…思想主题教育); the evidence lists it
    assert 7 <= int(concept[0]["mentions"]) <= len(mentions)
    counts = {}
    for r in ask(store, "entity-types"):
        counts[r["type"]] = r
    for r in rows:  # each type's winner: no entity of its type is mentioned more
        assert int(r["mentions"]) >= 1 and r["type"] in counts


def test_entities_shared_between_documents(store, tmp_path):
    assert ask(store, "shared-entities") == []  # one document shares with none
    para = next(line for line in TEXT.splitlines() if line.startswith("打造产城共兴新引擎"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seed.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / "excerpt.txt").write_text("产业发展摘要\n" + para + "\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "docs"), "--out", str(tmp_path / "out"), "-q"]) == 0
    rows = ask(open_store(tmp_path / "out"), "shared-entities")
    shared = {r["entity"]: r for r in rows}
    for industry in ("锂电及新材料", "汽车与装备制造", "天然气清洁能源"):
        assert shared[industry]["documentCount"] == "2"
        assert sorted(shared[industry]["documents"].split()) == ["excerpt", "seed"]


def test_sentence_and_offsets_behind_a_mention(store):
    rows = ask(store, "mention-evidence", entity="锂电及新材料")
    begin = TEXT.index("锂电及新材料")
    sentence_begin = TEXT.rindex("。", 0, begin) + 1
    sentence_end = TEXT.index("。", begin) + 1
    assert len(rows) == 1
    (r,) = rows
    assert (r["anchor"], int(r["begin"]), int(r["end"])) == ("锂电及新材料", begin, begin + 6)
    assert r["sentence"] == TEXT[sentence_begin:sentence_end]
    assert (int(r["sentenceBegin"]), int(r["sentenceEnd"])) == (sentence_begin, sentence_end)


def test_what_is_named_alongside_an_entity(store):
    rows = ask(store, "co-mentioned", entity="锂电及新材料")
    named = {r["other"] for r in rows}
    assert {"汽车与装备制造", "天然气清洁能源"} <= named
    assert "锂电及新材料" not in named
    assert "两个结合" not in named


def test_entities_and_mentions_per_type(store):
    rows = {r["type"]: (int(r["entities"]), int(r["mentions"])) for r in ask(store, "entity-types")}
    assert rows["Industry"][0] >= 3
    assert {"Place", "Park", "Hero", "Campaign", "Industry"} <= set(rows)
    # mentions that stand on their own: a name inside a longer name is kg:nestedIn it and not counted
    per_type = run(store, "SELECT ?c (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e . ?e a ?c "
                          "FILTER NOT EXISTS { ?m kg:nestedIn ?o } } GROUP BY ?c")
    actual = {s["c"].value.rsplit("#", 1)[1]: int(s["n"].value) for s in per_type}
    assert {t: m for t, (_, m) in rows.items()} == actual


def test_entity_by_year_counts_mentions_and_documents_per_year(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = {  # the year comes from the text's date line, the file name, or not at all
        "a.txt": "讲话\n（2017年10月18日）\n实施乡村振兴战略。\n",
        "2018.txt": "各位代表：\n大力实施乡村振兴战略。乡村振兴要扎实推进。\n",
        "2018-05-01-b.txt": "要全面推进乡村振兴。\n",
        "undated.txt": "推进乡村振兴。\n",
    }
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    assert main(["build", str(docs), "--out", str(tmp_path / "out"), "-q"]) == 0
    rows = ask(open_store(tmp_path / "out"), "entity-by-year", entity="乡村振兴")
    assert [(r["year"], int(r["mentions"]), int(r["documents"])) for r in rows] == [("2017", 1, 1), ("2018", 3, 2)]
