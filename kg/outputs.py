"""Stage 6: a build's outputs under the output directory, each written atomically.

``write_build`` writes graph.ttl, the Oxigraph store, graph.html and any
other format, with ``workers`` processes at a time:

- graph.ttl is a prefix header, the build's batch, one batch per document
  and the entities' batch (:func:`kg.rdf.statement_batches`). Each document
  batch is grouped and sorted on its own, so worker processes render ranges
  of documents and this one joins them in order: the same bytes whatever
  the number of workers.
- The store is loaded from the same statements as N-Triples, in pieces, by a
  :class:`StoreFeed`. A build feeds it each document's context and sections
  as soon as the document is extracted (they name no entity), so most of
  the store is loaded while extraction still runs.
- graph.html is rendered from the in-memory results by one of the workers.

With one worker all of it runs in this process, one step after the other.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

from kg.atomic import atomic_write
from kg.exports import format_name, write_formats
from kg.rdf import (EntityIris, Statement, build_statements, context_statements, document_batch,
                    entities_statements, statement_batches)
from kg.store import STORE_DIR, StoreWriter, write_store
from kg.turtle import BatchWriter, prefix_lines, write_turtle_batches

__all__ = ["atomic_write", "write_graph", "write_html", "write_build", "StoreFeed"]


def write_graph(results, entity_of, out_dir: Path) -> tuple[Path, int]:
    path = Path(out_dir) / "graph.ttl"
    with atomic_write(path) as f:
        n = write_turtle_batches(statement_batches(results, entity_of), f)
    return path, n


def write_html(results, entity_of, out_dir: Path) -> Path:
    """out/graph.html: the page of :func:`kg.html.page`, UTF-8 whatever the platform's encoding."""
    from kg.html import page

    path = Path(out_dir) / "graph.html"
    with atomic_write(path) as f:
        f.write(page(results, entity_of))
    return path


def ntriples(stmts) -> str:
    return "".join([f"{s} {p} {o} .\n" for s, p, o in stmts])


