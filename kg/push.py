"""Loading a built graph into a SPARQL 1.1 Graph Store Protocol server
(Fuseki, GraphDB, Virtuoso, ``oxigraph serve``) as one named graph per build.

The named graph is the build's IRI (``res:build/<hash of the inputs>``), so
pushing the same build twice replaces it rather than doubling it, and
builds of different corpora sit side by side in one store.
"""
from __future__ import annotations

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples"}
# the build's subject, as kg.turtle and kg.exports write it
_BUILD = re.compile(r"^<(https://w3id\.org/kg-cn/resource/build/[0-9a-f]+)>\s", re.M)
_BUILD_CLASS = ("kg:Build", "<https://w3id.org/kg-cn/ontology#Build>")


class PushError(Exception):
    """The server could not be reached or refused the graph."""


@dataclass(frozen=True)
class Pushed:
    graph: str
    status: int
    size: int


def graph_file(out_dir: Path | str) -> Path:
    """The newest of ``graph.ttl`` and ``graph.nt`` in a build's output directory."""
    found = [p for p in (Path(out_dir) / "graph.ttl", Path(out_dir) / "graph.nt") if p.is_file()]
    if not found:
        raise FileNotFoundError(f"{out_dir}: no graph.ttl or graph.nt (run kg build first)")
    return max(found, key=lambda p: p.stat().st_mtime_ns)


def build_graph_iri(path: Path | str) -> str:
    """The IRI of the build recorded in a graph file."""
    with open(path, encoding="utf-8") as f:
        head = f.read(1 << 16)  # the build's statements sort first
    for m in _BUILD.finditer(head):
        description = head[m.start():head.find(" .\n", m.start())]
        if any(c in description for c in _BUILD_CLASS):
            return m.group(1)
    raise ValueError(f"{path}: no kg:Build found; pass the named graph with --graph")


def store_url(endpoint: str, graph: str) -> str:
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


def push(path: Path | str, endpoint: str, graph: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 300.0) -> Pushed:
    """PUT the graph file into ``endpoint`` as the named graph ``graph`` (default: the build's IRI)."""
    path = Path(path)
    media = MEDIA_TYPES.get(path.suffix)
    if media is None:
        raise ValueError(f"{path}: cannot push {path.suffix or 'this'} files; use .ttl or .nt")
    graph = graph or build_graph_iri(path)
    size = path.stat().st_size
    headers = {"Content-Type": f"{media}; charset=utf-8", "Content-Length": str(size)}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    with open(path, "rb") as body:
        req = urllib.request.Request(store_url(endpoint, graph), data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return Pushed(graph, resp.status, size)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise PushError(f"{endpoint}: HTTP {exc.code} {exc.reason}"
                            + (f": {detail[0]}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PushError(f"{endpoint}: {reason}") from None
