"""kg.rdf: the graph's shape, as the scorer and SPARQL users read it."""
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.entities import Entity
from kg.mentions import TYPES
from kg.outputs import write_graph
from kg.pipeline import build_results, entity_resolver
from kg.rdf import document_iri, entity_classes, entity_iri, iri_segment, mention_iri, section_iri, to_graph
from kg.sections import KINDS
from kg.vocab import ITSRDF, KG, NIF

# XSD itself is not imported: pytest probes module globals, and XSD warns at unknown names
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
ROOT = Path(__file__).resolve().parents[1]
EXTRA = "关于“**区”的说明\n全力推进青岭村人居环境整治，持续深化“党课开讲啦”活动。\n"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    doc = tmp_path_factory.mktemp("docs") / "extra.txt"
    doc.write_text(EXTRA, encoding="utf-8")
    return [ROOT / "data" / "seed.txt", doc]


@pytest.fixture(scope="module")
def build(docs):
    results = build_results(docs)
    return results, entity_resolver(results)


@pytest.fixture(scope="module")
def graph(build):
    return to_graph(*build)


def ints(g, s, p):
    return int(g.value(s, p))


def local(iri):
    return str(iri).rsplit("#", 1)[1]


def test_documents_are_contexts(graph, build):
    results, _ = build
    for r in results:
        d = document_iri(r.document.id)
        assert (d, RDF.type, KG.Document) in graph and (d, RDF.type, NIF.Context) in graph
        assert str(graph.value(d, NIF.isString)) == r.document.text
        assert (ints(graph, d, NIF.beginIndex), ints(graph, d, NIF.endIndex)) == (0, len(r.document.text))
        assert str(graph.value(d, KG.sha256)) == r.document.sha256


def test_every_anchor_is_the_slice_of_its_context(graph):
    mentions = list(graph.subjects(RDF.type, KG.Mention))
    assert len(mentions) > 100
    for m in mentions:
        text = str(graph.value(graph.value(m, NIF.referenceContext), NIF.isString))
        b, e = ints(graph, m, NIF.beginIndex), ints(graph, m, NIF.endIndex)
        assert 0 <= b < e <= len(text)
        assert str(graph.value(m, NIF.anchorOf)) == text[b:e], m
        assert m == mention_iri(str(graph.value(m, NIF.referenceContext)).rsplit("/", 1)[1], b, e)


def test_sentences_and_paragraphs_hold_their_text(graph):
    for cls in (KG.Sentence, KG.Paragraph, KG.Title, KG.LeadSentence):
        sections = list(graph.subjects(RDF.type, cls))
        assert sections, cls
        for s in sections:
            text = str(graph.value(graph.value(s, NIF.referenceContext), NIF.isString))
            assert str(graph.value(s, NIF.anchorOf)) == text[ints(graph, s, NIF.beginIndex):ints(graph, s, NIF.endIndex)]


def test_classes_are_queried_without_reasoning(graph):
    # the questions a first-time user asks, answered by the graph as written
    sentences = list(graph.query("SELECT ?s ?t WHERE { ?s a nif:Sentence ; nif:anchorOf ?t }", initNs={"nif": NIF}))
    assert len(sentences) >= len(set(graph.subjects(RDF.type, KG.Sentence))) > 50
    assert all(str(t).strip() for _, t in sentences)
    entities = set(graph.objects(None, ITSRDF.taIdentRef))
    assert set(graph.subjects(RDF.type, KG.Entity)) == entities
    heroes = set(graph.subjects(RDF.type, KG.Hero))
    labels = {str(graph.value(h, RDFS.label)) for h in heroes}
    assert {"伍先华", "谭东"} <= labels
    assert heroes <= set(graph.subjects(RDF.type, KG.Person))
    assert set(graph.subjects(RDF.type, NIF.Phrase)) == set(graph.subjects(RDF.type, KG.Mention))


def test_superclasses_follow_the_ontology():
    from rdflib import Graph
    from kg.rdf import SECTION_SUPERCLASSES
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")

    def ancestors(c):
        return set(onto.transitive_objects(c, RDFS.subClassOf)) - {NIF.String, URIRef("http://www.w3.org/ns/prov#Entity")}

    for t in TYPES:
        assert set(entity_classes(t)) == ancestors(KG[t]), t
    for kind in KINDS:
        expected = ancestors(KG[kind]) - {KG.Section, KG[kind]}
        assert ({SECTION_SUPERCLASSES[kind]} if kind in SECTION_SUPERCLASSES else set()) == expected, kind
    assert ancestors(KG.Mention) == {KG.Mention, NIF.Phrase}


