"""Time the shipped queries on Oxigraph and on rdflib's in-memory store, side by side.

    .venv/bin/python bench/bench_queries.py [CORPUS_DIR] [--repeat N] [--rdflib-limit SECONDS]

Builds CORPUS_DIR (default ../shared/corpus) with `kg build` into a temporary
directory, then runs every query in kg/queries/ against the build's Oxigraph
store and against the same graph parsed into rdflib. Prints a Markdown table
of the best of N Oxigraph runs and of one rdflib run (after its parse). An
rdflib query that exceeds --rdflib-limit is stopped and shown as "> limit".
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _too_long(*_):
    raise TimeoutError


def _rdflib_worker(graph_file: str, limit: float, jobs, results) -> None:
    """Parse once, then run each query under a SIGALRM limit (rdflib is pure Python, so the alarm stops it)."""
    import signal

    from rdflib import Graph

    from kg.rdf import PREFIXES

    t0 = time.perf_counter()
    g = Graph().parse(graph_file, format="turtle")
    results.put(("parse", time.perf_counter() - t0, len(g)))
    signal.signal(signal.SIGALRM, _too_long)
    for name, text in iter(jobs.get, None):
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            rows = len(list(g.query(text, initNs=PREFIXES)))
            results.put((name, time.perf_counter() - t0, rows))
        except TimeoutError:
            results.put((name, None, None))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-limit", type=float, default=120.0, metavar="SECONDS")
    ap.add_argument("--out", metavar="DIR", help="build into DIR and keep it; reuse DIR if it holds a build")
    args = ap.parse_args()

    from kg.cli import main as kg
    from kg.query import run, shipped_queries
    from kg.store import open_store

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        out = Path(args.out or tmp)
        t0 = time.perf_counter()
        if not (out / "store").is_dir():
            if kg(["build", args.corpus, "--out", str(out), "-q"]) != 0:
                return 1
            print(f"build of {args.corpus}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        t0 = time.perf_counter()
        store = open_store(out)
        triples = len(store)
        print(f"oxigraph store: {triples} triples, opened in {time.perf_counter() - t0:.3f} s", file=sys.stderr)

        ox_times = {}
        for name, q in shipped_queries().items():
            best, rows = float("inf"), 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                rows = sum(1 for _ in run(store, q.text))
                best = min(best, time.perf_counter() - t0)
            ox_times[name] = (best, rows)
            print(f"oxigraph {name}: {best:.3f} s, {rows} rows", file=sys.stderr)

        ctx = multiprocessing.get_context("spawn")
        jobs, results = ctx.Queue(), ctx.Queue()
        worker = ctx.Process(target=_rdflib_worker, daemon=True,
                             args=(str(out / "graph.ttl"), args.rdflib_limit, jobs, results))
        worker.start()
        _, parse_s, _ = results.get()
        print(f"rdflib parse of graph.ttl: {parse_s:.1f} s", file=sys.stderr)
        rd_times = {}
        for name, q in shipped_queries().items():
            jobs.put((name, q.text))
            _, secs, rows = results.get()
            rd_times[name] = None if secs is None else (secs, rows)
            print(f"rdflib {name}: " + ("stopped" if secs is None else f"{secs:.3f} s, {rows} rows"),
                  file=sys.stderr)
        jobs.put(None)
        worker.join(5)
        if worker.is_alive():
            worker.kill()

    print(f"\n{triples} triples\n")
    print("| query | rows | Oxigraph (s) | rdflib in-memory (s) | rdflib / Oxigraph |")
    print("|---|---:|---:|---:|---:|")
    for name, (secs, rows) in ox_times.items():
        rd = rd_times.get(name)
        if rd is None:
            rd_cell, ratio = f"> {args.rdflib_limit:g}", "—"
        else:
            rd_cell = f"{rd[0]:.3f}" + ("" if rd[1] == rows else f" ({rd[1]} rows)")
            ratio = f"{rd[0] / secs:.0f}×" if secs > 0 else "—"
        print(f"| {name} | {rows} | {secs:.3f} | {rd_cell} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
