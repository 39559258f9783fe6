"""Turtle written straight from a stream of statements: grouped by subject,
sorted, deterministic, and linear in the number of triples (rdflib's pretty
serializer takes about a minute for 200k triples; this writes 1M in seconds).

Statements are N-Triples terms as strings (:func:`kg.rdf.statements`);
rdflib triples are accepted too and converted.
"""
from __future__ import annotations

from typing import Callable, IO, Iterable

from kg.rdf import PREFIXES, Statement, nt_term

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LOCAL_OK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_NAMESPACES = {ns: p for p, ns in PREFIXES.items()}


def as_statements(triples: Iterable) -> Iterable[Statement]:
    """Statements as N-Triples strings, whether given so or as rdflib terms."""
    if isinstance(triples, list) and (not triples or all(type(t) is str for t in triples[0])):
        return triples
    return _converted(triples)


def _converted(triples: Iterable) -> Iterable[Statement]:
    for t in triples:
        s, p, o = t
        if type(s) is str and type(o) is str:
            yield t
        else:
            yield nt_term(s), nt_term(p), nt_term(o)


def group_by_subject(statements: Iterable[Statement]) -> dict[str, dict[str, list[str]]]:
    """subject -> predicate -> objects (which may repeat: see :func:`distinct`)."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    current = preds = None
    # a subject's statements mostly come in a run, made from one string object
    for s, p, o in statements:
        if s is not current:
            current = s
            preds = by_subject.get(s)
            if preds is None:
                preds = by_subject[s] = {}
        objs = preds.get(p)
        if objs is None:
            preds[p] = [o]
        else:
            objs.append(o)
    return by_subject


def sorted_subjects(by_subject) -> list[str]:
    return sorted(by_subject, key=lambda s: s[1:-1])


def sorted_predicates(preds) -> list[str]:
    return sorted(preds, key=lambda p: (p != _RDF_TYPE, p))


def sorted_objects(objs) -> list[str]:
    """Distinct objects: IRIs first, then literals; each in code point order."""
    return sorted(set(objs), key=lambda o: (o[0] != "<", o)) if len(objs) > 1 else objs


def _compactor():
    """A memoised IRI -> prefixed name (or ``<IRI>``) function."""
    memo: dict[str, str] = {}

    def compact(term: str) -> str:
        out = memo.get(term)
        if out is not None:
            return out
        iri = term[1:-1]
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = _NAMESPACES.get(iri[:cut])
        local = iri[cut:]
        if prefix is not None and local and not local[0].isdigit() and _LOCAL_OK.issuperset(local):
            out = f"{prefix}:{local}"
        else:
            out = term
        memo[term] = out
        return out
    return compact


def write_turtle(triples: Iterable, out: IO[str]) -> int:
    """Write statements (or rdflib triples) as Turtle; returns how many distinct triples were written."""
    return write_turtle_batches([as_statements(triples)], out)


def prefix_lines() -> str:
    """The ``@prefix`` lines that open every kg Turtle file."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


class _Terms(dict):
    """IRI or typed literal -> its Turtle form (a prefixed name where one is
    valid, a typed literal's datatype likewise), made once per term."""

    def __init__(self):
        super().__init__()
        self.compact = _compactor()

    def __missing__(self, term: str) -> str:
        if term[0] == "<":
            out = self.compact(term)
        else:
            cut = term.rindex("^^<")
            out = term[:cut + 2] + self.compact(term[cut + 2:])
        self[term] = out
        return out


class BatchWriter:
    """Turtle text of statement batches (:func:`kg.rdf.statement_batches`):
    each batch grouped by subject and sorted on its own, so batches can be
    written in any process and joined in order, byte for byte the same."""

    def __init__(self):
        self._terms = _Terms()
        self._orders: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def text(self, batch: Iterable[Statement]) -> tuple[str, int]:
        """(the batch's Turtle, the number of distinct triples in it)."""
        terms, orders = self._terms, self._orders
        by_subject = group_by_subject(batch)
        parts: list[str] = []
        append = parts.append
        n = 0
        for s in sorted_subjects(by_subject):
            preds = by_subject[s]
            shape = tuple(preds)  # subjects of a kind share their predicates: sort them once
            order = orders.get(shape)
            if order is None:
                order = orders[shape] = [(p, "a" if p == _RDF_TYPE else terms[p]) for p in sorted_predicates(preds)]
            append("\n" + terms[s])
            sep = " "
            for p, verb in order:
                objs = preds[p]
                if len(objs) == 1:
                    o = objs[0]
                    append(f"{sep}{verb} {terms[o] if o[-1] == '>' else o}")
                    n += 1
                else:
                    objs = sorted_objects(objs)
                    n += len(objs)
                    append(sep + verb + " " + " ,\n        ".join([terms[o] if o[-1] == ">" else o for o in objs]))
                sep = " ;\n    "
            append(" .\n")
        return "".join(parts), n


def write_turtle_batches(batches: Iterable[Iterable[Statement]], out: IO[str],
                         on_text: Callable[[str], None] | None = None) -> int:
    """Write batches of statements whose subjects do not recur across batches
    (:func:`kg.rdf.statement_batches`): each batch is grouped, sorted and
    written before the next is read, so memory holds one batch, not the graph.
    ``on_text`` sees the same text as it is written (the prefix lines first,
    then pieces that end between subjects), so a store can load alongside."""
    def emit(text: str) -> None:
        out.write(text)
        if on_text:
            on_text(text)

    emit(prefix_lines())
    writer = BatchWriter()
    n = 0
    for batch in batches:
        text, k = writer.text(batch)
        n += k
        emit(text)
    return n