def test_mentions_sit_in_their_paragraph_and_sentence(graph):
    for m in graph.subjects(RDF.type, KG.Mention):
        b, e = ints(graph, m, NIF.beginIndex), ints(graph, m, NIF.endIndex)
        for p, cls in ((KG.inSection, KG.Paragraph), (KG.inSentence, KG.Sentence)):
            s = graph.value(m, p)
            if s is None:
                continue  # a mention in the title line
            assert (s, RDF.type, cls) in graph
            assert ints(graph, s, NIF.beginIndex) <= b and e <= ints(graph, s, NIF.endIndex)
        assert graph.value(m, KG.extractor) is not None


def test_each_entity_has_one_chinese_label_and_a_type(graph):
    entities = set(graph.objects(None, ITSRDF.taIdentRef))
    assert entities
    for e in entities:
        labels = list(graph.objects(e, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh", e
        assert list(graph.objects(e, SKOS.prefLabel)) == labels
        types = set(graph.objects(e, RDF.type))
        (cls,) = [c for c in types if c in {KG[t] for t in TYPES} and set(entity_classes(local(c))) == types]
        assert e == entity_iri(Entity(str(cls).rsplit("#", 1)[1], str(labels[0])))
        assert all(a.language == "zh" and a != labels[0] for a in graph.objects(e, SKOS.altLabel))


def test_mention_count_and_documents_of_entities(graph):
    for e in set(graph.objects(None, ITSRDF.taIdentRef)):
        mentions = set(graph.subjects(ITSRDF.taIdentRef, e))
        standalone = {m for m in mentions if graph.value(m, KG.nestedIn) is None}
        assert ints(graph, e, KG.mentionCount) == len(standalone)
        assert set(graph.objects(e, KG.inDocument)) == {graph.value(m, NIF.referenceContext) for m in mentions}
        paragraphs = {graph.value(m, KG.inSection) for m in mentions} - {None}
        assert paragraphs <= set(graph.objects(e, KG.mentionedIn))


def test_sections_have_offsets_order_and_parent(graph, build):
    results, _ = build
    for r in results:
        d = document_iri(r.document.id)
        sections = set(graph.subjects(NIF.referenceContext, d)) - set(graph.subjects(RDF.type, KG.Mention))
        assert len(sections) == len(r.sections)
        for s in sections:
            (cls,) = [c for c in graph.objects(s, RDF.type) if c.startswith(str(KG._NS))]
            assert local(cls) in KINDS
            b, e = ints(graph, s, NIF.beginIndex), ints(graph, s, NIF.endIndex)
            assert 0 <= b < e <= len(r.document.text)
            assert graph.value(s, KG.order).datatype == NON_NEGATIVE
            parent = graph.value(s, DCTERMS.isPartOf)
            if parent != d:
                assert ints(graph, parent, NIF.beginIndex) <= b and e <= ints(graph, parent, NIF.endIndex)
        for sec in r.sections:
            assert section_iri(r.document.id, sec.id) in sections


def test_parts_have_titles(graph):
    parts = list(graph.subjects(RDF.type, KG.Part))
    assert parts
    assert all(isinstance(graph.value(p, DCTERMS.title), Literal) for p in parts)


def test_iri_segment_keeps_chinese_and_encodes_the_rest():
    assert iri_segment("青岭村") == "青岭村"
    assert iri_segment("**区") == "%2A%2A区"
    assert iri_segment("a b/c") == "a%20b%2Fc"
    assert iri_segment("..") == "_.."
    assert entity_iri(Entity("Place", "**区")) == URIRef("https://w3id.org/kg-cn/resource/entity/Place/%2A%2A区")


def test_build_is_byte_identical_twice(tmp_path, build, docs):
    again = build_results(docs[::-1])
    first, n = write_graph(*build, tmp_path / "first")
    second, _ = write_graph(again, entity_resolver(again), tmp_path / "second")
    assert n > 1000
    assert first.read_bytes() == second.read_bytes()
