"""Stage 9: query results as text: an aligned table for people, or a standard format.

CSV, TSV, SPARQL Results JSON and XML, Turtle and N-Triples come from
Oxigraph's serializers, so they follow the W3C specs. The table is ours: it
pads by display width, where an East Asian wide character takes two columns,
so Chinese labels line up in a terminal.

>>> display_width("伍先华旧居 ok")
13
"""
from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from kg.rdf import PREFIXES

TABLE = "table"
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
FORMATS = (TABLE, *RESULT_FORMATS, *GRAPH_FORMATS)


class FormatError(Exception):
    """A format that does not fit the query's form (a table of a graph, Turtle of a SELECT)."""


def display_width(s: str) -> int:
    width = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(s: str, width: int) -> str:
    return s + " " * (width - display_width(s))


def _shorten(iri: str) -> str:
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def cell(term) -> str:
    """A term as a person reads it: a literal's text, an IRI in prefixed form."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return str(term)


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [" | ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def render(result, fmt: str | None = None) -> bytes:
    """Serialize a query result; ``fmt`` None is a table for SELECT/ASK and Turtle for a graph."""
    if isinstance(result, ox.QueryTriples):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise FormatError(f"a CONSTRUCT or DESCRIBE result is a graph: use --format "
                              f"{' or '.join(GRAPH_FORMATS)}, not {fmt}")
        return ox.serialize(result, format=GRAPH_FORMATS[fmt],
                            prefixes=PREFIXES if fmt == "turtle" else None)
    fmt = fmt or TABLE
    if fmt in GRAPH_FORMATS:
        raise FormatError(f"a SELECT or ASK result is not a graph: use --format "
                          f"{', '.join((TABLE, *RESULT_FORMATS))}, not {fmt}")
    if fmt != TABLE:
        return result.serialize(format=RESULT_FORMATS[fmt])
    if isinstance(result, ox.QueryBoolean):
        return (b"true\n" if bool(result) else b"false\n")
    header = [v.value for v in result.variables]
    rows = [[cell(solution[i]) for i in range(len(header))] for solution in result]
    return table(header, rows).encode("utf-8")
