"""Building a corpus: documents extracted in parallel processes (or on a
Dask cluster), each result cached by the hash of its text and of the
extractors that produced it; :func:`write_corpus` is a whole build.

:func:`kg.pipeline.extract_document` is the per-document function; this
module maps it over many documents on one machine, or on a cluster
(:func:`extract_on_dask`), and hands the results to
:func:`kg.pipeline.unify_types` (see README, "Corpora").
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, ContextManager, Iterable

from kg.document import Document, InputError, document_from_text, read_documents
from kg.metadata import with_metadata
from kg.pipeline import DocumentResult, extract_document, unify_types, unique_ids

log = logging.getLogger(__name__)

# What decides a document's sections and mentions: change any of these files
# and every cached result is stale.
_EXTRACTOR_SOURCES = ("extractors", "lexicons", "patterns", "segment.py", "sections.py", "resolve.py",
                      "mentions.py", "lexicon.py", "entities.py", "pipeline.py")
_DATA_SUFFIXES = {".py", ".tsv", ".txt", ".json"}


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extractor sources, lexicons, patterns and the segmenters' versions."""
    import importlib.metadata

    import jieba

    try:
        rjieba = importlib.metadata.version("rjieba")
    except importlib.metadata.PackageNotFoundError:
        rjieba = "-"
    root = Path(__file__).parent
    h = hashlib.sha256(f"jieba {getattr(jieba, '__version__', '?')} rjieba {rjieba}\n".encode())
    files: list[Path] = []
    for name in _EXTRACTOR_SOURCES:
        p = root / name
        files.extend(sorted(q for q in p.rglob("*") if q.suffix in _DATA_SUFFIXES) if p.is_dir() else [p])
    for f in files:
        if f.is_file():
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


class ExtractionCache:
    """One pickle per document text under ``root/<extractor version>/``.

    Entries of other extractor versions are removed when the cache is opened,
    so the cache holds one version at a time.
    """

    def __init__(self, root: Path | str, version: str | None = None):
        self.root = Path(root)
        self.version = version or extractor_version()
        self.dir = self.root / self.version

    def prune(self) -> None:
        if self.root.is_dir():
            for old in self.root.iterdir():
                if old.is_dir() and old.name != self.version:
                    shutil.rmtree(old, ignore_errors=True)

    def path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.pickle"

    def get(self, doc: Document) -> DocumentResult | None:
        try:
            data = self.path(doc.sha256).read_bytes()
        except OSError:
            return None
        try:
            return from_payload(doc, data)
        except Exception:  # a torn or foreign file is a miss, not an error
            log.warning("ignoring unreadable cache entry %s", self.path(doc.sha256))
            return None

    def put(self, sha256: str, payload: bytes) -> None:
        path = self.path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)


def to_payload(result: DocumentResult) -> bytes:
    """What depends on the text alone: sections and mentions (not the document's name or metadata)."""
    return pickle.dumps((result.sections, result.mentions), protocol=pickle.HIGHEST_PROTOCOL)


def from_payload(doc: Document, data: bytes) -> DocumentResult:
    sections, mentions = pickle.loads(data)
    return DocumentResult(doc, sections, mentions)


@dataclass(frozen=True)
class CorpusStats:
    documents: int
    characters: int
    extracted: int      # documents run through the extractors in this build
    cached: int         # documents whose results came from the cache
    workers: int
    seconds: float


# -- the worker side ---------------------------------------------------------

_DOCS: list[Document] = []
_CACHE: ExtractionCache | None = None


def warm_up() -> None:
    """Load jieba's dictionary and every lexicon once, before forking workers."""
    extract_document(document_from_text("北京市人民政府。\n推进乡村振兴。"))


def _init_worker(docs: list[Document] | None, cache: ExtractionCache | None) -> None:
    global _DOCS, _CACHE
    if docs is not None:  # spawn: the parent's globals did not come along
        _DOCS, _CACHE = docs, cache
        warm_up()


