"""kg query: where a query comes from, its parameters, its output formats, its errors."""
import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import Graph

from kg.cli import main
from kg.query import QueryError, bind_params, read_query, shipped_queries
from kg.results import display_width

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
PARTS = "SELECT ?title WHERE { ?p a kg:Part ; dcterms:title ?title ; nif:beginIndex ?b } ORDER BY ?b"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    return out


def kg_query(capsysbinary, *argv):
    code = main(["query", *argv])
    captured = capsysbinary.readouterr()
    return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("伍先华") == 6
    assert display_width("“两个结合”") == 10 - 4 + 4  # curly quotes are ambiguous width: one column


def test_table_aligns_chinese_labels(out, capsysbinary):
    q = PARTS.replace("SELECT ?title", "SELECT ?title ?b")
    code, text, _ = kg_query(capsysbinary, q, "--graph", str(out))
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["title", "|", "b"] and set(lines[1]) == {"-", "+"}
    assert len(lines) == 5 and lines[2].startswith("坚持凝心铸魂")
    rule = display_width(lines[1][:lines[1].index("+")])
    assert {display_width(line[:line.index(" | ")]) for line in [lines[0], *lines[2:]]} == {rule - 1}


def test_table_columns_line_up(out, capsysbinary):
    q = "SELECT ?label ?n WHERE { ?e rdfs:label ?label ; kg:mentionCount ?n } ORDER BY ?label"
    code, text, _ = kg_query(capsysbinary, q, "--graph", str(out))
    assert code == 0
    lines = text.splitlines()
    bar = {display_width(line[:line.index(" | ")]) for line in [lines[0], *lines[2:]]}
    assert len(bar) == 1


