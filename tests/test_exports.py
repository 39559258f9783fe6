"""Graph formats: Turtle, N-Triples and JSON-LD say the same graph; GraphML and GEXF open in networkx (Gephi)."""
import io
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.exports import entity_graph, write_formats
from kg.rdf import entity_iri
from kg.rdf import statements, to_graph, triples
from kg.turtle import write_turtle

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEED), "--out", str(out), "-q", "--format", "ttl,nt",
                 "--format", "jsonld,graphml,gexf,neo4j"]) == 0
    return out


def test_every_rdf_format_holds_the_graph_of_the_build(built, seed_build):
    ttl = Graph().parse(built / "graph.ttl", format="turtle")
    nt = Graph().parse(built / "graph.nt", format="nt")
    jsonld = Graph().parse(built / "graph.jsonld", format="json-ld")
    assert len(ttl) > 1000
    assert isomorphic(ttl, nt) and isomorphic(ttl, jsonld)


def test_turtle_equals_the_rdflib_graph_of_the_build(seed_build):
    results, entity_of = seed_build
    out = io.StringIO()
    n = write_turtle(statements(results, entity_of), out)
    parsed = Graph().parse(data=out.getvalue(), format="turtle")
    assert n == len(parsed)
    assert isomorphic(parsed, to_graph(results, entity_of))
    # rdflib triples and N-Triples statements give the same bytes
    again = io.StringIO()
    write_turtle(triples(results, entity_of), again)
    assert again.getvalue() == out.getvalue()


def test_literals_with_quotes_backslashes_and_line_breaks_survive(tmp_path):
    text = '题目 "引号" \\ 反斜杠\n第二行\r\n“乡村振兴”行动在成都市开展。\t制表\n'
    (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "odd.txt"), "--out", str(out), "-q", "--format", "ttl,nt,jsonld"]) == 0
    graphs = [Graph().parse(out / f, format=fmt) for f, fmt in
              (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"))]
    from kg.vocab import NIF
    from kg.document import read_document
    strings = [str(next(g.objects(None, NIF.isString))) for g in graphs]
    assert strings[0] == strings[1] == strings[2] == read_document(tmp_path / "odd.txt").text
    assert "\\" in strings[0] and '"引号"' in strings[0] and "\n第二行" in strings[0]
    assert all(isomorphic(graphs[0], g) for g in graphs[1:])


def test_entity_graph_in_graphml_and_gexf(built, seed_build):
    results, entity_of = seed_build
    g = entity_graph(results, entity_of)
    assert g.number_of_nodes() > 10 and g.number_of_edges() > 10
    for path in (built / "entities.graphml", built / "entities.gexf"):
        read = nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)
        labels = {d["label"] for _, d in read.nodes(data=True)}
        assert "乡村振兴" in labels
        types = {d["type"] for _, d in read.nodes(data=True)}
        assert {"Campaign", "Industry"} <= types
        u, v, w = max(read.edges(data="weight"), key=lambda e: e[2])
        assert w >= 1
    # an entity's mentions are the mentions of the build that resolve to it
    mentions = sum(len(r.mentions) for r in results)
    assert sum(d["mentions"] for _, d in g.nodes(data=True) if d["kind"] == "entity") == mentions


def test_entities_named_in_one_paragraph_are_joined(seed_build):
    from kg.rdf import entity_iri

    results, entity_of = seed_build
    g = entity_graph(results, entity_of)
    pairs = 0
    for r in results:
        by_para: dict = {}
        for m, (para, _, _) in zip(r.mentions, r.containers()):
            by_para.setdefault(para, set()).add(str(entity_iri(entity_of(m))))
        for names in by_para.values():
            names = sorted(names)
            for a, b in zip(names, names[1:]):
                assert g.has_edge(a, b)
                pairs += 1
    assert pairs > 10


def test_gexf_carries_no_date_so_rebuilds_are_identical(built, tmp_path):
    assert b"lastmodifieddate" not in (built / "entities.gexf").read_bytes()
    again = tmp_path / "again"
    assert main(["build", str(SEED), "--out", str(again), "-q", "--format", "gexf,graphml,jsonld,nt"]) == 0
    for name in ("entities.gexf", "entities.graphml", "graph.jsonld", "graph.nt"):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


def test_write_formats_reports_each_file(seed_build, tmp_path):
    results, entity_of = seed_build
    written = write_formats(results, entity_of, tmp_path, ["nt", "turtle", "ntriples"])
    assert list(written) == ["ntriples", "turtle"]
    assert written["ntriples"][1] == written["turtle"][1]
    assert sum(1 for _ in open(written["ntriples"][0], encoding="utf-8")) == written["ntriples"][1]


def test_graphml_has_document_nodes_and_typed_edges_networkx_reads(built, seed_build):
    results, entity_of = seed_build
    read = nx.read_graphml(built / "entities.graphml")
    documents = {n for n, d in read.nodes(data=True) if d["type"] == "Document"}
    assert documents == {"https://w3id.org/kg-cn/resource/doc/seed"}
    relations = Counter(d["relation"] for _, _, d in read.edges(data=True))
    assert set(relations) == {"mentionedIn", "coMentioned", "locatedIn", "commemorates", "hasIndustry"}
    # a mention edge per entity, entity -> document, weighted by its mentions there
    entities = {n for n, d in read.nodes(data=True) if d["type"] != "Document"}
    to_doc = {u: w for u, v, w in ((u, v, d["weight"]) for u, v, d in read.edges(data=True)
                                  if d["relation"] == "mentionedIn")}
    assert set(to_doc) == entities
    seed = next(r for r in results if r.document.id == "seed")
    assert sum(to_doc.values()) == len(seed.mentions)
    assert all(v in documents for u, v, d in read.edges(data=True) if d["relation"] == "mentionedIn")
    # Gephi colours: a type's colour is the graph page's
    from kg.html import TYPE_STYLE
    campaign = next(d for _, d in read.nodes(data=True) if d["type"] == "Campaign")
    assert campaign["colour"] == TYPE_STYLE["Campaign"][0]
    assert "#%02x%02x%02x" % (campaign["r"], campaign["g"], campaign["b"]) == campaign["colour"]


def test_relation_edges_run_subject_to_object_with_their_type(built, seed_build):
    results, entity_of = seed_build
    seed = next(r for r in results if r.document.id == "seed")
    want = {(str(entity_iri(entity_of(x.subject))), x.predicate, str(entity_iri(entity_of(x.object))))
            for x in seed.relations}
    assert any(p == "commemorates" for _, p, _ in want)
    for path in (built / "entities.graphml", built / "entities.gexf"):
        read = nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)
        got = {(u, d["relation"], v) for u, v, d in read.edges(data=True)
               if d["relation"] in ("locatedIn", "commemorates", "hasIndustry")}
        assert got == want, path.name