def _extract_one(i: int) -> tuple[int, bytes]:
    doc = _DOCS[i]
    payload = to_payload(extract_document(doc))
    if _CACHE is not None:
        _CACHE.put(doc.sha256, payload)
    return i, payload


# -- the parent side ---------------------------------------------------------

def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_all(docs: list[Document], workers: int | None = None, cache: ExtractionCache | None = None,
                progress: Callable[[Document], None] | None = None,
                on_result: Callable[[DocumentResult], None] | None = None,
                dask: str | None = None) -> tuple[list[DocumentResult], int]:
    """Results of ``docs`` in their order, and how many were extracted (not cached).

    ``on_result`` sees each result as it comes (in no particular order);
    ``dask``: extract on a Dask cluster (its scheduler's address, or "local").
    """
    global _DOCS, _CACHE
    results: list[DocumentResult | None] = [None] * len(docs)

    def done(i: int, result: DocumentResult) -> None:
        results[i] = result
        if progress:
            progress(docs[i])
        if on_result:
            on_result(result)

    todo = []
    for i, d in enumerate(docs):
        hit = cache.get(d) if cache else None
        if hit is None:
            todo.append(i)
        else:
            done(i, hit)
    # longest first, so no worker is left with a long document at the end
    todo.sort(key=lambda i: -len(docs[i].text))
    if dask is not None:
        if todo:
            for i, payload in extract_on_dask([docs[i] for i in todo], dask, todo):
                if cache is not None:
                    cache.put(docs[i].sha256, payload)
                done(i, from_payload(docs[i], payload))
        return results, len(todo)  # type: ignore[return-value]
    workers = max(1, min(workers or default_workers(), len(todo)))
    _DOCS, _CACHE = docs, cache
    try:
        if workers == 1:
            for i in todo:
                _, payload = _extract_one(i)
                done(i, from_payload(docs[i], payload))
        else:
            warm_up()
            forking = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            ctx = multiprocessing.get_context("fork" if forking else "spawn")
            init_args = (None, None) if forking else (docs, cache)
            with ctx.Pool(workers, initializer=_init_worker, initargs=init_args) as pool:
                for i, payload in pool.imap_unordered(_extract_one, todo):
                    done(i, from_payload(docs[i], payload))
    finally:
        _DOCS, _CACHE = [], None
    return results, len(todo)  # type: ignore[return-value]


# -- on a Dask cluster ---------------------------------------------------------

class ClusterError(Exception):
    """The Dask cluster cannot be reached, or runs another kg."""


DASK_TIMEOUT = 30  # seconds to reach a scheduler


def extract_payload(doc: Document) -> tuple[str, bytes]:
    """What a Dask worker runs: (its extractor version, the document's payload)."""
    return extractor_version(), to_payload(extract_document(doc))


