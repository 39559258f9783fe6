"""kg serve against the SPARQL 1.1 Protocol, case by case, as the W3C protocol tests
(sparql11/protocol) and real clients (SPARQLWrapper, rdflib's SPARQLStore) exercise it.

The endpoint is a seed build served by ``kg serve``. To run the same checks on another
server over the same build (e.g. ``oxigraph serve-read-only --location OUT/store``), set
KG_PROTOCOL_ENDPOINT to its query URL and KG_PROTOCOL_BUILD to the build's directory.
"""
import http.client
import json
import os
import time
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from conftest import kg_serve
from kg.cli import main
from kg.push import build_graph_iri

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
KG = "https://w3id.org/kg-cn/ontology#"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PARTS = f"SELECT ?p WHERE {{ ?p a <{KG}Part> }}"
ELSEWHERE = "https://example.org/no-such-graph"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(endpoint URL, build directory, build IRI, server process or None)."""
    if os.environ.get("KG_PROTOCOL_ENDPOINT"):
        out = Path(os.environ["KG_PROTOCOL_BUILD"])
        yield os.environ["KG_PROTOCOL_ENDPOINT"], out, build_graph_iri(out / "graph.ttl"), None
        return
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    with kg_serve(out) as (base, proc):
        yield base + "/sparql", out, build_graph_iri(out / "graph.ttl"), proc


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def media(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip()

    def json(self):
        return json.loads(self.body)

    def count(self) -> int:
        return int(self.json()["results"]["bindings"][0]["n"]["value"])


def request(url, method="GET", params=None, body=None, headers=None, chunked=False) -> Reply:
    """One HTTP request with full control of method, body and framing; the reply read whole."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        if chunked:
            conn.putrequest(method, path)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            for i in range(0, len(body), 7):
                piece = body[i:i + 7]
                conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            conn.send(b"0\r\n\r\n")
        else:
            conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def form(fields) -> tuple[bytes, dict]:
    return urllib.parse.urlencode(fields, doseq=True).encode(), {"Content-Type": "application/x-www-form-urlencoded"}


JSON = {"Accept": "application/sparql-results+json"}


# ---------------------------------------------------------------- the three ways to send a query

def test_query_by_get(server):
    url, *_ = server
    r = request(url, params={"query": "ASK { ?s ?p ?o }"}, headers=JSON)
    assert r.status == 200 and r.json()["boolean"] is True


def test_query_by_post_form(server):
    url, *_ = server
    body, headers = form({"query": PARTS})
    r = request(url, "POST", body=body, headers={**headers, **JSON})
    assert r.status == 200 and len(r.json()["results"]["bindings"]) >= 3


