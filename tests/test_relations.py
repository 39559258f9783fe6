"""kg.relations: the registry, the resolver, and relations in the built graph
(a plain triple plus a statement saying why, for every relation)."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.cli import main
from kg.mentions import Mention
from kg.relations import FALLBACKS, REGISTRY, Relation, find_relations
from kg.relations.resolve import resolve
from kg.store import open_store
from kg.validate import validate
from kg.vocab import KG, NIF
from relation_cases import result

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
PREFIXES = """PREFIX kg: <https://w3id.org/kg-cn/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.mark.parametrize("name", sorted({f.__module__.rsplit(".", 1)[1] for f in REGISTRY.values()}))
def test_every_finder_module_has_a_test_module(name):
    assert (TESTS / f"test_relations_{name}.py").is_file(), f"kg/relations/{name}.py has no tests"


def test_an_unknown_finder_is_named():
    with pytest.raises(KeyError, match="no relation finder named 'nearby'; known: .*name_prefix"):
        find_relations(result("河南省。", {"河南省": "Place"}), ["nearby"])


def test_a_relation_needs_evidence_or_a_source():
    a, b = Mention(0, 2, "Site", "甲馆"), Mention(3, 5, "Place", "乙市")
    with pytest.raises(ValueError, match="evidence span or a source"):
        Relation("locatedIn", a, b, "test")
    with pytest.raises(ValueError, match="unknown relation"):
        Relation("nextTo", a, b, "test", 0, 5)


def test_the_resolver_checks_types_keeps_the_best_evidence_and_breaks_cycles():
    site, city, hero = Mention(0, 4, "Site", "甲纪念馆"), Mention(5, 7, "Place", "乙市"), Mention(8, 10, "Hero", "丙")
    town = Mention(11, 13, "Place", "丁镇")
    found = [Relation("locatedIn", site, city, "late", 5, 9), Relation("locatedIn", site, city, "early", 0, 7),
             Relation("locatedIn", site, hero, "wrong range", 0, 10),
             Relation("hasIndustry", site, city, "wrong domain", 0, 7),
             Relation("locatedIn", city, town, "a", 5, 13), Relation("locatedIn", town, city, "b", 5, 13)]
    assert [(r.subject.name, r.object.name, r.finder) for r in resolve(found)] == [("甲纪念馆", "乙市", "early")]


def test_fallbacks_are_registered_finders():
    assert FALLBACKS and FALLBACKS <= set(REGISTRY)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(ROOT / "data" / "seed.txt"), "--out", str(out), "-q"]) == 0
    return out


def ask(store, query) -> list:
    return list(store.query(PREFIXES + query))


def test_every_relation_triple_has_a_statement_saying_why(out):
    store = open_store(out)
    total = ask(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b VALUES ?p { kg:locatedIn kg:commemorates kg:hasIndustry } }")
    assert int(total[0]["n"].value) >= 10
    unexplained = ask(store, """SELECT ?a ?p ?b WHERE {
        VALUES ?p { kg:locatedIn kg:commemorates kg:hasIndustry }
        ?a ?p ?b .
        FILTER NOT EXISTS { ?st a kg:RelationStatement ; rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b ;
                                kg:evidenceDocument ?doc .
                            { ?st kg:evidenceSentence ?s ; nif:anchorOf ?text } UNION { ?st dcterms:source ?src } }
    }""")
    assert unexplained == []


def test_stated_evidence_is_the_documents_own_characters_inside_its_sentence(out):
    rows = ask(open_store(out), """SELECT ?b ?e ?anchor ?text ?sb ?se WHERE {
        ?st a kg:RelationStatement ; kg:evidenceDocument ?doc ; nif:beginIndex ?b ; nif:endIndex ?e ;
            nif:anchorOf ?anchor ; kg:evidenceSentence ?s .
        ?s nif:beginIndex ?sb ; nif:endIndex ?se .
        ?doc nif:isString ?text }""")
    assert rows
    for r in rows:
        b, e, sb, se = (int(r[k].value) for k in ("b", "e", "sb", "se"))
        assert r["text"].value[b:e] == r["anchor"].value
        assert sb < e and b < se


