"""Time the shipped queries on the build's Oxigraph store (and, with --rdflib, on rdflib's in-memory store).

    .venv/bin/python bench/bench_queries.py [CORPUS_DIR] [--repeat N] [--out DIR] [--rdflib] [--check]

Builds CORPUS_DIR (default ../shared/corpus) with `kg build` into a temporary
directory (or --out DIR, reused when it holds a build), then runs every query
in kg/queries/ N times against the build's store. Prints a Markdown table of
each query's median time and the targets of issue 10: the median over the
queries <= 100 ms, none over 1 s (--check exits 1 when one is missed).
--rdflib also parses graph.ttl into rdflib and runs each query once there;
a query past --rdflib-limit is stopped and shown as "> limit".
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
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
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's in-memory store (parses for minutes)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
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
            times, rows = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                rows = sum(1 for _ in run(store, q.text))
                times.append(time.perf_counter() - t0)
            ox_times[name] = (statistics.median(times), rows)
            print(f"oxigraph {name}: median {ox_times[name][0]:.3f} s, {rows} rows", file=sys.stderr)
        if not args.rdflib:
            return report(ox_times, {}, triples, args)

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

    return report(ox_times, rd_times, triples, args)


def report(ox_times: dict, rd_times: dict, triples: int, args) -> int:
    print(f"\n{triples} triples, median of {args.repeat} runs, load average {os.getloadavg()[0]:.1f}\n")
    print("| query | rows | Oxigraph (s) |" + (" rdflib in-memory (s) | rdflib / Oxigraph |" if args.rdflib else ""))
    print("|---|---:|---:|" + ("---:|---:|" if args.rdflib else ""))
    for name, (secs, rows) in ox_times.items():
        line = f"| {name} | {rows} | {secs:.3f} |"
        if args.rdflib:
            rd = rd_times.get(name)
            if rd is None:
                rd_cell, ratio = f"> {args.rdflib_limit:g}", "—"
            else:
                rd_cell = f"{rd[0]:.3f}" + ("" if rd[1] == rows else f" ({rd[1]} rows)")
                ratio = f"{rd[0] / secs:.0f}×" if secs > 0 else "—"
            line += f" {rd_cell} | {ratio} |"
        print(line)
    median = statistics.median(s for s, _ in ox_times.values())
    slowest = max(ox_times, key=lambda n: ox_times[n][0])
    checks = [(f"median over the queries = {median * 1000:.0f} ms (target <= 100)", median <= 0.1),
              (f"slowest: {slowest} {ox_times[slowest][0]:.2f} s (target <= 1)", ox_times[slowest][0] <= 1)]
    for text, ok in checks:
        print(("ok    " if ok else "MISS  ") + text)
    return 0 if all(ok for _, ok in checks) or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
