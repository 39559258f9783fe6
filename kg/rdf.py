"""Stage 5: the graph. Documents, sections and mentions in NIF 2.1, entities
under the kg ontology, the build in PROV-O, alternative names in SKOS.

``triples`` yields every triple of a build in a deterministic order, so a
writer can stream them; ``to_graph`` collects them into an rdflib Graph.
"""
from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections import Counter
from typing import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.entities import Entity
from kg.resolve import outer_mentions
from kg.vocab import ITSRDF, KG, NIF, RESOURCE

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
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    segment = "".join(out)
    if not segment.strip("."):  # "", "." and ".." would resolve away as IRI path segments
        return "_" + segment
    return segment


def document_iri(doc_id: str) -> URIRef:
    return RESOURCE[f"doc/{iri_segment(doc_id)}"]


def section_iri(doc_id: str, section_id: str) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}#{section_id}")


def mention_iri(doc_id: str, begin: int, end: int) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}#mention_{begin}_{end}")


def entity_iri(entity: Entity) -> URIRef:
    return RESOURCE[f"entity/{entity.type}/{iri_segment(entity.label)}"]


def _section_class(kind: str) -> URIRef:
    return KG[kind]


# Superclasses written as rdf:type beside an entity's or a section's own class, so that class
# queries (?e a kg:Entity, ?h a kg:Person, ?s a nif:Sentence) work without reasoning. They
# follow rdfs:subClassOf in ontology/kg.ttl (tests/test_rdf.py checks); nif:String, the class
# of every string, is left to reasoners.
ENTITY_SUPERCLASSES = {"Hero": ("Person", "Entity")}
SECTION_SUPERCLASSES = {"Title": NIF.Title, "Paragraph": NIF.Paragraph, "Sentence": NIF.Sentence,
                        "LeadSentence": NIF.Sentence}
MENTION_SUPERCLASS = NIF.Phrase
# Sections whose text is written as nif:anchorOf: the sentence that mentions X is one triple pattern.
ANCHORED_SECTIONS = frozenset({"Title", "Paragraph", "Sentence", "LeadSentence"})


def entity_classes(entity_type: str) -> tuple[URIRef, ...]:
    """An entity type's class and every superclass of it in the ontology."""
    return (KG[entity_type], *(KG[c] for c in ENTITY_SUPERCLASSES.get(entity_type, ("Entity",))))


def build_iri(results) -> URIRef:
    h = hashlib.sha256(VERSION.encode())
    for r in results:
        h.update(r.document.sha256.encode())
    return RESOURCE[f"build/{h.hexdigest()[:16]}"]


# The graph's shape is written once, as N-Triples terms (plain strings):
# building ~1M rdflib terms costs tens of seconds, formatting strings about
# one. ``triples`` turns the same statements into rdflib terms.
Statement = tuple[str, str, str]


def nt_iri(iri: str) -> str:
    return f"<{iri}>"


def nt_literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    lex = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{lex}"@{lang}'
    if datatype:
        return f'"{lex}"^^<{datatype}>'
    return f'"{lex}"'


def nt_term(term) -> str:
    """An rdflib IRI or literal as an N-Triples term."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return nt_literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    raise TypeError(f"cannot write {term!r} (blank nodes are not used in kg graphs)")


_UNESCAPE = re.compile(r'\\(.)')
_UNESCAPED = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'", "b": "\b", "f": "\f"}


def literal_parts(term: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI) of an N-Triples literal."""
    end = term.rindex('"')
    lex = term[1:end]
    if "\\" in lex:
        lex = _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], lex)
    rest = term[end + 1:]
    if rest.startswith("@"):
        return lex, rest[1:], None
    if rest.startswith("^^"):
        return lex, None, rest[3:-1]
    return lex, None, None


def rdflib_term(term: str) -> URIRef | Literal:
    if term[0] == "<":
        return URIRef(term[1:-1])
    lex, lang, datatype = literal_parts(term)
    return Literal(lex, lang=lang, datatype=URIRef(datatype) if datatype else None)