def test_query_by_post_direct(server):
    url, *_ = server
    r = request(url, "POST", body=PARTS.encode(), headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status == 200 and len(r.json()["results"]["bindings"]) >= 3


@pytest.mark.parametrize("how", ["direct", "form"])
def test_a_chunked_body_is_read(server, how):
    url, *_ = server
    if how == "direct":
        body, headers = PARTS.encode(), {"Content-Type": "application/sparql-query; charset=utf-8"}
    else:
        body, headers = form({"query": PARTS})
    r = request(url, "POST", body=body, headers={**headers, **JSON}, chunked=True)
    assert r.status == 200 and len(r.json()["results"]["bindings"]) >= 3


# ---------------------------------------------------------------- the dataset

def test_the_build_graph_is_the_default_graph(server):
    url, _, build, _ = server
    everything = request(url, params={"query": COUNT}, headers=JSON).count()
    named = request(url, params={"query": COUNT, "default-graph-uri": build}, headers=JSON)
    assert named.status == 200 and named.count() == everything > 1000


def test_an_absent_default_graph_is_empty(server):
    url, *_ = server
    r = request(url, params={"query": COUNT, "default-graph-uri": ELSEWHERE}, headers=JSON)
    assert r.status == 200 and r.count() == 0


def test_several_default_graphs_merge(server):
    url, _, build, _ = server
    everything = request(url, params={"query": COUNT}, headers=JSON).count()
    body, headers = form({"query": COUNT, "default-graph-uri": [ELSEWHERE, build]})
    r = request(url, "POST", body=body, headers={**headers, **JSON})
    assert r.status == 200 and r.count() == everything


def test_absent_named_graphs_are_empty(server):
    url, *_ = server
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = request(url, params={"query": q, "named-graph-uri": ELSEWHERE}, headers=JSON)
    assert r.status == 200 and r.count() == 0


def test_the_protocol_dataset_overrides_the_query_dataset(server):
    url, _, build, _ = server
    everything = request(url, params={"query": COUNT}, headers=JSON).count()
    q = f"SELECT (COUNT(*) AS ?n) FROM <{ELSEWHERE}> WHERE {{ ?s ?p ?o }}"
    assert request(url, params={"query": q}, headers=JSON).count() == 0
    r = request(url, params={"query": q, "default-graph-uri": build}, headers=JSON)
    assert r.status == 200 and r.count() == everything


def test_from_the_build_graph_in_the_query(server):
    url, _, build, _ = server
    everything = request(url, params={"query": COUNT}, headers=JSON).count()
    q = f"SELECT (COUNT(*) AS ?n) FROM <{build}> WHERE {{ ?s ?p ?o }}"
    assert request(url, params={"query": q}, headers=JSON).count() == everything


# ---------------------------------------------------------------- read-only

UPDATES = ["INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }", "CLEAR ALL",
           "PREFIX ex: <https://example.org/>\nDELETE WHERE { ?s ex:p ?o }", "DROP DEFAULT"]


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_is_refused_however_it_is_sent(server, update):
    url, *_ = server
    body, headers = form({"update": update})
    sent = [request(url, "POST", body=body, headers=headers),
            request(url, "POST", body=update.encode(), headers={"Content-Type": "application/sparql-update"}),
            request(url, params={"update": update}),
            request(url, params={"query": update}),
            request(url, "POST", body=update.encode(), headers={"Content-Type": "application/sparql-query"})]
    assert [r.status for r in sent] == [403] * 5, [r.body for r in sent]
    assert all(r.media == "text/plain" for r in sent)
    ask = request(url, params={"query": "ASK { <https://example.org/a> ?p ?o }"}, headers=JSON)
    assert ask.json()["boolean"] is False


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_a_plain_text_4xx(server, method):
    url, *_ = server
    r = request(url, method, body=b"<a> <b> <c> .", headers={"Content-Type": "text/turtle"})
    assert 400 <= r.status < 500 and r.media == "text/plain" and r.body.strip()


# ---------------------------------------------------------------- bad requests

def test_a_syntax_error_is_a_400(server):
    url, *_ = server
    r = request(url, params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert r.status == 400 and r.media == "text/plain"


def test_an_undeclared_prefix_is_named(server):
    url, *_ = server
    r = request(url, params={"query": "SELECT * WHERE { ?s foo:bar ?o }"})
    text = r.body.decode("utf-8")
    assert r.status == 400 and "undeclared prefix foo:" in text and "\\u{" not in text


def test_two_queries_are_a_400(server):
    url, *_ = server
    assert request(url, params={"query": [PARTS, COUNT]}).status == 400


def test_a_query_and_an_update_together_are_refused(server):
    url, *_ = server
    body, headers = form({"query": PARTS, "update": UPDATES[0]})
    assert 400 <= request(url, "POST", body=body, headers=headers).status < 500


def test_a_post_of_another_media_type_is_a_4xx(server):
    url, *_ = server
    for headers in ({"Content-Type": "text/plain"}, {}):
        r = request(url, "POST", body=PARTS.encode(), headers=headers)
        assert 400 <= r.status < 500 and r.media == "text/plain"


def test_a_query_not_in_utf8_is_a_400(server):
    url, *_ = server
    r = request(url, "POST", body=PARTS.encode("utf-16"),
                headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status == 400
    r = request(url, "POST", body='SELECT * WHERE { ?s ?p "乡村" }'.encode("gb18030"),
                headers={"Content-Type": "application/sparql-query"})
    assert r.status == 400


def test_no_query_is_a_400_for_a_program(server):
    url, *_ = server
    assert request(url, headers=JSON).status == 400


# ---------------------------------------------------------------- answers

def test_relative_iris_resolve_against_the_endpoint(server):
    url, *_ = server
    r = request(url, params={"query": "SELECT ?i WHERE { BIND(<thing> AS ?i) }"}, headers=JSON)
    assert r.status == 200
    assert r.json()["results"]["bindings"][0]["i"]["value"] == urllib.parse.urljoin(url, "thing")


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values")])
def test_select_and_ask_in_each_results_format(server, accept, media):
    url, *_ = server
    for q in (PARTS, "ASK { ?s ?p ?o }"):
        if media.startswith("text/") and q.startswith("ASK"):
            continue  # CSV and TSV have no boolean form
        r = request(url, params={"query": q}, headers={"Accept": accept})
        assert r.status == 200 and r.media == media and r.body


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_construct_and_describe_in_each_graph_format(server, accept, fmt):
    url, *_ = server
    construct = f"CONSTRUCT {{ ?p a <{KG}Part> }} WHERE {{ ?p a <{KG}Part> }}"
    for q in (construct, f"DESCRIBE ?p WHERE {{ ?p a <{KG}Part> }}"):
        r = request(url, params={"query": q}, headers={"Accept": accept})
        assert r.status == 200 and r.media == accept, r.body[:200]
        g = Graph().parse(data=r.body, format=fmt)
        assert len(g) >= 3


def test_turtle_answers_use_the_prefixes(server):
    url, *_ = server
    r = request(url, params={"query": f"CONSTRUCT {{ ?p a <{KG}Part> }} WHERE {{ ?p a <{KG}Part> }}"},
                headers={"Accept": "text/turtle"})
    text = r.body.decode("utf-8")
    assert f"@prefix kg: <{KG}>" in text and "kg:Part" in text


def test_nothing_acceptable_is_a_406(server):
    url, *_ = server
    assert request(url, params={"query": PARTS}, headers={"Accept": "image/png"}).status == 406


# ---------------------------------------------------------------- real clients

def test_sparqlwrapper_with_a_default_graph(server):
    from SPARQLWrapper import JSON as AS_JSON, SPARQLWrapper

    url, _, build, _ = server
    counts = {}
    for graph in (build, ELSEWHERE):
        s = SPARQLWrapper(url)
        s.setQuery(COUNT)
        s.setReturnFormat(AS_JSON)
        s.addDefaultGraph(graph)
        counts[graph] = int(s.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert counts[build] > 1000 and counts[ELSEWHERE] == 0


def test_rdflib_sparqlstore_graph_with_an_identifier(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    url, _, build, _ = server
    g = Graph(SPARQLStore(url, returnFormat="json"), identifier=URIRef(build))
    parts = set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KG + "Part")))
    assert len(parts) >= 3
    rows = list(g.query(PARTS))
    assert len(rows) == len(parts)
    other = Graph(SPARQLStore(url, returnFormat="json"), identifier=URIRef(ELSEWHERE))
    assert list(other.query(PARTS)) == []


# ---------------------------------------------------------------- streaming

def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def test_a_100000_row_result_streams_in_bounded_memory(server):
    url, _, _, proc = server
    q = "SELECT ?s ?p ?o ?x WHERE { ?s ?p ?o . ?x ?y ?z } LIMIT 100000"
    parts = urllib.parse.urlsplit(url)
    before = _rss_kb(proc.pid) if proc else 0
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    t0 = time.monotonic()
    conn.request("GET", parts.path + "?" + urllib.parse.urlencode({"query": q}),
                 headers={"Accept": "text/tab-separated-values"})
    resp = conn.getresponse()
    first = resp.read(1)
    t_first = time.monotonic() - t0
    assert resp.status == 200 and resp.getheader("Content-Length") is None  # streamed, size unknown up front
    size, rows = 1, first.count(b"\n")
    peak = before
    while chunk := resp.read(1 << 16):
        size += len(chunk)
        rows += chunk.count(b"\n")
        if proc:
            peak = max(peak, _rss_kb(proc.pid))
    total = time.monotonic() - t0
    conn.close()
    assert rows == 100001  # the header line and the rows
    assert t_first < total / 2, (t_first, total)
    if proc:  # the server never holds the result: far less than its 10+ MB
        assert size > 10_000_000 and (peak - before) * 1024 < size / 4, (peak - before, size)


def test_a_get_without_a_query_describes_the_service(server):
    url, _, build, _ = server
    r = request(url, headers={"Accept": "text/turtle"})
    assert r.status == 200 and r.media == "text/turtle"
    sd = Graph().parse(data=r.body, format="turtle")
    SD = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(url), URIRef(SD + "endpoint"), URIRef(url)) in sd
    assert (None, URIRef(SD + "defaultGraph"), URIRef(build)) in sd


def test_a_browser_page_may_send_its_own_headers(server):
    """YASGUI's preflight: the page's extra headers are allowed, from any origin."""
    url, *_ = server
    r = request(url, "OPTIONS", headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "content-type,x-requested-with"})
    assert r.status in (200, 204)
    assert r.headers["access-control-allow-origin"] == "*"
    assert "x-requested-with" in r.headers["access-control-allow-headers"].lower()
    assert "POST" in r.headers["access-control-allow-methods"]
    body, headers = form({"query": PARTS})
    r = request(url, "POST", body=body, headers={**headers, "X-Requested-With": "XMLHttpRequest",
                                                 "Origin": "https://yasgui.example",
                                                 "Accept": "application/sparql-results+json,*/*;q=0.9"})
    assert r.status == 200 and r.headers["access-control-allow-origin"] == "*"


def test_a_construct_asked_for_as_json_is_json_ld(server):
    from SPARQLWrapper import JSONLD, SPARQLWrapper

    url, *_ = server
    construct = f"CONSTRUCT {{ ?p a <{KG}Part> }} WHERE {{ ?p a <{KG}Part> }}"
    s = SPARQLWrapper(url)
    s.setQuery(construct)
    s.setReturnFormat(JSONLD)
    result = s.query()
    assert result.response.headers["Content-Type"].startswith("application/ld+json")
    assert len(result.convert()) >= 3  # SPARQLWrapper parses it into an rdflib graph
    r = request(url, params={"query": construct}, headers={"Accept": "application/json"})
    assert r.status == 200 and len(Graph().parse(data=r.body, format="json-ld")) >= 3
