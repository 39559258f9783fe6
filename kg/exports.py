"""The graph in other formats: N-Triples and JSON-LD for RDF tools; the entity
graph (entities, documents, typed edges) as GraphML and GEXF for Gephi and
as the CSV files of ``neo4j-admin database import`` for Neo4j.

Every writer is deterministic (same build, same bytes) and atomic.
"""
from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from kg.html import DOCUMENT_COLOUR, TYPE_STYLE
from kg.atomic import atomic_write
from kg.rdf import (PREFIXES, Statement, document_iri, entity_iri, literal_parts, statement_batches,
                    statements)
from kg.turtle import group_by_subject, sorted_objects, sorted_predicates, sorted_subjects, write_turtle_batches

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def write_ntriples(stmts: Iterable[Statement], out) -> int:
    """One line per distinct statement, in the order first given."""
    lines = dict.fromkeys(f"{s} {p} {o} .\n" for s, p, o in stmts)
    out.write("".join(lines))
    return len(lines)


def _jsonld_context() -> dict[str, str]:
    return dict(sorted(PREFIXES.items()))


def write_jsonld(stmts: Iterable[Statement], out) -> int:
    """A flat JSON-LD document: one node object per subject, prefixes in its @context."""
    by_subject = group_by_subject(stmts)
    namespaces = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda kv: -len(kv[0]))
    memo: dict[str, str] = {}

    def compact(term: str) -> str:
        iri = term[1:-1]
        out_ = memo.get(iri)
        if out_ is None:
            out_ = iri
            for ns, p in namespaces:
                if iri.startswith(ns) and "/" not in iri[len(ns):] and "#" not in iri[len(ns):]:
                    out_ = f"{p}:{iri[len(ns):]}"
                    break
            memo[iri] = out_
        return out_

    def value(o: str) -> dict:
        if o[0] == "<":
            return {"@id": o[1:-1]}
        lex, lang, datatype = literal_parts(o)
        if lang:
            return {"@value": lex, "@language": lang}
        if datatype:
            return {"@value": lex, "@type": compact(f"<{datatype}>")}
        return {"@value": lex}

    out.write('{"@context": ' + json.dumps(_jsonld_context(), ensure_ascii=False) + ',\n "@graph": [\n')
    n = 0
    first = True
    for s in sorted_subjects(by_subject):
        node: dict = {"@id": s[1:-1]}
        for p in sorted_predicates(by_subject[s]):
            objs = sorted_objects(by_subject[s][p])
            n += len(objs)
            if p == RDF_TYPE:
                node["@type"] = [compact(o) for o in objs]
            else:
                node[compact(p)] = [value(o) for o in objs]
        out.write(("" if first else ",\n") + "  " + json.dumps(node, ensure_ascii=False))
        first = False
    out.write("\n]}\n")
    return n


@dataclass(frozen=True)
class Edge:
    """A typed, weighted edge of the entity graph, between node IRIs."""
    source: str
    target: str
    relation: str  # kg's property name: mentionedIn, coMentioned, ...
    weight: int


def mention_edges(results, entity_of) -> Iterator[Edge]:
    """Entity -> document, weighted by the mentions of the entity in the document."""
    for r in results:
        counts = Counter(str(entity_iri(entity_of(m))) for m in r.mentions)
        doc = str(document_iri(r.document.id))
        for iri in sorted(counts):
            yield Edge(iri, doc, "mentionedIn", counts[iri])


def co_mention_edges(results, entity_of) -> Iterator[Edge]:
    """Two entities named in one paragraph (the lesser IRI first), weighted by how many paragraphs do so."""
    weights: Counter = Counter()
    for r in results:
        by_para: dict[str, set[str]] = {}
        for m, (para, _, _) in zip(r.mentions, r.containers()):
            if para:
                by_para.setdefault(para, set()).add(str(entity_iri(entity_of(m))))
        for names in by_para.values():
            weights.update(itertools.combinations(sorted(names), 2))
    for a, b in sorted(weights):
        yield Edge(a, b, "coMentioned", weights[(a, b)])


def relation_edges(results, entity_of) -> Iterator[Edge]:
    """The relations of kg.relations (locatedIn, commemorates, hasIndustry), subject to object,
    weighted by the number of documents that state them."""
    weights: Counter = Counter()
    for r in results:
        weights.update({(str(entity_iri(entity_of(x.subject))), x.predicate, str(entity_iri(entity_of(x.object))))
                        for x in r.relations})
    for a, p, b in sorted(weights):
        yield Edge(a, b, p, weights[(a, p, b)])


# Each finder yields one kind of edge; a new relation is one more function here.
EDGE_FINDERS: tuple[Callable[..., Iterable[Edge]], ...] = (mention_edges, co_mention_edges, relation_edges)


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def entity_graph(results, entity_of) -> nx.MultiDiGraph:
    """Entities (label, type, mentions, documents, colour) and documents (title, date) as nodes;
    typed edges from :data:`EDGE_FINDERS`, one per relation between two nodes, keyed by it.
    Colours (``colour``, and ``r``/``g``/``b`` as Gephi reads them) follow the graph page."""
    results = list(results)
    mentions: Counter = Counter()
    documents: dict[str, set[str]] = {}
    entities = {}
    for r in results:
        for m in r.mentions:
            e = entity_of(m)
            iri = str(entity_iri(e))
            entities[iri] = e
            mentions[iri] += 1
            documents.setdefault(iri, set()).add(r.document.id)
    g = nx.MultiDiGraph()
    for r in sorted(results, key=lambda r: r.document.id):
        g.add_node(str(document_iri(r.document.id)), kind="document", type="Document",
                   label=r.document.title or r.document.id, date=r.date or "", mentions=len(r.mentions),
                   documents=1, colour=DOCUMENT_COLOUR, **_rgb(DOCUMENT_COLOUR))
    for iri in sorted(entities):
        e = entities[iri]
        colour = TYPE_STYLE.get(e.type, (DOCUMENT_COLOUR,))[0]
        g.add_node(iri, kind="entity", type=e.type, label=e.label, date="", mentions=mentions[iri],
                   documents=len(documents[iri]), colour=colour, **_rgb(colour))
    for find in EDGE_FINDERS:
        for edge in find(results, entity_of):
            g.add_edge(edge.source, edge.target, key=edge.relation, relation=edge.relation, weight=edge.weight)
    return g


