"""kg.turtle: streamed Turtle that rdflib reads back as the same graph."""
import io

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.document import document_from_text
from kg.pipeline import entity_resolver, extract_document, unify_types
from kg.rdf import nt_term, statements, triples
from kg.turtle import write_turtle
from kg.vocab import KG, NIF, RESOURCE

NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def turtle(ts) -> tuple[str, int]:
    out = io.StringIO()
    n = write_turtle(ts, out)
    return out.getvalue(), n


def parsed(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def graph_of(ts) -> Graph:
    g = Graph()
    for t in ts:
        g.add(t)
    return g


def same_graph(a: Graph, b: Graph) -> bool:
    return set(a) == set(b)


TRICKY = [
    (RESOURCE["doc/report"], NIF.isString, Literal('第一行\n“引号”和"直引号"\\反斜杠\r\t制表""" 三引号')),
    (RESOURCE["doc/report"], DCTERMS.title, Literal("政府工作报告", lang="zh")),
    (RESOURCE["doc/report"], DCTERMS.date, Literal("2024-01-26", datatype=DATE)),
    (RESOURCE["doc/report"], RDF.type, KG.Document),
    (RESOURCE["doc/report"], RDF.type, NIF.Context),
    (RESOURCE["doc/2024-report.v2"], RDFS.label, Literal("")),
    (URIRef(str(RESOURCE["doc/report"]) + "#mention_3_6"), NIF.beginIndex, Literal("3", datatype=NON_NEGATIVE)),
    (RESOURCE["entity/Place/%2A%2A区"], RDFS.label, Literal("**区", lang="zh")),
    (RESOURCE["entity/Place/青岭村"], RDF.type, KG.Place),
    (URIRef("http://example.org/other#x"), RDFS.label, Literal("ascii only")),
]


def test_tricky_terms_round_trip():
    text, n = turtle(TRICKY)
    assert n == len(TRICKY)
    assert same_graph(parsed(text), graph_of(TRICKY))


def test_prefixed_names_only_where_valid():
    text, _ = turtle(TRICKY)
    assert "res:doc/" not in text  # a slash is not allowed in a prefixed local name
    assert "kg:Place" in text and "dcterms:title" in text
    assert "<https://w3id.org/kg-cn/resource/doc/2024-report.v2>" in text


def test_repeated_statements_are_written_once():
    ts = TRICKY[:2] + TRICKY[:2]
    text, n = turtle(ts)
    assert n == 2
    assert len(parsed(text)) == 2


def test_statement_strings_and_rdflib_triples_give_the_same_text():
    as_strings = [tuple(nt_term(x) for x in t) for t in TRICKY]
    assert turtle(as_strings)[0] == turtle(TRICKY)[0]


@pytest.fixture(scope="module")
def small_build():
    texts = {"a.txt": "关于“清廉**”建设的报告\n一、总体要求\n全力推进青岭村人居环境整治，持续深化“党课开讲啦”活动。\n",
             "b.txt": "支持周口国家农高区建设。\n青岭村、石门村要“比学赶超”。\n"}
    results = unify_types([extract_document(document_from_text(t, n)) for n, t in sorted(texts.items())])
    return results, entity_resolver(results)


def test_build_output_parses_to_the_rdflib_graph(small_build):
    results, entity_of = small_build
    text, n = turtle(list(statements(results, entity_of)))
    expected = graph_of(triples(results, entity_of))
    got = parsed(text)
    assert n == len(expected) == len(got)
    assert same_graph(got, expected)


def test_output_is_sorted_and_deterministic(small_build):
    results, entity_of = small_build
    a = turtle(list(statements(results, entity_of)))[0]
    b = turtle(list(reversed(list(statements(results, entity_of)))))[0]
    assert a == b
    assert a.startswith("@prefix ")
