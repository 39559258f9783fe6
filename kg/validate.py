"""Stage 11: a built graph checked against the SHACL shapes, with a report a person can act on.

Each constraint of ``ontology/shapes.ttl`` becomes one SPARQL query that
finds every violation at once, run on the Oxigraph store the build already
has. Measured on the 198-document corpus build (951k triples): pySHACL was
stopped after 900 s at 1.9 GB, pyshacl-turbo took 252 s and 3.1 GB,
pyrudof 74 s and 10 GB; these queries take seconds in a few hundred MB
(``bench/bench_validate.py``), because the store's indexes answer a whole
constraint in one scan where the engines walk focus node by focus node.

The SHACL Core subset the shapes use is compiled (class, node and
subject/object targets; IRI, inverse and sequence paths; min/max count,
datatype, node kind, class, min/max length, pattern, min/max
inclusive/exclusive, ``sh:sparql`` SELECT constraints). A shape using
anything else is refused with its name rather than half checked. As
pySHACL does with the ontology mixed in, ``sh:targetClass`` and
``sh:class`` reach every subclass (``rdfs:subClassOf`` of the ontology
and of the data).
"""
from __future__ import annotations

import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.rdf import PREFIXES
from kg.store import GRAPH_FILE, STORE_DIR, StoreError, write_store

# kg/ontology links to the top-level ontology/, so an installed package carries it too
ONTOLOGY_DIR = Path(__file__).parent / "ontology"
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHOWN_PER_KIND = 10

# Oxigraph stores every integer type as xsd:integer (value-normalised: "7"^^xsd:nonNegativeInteger
# reads back as "7"^^xsd:integer), so on the store sh:datatype of an integer type is checked as
# an xsd:integer literal of the type's range and lexical form.
_INTEGER_RANGES = {
    XSD.integer: "true", XSD.nonNegativeInteger: "?value >= 0", XSD.positiveInteger: "?value > 0",
    XSD.nonPositiveInteger: "?value <= 0", XSD.negativeInteger: "?value < 0",
    XSD.long: "?value >= -9223372036854775808 && ?value <= 9223372036854775807",
    XSD.int: "?value >= -2147483648 && ?value <= 2147483647",
    XSD.unsignedInt: "?value >= 0 && ?value <= 4294967295",
}
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
_COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
# what a shape may say besides its constraints
_NOT_CONSTRAINTS = {SH.path, SH.message, SH.name, SH.description, SH.severity, SH.deactivated, SH.order,
                    SH.group, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.property, SH.sparql, SH.flags, SH.defaultValue, RDF.type, RDFS.label, RDFS.comment}


@dataclass(frozen=True)
class Problem:
    kind: str     # the shape's message, placeholders shown as …
    focus: str
    path: str
    value: str
    message: str  # the message with this problem's particulars