_A = nt_iri(RDF.type)
_P = {name: nt_iri(iri) for name, iri in {
    "isString": NIF.isString, "beginIndex": NIF.beginIndex, "endIndex": NIF.endIndex,
    "referenceContext": NIF.referenceContext, "anchorOf": NIF.anchorOf, "taIdentRef": ITSRDF.taIdentRef,
    "sha256": KG.sha256, "sourcePath": KG.sourcePath, "order": KG.order, "extractor": KG.extractor,
    "inSection": KG.inSection, "inSentence": KG.inSentence, "inDocument": KG.inDocument,
    "mentionedIn": KG.mentionedIn, "mentionCount": KG.mentionCount, "nestedIn": KG.nestedIn, "title": DCTERMS.title,
    "date": DCTERMS.date, "isPartOf": DCTERMS.isPartOf, "label": RDFS.label, "prefLabel": SKOS.prefLabel,
    "altLabel": SKOS.altLabel, "used": PROV.used, "wasAssociatedWith": PROV.wasAssociatedWith,
    "Document": KG.Document, "Context": NIF.Context, "Mention": KG.Mention, "Build": KG.Build,
    "Activity": PROV.Activity, "SoftwareAgent": PROV.SoftwareAgent, "Phrase": MENTION_SUPERCLASS,
}.items()}
_INT = f"^^<{XSD.nonNegativeInteger}>"


def _int(n: int) -> str:
    return f'"{n}"{_INT}'


# ISO 8601 date, year and month, or year (kg.metadata) -> its XSD datatype
_DATE_TYPES = {10: str(XSD.date), 7: str(XSD.gYearMonth), 4: str(XSD.gYear)}
# Metadata table fields -> DCTERMS (title and date are written with the inferred ones)
METADATA_TERMS = {"source": DCTERMS.source, "creator": DCTERMS.creator, "place": DCTERMS.spatial,
                  "kind": DCTERMS.type}
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def metadata_statements(d: str, meta) -> Iterator[Statement]:
    """A document's source, creator, place and kind from its metadata table; a URL source as an IRI."""
    for field, term in METADATA_TERMS.items():
        value = getattr(meta, field)
        if value:
            url = field == "source" and _URL.fullmatch(value)
            yield d, nt_iri(term), nt_iri(value) if url else nt_literal(value)


def document_statements(result, entity_iri_of, context: bool = True) -> Iterator[Statement]:
    """Statements of one document: its context and sections (unless ``context``
    is false: a store may have them already, see :func:`context_statements`),
    then its mentions."""
    if context:
        yield from context_statements(result)
    yield from mention_statements(result, entity_iri_of)


def context_statements(result) -> Iterator[Statement]:
    """The document as a NIF context and its sections: what the extraction of
    this document alone decides (no entity in them), so a store can load them
    while other documents are still being extracted."""
    doc, text = result.document, result.document.text
    base = str(document_iri(doc.id))
    d = f"<{base}>"
    P = _P
    yield d, _A, P["Document"]
    yield d, _A, P["Context"]
    yield d, P["isString"], nt_literal(text)
    yield d, P["beginIndex"], _int(0)
    yield d, P["endIndex"], _int(len(text))
    yield d, P["sha256"], nt_literal(doc.sha256)
    yield d, P["sourcePath"], nt_literal(doc.source)
    title = doc.title
    if title:
        yield d, P["title"], nt_literal(title, lang="zh")
    date = result.date
    if date:
        yield d, P["date"], nt_literal(date, datatype=_DATE_TYPES[len(date)])
    yield from metadata_statements(d, doc.meta)

    classes: dict[str, tuple[str, ...]] = {}
    anchor = P["anchorOf"]
    for s in result.sections:
        si = f"<{base}#{s.id}>"
        cls = classes.get(s.kind)
        if cls is None:
            more = SECTION_SUPERCLASSES.get(s.kind)
            cls = classes[s.kind] = (nt_iri(_section_class(s.kind)), *((nt_iri(more),) if more else ()))
        for c in cls:
            yield si, _A, c
        if s.kind in ANCHORED_SECTIONS:
            yield si, anchor, nt_literal(text[s.begin:s.end])
        yield si, P["referenceContext"], d
        yield si, P["beginIndex"], _int(s.begin)
        yield si, P["endIndex"], _int(s.end)
        yield si, P["order"], _int(s.order)
        yield si, P["isPartOf"], f"<{base}#{s.parent}>" if s.parent else d
        if s.title:
            yield si, P["title"], nt_literal(s.title, lang="zh")


