"""Build a corpus and print, side by side: the jieba floor, full builds with 1
and 2 workers, characters per second, peak RSS, triples and each stage's time;
then the corpus repeated N times against the corpus once.

    .venv/bin/python bench/bench_build.py [--corpus DIR] [--repeat 10] [--check]

Each build runs in a fresh process (jieba's dictionary load included) doing
what `kg build` does: read, extract (no cache), resolve, write graph.ttl,
the store and the HTML page where kg.outputs / kg.store provide them.
--check exits 1 when a target of issue 5 is missed:
  build(1 worker) <= 2 x floor; build(1) / build(2) >= 1.7; peak RSS <= 1 GB;
  build(corpus x N) <= (N + 1) x build(corpus).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def stages(corpus: str, workers: int, out: str) -> dict:
    """One build, stage by stage (runs in the child process)."""
    t = time.perf_counter()
    times: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[name] = now - t
        t = now

    from kg.corpus import build_corpus, read_corpus, warm_up
    from kg.pipeline import entity_resolver
    lap("import")
    warm_up()
    lap("jieba load")
    docs = read_corpus([corpus])
    lap("read")
    results, stats = build_corpus(docs, workers, None)
    lap("extract")
    entity_of = entity_resolver(results)
    lap("resolve")
    from kg.outputs import write_build
    written, _ = write_build(results, entity_of, Path(out), ["turtle"], workers)
    lap("graph.ttl + store + graph.html")
    return {"stages": times, "documents": stats.documents, "chars": stats.characters,
            "triples": written["turtle"][1]}


def jieba_floor(corpus: str) -> dict:
    import jieba

    from kg.corpus import read_corpus
    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [d.text for d in read_corpus([corpus])]
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return {"seconds": time.perf_counter() - t, "chars": sum(map(len, texts))}


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its children, in bytes (0 where psutil is missing)."""
    try:
        import psutil
    except ImportError:
        return 0
    try:
        p = psutil.Process(pid)
        return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
    except psutil.Error:
        return 0


def run_child(args: list[str]) -> tuple[dict, float, int]:
    """Run this script as a child; (its JSON result, wall seconds, peak RSS of its process tree)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_rss(proc.pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    out = proc.stdout.read()
    if proc.returncode:
        sys.exit(f"child {args} failed with {proc.returncode}")
    peak = max(peak, usage.ru_maxrss * 1024)
    return json.loads(out), wall, peak


def repeated(corpus: Path, times: int, into: Path) -> Path:
    """The corpus ``times`` over, as documents with distinct names (copies: kg reads a
    file reached by two symlinks once)."""
    for k in range(times):
        for src in sorted(corpus.rglob("*.txt")):
            dst = into / f"r{k}" / src.relative_to(corpus).parent / f"{src.stem}-r{k}.txt"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return into


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--repeat", type=int, default=10, help="also build the corpus this many times over (0: skip)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--child", choices=("build", "floor"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child == "floor":
        print(json.dumps(jieba_floor(a.corpus)))
        return 0
    if a.child == "build":
        print(json.dumps(stages(a.corpus, a.workers, a.out)))
        return 0

    floor, _, _ = run_child(["--child", "floor", "--corpus", a.corpus])
    runs = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for w in (1, 2):
            runs[w] = run_child(["--child", "build", "--corpus", a.corpus, "--workers", str(w),
                                 "--out", f"{tmp}/out{w}"])
        if a.repeat:
            big = repeated(Path(a.corpus), a.repeat, Path(tmp) / "repeated")
            rep = run_child(["--child", "build", "--corpus", str(big), "--workers", "2", "--out", f"{tmp}/outN"])

    chars = floor["chars"]
    print(f"corpus: {a.corpus} ({runs[1][0]['documents']} documents, {chars / 1e6:.2f} M chars), "
          f"{os.cpu_count()} cores")
    print(f"{'':24}{'jieba.lcut':>12}{'1 worker':>12}{'2 workers':>12}")
    print(f"{'wall time (s)':24}{floor['seconds']:12.1f}{runs[1][1]:12.1f}{runs[2][1]:12.1f}")
    print(f"{'M chars/s':24}{chars / floor['seconds'] / 1e6:12.2f}{chars / runs[1][1] / 1e6:12.2f}"
          f"{chars / runs[2][1] / 1e6:12.2f}")
    print(f"{'peak RSS (MB)':24}{'':12}{runs[1][2] / 2**20:12.0f}{runs[2][2] / 2**20:12.0f}")
    print(f"{'triples':24}{'':12}{runs[1][0]['triples']:12d}{runs[2][0]['triples']:12d}")
    for stage in runs[1][0]["stages"]:
        print(f"{'  ' + stage + ' (s)':24}{'':12}{runs[1][0]['stages'][stage]:12.2f}"
              f"{runs[2][0]['stages'].get(stage, 0):12.2f}")
    ratio_floor = runs[1][1] / floor["seconds"]
    speedup = runs[1][1] / runs[2][1]
    peak = max(runs[1][2], runs[2][2])
    checks = [(f"1 worker / jieba floor = {ratio_floor:.2f} (target <= 2)", ratio_floor <= 2),
              (f"2 workers speed-up = {speedup:.2f}x (target >= 1.7)", speedup >= 1.7),
              (f"peak RSS = {peak / 2**20:.0f} MB (target <= 1024)", peak <= 2**30)]
    if a.repeat:
        ratio = rep[1] / runs[2][1]
        print(f"corpus x{a.repeat} ({rep[0]['documents']} documents), 2 workers: {rep[1]:.1f} s, "
              f"{rep[0]['triples']} triples, peak RSS {rep[2] / 2**20:.0f} MB; stages: "
              + ", ".join(f"{k} {v:.1f}" for k, v in rep[0]["stages"].items()))
        checks.append((f"corpus x{a.repeat} / corpus = {ratio:.2f} (target <= {a.repeat + 1})",
                       ratio <= a.repeat + 1))
    for text, ok in checks:
        print(("ok    " if ok else "MISS  ") + text)
    return 0 if all(ok for _, ok in checks) or not a.check else 1


if __name__ == "__main__":
    sys.exit(main())