@dataclass(frozen=True)
class Report:
    source: Path
    conforms: bool
    problems: tuple[Problem, ...]

    def text(self) -> str:
        """The report: one heading per kind of problem, a few examples under each."""
        if self.conforms:
            return f"{self.source}: conforms to the shapes"
        kinds: dict[tuple[str, str], list[Problem]] = defaultdict(list)
        for p in self.problems:
            kinds[(p.kind, p.path)].append(p)
        lines = [f"{self.source}: does not conform: {len(self.problems)} problem(s) of {len(kinds)} kind(s)"]
        for (kind, path), found in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"\n{kind}" + (f" [{path}]" if path else "") + f": {len(found)} problem(s)")
            for p in found[:SHOWN_PER_KIND]:
                if p.message != p.kind:
                    lines.append(f"  {p.message}")
                else:
                    lines.append(f"  {p.focus}" + (f" (value: {p.value})" if p.value and p.value != p.focus else ""))
            if len(found) > SHOWN_PER_KIND:
                lines.append(f"  … and {len(found) - SHOWN_PER_KIND} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Check:
    """Constraints as one query. Each row is a focus node (?this, maybe ?value) breaking the
    i-th constraint where its column ?_ci is true; a query with one message and no such
    columns (an sh:sparql constraint) breaks it with every row."""
    query: str
    messages: tuple[str, ...]  # sh:message or a default, {?var} placeholders filled from the row
    path: str     # the path as the report shows it


class ShapesError(StoreError):
    """Shapes that cannot be read, or that use SHACL this validator does not implement."""


def _shorten_iris(text: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(ns, f"{prefix}:")
    return text


def _short_iri(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _short(term) -> str:
    """A term of a result row as the report shows it."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _short_iri(term.value)
    s = f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value
    return s if len(s) <= 60 else s[:57] + "…"


def _plain(term) -> str:
    """A term as a message placeholder shows it (IRIs whole; the report shortens them after)."""
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _sparql_term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise ShapesError(f"a shape compares with a blank node ({node})")


# ---------------------------------------------------------------- compiling the shapes

class _Compiler:
    def __init__(self, shapes: Graph, ontology: Graph, data_subclasses: list[tuple[str, str]]):
        self.shapes = shapes
        self.parents: dict[str, set[str]] = defaultdict(set)
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            self.parents[str(sub)].add(str(sup))
        for sub, sup in data_subclasses:
            self.parents[sub].add(sup)

    def subclasses(self, cls: str) -> list[str]:
        """``cls`` and every class under it (rdfs:subClassOf*), sorted."""
        children: dict[str, set[str]] = defaultdict(set)
        for sub, sups in self.parents.items():
            for sup in sups:
                children[sup].add(sub)
        found, todo = {cls}, [cls]
        while todo:
            for c in children[todo.pop()]:
                if c not in found:
                    found.add(c)
                    todo.append(c)
        return sorted(found)

    def _values(self, var: str, classes: list[str]) -> str:
        return f"VALUES ?{var} {{ {' '.join(f'<{c}>' for c in classes)} }}"

    def targets(self, shape) -> str:
        """A pattern binding ?this to each focus node of the shape, once."""
        parts = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            parts.append(f"{{ ?this a ?_class . {self._values('_class', self.subclasses(str(cls)))} }}")
        for node in self.shapes.objects(shape, SH.targetNode):
            parts.append(f"{{ VALUES ?this {{ {_sparql_term(node)} }} }}")
        for p in self.shapes.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this <{p}> [] }}")
        for p in self.shapes.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ [] <{p}> ?this }}")
        if not parts:
            return ""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"

    def path(self, node) -> tuple[str, str]:
        """The SHACL path as a SPARQL property path, and as the report shows it."""
        if isinstance(node, URIRef):
            return f"<{node}>", _short_iri(str(node))
        inverse = self.shapes.value(node, SH.inversePath)
        if isinstance(inverse, URIRef):
            return f"^<{inverse}>", f"^{_short_iri(str(inverse))}"
        if isinstance(node, BNode) and self.shapes.value(node, RDF.first) is not None:
            steps = [self.path(step) for step in Collection(self.shapes, node)]
            return "/".join(s for s, _ in steps), "/".join(r for _, r in steps)
        raise ShapesError(f"a shape uses a path kg validate does not implement: {node}")

    def checks(self) -> list[Check]:
        out = []
        for shape in sorted(set(self.shapes.subjects(SH.targetClass, None))
                            | set(self.shapes.subjects(SH.targetNode, None))
                            | set(self.shapes.subjects(SH.targetSubjectsOf, None))
                            | set(self.shapes.subjects(SH.targetObjectsOf, None))):
            if self.shapes.value(shape, SH.deactivated) == Literal(True):
                continue
            targets = self.targets(shape)
            out += self._constraints(shape, targets, None)
            for prop in sorted(self.shapes.objects(shape, SH.property)):
                if self.shapes.value(prop, SH.deactivated) != Literal(True):
                    out += self._constraints(prop, targets, self.shapes.value(prop, SH.path))
            for sparql in sorted(self.shapes.objects(shape, SH.sparql)):
                out.append(self._sparql(sparql, targets))
        return out

    def _constraints(self, shape, targets: str, path_node) -> list[Check]:
        """The shape's constraints in two queries at most: the counts (one GROUP BY) and the
        tests of each value (one scan); a column per constraint says which ones a row breaks."""
        g = self.shapes
        if path_node is None:  # the focus node is the value
            path, reach, shown = "", "BIND(?this AS ?value)", ""
        else:
            path, shown = self.path(path_node)
            reach = f"?this {path} ?value ."
        where = "{?this}" + (f"->{shown}" if shown else "")
        given = g.value(shape, SH.message)
        counts: list[tuple[str, str]] = []  # (test on ?_count, default message)
        values: list[tuple[str, str]] = []  # (test on ?value, default message)
        for pred, obj in sorted(g.predicate_objects(shape)):
            if pred in _NOT_CONSTRAINTS:
                continue
            if pred in (SH.minCount, SH.maxCount) and not path:
                raise ShapesError(f"{_short_iri(str(pred))} needs a property shape (sh:path)")
            if pred == SH.minCount:
                counts.append((f"?_count < {int(obj)}", f"fewer than {int(obj)} value(s) on {where}"))
            elif pred == SH.maxCount:
                counts.append((f"?_count > {int(obj)}", f"more than {int(obj)} value(s) on {where}"))
            elif pred == SH.datatype:
                if obj in _INTEGER_RANGES:
                    test = (f"!isLiteral(?value) || datatype(?value) != <{XSD.integer}>"
                            f' || !REGEX(STR(?value), "^[+-]?[0-9]+$") || !COALESCE({_INTEGER_RANGES[obj]}, false)')
                else:
                    test = f"!isLiteral(?value) || datatype(?value) != <{obj}>"
                values.append((test, f"value {{?value}} of {where} is not a literal of datatype {_short_iri(str(obj))}"))
            elif pred == SH.nodeKind:
                if obj not in _NODE_KINDS:
                    raise ShapesError(f"unknown sh:nodeKind {obj}")
                values.append((f"!{_NODE_KINDS[obj]}",
                               f"value {{?value}} of {where} is not of node kind {_short_iri(str(obj))}"))
            elif pred == SH["class"]:
                values.append((f"NOT EXISTS {{ ?value a ?_type . {self._values('_type', self.subclasses(str(obj)))} }}",
                               f"value {{?value}} of {where} is not a {_short_iri(str(obj))}"))
            elif pred in (SH.minLength, SH.maxLength):
                op = "<" if pred == SH.minLength else ">"
                values.append((f"isBlank(?value) || STRLEN(STR(?value)) {op} {int(obj)}",
                               f"value {{?value}} of {where} is {'shorter' if op == '<' else 'longer'} than {int(obj)}"))
            elif pred == SH.pattern:
                flags = g.value(shape, SH.flags)
                regex = Literal(str(obj)).n3() + (f", {Literal(str(flags)).n3()}" if flags else "")
                values.append((f"isBlank(?value) || !REGEX(STR(?value), {regex})",
                               f"value {{?value}} of {where} does not match {obj}"))
            elif pred in _COMPARISONS:
                op = _COMPARISONS[pred]
                values.append((f"!COALESCE(?value {op} {_sparql_term(obj)}, false)",
                               f"value {{?value}} of {where} is not {op} {obj}"))
            else:
                raise ShapesError(f"the shapes use {_short_iri(str(pred)).replace('<', '').replace('>', '')}, "
                                  "which kg validate does not implement")

        def message(default: str) -> str:
            return str(given) if given is not None else default

        out = []
        if counts:
            columns = " ".join(f"(({t.replace('?_count', 'COUNT(DISTINCT ?value)')}) AS ?_c{i})"
                               for i, (t, _) in enumerate(counts))
            having = " || ".join(t.replace("?_count", "COUNT(DISTINCT ?value)") for t, _ in counts)
            out.append(Check(f"SELECT ?this {columns} WHERE {{ {targets} OPTIONAL {{ ?this {path} ?value }} }} "
                             f"GROUP BY ?this HAVING ({having})",
                             tuple(message(m) for _, m in counts), shown))
        if values:
            binds = " ".join(f"BIND(COALESCE({t}, true) AS ?_c{i})" for i, (t, _) in enumerate(values))
            out.append(Check(f"SELECT DISTINCT ?this ?value {' '.join(f'?_c{i}' for i in range(len(values)))} "
                             f"WHERE {{ {targets} {reach} {binds} "
                             f"FILTER({' || '.join(f'?_c{i}' for i in range(len(values)))}) }}",
                             tuple(message(m) for _, m in values), shown))
        return out

    def _prefixes(self, sparql) -> str:
        lines = []
        for holder in self.shapes.objects(sparql, SH.prefixes):
            for decl in self.shapes.objects(holder, SH.declare):
                lines.append(f"PREFIX {self.shapes.value(decl, SH.prefix)}: <{self.shapes.value(decl, SH.namespace)}>")
        return "\n".join(sorted(set(lines)))

    def _sparql(self, sparql, targets: str) -> Check:
        select = self.shapes.value(sparql, SH.select)
        if select is None:
            raise ShapesError("an sh:sparql constraint without sh:select")
        # $this is pre-bound per focus node in SHACL-SPARQL; here it is joined with every focus node at once
        inner = str(select).replace("$this", "?this")
        m = re.search(r"\bSELECT\b", inner, re.IGNORECASE)
        query = f"{self._prefixes(sparql)}\n{inner[:m.start()]}SELECT * WHERE {{ {targets} {{ {inner[m.start():]} }} }}"
        message = self.shapes.value(sparql, SH.message)
        return Check(query, (str(message) if message is not None else "a SPARQL constraint is violated",), "")


# ---------------------------------------------------------------- running them

def compile_shapes(shapes: Path, store: ox.Store) -> list[Check]:
    """The shapes as queries; ``rdfs:subClassOf`` read from the ontology and from the data."""
    try:
        shapes_graph = Graph().parse(shapes, format="turtle")
    except Exception as exc:  # rdflib raises parser-specific types
        raise ShapesError(f"{shapes}: does not parse: {exc}") from None
    ontology = Graph().parse(ONTOLOGY, format="turtle") if ONTOLOGY.is_file() else Graph()
    data = [(r["s"].value, r["o"].value) for r in store.query(
        "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?o "
        "FILTER(isIRI(?s) && isIRI(?o)) }")]
    return _Compiler(shapes_graph, ontology, data).checks()


def _fill(template: str, row: ox.QuerySolution, variables: list[str]) -> str:
    def one(m: re.Match) -> str:
        name = m[1]
        return _plain(row[name]) if name in variables else m[0]
    return re.sub(r"\{[?$](\w+)\}", one, template)


def _problems(store: ox.Store, check: Check) -> list[Problem]:
    result = store.query(check.query)
    variables = [v.value for v in result.variables]
    found = []
    for row in result:
        value = row["value"] if "value" in variables else None
        for i, template in enumerate(check.messages):
            flag = row[f"_c{i}"] if f"_c{i}" in variables else None
            if flag is not None and flag.value != "true":
                continue
            found.append(Problem(kind=re.sub(r"\{[?$]\w+\}", "…", template), focus=_short(row["this"]),
                                 path=check.path, value=_short(value),
                                 message=_shorten_iris(_fill(template, row, variables))))
    return found


def problems(store: ox.Store, checks: list[Check], threads: int = 2) -> list[Problem]:
    """Every violation, sorted. Oxigraph evaluates without Python's lock, so two
    queries run at once on two cores."""
    with ThreadPoolExecutor(threads) as pool:
        found = [p for ps in pool.map(lambda c: _problems(store, c), checks) for p in ps]
    return sorted(set(found), key=lambda p: (p.kind, p.focus, p.path, p.value, p.message))


def validate(location: Path, shapes: Path = DEFAULT_SHAPES) -> Report:
    """Check the graph of a build directory (its store, or its graph.ttl) or of an RDF file."""
    location = Path(location)
    shapes = Path(shapes)
    if not shapes.is_file():
        raise StoreError(f"{shapes}: no such shapes file")
    if location.is_dir():
        source, store_dir = location / GRAPH_FILE, location / STORE_DIR
        if store_dir.is_dir() and (not source.exists() or source.stat().st_mtime <= store_dir.stat().st_mtime):
            store = ox.Store.read_only(str(store_dir))
            return Report(source, *_verdict(store, shapes))
        if not source.is_file():
            raise StoreError(f"{location}: no graph here (run `kg build --out {location}` first)")
    else:
        source = location
        if not source.is_file():
            raise StoreError(f"{source}: no such file")
    # a file: loaded into a scratch store on disk, so memory stays small whatever its size
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as scratch:
        try:
            store = ox.Store.read_only(str(write_store(source, Path(scratch))))
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{source}: does not parse: {exc}") from None
        verdict = _verdict(store, shapes)
        del store  # closes the database before its directory goes
    return Report(source, *verdict)


def _verdict(store: ox.Store, shapes: Path) -> tuple[bool, tuple[Problem, ...]]:
    found = problems(store, compile_shapes(shapes, store))
    return not found, tuple(found)
