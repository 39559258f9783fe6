"""The whole chain for one document, and for a build of many.

``extract_document`` is pure and picklable: a distributed engine (Dask,
Ray, multiprocessing) can map it over documents and hand the results to
``entity_resolver`` and :func:`kg.rdf.triples`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from kg.document import Document, collect_paths, read_document
from kg.entities import Entity
from kg.extractors import find_mentions
from kg.mentions import Mention
from kg.rdf import to_graph
from kg.resolve import decide_types, merge_entities, name_key, resolve_mentions
from kg.sections import PARAGRAPH, SENTENCE, Section, split_sections
from kg.segment import matching_view, segment

_DATE = re.compile(r"(20\d\d|19\d\d)\s*年\s*(1[0-2]|[1-9])\s*月\s*([12]\d|3[01]|[1-9])\s*日")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    sections: tuple[Section, ...]
    mentions: tuple[Mention, ...]
    date: str | None = None
    relations: tuple = ()               # kg.relations.Relation, found once the types are decided
    division_codes: tuple[tuple[str, str], ...] = ()  # (place name, GB/T 2260 code) the document decides

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


def stated_date(text: str) -> str | None:
    """The first full date (年月日) in the document's opening lines, as ISO 8601; full-width digits too."""
    m = _DATE.search(text[:500].translate(_FULL_WIDTH_DIGITS))
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def extract_document(doc: Document) -> DocumentResult:
    """Sections and resolved mentions of one document."""
    view = matching_view(doc.text)  # offsets into the view are offsets into the text
    words = segment(view)
    mentions = resolve_mentions(view, find_mentions(view, words))
    return DocumentResult(doc, split_sections(doc.text), mentions, stated_date(doc.text))


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


def build_results(paths: Iterable[Path | str], encoding: str | None = None) -> list[DocumentResult]:
    docs = unique_ids([read_document(p, encoding) for p in collect_paths(list(paths))])
    return unify_types([extract_document(d) for d in docs])


def build(paths: Iterable[Path | str], encoding: str | None = None) -> Graph:
    """Build the knowledge graph of the documents at ``paths`` (files or directories)."""
    results = build_results(paths, encoding)
    return to_graph(results, entity_resolver(results))