def test_csv_tsv_json_xml(out, capsysbinary):
    _, text, _ = kg_query(capsysbinary, PARTS, "--graph", str(out), "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["title"] and len(rows) == 4 and rows[1][0].startswith("坚持凝心铸魂")
    _, text, _ = kg_query(capsysbinary, PARTS, "--graph", str(out), "--format", "tsv")
    assert text.splitlines()[0] == "?title" and text.splitlines()[1].startswith('"坚持凝心铸魂')
    _, text, _ = kg_query(capsysbinary, PARTS, "--graph", str(out), "--format", "json")
    data = json.loads(text)
    assert data["head"]["vars"] == ["title"]
    assert data["results"]["bindings"][0]["title"]["xml:lang"] == "zh"
    _, text, _ = kg_query(capsysbinary, PARTS, "--graph", str(out), "--format", "xml")
    assert len(ElementTree.fromstring(text).findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 3


def test_ask_and_construct(out, capsysbinary):
    assert kg_query(capsysbinary, "ASK { ?p a kg:Part }", "--graph", str(out))[1] == "true\n"
    q = "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p a kg:Part ; dcterms:title ?t }"
    code, text, _ = kg_query(capsysbinary, q, "--graph", str(out))
    assert code == 0 and len(Graph().parse(data=text, format="turtle")) == 3
    code, text, _ = kg_query(capsysbinary, q, "--graph", str(out), "--format", "ntriples")
    assert code == 0 and len(text.splitlines()) == 3
    code, _, err = kg_query(capsysbinary, q, "--graph", str(out), "--format", "csv")
    assert code == 2 and "graph" in err


def test_query_from_a_file_a_shipped_name_or_a_graph_file(out, capsysbinary, tmp_path):
    rq = tmp_path / "parts.rq"
    rq.write_text(PARTS, encoding="utf-8")
    by_file = kg_query(capsysbinary, str(rq), "--graph", str(out))
    by_ttl = kg_query(capsysbinary, str(rq), "--graph", str(out / "graph.ttl"))
    assert by_file == by_ttl and by_file[0] == 0
    code, text, _ = kg_query(capsysbinary, "outline", "--graph", str(out), "--format", "csv")
    assert code == 0 and "坚持敢闯敢试" in text


def test_param_sets_the_values_line(out, capsysbinary):
    code, text, _ = kg_query(capsysbinary, "sections-mentioning", "--param", "entity=两个确立",
                             "--graph", str(out), "--format", "csv")
    assert code == 0 and "坚定捍卫“两个确立”" in text and "深刻领悟“两个结合”" not in text
    code, _, err = kg_query(capsysbinary, "outline", "--param", "entity=x", "--graph", str(out))
    assert code == 3 and "VALUES ?entity" in err
    assert kg_query(capsysbinary, "outline", "--param", "novalue", "--graph", str(out))[0] == 2


def test_an_unknown_entity_is_named_with_the_closest_labels(out, capsysbinary):
    code, text, err = kg_query(capsysbinary, "sections-mentioning", "--param", "entity=两个结", "--graph", str(out))
    assert code == 3 and text == ""
    assert err.startswith('kg query: no entity labelled "两个结"; did you mean: ')
    assert "两个结合" in err
    code, text, _ = kg_query(capsysbinary, "sections-mentioning", "--param", "entity=两个结合", "--graph", str(out))
    assert code == 0 and text


def test_bind_params_escapes_and_keeps_iris():
    q = 'SELECT * WHERE { VALUES ?x { "a" } }'
    assert bind_params(q, {"x": 'say "hi"\\'}) == 'SELECT * WHERE { VALUES ?x { "say \\"hi\\"\\\\" } }'
    assert bind_params(q, {"x": "<https://example.org/a>"}) == 'SELECT * WHERE { VALUES ?x { <https://example.org/a> } }'
    tagged = 'SELECT * WHERE { VALUES ?entity { "两个结合"@zh } }'
    assert bind_params(tagged, {"entity": "伍先华"}) == 'SELECT * WHERE { VALUES ?entity { "伍先华"@zh } }'
    with pytest.raises(QueryError):
        bind_params(q, {"y": "1"})


def test_syntax_error_shows_message_and_position(out, capsysbinary):
    code, text, err = kg_query(capsysbinary, "SELECT ?s WHERE {\n  ?s ?p \n}", "--graph", str(out))
    assert code == 3 and text == ""
    assert "syntax error at line 3, column" in err
    assert err.rstrip().endswith("^")


def test_updates_are_not_queries(out, capsysbinary):
    code, _, err = kg_query(capsysbinary, "INSERT DATA { <a:b> <a:c> <a:d> }", "--graph", str(out))
    assert code == 3 and "syntax error" in err


def test_missing_graph_and_unknown_query(tmp_path, capsysbinary):
    code, _, err = kg_query(capsysbinary, PARTS, "--graph", str(tmp_path))
    assert code == 3 and "kg build" in err
    code, _, err = kg_query(capsysbinary, "no-such-question", "--graph", str(tmp_path))
    assert code == 3 and "shipped" in err
    code, _, err = kg_query(capsysbinary, "missing.rq")
    assert code == 3 and "missing.rq" in err


def test_list_names_every_shipped_query(capsysbinary):
    code, text, _ = kg_query(capsysbinary, "--list")
    assert code == 0
    for name, q in shipped_queries().items():
        assert name in text and q.title in text
    assert "sections-mentioning --param entity=" in text


def test_read_query_inline_text_is_kept():
    assert read_query(PARTS) == PARTS


def test_kg_query_from_python_gives_rows_as_the_cli_prints_them(out, capsysbinary):
    import kg

    rows = kg.query(PARTS.replace("SELECT ?title", "SELECT ?title ?b"), graph=out)
    assert [r["title"] for r in rows][:1] == ["坚持凝心铸魂，学深悟透习近平新时代中国特色社会主义思想"]
    assert all(isinstance(r["b"], int) for r in rows) and [r["b"] for r in rows] == sorted(r["b"] for r in rows)
    code, text, _ = kg_query(capsysbinary, PARTS, "--graph", str(out), "--format", "csv")
    assert [r["title"] for r in rows] == text.splitlines()[1:]
    # a shipped question with its parameter; ASK; CONSTRUCT
    mentioning = kg.query("sections-mentioning", graph=out, entity="两个结合")
    assert mentioning and all(r["section"].startswith("https://w3id.org/kg-cn/resource/doc/seed#") for r in mentioning)
    assert kg.query("ASK { ?p a kg:Part }", graph=out) is True
    triples = kg.query("CONSTRUCT { ?p a kg:Part } WHERE { ?p a kg:Part }", graph=out)
    assert len(triples) == len(rows) and triples[0][2] == "https://w3id.org/kg-cn/ontology#Part"
    with pytest.raises(QueryError, match="did you mean|no entity"):
        kg.query("sections-mentioning", graph=out, entity="没有这个实体名")
