"""Stage 5: the graph. Documents, sections and mentions in NIF 2.1, entities
under the kg ontology, the build in PROV-O, alternative names in SKOS.

``triples`` yields every triple of a build in a deterministic order, so a
writer can stream them; ``to_graph`` collects them into an rdflib Graph.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.entities import Entity
from kg.sections import PARAGRAPH, PART, SENTENCE, SUBPART, CLAUSE, TITLE
from kg.vocab import ITSRDF, KG, NIF, ONTOLOGY_IRI, RESOURCE

PREFIXES = {
    "kg": str(KG._NS), "res": str(RESOURCE), "nif": str(NIF), "itsrdf": str(ITSRDF),
    "prov": str(PROV), "skos": str(SKOS), "dcterms": str(DCTERMS), "rdfs": str(RDFS),
    "rdf": str(RDF), "xsd": str(XSD), "owl": str(OWL),
}
VERSION = "0.1.0"

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def iri_segment(name: str) -> str:
    """A name as one IRI path segment: letters of any script kept, the rest percent-encoded."""
    out = []
    for ch in unicodedata.normalize("NFC", name):
        if (ch.isascii() and (ch.isalnum() or ch in "-._~")) or \
                (not ch.isascii() and unicodedata.category(ch)[0] in "LNM"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out) or "_"


def document_iri(doc_id: str) -> URIRef:
    return RESOURCE[f"doc/{iri_segment(doc_id)}"]


def section_iri(doc_id: str, section_id: str) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}#{section_id}")


def mention_iri(doc_id: str, begin: int, end: int) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}#mention_{begin}_{end}")


def entity_iri(entity: Entity) -> URIRef:
    return RESOURCE[f"entity/{entity.type}/{iri_segment(entity.label)}"]


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _section_class(kind: str) -> URIRef:
    return KG[kind]


def build_iri(results) -> URIRef:
    h = hashlib.sha256(VERSION.encode())
    for r in results:
        h.update(r.document.sha256.encode())
    return RESOURCE[f"build/{h.hexdigest()[:16]}"]


def document_triples(result, entity_of) -> Iterator[Triple]:
    """Triples of one document: its context, sections and mentions."""
    doc, text = result.document, result.document.text
    d = document_iri(doc.id)
    yield d, RDF.type, KG.Document
    yield d, RDF.type, NIF.Context
    yield d, NIF.isString, Literal(text)
    yield d, NIF.beginIndex, _int(0)
    yield d, NIF.endIndex, _int(len(text))
    yield d, KG.sha256, Literal(doc.sha256)
    yield d, KG.sourcePath, Literal(doc.source)
    if doc.title:
        yield d, DCTERMS.title, Literal(doc.title, lang="zh")
    if result.date:
        yield d, DCTERMS.date, Literal(result.date, datatype=XSD.date)

    for s in result.sections:
        si = section_iri(doc.id, s.id)
        yield si, RDF.type, _section_class(s.kind)
        yield si, NIF.referenceContext, d
        yield si, NIF.beginIndex, _int(s.begin)
        yield si, NIF.endIndex, _int(s.end)
        yield si, KG.order, _int(s.order)
        yield si, DCTERMS.isPartOf, section_iri(doc.id, s.parent) if s.parent else d
        if s.title:
            yield si, DCTERMS.title, Literal(s.title, lang="zh")

    for m, (para, sentence, enclosing) in zip(result.mentions, result.containers()):
        ent = entity_iri(entity_of(m))
        mi = mention_iri(doc.id, m.begin, m.end)
        yield mi, RDF.type, KG.Mention
        yield mi, NIF.referenceContext, d
        yield mi, NIF.beginIndex, _int(m.begin)
        yield mi, NIF.endIndex, _int(m.end)
        yield mi, NIF.anchorOf, Literal(text[m.begin:m.end])
        yield mi, ITSRDF.taIdentRef, ent
        yield mi, KG.extractor, Literal(m.extractor)
        if para:
            yield mi, KG.inSection, section_iri(doc.id, para)
        if sentence:
            yield mi, KG.inSentence, section_iri(doc.id, sentence)
        yield ent, KG.inDocument, d
        for sid in enclosing:
            yield ent, KG.mentionedIn, section_iri(doc.id, sid)


def entity_triples(entity: Entity, count: int) -> Iterator[Triple]:
    e = entity_iri(entity)
    yield e, RDF.type, KG[entity.type]
    yield e, RDFS.label, Literal(entity.label, lang="zh")
    yield e, SKOS.prefLabel, Literal(entity.label, lang="zh")
    for a in entity.aliases:
        yield e, SKOS.altLabel, Literal(a, lang="zh")
    yield e, KG.mentionCount, _int(count)


def triples(results, entity_of) -> Iterator[Triple]:
    """Every triple of a build: provenance, documents, entities."""
    results = list(results)
    b = build_iri(results)
    agent = RESOURCE[f"software/kg/{VERSION}"]
    yield b, RDF.type, KG.Build
    yield b, RDF.type, PROV.Activity
    yield b, PROV.wasAssociatedWith, agent
    yield agent, RDF.type, PROV.SoftwareAgent
    yield agent, RDFS.label, Literal(f"kg {VERSION}")
    counts: Counter = Counter()
    entities = {}
    for r in results:
        d = document_iri(r.document.id)
        yield b, PROV.used, d
        yield from document_triples(r, entity_of)
        for m in r.mentions:
            ent = entity_of(m)
            counts[ent.key] += 1
            entities[ent.key] = ent
    for key in sorted(entities):
        yield from entity_triples(entities[key], counts[key])


def to_graph(results, entity_of) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    for t in triples(results, entity_of):
        g.add(t)
    return g
