"""Output files: written atomically, so a failed or interrupted build leaves the previous output
intact; and deterministic, byte for byte, across runs, input order, workers and hash seeds."""
from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg import cli, exports
from kg.outputs import atomic_write
from kg.rdf import document_iri, statements
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "data" / "seed.txt").read_text(encoding="utf-8")
FORMATS = "turtle,ntriples,jsonld,graphml,gexf"


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def snapshot(out: Path) -> dict[str, bytes]:
    """Every regular file directly under ``out`` (the store and the cache are directories)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def documents_of(graph_file: Path) -> set:
    return set(Graph().parse(graph_file, format="turtle").subjects(RDF.type, KG.Document))


# -- atomic_write -------------------------------------------------------------------

def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("previous")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as f:
            f.write("half of the new")
            raise RuntimeError("disk full")
    assert path.read_text() == "previous"
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_the_previous_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("previous")
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(path, "wb") as f:
            f.write(b"half")
            raise KeyboardInterrupt
    assert path.read_text() == "previous"
    assert leftovers(tmp_path) == []


def test_a_written_file_appears_whole_with_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "sub" / "graph.ttl") as f:
            f.write("青岭村\n")
    finally:
        os.umask(old)
    path = tmp_path / "sub" / "graph.ttl"
    assert path.read_bytes() == "青岭村\n".encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o644
    assert leftovers(path.parent) == []


# -- a whole build ----------------------------------------------------------------------

@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    lines = SEED.splitlines()
    (d / "a.txt").write_text(SEED, encoding="utf-8")
    (d / "b.txt").write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    (d / "c.txt").write_bytes("\r\n".join(lines[len(lines) // 2:]).encode("gb18030"))
    return d


def build(capsys, out: Path, *paths: Path, options=("--workers", "1")) -> int:
    code = cli.main(["build", "-q", "--format", FORMATS, *options, "--out", str(out), *map(str, paths)])
    capsys.readouterr()
    return code


def test_a_failed_build_leaves_the_previous_output(capsys, inputs, tmp_path):
    out = tmp_path / "out"
    assert build(capsys, out, inputs) == 0
    before = snapshot(out)
    (inputs / "d.txt").write_bytes(b"")
    assert build(capsys, out, inputs) == cli.EXIT_INPUT
    assert snapshot(out) == before


def test_a_build_interrupted_while_writing_leaves_the_previous_output(capsys, inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(capsys, out, inputs / "a.txt") == 0
    before = snapshot(out)

    def interrupted(results, entity_of):  # Ctrl-C a hundred statements into writing the graph
        yield from itertools.islice(statements(results, entity_of), 100)
        raise KeyboardInterrupt
    monkeypatch.setattr(exports, "statements", interrupted)
    assert build(capsys, out, inputs) == 130
    assert snapshot(out) == before
    assert leftovers(out) == []
    assert documents_of(out / "graph.ttl") == {document_iri("a")}


def test_a_killed_build_leaves_a_whole_graph(capsys, inputs, tmp_path):
    """SIGKILL at whatever moment the build is writing: graph.ttl is the old one or the new one, never half."""
    out = tmp_path / "out"
    assert build(capsys, out, inputs / "b.txt", options=("--no-cache",)) == 0
    before = (out / "graph.ttl").read_bytes()
    (inputs / "big.txt").write_text(SEED * 5, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", "--workers", "1", "--no-cache",
                             "--format", FORMATS, "--out", str(out), str(inputs)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if leftovers(out):  # caught writing a file
            break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = (out / "graph.ttl").read_bytes()
    if after != before:
        assert documents_of(out / "graph.ttl") == {document_iri(n) for n in ("a", "b", "big", "c")}
    else:
        assert documents_of(out / "graph.ttl") == {document_iri("b")}


# -- determinism -------------------------------------------------------------------------

def test_output_is_byte_identical_across_runs_and_the_cache(capsys, inputs, tmp_path):
    out = tmp_path / "out"
    assert build(capsys, out, inputs) == 0
    first = snapshot(out)
    assert build(capsys, out, inputs) == 0  # from the extraction cache this time
    assert snapshot(out) == first
    assert set(first) >= {"graph.ttl", "graph.nt", "graph.jsonld", "entities.graphml", "entities.gexf",
                          "graph.html"}


def test_output_is_byte_identical_whatever_the_input_order_and_workers(capsys, inputs, tmp_path):
    files = sorted(inputs.iterdir())
    one, two = tmp_path / "one", tmp_path / "two"
    assert build(capsys, one, *files, options=("--workers", "1", "--no-cache")) == 0
    assert build(capsys, two, *reversed(files), options=("--workers", "2", "--no-cache")) == 0
    assert snapshot(one) == snapshot(two)


def test_output_is_byte_identical_whatever_the_hash_seed(capsys, inputs, tmp_path):
    # this process hashes strings with a random seed; the other one with none
    assert build(capsys, tmp_path / "here", inputs, options=("--no-cache",)) == 0
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--no-cache", "--format", FORMATS,
                    "--out", str(tmp_path / "there"), str(inputs)], check=True, env=env, timeout=300)
    assert snapshot(tmp_path / "here") == snapshot(tmp_path / "there")


def test_the_same_files_copied_elsewhere_give_the_same_graph_but_their_paths(capsys, inputs, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(inputs, moved)
    assert build(capsys, tmp_path / "one", inputs, options=("--no-cache",)) == 0
    assert build(capsys, tmp_path / "two", moved, options=("--no-cache",)) == 0
    one = (tmp_path / "one" / "graph.nt").read_text(encoding="utf-8").replace(str(inputs), "DIR")
    two = (tmp_path / "two" / "graph.nt").read_text(encoding="utf-8").replace(str(moved), "DIR")
    assert one == two


def test_format_writers_do_not_depend_on_the_build_writer():
    """kg.exports (format writers) sits below kg.outputs (a build's outputs), never beside it."""
    code = "import sys, kg.exports; print('kg.outputs' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