def mention_statements(result, entity_iri_of) -> Iterator[Statement]:
    """The document's mentions, and the entities' links to the document and its sections."""
    doc, text = result.document, result.document.text
    base = str(document_iri(doc.id))
    d = f"<{base}>"
    P = _P
    outer = outer_mentions(result.mentions)
    for m, (para, sentence, enclosing) in zip(result.mentions, result.containers()):
        ent = entity_iri_of(m, m not in outer)
        mi = f"<{base}#mention_{m.begin}_{m.end}>"
        if m in outer:
            o = outer[m]
            yield mi, P["nestedIn"], f"<{base}#mention_{o.begin}_{o.end}>"
        yield mi, _A, P["Mention"]
        yield mi, _A, P["Phrase"]
        yield mi, P["referenceContext"], d
        yield mi, P["beginIndex"], _int(m.begin)
        yield mi, P["endIndex"], _int(m.end)
        yield mi, P["anchorOf"], nt_literal(text[m.begin:m.end])
        yield mi, P["taIdentRef"], ent
        yield mi, P["extractor"], nt_literal(m.extractor)
        if para:
            yield mi, P["inSection"], f"<{base}#{para}>"
        if sentence:
            yield mi, P["inSentence"], f"<{base}#{sentence}>"
        yield ent, P["inDocument"], d
        for sid in enclosing:
            yield ent, P["mentionedIn"], f"<{base}#{sid}>"


_R = {name: nt_iri(iri) for name, iri in {
    "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object, "source": DCTERMS.source,
    "RelationStatement": KG.RelationStatement, "evidenceSentence": KG.evidenceSentence, "finder": KG.finder,
    "evidenceDocument": KG.evidenceDocument,
    "divisionCode": KG.divisionCode,
}.items()}


def relation_iri(doc_id: str, relation) -> str:
    """A relation's statement resource: its document and the two mentions it relates."""
    s, o = relation.subject, relation.object
    return f"{document_iri(doc_id)}#{relation.predicate}_{s.begin}_{s.end}_{o.begin}_{o.end}"


def relation_statements(result, entity_of) -> Iterator[Statement]:
    """Each relation of one document as a plain triple (``?a kg:locatedIn ?b``) and
    a kg:RelationStatement that says why: the characters and sentences that state
    it, or the data table it comes from. Places carry their division codes."""
    doc, text = result.document, result.document.text
    d = nt_iri(document_iri(doc.id))
    sentences = [(s.begin, s.end, s.id) for s in result.sections if s.kind == "Sentence"]
    codes = dict(result.division_codes)
    for r in result.relations:
        a, b = nt_iri(entity_iri(entity_of(r.subject))), nt_iri(entity_iri(entity_of(r.object)))
        p = nt_iri(KG[r.predicate])
        st = nt_iri(relation_iri(doc.id, r))
        yield a, p, b
        yield st, _A, _R["RelationStatement"]
        yield st, _R["subject"], a
        yield st, _R["predicate"], p
        yield st, _R["object"], b
        yield st, _R["evidenceDocument"], d
        yield st, _R["finder"], nt_literal(r.finder)
        if r.stated:
            yield st, _P["beginIndex"], _int(r.begin)
            yield st, _P["endIndex"], _int(r.end)
            yield st, _P["anchorOf"], nt_literal(text[r.begin:r.end])
            for sb, se, sid in sentences:
                if sb < r.end and r.begin < se:
                    yield st, _R["evidenceSentence"], nt_iri(f"{document_iri(doc.id)}#{sid}")
        else:
            yield st, _R["source"], nt_literal(r.source)
    coded = {nt_iri(entity_iri(entity_of(m))): codes[m.name]
             for m in result.mentions if m.type == "Place" and m.name in codes}
    for place in sorted(coded):  # sorted: N-Triples keeps the order statements come in
        yield place, _R["divisionCode"], nt_literal(coded[place])


def entity_statements(entity: Entity, count: int) -> Iterator[Statement]:
    e = nt_iri(entity_iri(entity))
    for c in entity_classes(entity.type):
        yield e, _A, nt_iri(c)
    label = nt_literal(entity.label, lang="zh")
    yield e, _P["label"], label
    yield e, _P["prefLabel"], label
    for a in entity.aliases:
        yield e, _P["altLabel"], nt_literal(a, lang="zh")
    yield e, _P["mentionCount"], _int(count)


