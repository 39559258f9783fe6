"""Stage 8: SPARQL questions put to a built graph.

A query comes inline, from a ``.rq`` file, or by name from the questions
shipped in ``kg/queries/``. Parameters are set the way any SPARQL client can
see and edit: a shipped query names its parameter in a ``VALUES ?name { … }``
line holding the default, and :func:`bind_params` rewrites that line.

>>> bind_params('SELECT * WHERE { VALUES ?entity { "两个结合"@zh } }', {"entity": "伍先华"})
'SELECT * WHERE { VALUES ?entity { "伍先华"@zh } }'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.rdf import PREFIXES

QUERY_DIR = "queries"
_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_HEADER = re.compile(r"^#\s*(title|param):\s*(.*)$")


class QueryError(Exception):
    """A query that cannot run: bad syntax, an unknown parameter, a missing file."""


@dataclass(frozen=True)
class ShippedQuery:
    name: str
    title: str
    params: tuple[tuple[str, str], ...]  # (name, what to give)
    text: str


def _parse_shipped(name: str, text: str) -> ShippedQuery:
    title, params = "", []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m and m[1] == "title":
            title = m[2].strip()
        elif m:
            pname, _, doc = m[2].partition("=")
            params.append((pname.strip(), doc.strip()))
    return ShippedQuery(name, title, tuple(params), text)


def shipped_queries() -> dict[str, ShippedQuery]:
    """The questions shipped with kg, by name (the file name without ``.rq``)."""
    folder = resources.files("kg") / QUERY_DIR
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse_shipped(name, entry.read_text(encoding="utf-8"))
    return out


def read_query(spec: str) -> str:
    """The text of a query given as a file path, a shipped query's name, or inline SPARQL."""
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 256 and "\n" not in spec and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{spec}: cannot read query file: {exc}") from None
    shipped = shipped_queries()
    if spec in shipped:
        return shipped[spec].text
    if re.fullmatch(r"[\w-]+", spec):
        raise QueryError(f"{spec!r} is neither a query file nor a shipped query "
                         f"(shipped: {', '.join(shipped)})")
    return spec


def _term(value: str, default: str = "") -> str:
    """A parameter value as a SPARQL term: ``<iri>`` stays an IRI, anything else is a string,
    with the language tag of the default it replaces (labels are ``@zh``)."""
    if value.startswith("<") and value.endswith(">") and not re.search(r'[\s<>"{}|^`\\]', value[1:-1]):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    tag = re.fullmatch(r'\s*"(?:[^"\\]|\\.)*"(@[A-Za-z0-9-]+)\s*', default)
    return f'"{escaped}"' + (tag[1] if tag else "")


def bind_params(text: str, params: dict[str, str]) -> str:
    """Set each parameter's value in the query's ``VALUES ?name { … }`` line.

    The value is written into the query as a constant term (not a FILTER), so
    the engine looks the entity up by index.
    """
    for name, value in params.items():
        pattern = re.compile(r"(VALUES\s+\?" + re.escape(name) + r"\s*\{)([^}]*)(\})", re.IGNORECASE)
        text, n = pattern.subn(lambda m: f"{m[1]} {_term(value, m[2])} {m[3]}", text, count=1)
        if not n:
            raise QueryError(f"the query has no `VALUES ?{name} {{ … }}` line to set --param {name}")
    return text


ENTITY_PARAM = "entity"  # the parameter that names an entity by its label or another name


def check_entity(store: ox.Store, name: str, suggestions: int = 5) -> None:
    """Raise :class:`QueryError` naming the closest labels when no entity is called ``name``.

    A query about an entity that the graph does not have returns no rows and
    no error; the closest labels are those that contain the name or that
    :func:`difflib.get_close_matches` finds, most mentioned first.
    """
    if name.startswith("<") and name.endswith(">"):
        return
    term = _term(name, '""@zh')
    if store.query(f"ASK {{ ?e kg:mentionCount ?n ; rdfs:label|skos:altLabel {term} }}", prefixes=PREFIXES):
        return
    import difflib

    counts: dict[str, int] = {}
    for row in store.query("SELECT ?l ?n WHERE { ?e kg:mentionCount ?n ; rdfs:label|skos:altLabel ?l }",
                           prefixes=PREFIXES):
        label, n = row[0].value, int(row[1].value)
        counts[label] = max(n, counts.get(label, 0))
    containing = sorted((lab for lab in counts if name in lab or (len(lab) > 1 and lab in name)),
                        key=lambda lab: (-counts[lab], lab))
    close = difflib.get_close_matches(name, list(counts), n=suggestions, cutoff=0.5)
    best = list(dict.fromkeys(containing[:suggestions] + close))[:suggestions]
    hint = f"; did you mean: {', '.join(best)}" if best else "; kg query entity-types lists what the graph holds"
    raise QueryError(f'no entity labelled "{name}"{hint}')


