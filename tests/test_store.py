"""The Oxigraph store kg build writes beside graph.ttl, and how a query finds a graph."""
import os
from pathlib import Path

import pytest

from kg.cli import main
from kg.store import StoreError, load_file, open_store, write_store

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.txt"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(store) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    return out


def test_build_writes_a_store_holding_the_graph(out):
    assert (out / "store").is_dir()
    from_store = open_store(out)
    assert count(from_store) == count(load_file(out / "graph.ttl")) > 1000
    with pytest.raises((OSError, RuntimeError)):  # opened read-only: a query cannot change the build
        from_store.add(next(iter(from_store.quads_for_pattern(None, None, None))))


def test_rewriting_the_store_replaces_it_whole(out, tmp_path):
    target = tmp_path / "build"
    target.mkdir()
    small = tmp_path / "small.ttl"
    small.write_text("<https://example.org/a> <https://example.org/b> 1 .\n", encoding="utf-8")
    write_store(out / "graph.ttl", target)
    write_store(small, target)
    assert sorted(p.name for p in target.iterdir()) == ["store"]  # no half-written or old stores left
    (target / "graph.ttl").write_text(small.read_text(), encoding="utf-8")
    os.utime(target / "store", (0, 0))
    assert count(open_store(target)) == 1


def test_a_store_older_than_its_graph_gives_way_to_the_turtle(out, tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    write_store(out / "graph.ttl", build)
    (build / "graph.ttl").write_text("<https://example.org/a> <https://example.org/b> 1 .\n", encoding="utf-8")
    os.utime(build / "store", (0, 0))
    assert count(open_store(build)) == 1


def test_a_graph_file_is_read_into_memory(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_text("<https://example.org/a> <https://example.org/b> \"x\" .\n", encoding="utf-8")
    assert count(open_store(nt)) == 1


def test_no_graph_and_bad_files_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="no such file"):
        open_store(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl"):
        open_store(bad)