def extract_on_dask(docs: list[Document], address: str, keys: list | None = None):
    """(key, payload) of each document as a Dask cluster finishes it: the
    scheduler at ``address``, or ``"local"`` for a LocalCluster of one worker
    process per core on this machine. ``keys`` default to the documents' indexes.
    Each worker must run the same kg (the same extractor version) as this process."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ClusterError("--dask needs Dask: pip install 'kg[dask]'") from None
    keys = list(range(len(docs))) if keys is None else keys
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=default_workers(), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=DASK_TIMEOUT)
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    version = extractor_version()
    try:
        futures = {client.submit(extract_payload, d, pure=False): k for d, k in zip(docs, keys)}
        for fut in as_completed(futures):
            theirs, payload = fut.result()
            if theirs != version:
                raise ClusterError(f"a Dask worker runs kg extractor version {theirs}, this build {version}: "
                                   "install the same kg on every worker")
            yield futures[fut], payload
    finally:
        client.close()
        if cluster is not None:
            quiet = logging.getLogger("distributed")
            level = quiet.level
            quiet.setLevel(logging.ERROR)  # not the nannies' "still alive after 4 s, killing" at shutdown
            try:
                cluster.close()
            finally:
                quiet.setLevel(level)


def read_corpus(paths: Iterable[Path | str], encoding: str | None = None,
                on_error: Callable[[InputError], None] | None = None,
                metadata: Iterable[Path | str] = ()) -> list[Document]:
    """Every document under ``paths``, sorted by id, ids unique, with its metadata.

    Metadata comes from the ``metadata`` tables and from a ``MANIFEST.tsv``,
    ``metadata.tsv`` or ``metadata.csv`` at the root of a directory in
    ``paths`` (:mod:`kg.metadata`). A bad path raises :class:`InputError`, or
    is passed to ``on_error`` and skipped; a bad table raises
    :class:`kg.metadata.MetadataError`.
    """
    paths = list(paths)
    return unique_ids(with_metadata(read_documents(paths, encoding, on_error), paths, metadata))


def build_corpus(docs: list[Document], workers: int | None = None, cache_dir: Path | str | None = None,
                 progress: Callable[[Document], None] | None = None,
                 on_result: Callable[[DocumentResult], None] | None = None,
                 dask: str | None = None) -> tuple[list[DocumentResult], CorpusStats]:
    """Extract every document (in parallel, from the cache where possible) and unify entity types.

    The results are in document-id order whatever the order of ``docs``, so
    the graph does not depend on the order the inputs were given in.
    ``on_result`` and ``dask``: see :func:`extract_all`.
    """
    t0 = time.perf_counter()
    docs = sorted(docs, key=lambda d: d.id)
    cache = None
    if cache_dir is not None:
        cache = ExtractionCache(cache_dir)
        cache.prune()
    results, extracted = extract_all(docs, workers, cache, progress, on_result, dask)
    n_workers = max(1, min(workers or default_workers(), extracted)) if extracted else 0
    stats = CorpusStats(len(docs), sum(len(d.text) for d in docs), extracted, len(docs) - extracted,
                        n_workers, time.perf_counter() - t0)
    return unify_types(results), stats


@dataclass(frozen=True)
class Build:
    results: list[DocumentResult]
    entity_of: Callable
    stats: CorpusStats
    written: dict[str, tuple[Path, int]]  # format -> (path, triples or edges)
    page: Path


def write_corpus(docs: list[Document], out_dir: Path | str, workers: int | None = None, formats=("turtle",),
                 cache: bool = True, progress: Callable[[Document], None] | None = None, dask: str | None = None,
                 writing: Callable[[], ContextManager] | None = None) -> Build:
    """A whole build into ``out_dir``: extract (from the cache under
    ``out_dir/.cache`` where possible), merge the entities, write every output.
    The store loads each document's context while the others are extracted.

    ``workers`` (default: the cores) is how many processes work at a time, in
    extraction and in writing; with ``dask``, extraction runs on the cluster.
    ``writing()`` is a context entered around the writing stage (progress).
    """
    from kg.exports import format_name
    from kg.outputs import StoreFeed, write_build
    from kg.pipeline import entity_resolver

    out_dir = Path(out_dir)
    workers = max(1, workers or default_workers())
    formats = list(formats) or ["turtle"]
    feed = StoreFeed(out_dir, in_process=workers == 1 and dask is None) \
        if "turtle" in {format_name(f) for f in formats} else None
    try:
        results, stats = build_corpus(docs, workers, out_dir / ".cache" / "extract" if cache else None, progress,
                                      feed.add_context if feed else None, dask)
    except BaseException:
        if feed:
            feed.abort()
        raise
    entity_of = entity_resolver(results)
    with writing() if writing else nullcontext():
        written, page = write_build(results, entity_of, out_dir, formats, workers, feed)
    return Build(results, entity_of, stats, written, page)
