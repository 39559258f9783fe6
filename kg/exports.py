"""The graph in other formats: N-Triples and JSON-LD for RDF tools, GraphML
and GEXF of the entity graph (networkx) for Gephi.

Every writer is deterministic (same build, same bytes) and atomic.
"""
from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from kg.outputs import atomic_write
from kg.rdf import PREFIXES, Statement, entity_iri, literal_parts, statement_batches, statements
from kg.turtle import (group_by_subject, sorted_objects, sorted_predicates, sorted_subjects,
                       write_turtle, write_turtle_batches)

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


def entity_graph(results, entity_of) -> nx.Graph:
    """Entities as nodes (label, type, mentions, documents); an edge joins two
    entities named in one paragraph, weighted by how many paragraphs do so."""
    mentions: Counter = Counter()
    documents: dict[str, set[str]] = {}
    entities = {}
    weights: Counter = Counter()
    for r in results:
        by_para: dict[str, set[str]] = {}
        for m, (para, _, _) in zip(r.mentions, r.containers()):
            e = entity_of(m)
            iri = str(entity_iri(e))
            entities[iri] = e
            mentions[iri] += 1
            documents.setdefault(iri, set()).add(r.document.id)
            if para:
                by_para.setdefault(para, set()).add(iri)
        for names in by_para.values():
            for a, b in itertools.combinations(sorted(names), 2):
                weights[(a, b)] += 1
    g = nx.Graph()
    for iri in sorted(entities):
        e = entities[iri]
        g.add_node(iri, label=e.label, type=e.type, mentions=mentions[iri], documents=len(documents[iri]))
    for (a, b) in sorted(weights):
        g.add_edge(a, b, weight=weights[(a, b)])
    return g


def write_graphml(g: nx.Graph, path: Path) -> None:
    with atomic_write(path, "wb") as f:
        nx.write_graphml(g, f, encoding="utf-8")


def write_gexf(g: nx.Graph, path: Path) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>: dropped, so a rebuild is byte-identical
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(g)
    with atomic_write(path, "wb") as f:
        writer.write(f)


# format name -> (file name, kind); "rdf" formats are written from statements
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("graph.ttl", "rdf"),
    "ntriples": ("graph.nt", "rdf"),
    "jsonld": ("graph.jsonld", "rdf"),
    "graphml": ("entities.graphml", "entities"),
    "gexf": ("entities.gexf", "entities"),
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "n-triples": "ntriples"}

_RDF_WRITERS: dict[str, Callable] = {"turtle": write_turtle, "ntriples": write_ntriples, "jsonld": write_jsonld}


def format_name(name: str) -> str:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    return key


def write_formats(results, entity_of, out_dir: Path | str, formats: Iterable[str],
                  on_turtle_text: Callable[[str], None] | None = None) -> dict[str, tuple[Path, int]]:
    """Write each format under ``out_dir``: format -> (path, triples or edges written).
    ``on_turtle_text`` sees graph.ttl's text as it is written."""
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
                    written[f] = (path, write_turtle_batches(statement_batches(results, entity_of), fh,
                                                             on_turtle_text))
                else:
                    written[f] = (path, _RDF_WRITERS[f](stmts, fh))
    if any(FORMATS[f][1] == "entities" for f in formats):
        g = entity_graph(results, entity_of)
        for f in formats:
            if f == "graphml":
                write_graphml(g, out_dir / FORMATS[f][0])
            elif f == "gexf":
                write_gexf(g, out_dir / FORMATS[f][0])
            else:
                continue
            written[f] = (out_dir / FORMATS[f][0], g.number_of_edges())
    return {f: written[f] for f in formats}
