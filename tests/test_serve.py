"""kg serve, live on loopback, as SPARQL clients reach it."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from conftest import kg_serve
from kg.cli import main
from kg.serve import negotiate, RESULT_TYPES, GRAPH_TYPES

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
PARTS = """PREFIX kg: <https://w3id.org/kg-cn/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?title WHERE { ?p a kg:Part ; dcterms:title ?title ; nif:beginIndex ?b } ORDER BY ?b"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIME_LIMIT = 5  # short, so the cut-off test is quick; not so short that a busy machine trips it


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    with kg_serve(out, timeout=TIME_LIMIT) as (base, _):
        yield base, out


def client(base, query, fmt, method=None):
    s = SPARQLWrapper(base + "/sparql")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    if method:
        s.setMethod(method)
    return s.query()


def status_of(request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_select_as_json(endpoint):
    base, _ = endpoint
    data = client(base, PARTS, JSON).convert()
    titles = [b["title"]["value"] for b in data["results"]["bindings"]]
    assert len(titles) == 3 and titles[0].startswith("坚持凝心铸魂")
    post = client(base, PARTS, JSON, POST).convert()
    assert post == data


def test_select_as_csv(endpoint):
    base, _ = endpoint
    text = client(base, PARTS, CSV).convert().decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "title" and len(lines) == 4 and lines[2].startswith("坚持敢闯敢试")


def test_construct_as_turtle(endpoint):
    base, _ = endpoint
    q = PARTS.replace("SELECT ?title WHERE", "CONSTRUCT { ?p dcterms:title ?title } WHERE").replace(" ORDER BY ?b", "")
    result = client(base, q, TURTLE)
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=result.convert(), format="turtle")
    assert len(g) == 3


def test_content_negotiation_by_accept(endpoint):
    base, _ = endpoint
    url = base + "/sparql?" + urllib.parse.urlencode({"query": PARTS})
    for accept, media in [("text/tab-separated-values", "text/tab-separated-values"),
                          ("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/html;q=0.9, */*;q=0.1", "application/sparql-results+json")]:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as r:
            assert r.headers["Content-Type"].startswith(media)
    assert status_of(urllib.request.Request(url, headers={"Accept": "image/png"})) == 406


def test_update_is_refused(endpoint):
    base, _ = endpoint
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"
    form = urllib.parse.urlencode({"update": update}).encode()
    assert status_of(urllib.request.Request(base + "/sparql", data=form)) == 403
    direct = urllib.request.Request(base + "/sparql", data=update.encode(),
                                    headers={"Content-Type": "application/sparql-update"})
    assert status_of(direct) == 403
    s = SPARQLWrapper(base + "/sparql")
    s.setMethod(POST)
    s.setQuery(update)
    with pytest.raises(Exception):
        s.query()
    ask = client(base, "ASK { <https://example.org/a> ?p ?o }", JSON).convert()
    assert ask["boolean"] is False


def test_a_slow_query_is_cut_off_and_the_endpoint_carries_on(endpoint):
    base, _ = endpoint
    url = base + "/sparql?" + urllib.parse.urlencode({"query": SLOW})
    t0 = time.monotonic()
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=60)
    assert err.value.code == 503 and b"time limit" in err.value.read()
    assert time.monotonic() - t0 < TIME_LIMIT + 10
    for _ in range(3):  # the stopped worker is replaced; others answer meanwhile
        assert len(client(base, PARTS, JSON).convert()["results"]["bindings"]) == 3


def test_a_bad_query_is_a_400_with_the_position(endpoint):
    base, _ = endpoint
    url = base + "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s ?p }"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url, timeout=30)
    assert err.value.code == 400 and b"line 1, column" in err.value.read()


def test_pages(endpoint):
    base, out = endpoint
    with urllib.request.urlopen(base + "/", timeout=30) as r:
        assert r.read() == (out / "graph.html").read_bytes()
    with urllib.request.urlopen(base + "/query", timeout=30) as r:
        page = r.read().decode("utf-8")
    assert "/sparql" in page and "leading-industries" in page
    assert "src=\"http" not in page and "href=\"http" not in page  # works offline
    assert status_of(base + "/nowhere") == 404


def test_negotiate_prefers_quality_then_order():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES) == "application/sparql-results+xml"
    assert negotiate(None, RESULT_TYPES) == "application/sparql-results+json"
    assert negotiate("text/*", GRAPH_TYPES) == "text/turtle"
    assert negotiate("application/json;q=0", {"application/json": 1}) is None


def test_a_rebuild_under_load_is_served_once_complete_and_no_request_fails(tmp_path):
    import threading

    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    extra = tmp_path / "extra.txt"
    extra.write_text("关于乡村振兴的讲话\n一、在成都市开展“清廉四川”行动。\n", encoding="utf-8")
    answers, failures, stop = [], [], threading.Event()

    def count() -> int:
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return int(json.load(r)["results"]["bindings"][0]["n"]["value"])

    def client():
        while not stop.is_set():
            try:
                answers.append(count())
            except Exception as exc:  # any failed request fails the test
                failures.append(repr(exc))

    with kg_serve(out) as (base, proc):
        url = base + "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        before = count()
        clients = [threading.Thread(target=client) for _ in range(4)]
        for c in clients:
            c.start()
        assert main(["build", str(SEED), str(extra), "--out", str(out), "-q"]) == 0
        deadline = time.monotonic() + 20
        while count() == before and time.monotonic() < deadline:
            time.sleep(0.2)
        after = count()
        time.sleep(1)
        stop.set()
        for c in clients:
            c.join(30)
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert not failures, failures[:3]
    assert after > before and set(answers) <= {before, after} and answers[-1] == after
    assert "new build" in err


def test_an_answer_still_streaming_at_the_time_limit_is_cut_short(endpoint):
    """The status line has gone out, so the cut-off is the chunked body ending without its last chunk."""
    import http.client

    base, _ = endpoint
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"}),
                 headers={"Accept": "text/tab-separated-values"})
    t0 = time.monotonic()
    resp = conn.getresponse()
    assert resp.status == 200
    with pytest.raises(http.client.IncompleteRead):
        while resp.read(1 << 20):
            pass
    assert time.monotonic() - t0 < TIME_LIMIT + 10
    conn.close()
    assert len(client(base, PARTS, JSON).convert()["results"]["bindings"]) == 3  # and it carries on


def test_a_directory_without_a_build_is_a_clear_error(tmp_path, capsys):
    assert main(["serve", "--graph", str(tmp_path), "--port", "0"]) == 3
    assert "kg build" in capsys.readouterr().err
