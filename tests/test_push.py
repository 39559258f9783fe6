"""kg push against a live Oxigraph server (`oxigraph serve`, from the PyPI package) on loopback."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port
from kg.cli import main
from kg.push import build_graph_iri

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed.txt"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed (pip install oxigraph; make test does)")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def ask(url: str, query: str) -> list[dict]:
    req = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["results"]["bindings"]


def triples_in(url: str, graph: str) -> int:
    rows = ask(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEED), "--out", str(out), "-q", "--format", "turtle,ntriples"]) == 0
    return out


def test_push_loads_the_build_as_its_named_graph_and_a_second_push_replaces_it(server, built, capsys):
    graph = build_graph_iri(built / "graph.ttl")
    n = sum(1 for _ in open(built / "graph.nt", encoding="utf-8"))
    assert main(["push", "--endpoint", f"{server}/store", "--out", str(built)]) == 0
    assert f"<{graph}>" in capsys.readouterr().err
    assert triples_in(server, graph) == n
    assert main(["push", "--endpoint", f"{server}/store", "--file", str(built / "graph.nt"), "-q"]) == 0
    assert triples_in(server, graph) == n
    # the server answers questions about the pushed build
    rows = ask(server, f"""SELECT ?label WHERE {{ GRAPH <{graph}> {{
        ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }}""")
    assert "乡村振兴" in {r["label"]["value"] for r in rows}


def test_builds_of_different_corpora_are_separate_graphs(server, built, tmp_path):
    (tmp_path / "other.txt").write_text("另一份文件\n推进乡村振兴。\n", encoding="utf-8")
    other = tmp_path / "out"
    assert main(["build", str(tmp_path / "other.txt"), "--out", str(other), "-q"]) == 0
    assert main(["push", "--endpoint", f"{server}/store", "--out", str(other), "-q"]) == 0
    assert main(["push", "--endpoint", f"{server}/store", "--out", str(built), "-q"]) == 0
    mine, theirs = build_graph_iri(built / "graph.ttl"), build_graph_iri(other / "graph.ttl")
    assert mine != theirs
    graphs = {r["g"]["value"] for r in ask(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert {mine, theirs} <= graphs
    assert triples_in(server, theirs) < triples_in(server, mine)


def test_push_into_an_explicit_graph(server, built):
    assert main(["push", "--endpoint", f"{server}/store", "--out", str(built), "--graph",
                 "https://example.org/mine", "-q"]) == 0
    assert triples_in(server, "https://example.org/mine") == triples_in(server, build_graph_iri(built / "graph.ttl"))


def test_unreachable_server_and_missing_build_are_clear_errors(built, tmp_path, capsys):
    port = free_port()  # nothing listens there
    assert main(["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--out", str(built)]) == 5
    err = capsys.readouterr().err
    assert err.startswith("kg push: http://127.0.0.1:") and "refused" in err.lower() and err.count("\n") == 1
    assert main(["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--out", str(tmp_path)]) == 3
    assert "no graph.ttl or graph.nt" in capsys.readouterr().err


def test_a_refusing_server_is_reported_with_its_status(server, built, capsys):
    assert main(["push", "--endpoint", f"{server}/no-such-service", "--out", str(built)]) == 5
    assert "HTTP 404" in capsys.readouterr().err
