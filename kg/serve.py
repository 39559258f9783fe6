"""Stage 10: a read-only SPARQL 1.1 Protocol endpoint over a built graph.

Why not an existing server? The ``oxigraph`` server binary (PyPI) has the
protocol, a read-only mode and a ``--timeout-s`` flag, but measured here a
``COUNT(*)`` over a four-way cross product ran on for ten minutes past a 2 s
limit: its timeout cannot stop a query busy inside an aggregate, and its
``/`` is its own page, not the graph page. ``rdflib-endpoint`` answers on
rdflib (30x slower on these graphs), loads its query page from a CDN and
has no time limit. So the protocol is done here on the standard library's
HTTP server, and each query runs in a worker process that holds the graph
open: a query past its time limit is stopped by ending its worker, which is
the one cut-off that always works, and a fresh worker takes its place.

Routes: ``/sparql`` (GET ``?query=``, POST form or ``application/sparql-query``;
updates refused with 403), ``/`` the graph page (``graph.html`` of the
build, when there is one), ``/query`` a query page that needs no network.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import signal
import tempfile
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.store import GRAPH_FILE, STORE_DIR, StoreError, write_store

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
RESULT_TYPES = {  # media type -> format, the first the default
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, most wanted first (q=0 dropped; order kept on ties)."""
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(ranked)]


def negotiate(header: str | None, offered: dict) -> str | None:
    """The offered media type the client prefers; the first offered if it takes anything; None if none fits."""
    wanted = accepted(header) if header and header.strip() else ["*/*"]
    for media in wanted:
        if media in offered:
            return media
        major = media.split("/")[0]
        if media == "*/*":
            return next(iter(offered))
        if media.endswith("/*"):
            for m in offered:
                if m.startswith(major + "/"):
                    return m
    return None


def answer(store: ox.Store, query: str, accept: str | None) -> Answer:
    """Run one query and serialize its result as the client asked."""
    from kg.query import QueryError, run

    try:
        result = run(store, query)
    except QueryError as exc:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, GRAPH_TYPES)
        if media is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, "a CONSTRUCT or DESCRIBE result is offered as "
                          + ", ".join(GRAPH_TYPES))
        body = ox.serialize(result, format=GRAPH_TYPES[media])
    else:
        media = negotiate(accept, RESULT_TYPES)
        if media is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, "a SELECT or ASK result is offered as "
                          + ", ".join(RESULT_TYPES))
        body = result.serialize(format=RESULT_TYPES[media])
    return Answer(HTTPStatus.OK, f"{media}; charset=utf-8", body)