class EntityIris:
    """``entity_of`` as N-Triples IRIs, memoised, counting each entity's mentions."""

    def __init__(self, entity_of):
        self.entity_of = entity_of
        self.counts: Counter = Counter()
        self.entities: dict = {}
        self._iris: dict = {}

    def __call__(self, m, counted: bool = True) -> str:
        """``counted``: False for a mention nested in a longer name (see :func:`kg.resolve.outer_mentions`)."""
        ent = self.entity_of(m)
        key = ent.key
        self.counts[key] += counted
        iri = self._iris.get(key)
        if iri is None:
            self.entities[key] = ent
            iri = self._iris[key] = nt_iri(entity_iri(ent))
        return iri

    def count(self, results) -> "EntityIris":
        """Count the mentions of ``results`` (when their statements are made elsewhere)."""
        for r in results:
            outer = outer_mentions(r.mentions)
            for m in r.mentions:
                self(m, m not in outer)
        return self


def build_statements(results) -> list[Statement]:
    """The build as a PROV activity that used every document."""
    b = nt_iri(build_iri(results))
    agent = nt_iri(RESOURCE[f"software/kg/{VERSION}"])
    return [(b, _A, _P["Build"]), (b, _A, _P["Activity"]), (b, _P["wasAssociatedWith"], agent),
            (agent, _A, _P["SoftwareAgent"]), (agent, _P["label"], nt_literal(f"kg {VERSION}")),
            *((b, _P["used"], nt_iri(document_iri(r.document.id))) for r in results)]


_ENTITY_PREFIX = f"<{RESOURCE}entity/"


def document_batch(result, iris: EntityIris, context: bool = True) -> tuple[list[Statement], list[Statement]]:
    """One document's statements and its relations': (those about the document, its
    sections, mentions and relation statements; those about the entities it names,
    which belong to the entities' batch). ``context``: see :func:`document_statements`."""
    return split_entity_statements(itertools.chain(document_statements(result, iris, context),
                                                   relation_statements(result, iris.entity_of)))


def split_entity_statements(stmts) -> tuple[list[Statement], list[Statement]]:
    """(statements whose subject is not an entity, those whose subject is)."""
    others: list[Statement] = []
    about_entities: list[Statement] = []
    for st in stmts:
        (about_entities if st[0].startswith(_ENTITY_PREFIX) else others).append(st)
    return others, about_entities


def entity_batch(about_entities: list[Statement], iris: EntityIris) -> list[Statement]:
    """The entities' batch: what the documents said about them, then their labels and counts."""
    return [*about_entities, *entities_statements(iris)]


def entities_statements(iris: EntityIris) -> Iterator[Statement]:
    """Each entity's classes, labels and mention count, in key order."""
    for key in sorted(iris.entities):
        yield from entity_statements(iris.entities[key], iris.counts[key])


def statement_batches(results, entity_of) -> Iterator[list[Statement]]:
    """Every triple of a build as N-Triples terms, in batches whose subjects
    appear in no other batch: the build, then each document (its context,
    sections, mentions and relations), then the entities. A writer can sort and
    write one batch at a time, holding one document's statements rather than the
    graph's (or write the documents' batches in parallel: each is written alone).

    The order is deterministic for a given (sorted) list of results; a
    subject's statements may repeat (an entity is in a document once per mention).
    """
    results = list(results)
    yield build_statements(results)
    iris = EntityIris(entity_of)
    about_entities: list[Statement] = []
    for r in results:
        batch, about = document_batch(r, iris)
        about_entities.extend(about)
        yield batch
    yield entity_batch(about_entities, iris)


def statements(results, entity_of) -> Iterator[Statement]:
    """Every triple of a build as N-Triples terms (see :func:`statement_batches`)."""
    for batch in statement_batches(results, entity_of):
        yield from batch


def triples(results, entity_of) -> Iterator[Triple]:
    """Every triple of a build as rdflib terms (see :func:`statements`)."""
    cache: dict[str, URIRef | Literal] = {}
    for s, p, o in statements(results, entity_of):
        ts = cache.get(s) or rdflib_term(s)
        tp = cache.get(p) or cache.setdefault(p, rdflib_term(p))
        to = cache.get(o) or rdflib_term(o)
        if o[0] == "<":
            cache[o] = to
        yield ts, tp, to


def to_graph(results, entity_of) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    for t in triples(results, entity_of):
        g.add(t)
    return g
