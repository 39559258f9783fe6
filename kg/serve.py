"""Stage 10: a read-only SPARQL 1.1 Protocol endpoint over a built graph.

Why not an existing server? Measured with ``tests/test_serve_protocol.py``
(39 protocol and client checks; ``KG_PROTOCOL_ENDPOINT`` points them at
another server): the ``oxigraph`` server binary (PyPI) over the same store
fails 14 of them: it cannot name the build's graph (``default-graph-uri``
from SPARQLWrapper and rdflib's SPARQLStore finds nothing), knows no
predeclared prefixes, and answers updates sent as ``query=`` with 400, not
403. Its ``--timeout-s`` did not stop a ``COUNT(*)`` over a cross product
(still running ten minutes past a 2 s limit), its ``/`` is its own page,
and it does not see a new build. A guard in front of it would have to
rewrite the dataset, refuse updates, add prefixes and restart it per build:
most of this module again, plus a proxy. ``rdflib-endpoint`` answers on
rdflib (30x slower on these graphs), loads its page from a CDN and has no
time limit. So the protocol is done here on the standard library's HTTP
server, and each query runs in a worker process that holds the store open:
a query past its time limit is stopped by ending its worker, the one
cut-off that always works, and a fresh worker takes its place.

Results stream: the worker serializes into the pipe in pieces, the server
writes them out as a chunked response, so neither holds a whole result.

Routes: ``/sparql`` (GET ``?query=``, POST form or ``application/sparql-query``,
chunked or not; ``default-graph-uri``/``named-graph-uri``; every update
refused with 403), ``/`` the graph page (``graph.html`` of the build, when
there is one), ``/query`` a query page that needs no network.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import re
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.rdf import PREFIXES
from kg.store import GRAPH_FILE, STORE_DIR, StoreError, write_store

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
PIECE = 1 << 16  # bytes a worker gathers before it sends them on
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
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/json": ox.RdfFormat.JSON_LD,  # a client that wants JSON of a graph gets JSON-LD
}
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?<([^>]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes


@dataclass(frozen=True)
class Request:
    """A query as the protocol delivers it; the dataset as IRIs (empty: the query's own)."""
    query: str
    accept: str | None = None
    base_iri: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


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


def _after_prologue(text: str) -> str:
    pos = 0
    while m := _PROLOGUE.match(text, pos):
        if m.end() == pos:
            break
        pos = m.end()
    return text[pos:].lstrip()


def is_update(text: str) -> bool:
    """Whether a request's text is a SPARQL Update (its first word past the prologue says so)."""
    return bool(_UPDATE.match(_after_prologue(text)))


def query_dataset(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The IRIs of the query's FROM and FROM NAMED clauses (those before its first brace)."""
    head = _after_prologue(text).split("{", 1)[0]
    defaults, named = [], []
    for m in _FROM.finditer(head):
        (named if m[1] else defaults).append(m[2])
    return tuple(defaults), tuple(named)


def dataset_arguments(req: Request, build: str | None) -> dict:
    """Oxigraph's dataset arguments for a request. The build's graph is the store's default
    graph, so naming the build as a default graph means that graph; any other name is a
    named graph of the store (empty when absent). The protocol's dataset replaces the query's."""
    defaults, named = req.default_graphs, req.named_graphs
    if not defaults and not named:
        defaults, named = query_dataset(req.query)
        if build not in defaults + named:
            return {}  # Oxigraph reads the query's own dataset
    if build is not None and build in named:
        raise ValueError(f"named-graph-uri <{build}>: the build's graph is this endpoint's default graph; "
                         "name it with default-graph-uri (or FROM), not as a named graph")
    try:
        return {"default_graph": [ox.DefaultGraph() if iri == build else ox.NamedNode(iri) for iri in defaults],
                "named_graphs": [ox.NamedNode(iri) for iri in named]}
    except ValueError as exc:
        raise ValueError(f"not a graph IRI: {exc}") from None


class _Pieces:
    """A binary file for Oxigraph's serializers that sends what it is given over a pipe, in
    pieces of PIECE bytes: ("head", status, media) before the first, then ("data", bytes)."""

    def __init__(self, conn, media: str):
        self.conn, self.media, self.started, self.buf = conn, media, False, bytearray()

    def write(self, data) -> int:
        self.buf += data
        if len(self.buf) >= PIECE:
            self.send()
        return len(data)

    def flush(self) -> None:  # Oxigraph flushes once, at the end; send() does the real work
        pass

    def send(self) -> None:
        if not self.started:
            self.conn.send(("head", HTTPStatus.OK, f"{self.media}; charset=utf-8"))
            self.started = True
        if self.buf:
            self.conn.send(("data", bytes(self.buf)))
            self.buf.clear()


def _send_answer(conn, a: Answer) -> None:
    conn.send(("head", a.status, a.media_type))
    conn.send(("data", a.body))
    conn.send(("end",))


def stream_answer(store: ox.Store, req: Request, build: str | None, conn) -> None:
    """Run one query and send its result over ``conn`` as the client asked, in pieces."""
    from kg.query import QueryError, run

    if is_update(req.query):
        return _send_answer(conn, _error(HTTPStatus.FORBIDDEN, READ_ONLY))
    try:
        result = run(store, req.query, base_iri=req.base_iri, **dataset_arguments(req, build))
    except (QueryError, ValueError) as exc:
        return _send_answer(conn, _error(HTTPStatus.BAD_REQUEST, str(exc)))
    if isinstance(result, ox.QueryTriples):
        media = negotiate(req.accept, GRAPH_TYPES)
        if media is None:
            return _send_answer(conn, _error(HTTPStatus.NOT_ACCEPTABLE, "a CONSTRUCT or DESCRIBE result is offered as "
                                             + ", ".join(GRAPH_TYPES)))
        out = _Pieces(conn, media)
        write = lambda: ox.serialize(result, out, GRAPH_TYPES[media], prefixes=PREFIXES)  # noqa: E731
    else:
        media = negotiate(req.accept, RESULT_TYPES)
        if media is None:
            return _send_answer(conn, _error(HTTPStatus.NOT_ACCEPTABLE, "a SELECT or ASK result is offered as "
                                             + ", ".join(RESULT_TYPES)))
        out = _Pieces(conn, media)
        write = lambda: result.serialize(out, RESULT_TYPES[media])  # noqa: E731
    try:
        write()
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:  # evaluation is lazy: errors come while writing
        if out.started:
            conn.send(("abort", f"query failed: {exc}"))
            return
        return _send_answer(conn, _error(HTTPStatus.BAD_REQUEST, f"query failed: {exc}"))
    out.send()
    conn.send(("end",))


_FORMATS = "http://www.w3.org/ns/formats/"
SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "RDF_XML", "JSON-LD")


def service_description(endpoint: str, build: str | None) -> bytes:
    """What the endpoint offers, in Turtle (SPARQL 1.1 Service Description): the answer to a
    GET without a query from a client that asks for RDF. The default graph is the build's."""
    default = f"<{build}>" if build else "[]"
    return ("@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
            f"<{endpoint}> a sd:Service ;\n"
            f"    sd:endpoint <{endpoint}> ;\n"
            "    sd:supportedLanguage sd:SPARQL11Query ;\n"
            + "".join(f"    sd:resultFormat <{_FORMATS}{f}> ;\n" for f in SD_FORMATS)
            + f"    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph {default} ] .\n"
            + (f"{default} a sd:Graph .\n" if build else "")).encode("utf-8")


def build_iri(store: ox.Store) -> str | None:
    """The IRI of the build a store holds (its kg:Build), the name of its default graph."""
    for row in store.query("SELECT ?b WHERE { ?b a <https://w3id.org/kg-cn/ontology#Build> } LIMIT 1"):
        return row["b"].value
    return None


def _work(store_dir: str, conn) -> None:
    """A worker process: open the store once, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    store = ox.Store.read_only(store_dir)
    build = build_iri(store)
    conn.send(("ready", build))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        try:
            stream_answer(store, req, build, conn)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a worker must outlive a bad query
            _send_answer(conn, _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}"))


class Worker:
    def __init__(self, ctx, store_dir: str, generation: int):
        self.store_dir, self.generation, self.build = store_dir, generation, None
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(store_dir, child), daemon=True)
        self.process.start()
        child.close()

    def ready(self) -> "Worker":
        try:
            if self.conn.poll(60):
                kind, self.build = self.conn.recv()
                if kind == "ready":
                    return self
        except (EOFError, OSError, ValueError):
            pass
        self.stop()
        raise StoreError(f"{self.store_dir}: a query worker could not open the store")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Responder:
    """Where a pool writes an answer: a status line and headers once, then the body in pieces."""

    def start(self, status: int, media_type: str) -> None: ...
    def write(self, data: bytes) -> None: ...
    def finish(self) -> None: ...
    def abort(self, reason: str) -> None: ...


class Pool:
    """Worker processes answering queries, each under a time limit. With ``watch``, a new
    store at ``store_dir`` (a rebuild replaces the directory) brings a new generation of
    workers: queries in flight finish on the old store, new ones go to the new one."""

    def __init__(self, store_dir: Path, size: int, timeout: float,
                 on_switch: Callable[[str | None], None] | None = None):
        self._ctx = multiprocessing.get_context("spawn")
        self._store_dir = str(store_dir)
        self.size, self.timeout, self.on_switch = size, timeout, on_switch
        self.generation, self.build = 0, None
        self._lock = threading.Lock()
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = threading.Event()
        self._identity = self._store_identity()
        for w in self._start(size, 0):
            self._idle.put(w)

    def _store_identity(self):
        try:
            st = os.stat(self._store_dir)
            return st.st_ino, st.st_dev
        except OSError:
            return None

    def _start(self, n: int, generation: int) -> list[Worker]:
        starting = [Worker(self._ctx, self._store_dir, generation) for _ in range(n)]  # start together
        try:
            ready = [w.ready() for w in starting]
        except StoreError:
            for w in starting:
                w.stop()
            raise
        self.build = ready[0].build
        return ready

    def _replace(self) -> None:
        """Start a worker in place of a stopped one, without holding up the request."""
        def start():
            try:
                self._idle.put(self._start(1, self.generation)[0])
            except StoreError as exc:
                log.error("%s", exc)
        threading.Thread(target=start, daemon=True).start()

    def watch(self, interval: float = 1.0) -> None:
        """Check for a new store every ``interval`` seconds, in a thread, until closed."""
        def loop():
            while not self._closed.wait(interval):
                identity = self._store_identity()
                if identity is None or identity == self._identity:
                    continue
                time.sleep(0.2)  # the build renames the new store in, then removes the old one
                try:
                    workers = self._start(self.size, self.generation + 1)
                except StoreError as exc:
                    log.error("a new store appeared but could not be opened: %s", exc)
                    continue
                with self._lock:
                    self.generation += 1
                    self._identity = identity
                for w in workers:
                    self._idle.put(w)
                if self.on_switch:
                    self.on_switch(self.build)
        threading.Thread(target=loop, daemon=True).start()

    def _take(self, deadline: float) -> Worker | None:
        while True:
            try:
                w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if w.generation == self.generation:
                return w
            w.stop()  # an idle worker of a replaced build

    def _release(self, w: Worker) -> None:
        if w.generation == self.generation:
            self._idle.put(w)
        else:
            w.stop()

    def ask(self, req: Request, out: Responder) -> None:
        """Answer ``req`` into ``out``: within the time limit, or 503; a worker that overruns is ended."""
        deadline = time.monotonic() + self.timeout
        worker = self._take(deadline)
        if worker is None:
            a = _error(HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; try again")
            out.start(a.status, a.media_type)
            out.write(a.body)
            return out.finish()
        started = False
        try:
            worker.conn.send(req)
            while True:
                if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                    message = f"query stopped: it ran past the time limit of {self.timeout:g} s"
                    break
                msg = worker.conn.recv()
                if msg[0] == "head":
                    out.start(msg[1], msg[2])
                    started = True
                elif msg[0] == "data":
                    out.write(msg[1])
                elif msg[0] == "end":
                    out.finish()
                    return self._release(worker)
                else:  # "abort": the query failed after its first piece went out
                    out.abort(msg[1])
                    return self._release(worker)
        except (EOFError, OSError):  # the worker died, or the client went away (it may be mid-send)
            message = "the query worker died"
        worker.stop()
        self._replace()
        try:
            if started:
                out.abort(message)
            else:
                a = _error(HTTPStatus.SERVICE_UNAVAILABLE if "time limit" in message
                           else HTTPStatus.INTERNAL_SERVER_ERROR, message)
                out.start(a.status, a.media_type)
                out.write(a.body)
                out.finish()
        except OSError:
            pass

    def close(self) -> None:
        self._closed.set()
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


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.answer = _error(status, message)


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"  # keep-alive, and chunked answers of unknown length
    pool: Pool
    graph_page: Path | None

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), fmt % args)

    def _headers(self, status: int, media_type: str, length: int | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        if length is None:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.end_headers()

    def _send(self, a: Answer, head_only: bool = False) -> None:
        self._headers(a.status, a.media_type, len(a.body))
        if not head_only:
            self.wfile.write(a.body)

    def send_error(self, code, message=None, explain=None):
        """The standard library's errors (unknown method, bad request line) as plain text."""
        if code == HTTPStatus.NOT_IMPLEMENTED:
            code = HTTPStatus.METHOD_NOT_ALLOWED
        self.close_connection = True
        try:
            self._send(_error(code, message or HTTPStatus(code).phrase))
        except OSError:
            pass

    def _redirect(self, where: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_OPTIONS(self):
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        # whatever headers the page asks to send (YASGUI adds its own)
        self.send_header("Access-Control-Allow-Headers",
                         self.headers.get("Access-Control-Request-Headers") or "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_allowed(self):
        self._read_body()  # so the connection stays usable
        self._send(_error(HTTPStatus.METHOD_NOT_ALLOWED,
                          f"{self.command} is not supported: this endpoint is read-only (GET or POST a query)"))

    do_PUT = do_DELETE = do_PATCH = _not_allowed

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
        try:
            params = self._params(url.query)
        except BadRequest as exc:
            return self._send(exc.answer, head_only)
        if "query" not in params and "update" not in params:
            wanted = accepted(self.headers.get("Accept"))
            if "text/html" in wanted:
                return self._redirect("/query")
            if negotiate(self.headers.get("Accept"), {"text/turtle": 1}) and wanted:
                return self._send(Answer(HTTPStatus.OK, "text/turtle; charset=utf-8",
                                         service_description(self._endpoint(), self.pool.build)), head_only)
        self._dispatch(params, head_only)

    def do_POST(self):
        url = urlsplit(self.path)
        try:
            body = self._read_body()
            if url.path != "/sparql":
                return self._send(_error(HTTPStatus.NOT_FOUND, f"no endpoint {url.path}; the endpoint is /sparql"))
            ctype, _, rest = (self.headers.get("Content-Type") or "").partition(";")
            ctype = ctype.strip().lower()
            charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", rest, re.IGNORECASE)
            if ctype in ("application/sparql-query", "application/sparql-update"):
                if charset and charset[1].lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
                    raise BadRequest(HTTPStatus.BAD_REQUEST, f"a query is sent in UTF-8, not {charset[1]}")
                text = self._utf8(body)
                params = self._params(url.query)
                params["update" if ctype == "application/sparql-update" else "query"] = [text]
            elif ctype == "application/x-www-form-urlencoded":
                params = self._params(url.query)
                for k, v in self._params(self._utf8(body)).items():
                    params[k] = params.get(k, []) + v if k.endswith("-graph-uri") else v
            else:
                raise BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                 "POST a query as application/sparql-query or as the form field query "
                                 "(application/x-www-form-urlencoded)")
        except BadRequest as exc:
            return self._send(exc.answer)
        self._dispatch(params)

    def _read_body(self) -> bytes:
        """The request body, whole: Content-Length or chunked; at most MAX_BODY bytes."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = bytearray()
            while True:
                line = self.rfile.readline(1024)
                try:
                    size = int(line.split(b";")[0].strip() or b"x", 16)
                except ValueError:
                    self.close_connection = True
                    raise BadRequest(HTTPStatus.BAD_REQUEST, "a malformed chunked body") from None
                if size == 0:
                    while self.rfile.readline(1024).strip():  # trailers
                        pass
                    return bytes(body)
                if len(body) + size > MAX_BODY:
                    self.close_connection = True
                    raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query is at most {MAX_BODY} bytes")
                body += self.rfile.read(size)
                self.rfile.readline(1024)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST,
                             f"a query is at most {MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    @staticmethod
    def _utf8(body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(HTTPStatus.BAD_REQUEST, "the request is not UTF-8") from None

    @staticmethod
    def _params(query_string: str) -> dict[str, list[str]]:
        try:
            return parse_qs(query_string, errors="strict")
        except UnicodeDecodeError:
            raise BadRequest(HTTPStatus.BAD_REQUEST, "the request's parameters are not UTF-8") from None

    def _endpoint(self) -> str:
        """This endpoint's URL as the client reached it: the base of relative IRIs."""
        host = self.headers.get("Host") or "%s:%s" % self.server.server_address[:2]
        return f"http://{host}/sparql"

    def _dispatch(self, params: dict[str, list[str]], head_only: bool = False) -> None:
        if "update" in params:
            return self._send(_error(HTTPStatus.FORBIDDEN, READ_ONLY), head_only)
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(_error(HTTPStatus.BAD_REQUEST, "give exactly one query (?query=…, the form field "
                                     "query, or an application/sparql-query body)"), head_only)
        req = Request(queries[0], self.headers.get("Accept"), self._endpoint(),
                      tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))
        self.pool.ask(req, _Chunked(self, head_only))


class _Chunked(Responder):
    """An answer written to the client as it comes: chunked transfer encoding."""

    def __init__(self, handler: Handler, head_only: bool):
        self.h, self.head_only = handler, head_only

    def start(self, status: int, media_type: str) -> None:
        self.h._headers(status, media_type, None)

    def write(self, data: bytes) -> None:
        if data and not self.head_only:
            self.h.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def finish(self) -> None:
        if not self.head_only:
            self.h.wfile.write(b"0\r\n\r\n")

    def abort(self, reason: str) -> None:
        """Headers are gone: the only way left to say the answer is incomplete is to cut it short."""
        log.warning("answer cut short: %s", reason)
        self.h.close_connection = True


def _store_for(location: Path, scratch: Path) -> tuple[Path, Path | None, bool]:
    """An on-disk store the workers can open, the graph page to serve at / (if any), and
    whether the store is the build's own (a rebuild replaces it) rather than a scratch copy."""
    if location.is_dir():
        store_dir, graph = location / STORE_DIR, location / GRAPH_FILE
        page = location / "graph.html"
        if store_dir.is_dir() and (not graph.exists() or graph.stat().st_mtime <= store_dir.stat().st_mtime):
            return store_dir, page, True
        if graph.is_file():
            return write_store(graph, scratch), page, False
        raise StoreError(f"{location}: no graph here (run `kg build --out {location}` first)")
    if not location.is_file():
        raise StoreError(f"{location}: no such file")
    try:
        return write_store(location, scratch), None, False
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{location}: not a valid RDF file: {exc}") from None


def make_server(location: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                workers: int = 2, scratch: Path | None = None,
                on_switch: Callable[[str | None], None] | None = None) -> tuple[ThreadingHTTPServer, Pool]:
    """An endpoint over the graph at ``location``, bound and ready; the caller runs and closes it.
    Over a build directory's store, a rebuild is picked up (``on_switch`` is told)."""
    store_dir, page, own = _store_for(Path(location), Path(scratch or tempfile.mkdtemp(prefix="kg-serve-")))
    pool = Pool(store_dir, max(1, workers), timeout, on_switch)
    if own:
        pool.watch()
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
    def switched(build: str | None) -> None:
        print(f"kg serve: a new build in {location} is served from now on (default graph <{build}>)",
              file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        server, pool = make_server(location, host, port, timeout, workers, Path(scratch), switched)
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        h, p = server.server_address[:2]
        print(f"kg serve: SPARQL endpoint http://{h}:{p}/sparql, query page http://{h}:{p}/query "
              f"(time limit {timeout:g} s; default graph <{pool.build}>; Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            pool.close()
    return 0
