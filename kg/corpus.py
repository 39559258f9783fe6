"""Building a corpus: documents extracted in parallel processes, each result
cached by the hash of its text and of the extractors that produced it.

:func:`kg.pipeline.extract_document` is the per-document function; this
module maps it over many documents on one machine. On a cluster, map the
same function with Dask or Ray and hand the results to
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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

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
                progress: Callable[[Document], None] | None = None) -> tuple[list[DocumentResult], int]:
    """Results of ``docs`` in their order, and how many were extracted (not cached)."""
    global _DOCS, _CACHE
    results: list[DocumentResult | None] = [None] * len(docs)
    todo = []
    for i, d in enumerate(docs):
        hit = cache.get(d) if cache else None
        if hit is None:
            todo.append(i)
        else:
            results[i] = hit
            if progress:
                progress(d)
    # longest first, so no worker is left with a long document at the end
    todo.sort(key=lambda i: -len(docs[i].text))
    workers = max(1, min(workers or default_workers(), len(todo)))
    _DOCS, _CACHE = docs, cache
    try:
        if workers == 1:
            for i in todo:
                _, payload = _extract_one(i)
                results[i] = from_payload(docs[i], payload)
                if progress:
                    progress(docs[i])
        else:
            warm_up()
            forking = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            ctx = multiprocessing.get_context("fork" if forking else "spawn")
            init_args = (None, None) if forking else (docs, cache)
            with ctx.Pool(workers, initializer=_init_worker, initargs=init_args) as pool:
                for i, payload in pool.imap_unordered(_extract_one, todo):
                    results[i] = from_payload(docs[i], payload)
                    if progress:
                        progress(docs[i])
    finally:
        _DOCS, _CACHE = [], None
    return results, len(todo)  # type: ignore[return-value]


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
                 progress: Callable[[Document], None] | None = None) -> tuple[list[DocumentResult], CorpusStats]:
    """Extract every document (in parallel, from the cache where possible) and unify entity types.

    The results are in document-id order whatever the order of ``docs``, so
    the graph does not depend on the order the inputs were given in.
    """
    t0 = time.perf_counter()
    docs = sorted(docs, key=lambda d: d.id)
    cache = None
    if cache_dir is not None:
        cache = ExtractionCache(cache_dir)
        cache.prune()
    results, extracted = extract_all(docs, workers, cache, progress)
    n_workers = max(1, min(workers or default_workers(), extracted)) if extracted else 0
    stats = CorpusStats(len(docs), sum(len(d.text) for d in docs), extracted, len(docs) - extracted,
                        n_workers, time.perf_counter() - t0)
    return unify_types(results), stats