def _readable(detail: str) -> str:
    """Oxigraph's list of what it expected, without the walls of Unicode ranges."""
    if "[" not in detail:
        return detail
    kept = re.sub(r"\[[^\]]*\](?:,\s*)?", "", detail).rstrip(", ")
    return kept if not kept.endswith(("one of", "expected")) else "unexpected input here"


def syntax_message(exc: SyntaxError, text: str) -> str:
    """Oxigraph's parse error, with the offending line and a caret under the position;
    an undeclared prefix is named."""
    msg = str(exc)
    m = _POSITION.match(msg)
    if not m:
        return f"syntax error: {msg}"
    line_no, col = int(m[1]), int(m[2])
    lines = text.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    detail = msg[m.end():]
    if "Prefix not found" in detail:
        name = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", line[:col - 1])
        prefix = (name[1] or "") if name else ""
        detail = (f"undeclared prefix {prefix}: (declare it with PREFIX {prefix}: <…>; predeclared: "
                  f"{', '.join(PREFIXES)})")
    else:
        detail = _readable(detail)
    return (f"syntax error at line {line_no}, column {col}: {detail}\n"
            f"  {line}\n  {' ' * (col - 1)}^")


def run(store: ox.Store, text: str, **options):
    """Run a SPARQL query (never an update); the common prefixes of kg graphs are predeclared.
    ``options`` go to Oxigraph's ``Store.query`` (``base_iri``, ``default_graph``, ``named_graphs``).

    Returns pyoxigraph's QuerySolutions, QueryBoolean or QueryTriples.
    """
    try:
        return store.query(text, prefixes=PREFIXES, **options)
    except SyntaxError as exc:
        raise QueryError(syntax_message(exc, text)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def answer(spec: str, graph: str | Path = "out", params: dict[str, str] | None = None):
    """The result of a query (inline SPARQL, a ``.rq`` file or a shipped question's name) on a
    build directory or an RDF file, its parameters set: what ``kg query`` prints."""
    from kg.store import open_store

    params = params or {}
    text = bind_params(read_query(spec), params)
    store = open_store(Path(graph))
    if ENTITY_PARAM in params:
        check_entity(store, params[ENTITY_PARAM])
    return run(store, text)


_NUMBERS = {"integer": int, "int": int, "long": int, "short": int, "byte": int, "nonNegativeInteger": int,
            "positiveInteger": int, "negativeInteger": int, "nonPositiveInteger": int,
            "decimal": float, "double": float, "float": float}


def python_value(term):
    """An RDF term as a Python value: an IRI or a string as ``str`` (a blank node ``_:id``),
    a number as ``int`` or ``float``, a boolean as ``bool``."""
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rpartition("#")[2] if term.datatype.value.startswith(
            "http://www.w3.org/2001/XMLSchema#") else ""
        try:
            if kind in _NUMBERS:
                return _NUMBERS[kind](term.value)
            if kind == "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def query(sparql: str, graph: str | Path = "out", **params: str):
    """Ask a built graph from Python, as ``kg query`` does (``kg.query`` is this function).

    SELECT gives a list of rows, each a dict of the bound variables' Python values; ASK a
    bool; CONSTRUCT and DESCRIBE a list of (subject, predicate, object) tuples. ``sparql``
    may also be a ``.rq`` file or a shipped question's name, and ``params`` set its
    ``VALUES ?name { … }`` lines. Raises :class:`QueryError` or ``kg.store.StoreError``.
    """
    result = answer(sparql, graph, params)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return [(python_value(t.subject), python_value(t.predicate), python_value(t.object)) for t in result]
    names = [v.value for v in result.variables]
    return [{n: python_value(row[n]) for n in names if row[n] is not None} for row in result]