def test_the_seeds_memorials_and_its_districts_industries(out):
    rows = ask(open_store(out), """SELECT ?a ?p ?b WHERE {
        VALUES ?p { kg:commemorates kg:hasIndustry } ?x ?p ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }""")
    found = {(r["a"].value, r["p"].value.rsplit("#")[1], r["b"].value) for r in rows}
    assert ("谭东生平事迹陈列馆", "commemorates", "谭东") in found
    assert ("**区", "hasIndustry", "锂电及新材料") in found


def test_located_in_closes_transitively_on_the_store(tmp_path):
    doc = tmp_path / "hongshi.txt"
    doc.write_text("吉林省柳河县红石镇\n红石镇位于柳河县西南部。镇域红石河为三统河源头。吉林省加快发展。\n", encoding="utf-8")
    assert main(["build", str(doc), "--out", str(tmp_path / "out"), "-q"]) == 0
    store = open_store(tmp_path / "out")
    direct = ask(store, """SELECT ?b WHERE { ?a rdfs:label "红石镇"@zh ; kg:locatedIn ?x . ?x rdfs:label ?b }""")
    closed = ask(store, """SELECT ?b WHERE { ?a rdfs:label "红石镇"@zh ; kg:locatedIn+ ?x . ?x rdfs:label ?b }""")
    assert {r["b"].value for r in direct} == {"柳河县"}
    assert {r["b"].value for r in closed} == {"柳河县", "吉林省"}


def test_places_carry_their_division_codes(out, tmp_path):
    doc = tmp_path / "henan.txt"
    doc.write_text("河南省\n郑州市和洛阳市加快发展。\n", encoding="utf-8")
    assert main(["build", str(doc), "--out", str(tmp_path / "out"), "-q"]) == 0
    rows = ask(open_store(tmp_path / "out"), "SELECT ?l ?c WHERE { ?p kg:divisionCode ?c ; rdfs:label ?l }")
    assert {(r["l"].value, r["c"].value) for r in rows} >= {("郑州市", "410100"), ("洛阳市", "410300")}


def broken_copy(out, tmp_path, change) -> Path:
    g = Graph().parse(out / "graph.ttl")
    change(g)
    path = tmp_path / "broken.ttl"
    g.serialize(path, format="turtle")
    return path


def test_kg_validate_checks_relations(out, tmp_path):
    assert validate(out).conforms
    g0 = Graph().parse(out / "graph.ttl")
    stated = next(s for s in g0.subjects(RDF.type, KG.RelationStatement) if g0.value(s, NIF.anchorOf))
    a, b = g0.value(stated, RDF.subject), g0.value(stated, RDF.object)

    def unexplained(g):  # a triple with no statement
        g.add((b, KG.locatedIn, a))

    def wrong_range(g):  # a statement whose object is no place
        g.set((stated, RDF.predicate, KG.locatedIn))
        g.add((a, KG.locatedIn, b))
        g.remove((stated, RDF.object, None))
        hero = next(g.subjects(RDF.type, KG.Hero))
        g.add((stated, RDF.object, hero))
        g.add((a, KG.locatedIn, hero))

    def wrong_offsets(g):
        g.set((stated, NIF.beginIndex, Literal(int(g.value(stated, NIF.beginIndex)) + 1,
                                               datatype=XSD.nonNegativeInteger)))

    for change, words in ((unexplained, "without a kg:RelationStatement"), (wrong_range, "leads to a place"),
                          (wrong_offsets, "do not hold its evidence")):
        report = validate(broken_copy(out, tmp_path, change))
        assert not report.conforms and words in report.text(), change.__name__