def _work(store_dir: str, conn) -> None:
    """A worker process: open the store once, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    store = ox.Store.read_only(store_dir)
    conn.send("ready")
    while True:
        try:
            query, accept = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, query, accept)
        except Exception as exc:  # a worker must outlive a bad query
            reply = _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
        conn.send(reply)


class Worker:
    def __init__(self, ctx, store_dir: str):
        self.store_dir = store_dir
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(store_dir, child), daemon=True)
        self.process.start()
        child.close()

    def ready(self) -> "Worker":
        try:
            if self.conn.poll(60) and self.conn.recv() == "ready":
                return self
        except (EOFError, OSError):
            pass
        self.stop()
        raise StoreError(f"{self.store_dir}: a query worker could not open the store")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """Worker processes answering queries, each under a time limit."""

    def __init__(self, store_dir: Path, size: int, timeout: float):
        self._ctx = multiprocessing.get_context("spawn")
        self._store_dir = str(store_dir)
        self.timeout = timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        starting = [Worker(self._ctx, self._store_dir) for _ in range(size)]  # start together
        try:
            for w in starting:
                self._idle.put(w.ready())
        except StoreError:
            for w in starting:
                w.stop()
            raise

    def _replace(self) -> None:
        """Start a worker in place of a stopped one, without holding up the request."""
        def start():
            try:
                self._idle.put(Worker(self._ctx, self._store_dir).ready())
            except StoreError as exc:
                log.error("%s", exc)
        threading.Thread(target=start, daemon=True).start()

    def ask(self, query: str, accept: str | None) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; try again")
        try:
            worker.conn.send((query, accept))
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
            reply = _error(HTTPStatus.SERVICE_UNAVAILABLE,
                           f"query stopped: it ran past the time limit of {self.timeout:g} s")
        except (EOFError, OSError):
            reply = _error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died")
        worker.stop()
        self._replace()
        return reply

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


def query_page() -> bytes:
    """The query page, with the shipped questions inlined so it needs no network."""
    from kg.query import shipped_queries

    shipped = {q.name: {"title": q.title, "text": q.text} for q in shipped_queries().values()}
    data = json.dumps(shipped, ensure_ascii=False).replace("</", "<\\/")
    page = (resources.files("kg") / "static" / "query.html").read_text(encoding="utf-8")
    return page.replace("/*SHIPPED*/{}", data, 1).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql"
    pool: Pool
    graph_page: Path | None

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), fmt % args)

    def _send(self, a: Answer, head_only: bool = False) -> None:
        self.send_response(a.status)
        self.send_header("Content-Type", a.media_type)
        self.send_header("Content-Length", str(len(a.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if not head_only:
            self.wfile.write(a.body)

    def _redirect(self, where: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_OPTIONS(self):
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_HEAD(self):
        self.do_GET(head_only=True)

    def do_GET(self, head_only: bool = False):
        url = urlsplit(self.path)
        if url.path == "/":
            if self.graph_page and self.graph_page.is_file():
                return self._send(Answer(HTTPStatus.OK, "text/html; charset=utf-8",
                                         self.graph_page.read_bytes()), head_only)
            return self._redirect("/query")
        if url.path == "/query":
            return self._send(Answer(HTTPStatus.OK, "text/html; charset=utf-8", query_page()), head_only)
        if url.path != "/sparql":
            return self._send(_error(HTTPStatus.NOT_FOUND, f"no page {url.path}; the endpoint is /sparql"),
                              head_only)
        params = parse_qs(url.query)
        if "update" in params:
            return self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused"))
        if "query" not in params:
            if "text/html" in accepted(self.headers.get("Accept")):
                return self._redirect("/query")
            return self._send(_error(HTTPStatus.BAD_REQUEST, "give a SPARQL query as ?query=…"), head_only)
        self._query(params["query"], head_only)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(_error(HTTPStatus.NOT_FOUND, f"no endpoint {url.path}; the endpoint is /sparql"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query is at most {MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._send(_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused"))
        if ctype == "application/sparql-query":
            return self._query([body])
        if ctype == "application/x-www-form-urlencoded":
            params = parse_qs(body)
            params.update({k: v for k, v in parse_qs(url.query).items() if k not in params})
            if "update" in params:
                return self._send(_error(HTTPStatus.FORBIDDEN,
                                         "this endpoint is read-only: SPARQL Update is refused"))
            if "query" in params:
                return self._query(params["query"])
            return self._send(_error(HTTPStatus.BAD_REQUEST, "give a SPARQL query as the form field query"))
        return self._send(_error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                 "POST a query as application/sparql-query or as the form field query"))

    def _query(self, queries: list[str], head_only: bool = False) -> None:
        if len(queries) != 1:
            return self._send(_error(HTTPStatus.BAD_REQUEST, "give exactly one query"), head_only)
        self._send(self.pool.ask(queries[0], self.headers.get("Accept")), head_only)


def _store_for(location: Path, scratch: Path) -> tuple[Path, Path | None]:
    """An on-disk store the workers can open, and the graph page to serve at / (if any)."""
    if location.is_dir():
        store_dir, graph = location / STORE_DIR, location / GRAPH_FILE
        page = location / "graph.html"
        if store_dir.is_dir() and (not graph.exists() or graph.stat().st_mtime <= store_dir.stat().st_mtime):
            return store_dir, page
        if graph.is_file():
            return write_store(graph, scratch), page
        raise StoreError(f"{location}: no graph here (run `kg build --out {location}` first)")
    if not location.is_file():
        raise StoreError(f"{location}: no such file")
    try:
        return write_store(location, scratch), None
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{location}: not a valid RDF file: {exc}") from None


def make_server(location: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                workers: int = 2, scratch: Path | None = None) -> tuple[ThreadingHTTPServer, Pool]:
    """An endpoint over the graph at ``location``, bound and ready; the caller runs and closes it."""
    store_dir, page = _store_for(Path(location), Path(scratch or tempfile.mkdtemp(prefix="kg-serve-")))
    pool = Pool(store_dir, max(1, workers), timeout)
    handler = type("BoundHandler", (Handler,), {"pool": pool, "graph_page": page})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError:
        pool.close()
        raise
    server.daemon_threads = True
    return server, pool


def serve(location: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
          workers: int = 2) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        server, pool = make_server(location, host, port, timeout, workers, Path(scratch))
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        h, p = server.server_address[:2]
        print(f"kg serve: SPARQL endpoint http://{h}:{p}/sparql, query page http://{h}:{p}/query "
              f"(time limit {timeout:g} s; Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            pool.close()
    return 0
