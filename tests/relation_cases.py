"""Documents with hand-made mentions, so the relation finders are tested
whatever the extractors find: ``relations(text, {"伍先华旧居": "Site", …})``
marks every occurrence of each name (longest names first, no overlaps
unless ``nested``) and runs the finders."""
from __future__ import annotations

from kg.document import document_from_text
from kg.mentions import Mention
from kg.pipeline import DocumentResult
from kg.relations import find_relations
from kg.sections import split_sections


def result(text: str, names: dict[str, str], nested: bool = True) -> DocumentResult:
    doc = document_from_text(text, "case.txt")
    text = doc.text
    mentions, taken = set(), []
    for name in sorted(names, key=len, reverse=True):
        start = 0
        while (i := text.find(name, start)) >= 0:
            start = i + 1
            span = (i, i + len(name))
            if not nested and any(b < span[1] and span[0] < e for b, e in taken):
                continue
            taken.append(span)
            mentions.add(Mention(i, i + len(name), names[name], name, 0, "test"))
    return DocumentResult(doc, split_sections(text), tuple(sorted(mentions)))


def relations(text: str, names: dict[str, str], finders=None, nested: bool = True) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name) of every decided relation."""
    return {(r.subject.name, r.predicate, r.object.name)
            for r in find_relations(result(text, names, nested), finders)}
