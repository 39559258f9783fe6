"""The whole chain for one document, and for a build of many.

``extract_document`` is pure and picklable: a distributed engine (Dask,
Ray, multiprocessing) can map it over documents and hand the results to
``entity_resolver`` and :func:`kg.rdf.triples`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from kg.document import Document, collect_paths, read_document
from kg.entities import Entity
from kg.extractors import find_mentions
from kg.mentions import Mention
from kg.metadata import with_metadata
from kg.rdf import to_graph
from kg.resolve import decide_types, merge_entities, name_key, resolve_mentions
from kg.sections import PARAGRAPH, SENTENCE, Section, split_sections
from kg.segment import matching_view, segment


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    sections: tuple[Section, ...]
    mentions: tuple[Mention, ...]
    relations: tuple = ()               # kg.relations.Relation, found once the types are decided
    division_codes: tuple[tuple[str, str], ...] = ()  # (place name, GB/T 2260 code) the document decides

    @property
    def date(self) -> str | None:
        """The document's date (ISO 8601 date or year), from its metadata, text or name."""
        return self.document.date

    def containers(self) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
        """For each mention: its paragraph, its sentence, and every non-sentence section enclosing it."""
        out = []
        # One sweep over mentions (sorted by begin) and sections (sorted by
        # begin, outer first), keeping only the sections open at the mention:
        # linear, where testing every earlier section was quadratic.
        sections, nxt, open_ = self.sections, 0, []
        for m in self.mentions:
            while nxt < len(sections) and sections[nxt].begin <= m.begin:
                open_.append(sections[nxt])
                nxt += 1
            open_ = [s for s in open_ if s.end > m.begin]
            para = sent = None
            enclosing = []
            for s in open_:
                if m.end <= s.end:
                    if s.kind == PARAGRAPH:
                        para = s.id
                    elif s.kind == SENTENCE:
                        sent = s.id
                        continue
                    enclosing.append(s.id)
            out.append((para, sent, tuple(enclosing)))
        return out


def extract_document(doc: Document) -> DocumentResult:
    """Sections and resolved mentions of one document."""
    view = matching_view(doc.text)  # offsets into the view are offsets into the text
    words = segment(view)
    mentions = resolve_mentions(view, find_mentions(view, words))
    return DocumentResult(doc, split_sections(doc.text), mentions)


def unify_types(results: list[DocumentResult]) -> list[DocumentResult]:
    """Give each name one type across the build, so one name is one entity;
    then find each document's relations (kg.relations), which need the types."""
    from kg.relations import relate

    types = decide_types(m for r in results for m in r.mentions)
    out = []
    for r in results:
        ms = tuple(sorted({dataclasses.replace(m, type=types[name_key(m.name)]) for m in r.mentions}))
        r = dataclasses.replace(r, mentions=ms)
        relations, codes = relate(r)
        out.append(dataclasses.replace(r, relations=relations, division_codes=codes))
    return out


def unique_ids(docs: list[Document]) -> list[Document]:
    """Documents sorted by id; ids made unique by their text's hash where names collide."""
    docs = sorted(docs, key=lambda d: (d.id, d.sha256, d.source))
    seen: dict[str, int] = {}
    for d in docs:
        seen[d.id] = seen.get(d.id, 0) + 1
    return [dataclasses.replace(d, id=f"{d.id}-{d.sha256[:8]}") if seen[d.id] > 1 else d for d in docs]


def entity_resolver(results: list[DocumentResult]) -> Callable[[Mention], Entity]:
    entities = merge_entities((r.document.text, r.mentions) for r in results)
    return lambda m: entities[(m.type, name_key(m.name))]


def build_results(paths: Iterable[Path | str], encoding: str | None = None,
                  metadata: Iterable[Path | str] = ()) -> list[DocumentResult]:
    paths = list(paths)
    docs = unique_ids(with_metadata([read_document(p, encoding) for p in collect_paths(paths)], paths, metadata))
    return unify_types([extract_document(d) for d in docs])


def build(paths: Iterable[Path | str], encoding: str | None = None, metadata: Iterable[Path | str] = ()) -> Graph:
    """Build the knowledge graph of the documents at ``paths`` (files or directories), with
    the metadata of the ``metadata`` tables and of those found at the root of directories."""
    results = build_results(paths, encoding, metadata)
    return to_graph(results, entity_resolver(results))