def write_graphml(g: nx.Graph, path: Path) -> None:
    with atomic_write(path, "wb") as f:
        nx.write_graphml(g, f, encoding="utf-8")


def write_gexf(g: nx.Graph, path: Path) -> None:
    """GEXF with each node's colour as Gephi's viz:color, and a unique id per edge."""
    from networkx.readwrite.gexf import GEXFWriter

    g = g.copy()
    for _, data in g.nodes(data=True):
        data["viz"] = {"color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0}}
    for i, (_, _, data) in enumerate(g.edges(data=True)):
        data["id"] = f"e{i}"
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>: dropped, so a rebuild is byte-identical
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(g)
    with atomic_write(path, "wb") as f:
        writer.write(f)


NEO4J_FILES = ("documents.csv", "entities.csv", "relationships.csv")


def _neo4j_type(relation: str) -> str:
    """A relation as a Neo4j relationship type: mentionedIn -> MENTIONED_IN."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", relation).upper()


def write_neo4j(g: nx.MultiDiGraph, out_dir: Path) -> int:
    """The CSV files of ``neo4j-admin database import full``: node files with an ``id:ID``
    column (the IRI) and ``:LABEL`` (``Document``, or ``Entity;TYPE``), one relationship file
    with ``:START_ID``, ``:END_ID``, ``:TYPE`` and typed properties. Returns the relationships."""
    out_dir = Path(out_dir)
    nodes = {"document": [], "entity": []}
    for iri, d in g.nodes(data=True):
        nodes[d["kind"]].append((iri, d))
    tables = {
        "documents.csv": (["id:ID", "title", "date", "mentions:int", ":LABEL"],
                          [[iri, d["label"], d["date"], d["mentions"], "Document"] for iri, d in nodes["document"]]),
        "entities.csv": (["id:ID", "label", "type", "mentions:int", "documents:int", ":LABEL"],
                         [[iri, d["label"], d["type"], d["mentions"], d["documents"], f"Entity;{d['type']}"]
                          for iri, d in nodes["entity"]]),
        "relationships.csv": ([":START_ID", ":END_ID", ":TYPE", "weight:int"],
                              [[u, v, _neo4j_type(d["relation"]), d["weight"]]
                               for u, v, d in g.edges(data=True)]),
    }
    for name, (header, rows) in tables.items():
        with atomic_write(out_dir / name) as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return len(tables["relationships.csv"][1])


# format name -> (file name, kind); "rdf" formats are written from statements
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("graph.ttl", "rdf"),
    "ntriples": ("graph.nt", "rdf"),
    "jsonld": ("graph.jsonld", "rdf"),
    "graphml": ("entities.graphml", "entities"),
    "gexf": ("entities.gexf", "entities"),
    "neo4j": ("neo4j", "entities"),  # a directory of CSV files
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "n-triples": "ntriples"}

_RDF_WRITERS: dict[str, Callable] = {"ntriples": write_ntriples, "jsonld": write_jsonld}


def format_name(name: str) -> str:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    return key


def write_formats(results, entity_of, out_dir: Path | str, formats: Iterable[str]) -> dict[str, tuple[Path, int]]:
    """Write each format under ``out_dir``: format -> (path, triples or edges written).
    (:func:`kg.outputs.write_build` writes a build's graph.ttl faster, with the store and the page.)"""
    out_dir = Path(out_dir)
    formats = list(dict.fromkeys(format_name(f) for f in formats))
    rdf = [f for f in formats if FORMATS[f][1] == "rdf"]
    written: dict[str, tuple[Path, int]] = {}
    if rdf:
        others = [f for f in rdf if f != "turtle"]
        stmts = statements(results, entity_of) if others else ()
        if len(others) > 1:
            stmts = list(stmts)
        for f in rdf:
            path = out_dir / FORMATS[f][0]
            with atomic_write(path) as fh:
                if f == "turtle":  # one document at a time: the graph never sits in memory whole
                    written[f] = (path, write_turtle_batches(statement_batches(results, entity_of), fh))
                else:
                    written[f] = (path, _RDF_WRITERS[f](stmts, fh))
    if any(FORMATS[f][1] == "entities" for f in formats):
        g = entity_graph(results, entity_of)
        for f in formats:
            if f == "graphml":
                write_graphml(g, out_dir / FORMATS[f][0])
            elif f == "gexf":
                write_gexf(g, out_dir / FORMATS[f][0])
            elif f == "neo4j":
                written[f] = (out_dir / FORMATS[f][0], write_neo4j(g, out_dir / FORMATS[f][0]))
                continue
            else:
                continue
            written[f] = (out_dir / FORMATS[f][0], g.number_of_edges())
    return {f: written[f] for f in formats}