class StoreFeed:
    """Statements into a new ``out_dir/store``, as N-Triples pieces of about
    PIECE_TRIPLES statements (Oxigraph's bulk loader holds a piece in memory
    while it sorts: 100k statements keep it near 200 MB).

    ``in_process``: loaded here, as the pieces come (a one-worker build does
    everything in one process). Otherwise by ``python -m kg.store`` beside
    this process: Oxigraph's bulk loader keeps the GIL, so a thread would not
    run alongside, and a forked Oxigraph can hang on locks it inherits.
    Statements may repeat; the store keeps each once.
    """

    PIECE_TRIPLES = 100_000

    def __init__(self, out_dir: Path, in_process: bool):
        self.out_dir = out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        self._writer = StoreWriter(out_dir) if in_process else None
        self._proc = None if in_process else subprocess.Popen(
            [sys.executable, "-m", "kg.store", str(out_dir)], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        self._parts: list[str] = []
        self._count = 0

    def add(self, stmts: list[Statement]) -> None:
        self.add_text(ntriples(stmts), len(stmts))

    def add_text(self, text: str, count: int) -> None:
        """N-Triples text of ``count`` statements."""
        self._parts.append(text)
        self._count += count
        if self._count >= self.PIECE_TRIPLES:
            self._flush()

    def add_context(self, result) -> None:
        """A document's context and sections, the part of its statements known once it is extracted."""
        self.add(list(context_statements(result)))

    def _flush(self) -> None:
        if self._parts:
            self._send("".join(self._parts).encode("utf-8"))
            self._parts, self._count = [], 0

    def _send(self, data: bytes) -> None:
        if self._writer is not None:
            if data:
                self._writer.add(data)
            return
        try:
            self._proc.stdin.write(len(data).to_bytes(8, "big") + data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the loader has died; close() reports why

    def close(self) -> Path:
        """Load what is left and put the store in place."""
        self._flush()
        if self._writer is not None:
            return self._writer.commit()
        self._send(b"")
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass
        err = self._proc.stderr.read().decode("utf-8", "replace").strip()
        if self._proc.wait() != 0:
            last = err.splitlines()[-1] if err else f"exit code {self._proc.returncode}"
            raise OSError(f"the store was not loaded: {last}")
        return self.out_dir / STORE_DIR

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()
        else:
            self._proc.kill()
            self._proc.wait()


# -- graph.ttl, a range of documents at a time --------------------------------------------

_BUILD: tuple | None = None  # (results, entity_of) in forked workers


def _spans(results, parts: int) -> list[tuple[int, int]]:
    """Contiguous ranges of documents of about equal text length: ``parts`` of
    them, or more, so that none holds much more than 200,000 characters."""
    total = sum(len(r.document.text) for r in results) or 1
    parts = max(parts, total // 200_000)
    spans, begin, size = [], 0, 0
    for i, r in enumerate(results):
        size += len(r.document.text)
        if size * parts >= total * (len(spans) + 1) or i == len(results) - 1:
            spans.append((begin, i + 1))
            begin = i + 1
    return spans


def _render(span: tuple[int, int], loaded_context: bool = True) -> tuple[bytes, int, list, list]:
    """Documents ``span`` of the build: (their Turtle, its triple count, for each
    document the N-Triples of what the store lacks of it and their number,
    their statements about entities)."""
    results, entity_of = _BUILD
    iris = EntityIris(entity_of)
    writer = BatchWriter()
    texts, store, about, n = [], [], [], 0
    for r in results[span[0]:span[1]]:
        context = list(context_statements(r))
        rest, about_doc = document_batch(r, iris, context=False)
        text, k = writer.text(context + rest)
        texts.append(text)
        n += k
        about.extend(about_doc)
        new = rest + about_doc if loaded_context else context + rest + about_doc
        store.append((ntriples(new), len(new)))
    return "".join(texts).encode("utf-8"), n, store, about


def _in_order(pool, func, items, window: int):
    """``func`` of each item, in order, computed by ``pool`` at most ``window``
    items ahead (Pool.imap would pile every result up here when the store is
    slower than the workers)."""
    pending = collections.deque()
    for item in items:
        pending.append(pool.apply_async(func, (item,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _write_page(out_dir: Path) -> Path:
    results, entity_of = _BUILD
    return write_html(results, entity_of, out_dir)


def _write_turtle(results, entity_of, out_dir: Path, workers: int, feed: StoreFeed | None,
                  context_loaded: bool, pool) -> tuple[Path, int]:
    path = out_dir / "graph.ttl"
    build = build_statements(results)
    writer = BatchWriter()
    spans = _spans(results, 4 * workers) if results else []
    render = partial(_render, loaded_context=context_loaded)
    renders = _in_order(pool, render, spans, 2 * workers) if pool is not None else map(render, spans)
    with atomic_write(path, "wb") as f:
        head, n = writer.text(build)
        f.write((prefix_lines() + head).encode("utf-8"))
        if feed:
            feed.add(build)
        iris = EntityIris(entity_of).count(results)  # in this process, while the workers render
        about: list[Statement] = []
        for text, k, stored, about_span in renders:
            f.write(text)
            n += k
            about.extend(about_span)
            if feed:
                for piece, count in stored:
                    feed.add_text(piece, count)
        entities = list(entities_statements(iris))
        text, k = writer.text(about + entities)
        f.write(text.encode("utf-8"))
        n += k
        if feed:
            feed.add(entities)
    return path, n


def write_build(results, entity_of, out_dir: Path, formats=("turtle",), workers: int = 1,
                feed: StoreFeed | None = None):
    """Every output of a build: the graph in each format, the store, the page.

    Returns ({format: (path, count)}, page path). ``feed``, when given, has
    been fed each document's context (:meth:`StoreFeed.add_context`) while
    the documents were extracted; it is closed here. Without one, and with
    graph.ttl among the formats, a feed is made here and given everything.
    """
    global _BUILD
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = list(dict.fromkeys(format_name(f) for f in formats)) or ["turtle"]
    turtle = "turtle" in formats
    context_loaded = feed is not None
    if feed is None and turtle:
        feed = StoreFeed(out_dir, in_process=workers <= 1)
    pool = None
    _BUILD = (results, entity_of)
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            pool = multiprocessing.get_context("fork").Pool(workers)
            page = pool.apply_async(_write_page, (out_dir,))
        others = [f for f in formats if f != "turtle"]
        written = write_formats(results, entity_of, out_dir, others) if others else {}
        if turtle:
            written["turtle"] = _write_turtle(results, entity_of, out_dir, workers, feed, context_loaded, pool)
        page_path = page.get() if pool is not None else write_html(results, entity_of, out_dir)
        if feed is not None:
            feed.close()
            feed = None
            os.utime(out_dir / STORE_DIR)  # the store is as new as the graph it holds
        else:
            rdf_files = [p for f, (p, _) in written.items() if f == "ntriples"]
            if rdf_files:
                write_store(rdf_files[0], out_dir)
    except BaseException:
        if feed is not None:
            feed.abort()
        raise
    finally:
        _BUILD = None
        if pool is not None:
            pool.terminate()
            pool.join()
    return {f: written[f] for f in formats}, page_path