def test_gexf_colours_nodes_for_gephi(built):
    text = (built / "entities.gexf").read_text(encoding="utf-8")
    assert text.count("<viz:color") == text.count("<node ")
    read = nx.read_gexf(built / "entities.gexf")
    assert {d["relation"] for _, _, d in read.edges(data=True)} == {
        "mentionedIn", "coMentioned", "locatedIn", "commemorates", "hasIndustry"}


def test_neo4j_csv_follow_the_import_tool_conventions(built):
    """neo4j-admin database import: every node file has one :ID column and :LABEL; the
    relationship file :START_ID, :END_ID and :TYPE; typed columns name:type; every
    relationship ends at a node that exists; ids are unique across the node files."""
    import csv

    folder = built / "neo4j"
    ids: dict[str, str] = {}
    for name in ("documents.csv", "entities.csv"):
        with open(folder / name, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        assert header[0] == "id:ID" and header[-1] == ":LABEL" and sum(h.endswith(":ID") for h in header) == 1
        assert body
        for row in body:
            assert len(row) == len(header) and row[0] not in ids
            ids[row[0]] = row[-1]
            for h, v in zip(header, row):
                if h.endswith(":int"):
                    assert int(v) >= 0
    assert {"Document"} == {lab for lab in ids.values() if not lab.startswith("Entity;")}
    assert all(lab.split(";")[1] in {"Place", "Park", "Hero", "Campaign", "Industry", "Concept", "Organization",
                                     "Site", "Person", "Event", "Policy"}
               for lab in ids.values() if lab.startswith("Entity;"))
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [":START_ID", ":END_ID", ":TYPE", "weight:int"]
    types = Counter(r[2] for r in rows[1:])
    assert set(types) == {"MENTIONED_IN", "CO_MENTIONED", "LOCATED_IN", "COMMEMORATES", "HAS_INDUSTRY"}
    for start, end, kind, weight in rows[1:]:
        assert start in ids and end in ids and int(weight) >= 1
        if kind == "MENTIONED_IN":
            assert ids[end] == "Document" and ids[start].startswith("Entity;")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in readme and "--relationships=" in readme
