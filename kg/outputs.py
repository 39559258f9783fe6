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

    Returns ({format: (path, count)}, page path). With more than one worker
    the page is written by a forked process while this one writes the graph,
    and Oxigraph loads the store in a thread (Rust, without the GIL) beside it.
    """
    import multiprocessing
    from concurrent.futures import ThreadPoolExecutor

    from kg.exports import write_formats
    from kg.store import write_store

    out_dir = Path(out_dir)
    page_path = out_dir / "graph.html"
    page_proc = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        page_proc = multiprocessing.get_context("fork").Process(
            target=write_html, args=(results, entity_of, out_dir), name="kg-page")
        page_proc.start()
    try:
        written = write_formats(results, entity_of, out_dir, list(formats) or ["turtle"])
        rdf_files = [p for f, (p, _) in written.items() if f in ("turtle", "ntriples")]
        with ThreadPoolExecutor(max_workers=1) as pool:
            store = pool.submit(write_store, rdf_files[0], out_dir) if rdf_files else None
            if page_proc is None:
                write_html(results, entity_of, out_dir)
            if store:
                store.result()
    finally:
        if page_proc is not None:
            page_proc.join()
    if page_proc is not None and page_proc.exitcode != 0:
        raise OSError(f"{page_path}: the page was not written (its process exited with {page_proc.exitcode})")
    return written, page_path
