"""Shared test setup: benchmarks and long runs (``@pytest.mark.slow``) run only when KG_SLOW=1."""
import contextlib
import dataclasses
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# a document whose text is markup: the graph page must show it as text
INJECTION = ("<script>alert(2)</script>\n"
             "一、“<img src=x onerror=alert(1)>”行动在井冈山启动。\n"
             "在成都市开展<script>alert(2)</script>“清廉四川”行动。\n")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """(results, entity_of) of data/seed.txt and the injection document, built once per session."""
    from kg.mentions import Mention
    from kg.pipeline import build_results, entity_resolver

    d = tmp_path_factory.mktemp("docs")
    (d / "inject.txt").write_text(INJECTION, encoding="utf-8")
    results = build_results([ROOT / "data" / "seed.txt", d / "inject.txt"])
    # Extractors may or may not take the quoted markup for a name; the page must be safe
    # either way, so the injection document also gets it as a hand-made Campaign mention.
    i = next(k for k, r in enumerate(results) if r.document.id == "inject")
    text = results[i].document.text
    b = text.index("“<img") + 1
    markup = Mention(b, text.index("”", b), "Campaign", "<img src=x onerror=alert(1)>行动", 100, "test")
    results[i] = dataclasses.replace(results[i], mentions=tuple(sorted({*results[i].mentions, markup})))
    return results, entity_resolver(results)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("KG_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set KG_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    """A loopback port nothing listens on (for a server a test starts)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def kg_serve(location: Path, timeout: float = 20, workers: int = 2):
    """``kg serve`` over ``location`` on a free loopback port, up and answering: yields
    (base URL, process); stopped at the end. Its stderr is left for the caller to read."""
    import subprocess
    import sys

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(location), "--port", str(port),
                             "--timeout", str(timeout), "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # printed once the workers are up and the port is bound
        assert f"http://127.0.0.1:{port}/sparql" in line, proc.stderr.read()
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
