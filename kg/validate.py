"""Stage 11: a built graph checked against the SHACL shapes, with a report a person can act on.

pySHACL runs the shapes of ``ontology/shapes.ttl`` with the ontology mixed
in, so a shape on ``kg:Section`` or ``kg:Entity`` reaches every subclass.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format

from kg.rdf import PREFIXES
from kg.store import GRAPH_FILE, StoreError

# kg/ontology links to the top-level ontology/, so an installed package carries it too
ONTOLOGY_DIR = Path(__file__).parent / "ontology"
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHOWN_PER_KIND = 10


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


def _shorten_iris(text: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(ns, f"{prefix}:")
    return text


def _short(term) -> str:
    if term is None:
        return ""
    s = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if s.startswith(ns):
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"
    return s if len(s) <= 60 else s[:57] + "…"


def _path(g: Graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _short(node)
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{_short(inverse)}"
    return str(node)


def read_graph(location: Path) -> tuple[Path, Graph]:
    location = Path(location)
    path = location / GRAPH_FILE if location.is_dir() else location
    if not path.is_file():
        raise StoreError(f"{path}: no such file" + (" (run `kg build` first)" if location.is_dir() else ""))
    try:
        return path, Graph().parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises parser-specific types
        raise StoreError(f"{path}: does not parse: {exc}") from None


def validate(location: Path, shapes: Path = DEFAULT_SHAPES) -> Report:
    """Check the graph of a build directory (its graph.ttl) or of an RDF file."""
    from pyshacl import validate as shacl

    path, data = read_graph(location)
    if not Path(shapes).is_file():
        raise StoreError(f"{shapes}: no such shapes file")
    shapes_graph = Graph().parse(shapes, format="turtle")
    conforms, results, _ = shacl(data, shacl_graph=shapes_graph,
                                 ont_graph=Graph().parse(ONTOLOGY, format="turtle") if ONTOLOGY.is_file() else None,
                                 inference="none", advanced=True, allow_warnings=False)
    problems = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        message = str(results.value(r, SH.resultMessage) or _short(results.value(r, SH.sourceConstraintComponent)))
        template = shapes_graph.value(results.value(r, SH.sourceConstraint), SH.message) \
            or shapes_graph.value(results.value(r, SH.sourceShape), SH.message)
        kind = re.sub(r"\{[?$]\w+\}", "…", str(template)) if template else message
        problems.append(Problem(kind=kind, focus=_short(results.value(r, SH.focusNode)),
                                path=_path(results, results.value(r, SH.resultPath)),
                                value=_short(results.value(r, SH.value)), message=_shorten_iris(message)))
    problems.sort(key=lambda p: (p.kind, p.focus, p.path, p.value, p.message))
    return Report(path, bool(conforms), tuple(problems))
