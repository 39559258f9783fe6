"""Stage 7: the query engine's copy of the graph, an Oxigraph store.

rdflib stays the model (``kg.rdf``); Oxigraph answers the queries. ``kg
build`` loads ``out/graph.ttl`` into an on-disk store at ``out/store/`` so a
query opens an index instead of re-parsing Turtle. The store is a database,
not a deliverable: ``graph.ttl`` is the byte-identical output, the store is
rebuilt from it and is never compared.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

log = logging.getLogger(__name__)

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"


class StoreError(Exception):
    """No graph where one was asked for, or a graph file that does not parse."""


def write_store(graph_file: Path, out_dir: Path) -> Path:
    """Load ``graph_file`` into ``out_dir/store``, replacing any previous store whole.

    The new store is loaded beside the old one and swapped in, so a reader
    never sees a half-loaded store and an interrupted build keeps the old one.
    """
    fmt = _format_of(Path(graph_file))
    return load_store(_chunks(Path(graph_file), fmt), fmt, Path(out_dir))


def load_store(chunks, fmt: ox.RdfFormat, out_dir: Path) -> Path:
    """Load pieces of RDF (bytes, each parsing alone) into ``out_dir/store``, as :func:`write_store`."""
    writer = StoreWriter(out_dir)
    try:
        for chunk in chunks:
            writer.add(chunk, fmt)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


class StoreWriter:
    """A new store for ``out_dir``, loaded piece by piece beside the old one
    (in a temporary directory) and swapped in whole by :meth:`commit`."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self._tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", dir=self.out_dir))
        self._store = ox.Store(str(self._tmp))

    def add(self, data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Bulk-load a piece that parses alone (lenient: kg's own IRIs are valid by construction)."""
        self._store.bulk_load(input=data, format=fmt, lenient=True)

    def commit(self) -> Path:
        target = self.out_dir / STORE_DIR
        try:
            self._store.flush()
            self._store.optimize()  # compacted: the shipped queries run 2-4 times faster
            self._store = None  # closes the database before the directory moves
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.old.", dir=self.out_dir))
                os.replace(target, old / STORE_DIR)
            os.replace(self._tmp, target)
            if old:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            self.abort()
            raise
        return target

    def abort(self) -> None:
        self._store = None
        shutil.rmtree(self._tmp, ignore_errors=True)


def load_from_stream(stream, out_dir: Path) -> Path:
    """Load N-Triples pieces framed as <8-byte length><bytes> from ``stream`` (a
    zero length ends them) into ``out_dir/store``. ``python -m kg.store OUT``
    runs this on its standard input: Oxigraph's bulk loader keeps the GIL, so
    a build loads its store in a process of its own while it does the rest."""
    def pieces():
        while True:
            head = stream.read(8)
            if len(head) < 8:
                raise RuntimeError("the graph's statements ended early; the store is left as it was")
            size = int.from_bytes(head, "big")
            if size == 0:
                return
            yield stream.read(size)
    return load_store(pieces(), ox.RdfFormat.N_TRIPLES, Path(out_dir))


CHUNK_BYTES = 8 << 20


def _chunks(path: Path, fmt: ox.RdfFormat):
    """The file in pieces of about CHUNK_BYTES that each parse alone.

    Oxigraph's bulk loader holds a whole input in memory while it sorts: one
    70 MB Turtle file of a corpus peaks near 1 GB, 8 MB pieces near 200 MB,
    and load faster. kg writes Turtle as prefix lines, then one blank-line
    separated block per subject; N-Triples is a statement per line. Another
    file is loaded whole. (lenient: kg's own IRIs are valid by construction.)
    """
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        yield path.read_bytes()
        return
    sep = b"\n\n" if fmt == ox.RdfFormat.TURTLE else b"\n"
    head, rest = b"", b""
    with open(path, "rb") as f:
        if fmt == ox.RdfFormat.TURTLE:
            first = f.read(CHUNK_BYTES)
            cut = first.find(b"\n\n")
            if cut < 0 or any(not line.startswith(b"@prefix") for line in first[:cut].splitlines()):
                yield first + f.read()  # not kg's own layout: load it whole
                return
            head, rest = first[:cut + 1], first[cut + 1:]
        while True:
            block = f.read(CHUNK_BYTES)
            data = rest + block
            if not block:
                if data.strip():
                    yield head + data
                return
            cut = data.rfind(sep)
            if cut < 0:
                rest = data
                continue
            yield head + data[:cut + 1]
            rest = data[cut + 1:]


def _format_of(path: Path) -> ox.RdfFormat:
    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE


def load_file(path: Path) -> ox.Store:
    """An in-memory store of one RDF file, its format told by its extension (Turtle if unknown)."""
    path = Path(path)
    fmt = _format_of(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not valid {fmt.name}: {exc}") from None
    return store


def open_store(location: Path) -> ox.Store:
    """The graph at ``location``: a build directory (its store, else its
    graph.ttl) or an RDF file, parsed into memory.

    A store older than its graph.ttl (graph rewritten by hand or by an older
    kg) is passed over for the Turtle, which is the source of truth.
    """
    location = Path(location)
    if location.is_dir():
        store_dir, graph = location / STORE_DIR, location / GRAPH_FILE
        if store_dir.is_dir() and (not graph.exists() or graph.stat().st_mtime <= store_dir.stat().st_mtime):
            return ox.Store.read_only(str(store_dir))
        if graph.is_file():
            if store_dir.is_dir():
                log.warning("%s is older than %s; reading the Turtle", store_dir, graph)
            return load_file(graph)
        raise StoreError(f"{location}: no graph here (run `kg build --out {location}` first)")
    return load_file(location)


if __name__ == "__main__":
    import sys

    load_from_stream(sys.stdin.buffer, Path(sys.argv[1]))
