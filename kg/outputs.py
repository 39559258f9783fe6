"""Stage 6: files under the output directory, each written atomically.

Every file goes to a temporary name in the same directory and is renamed
into place, so an interrupted build leaves the previous output readable.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from kg.rdf import statement_batches
from kg.turtle import write_turtle_batches


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path, mode: str = "w"):
    """A file object for ``path``; the file appears there, complete, only when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the output from other users
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


def write_build(results, entity_of, out_dir: Path, formats=("turtle",), workers: int = 1):
    """Every output of a build: the graph in each format, the store, the page.

    Returns ({format: (path, count)}, page path). The store loads in a
    process of its own from graph.ttl's text as it is written, beside the
    graph and the page. With more than one worker the page is written by a
    forked process too, while this one writes the graph.
    """
    import multiprocessing

    from kg.exports import write_formats
    from kg.store import STORE_DIR, write_store

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = list(formats) or ["turtle"]
    page_proc = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        page_proc = multiprocessing.get_context("fork").Process(
            target=write_html, args=(results, entity_of, out_dir), name="kg-page")
        page_proc.start()
    feed = _StoreFeed(out_dir) if "turtle" in formats else None
    try:
        try:
            written = write_formats(results, entity_of, out_dir, formats, feed.add if feed else None)
        except BaseException:
            if feed:
                feed.abort()
            raise
        if feed:
            feed.close()
        if page_proc is None:
            write_html(results, entity_of, out_dir)
        if feed:
            feed.wait()
            os.utime(out_dir / STORE_DIR)  # the store is as new as the graph it holds
        else:
            rdf_files = [p for f, (p, _) in written.items() if f in ("turtle", "ntriples")]
            if rdf_files:
                write_store(rdf_files[0], out_dir)
    finally:
        if page_proc is not None:
            page_proc.join()
    if page_proc is not None and page_proc.exitcode != 0:
        raise OSError(f"{out_dir / 'graph.html'}: the page was not written "
                      f"(its process exited with {page_proc.exitcode})")
    return written, out_dir / "graph.html"


class _StoreFeed:
    """graph.ttl's text, as the writer emits it, sent in pieces of about
    CHUNK_BYTES (each with the prefix lines, each ending between subjects) to
    ``python -m kg.store``, which bulk-loads them into the store: Oxigraph
    keeps the GIL while it parses, so a thread would not run beside the
    writer, and a forked Oxigraph can hang on locks it inherits."""

    def __init__(self, out_dir: Path):
        import subprocess
        import sys

        from kg.store import CHUNK_BYTES

        self._proc = subprocess.Popen([sys.executable, "-m", "kg.store", str(out_dir)],
                                      stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        self._head: bytes | None = None
        self._parts: list[str] = []
        self._size = 0
        self._limit = CHUNK_BYTES // 3  # characters, mostly three bytes each in UTF-8

    def add(self, text: str) -> None:
        if self._head is None:
            self._head = text.encode("utf-8")
            return
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._limit:
            self._flush()

    def _flush(self) -> None:
        if self._parts:
            self._send(self._head + "".join(self._parts).encode("utf-8"))
            self._parts, self._size = [], 0

    def _send(self, data: bytes) -> None:
        try:
            self._proc.stdin.write(len(data).to_bytes(8, "big") + data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the loader has died; wait() reports why

    def close(self) -> None:
        self._flush()
        self._send(b"")
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass

    def abort(self) -> None:
        self._proc.kill()
        self._proc.wait()

    def wait(self) -> None:
        err = self._proc.stderr.read().decode("utf-8", "replace").strip()
        if self._proc.wait() != 0:
            last = err.splitlines()[-1] if err else f"exit code {self._proc.returncode}"
            raise OSError(f"the store was not loaded: {last}")
