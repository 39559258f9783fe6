"""Build a corpus and print, side by side: the jieba floor (a bare
jieba.lcut pass), a bare rjieba.cut pass, full builds with 1 and 2 workers
and with --dask local, characters per second, peak RSS, triples and each
stage's time; then the corpus repeated N times against the corpus once.

    .venv/bin/python bench/bench_build.py [--corpus DIR] [--repeat 10] [--no-dask] [--check]

Each build runs in a fresh process (the dictionary load included) doing
what `kg build` does (kg.corpus.write_corpus, stage by stage): read,
extract (no cache) while the store loads each document's context, resolve,
write graph.ttl, the rest of the store and the page. Peak RSS is the sum
over the build's process tree (forked workers share pages, so it overcounts).
--check exits 1 when a target of issue 10 is missed:
  build(1 worker) <= 1.2 x floor; build(1) / build(2) >= 1.6; peak RSS <= 1 GB;
  build(corpus x N) <= 1.05 N x build(corpus).
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


def stages(corpus: str, workers: int, out: str, dask: str | None = None) -> dict:
    """One build, stage by stage (runs in the child process)."""
    t = time.perf_counter()
    times: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[name] = now - t
        t = now

    from kg.corpus import build_corpus, read_corpus, warm_up
    from kg.outputs import StoreFeed, write_build
    from kg.pipeline import entity_resolver
    lap("import")
    warm_up()
    lap("dictionary load")
    docs = read_corpus([corpus])
    lap("read")
    feed = StoreFeed(Path(out), in_process=workers == 1 and dask is None)
    results, stats = build_corpus(docs, workers, None, None, feed.add_context, dask)
    lap("extract (+ store)")
    entity_of = entity_resolver(results)
    lap("resolve")
    written, _ = write_build(results, entity_of, Path(out), ["turtle"], workers, feed)
    lap("graph.ttl + store + page")
    return {"stages": times, "documents": stats.documents, "chars": stats.characters,
            "triples": written["turtle"][1]}


def floors(corpus: str) -> dict:
    """Bare segmentation passes over the corpus: jieba.lcut (the floor) and rjieba.cut (HMM off, as kg)."""
    import jieba
    import rjieba

    from kg.corpus import read_corpus
    jieba.setLogLevel(60)
    jieba.initialize()
    rjieba.cut("北京")
    texts = [d.text for d in read_corpus([corpus])]
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        rjieba.cut(text, False)
    return {"seconds": jieba_s, "rjieba": time.perf_counter() - t, "chars": sum(map(len, texts))}


def tree_rss(pid: int) -> int:
    """Memory of a process and its children, in bytes (0 where psutil is missing): the sum
    of their proportional set sizes, which count a page that forked workers share once
    (their RSS would count it in each), or of their RSS where PSS is not available."""
    try:
        import psutil
    except ImportError:
        return 0
    total = 0
    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0
    for q in procs:
        try:
            info = q.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return total


def run_child(args: list[str]) -> tuple[dict, float, int]:
    """Run this script as a child; (its JSON result, wall seconds, peak RSS of its process tree)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, tree_rss(proc.pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    wall = time.perf_counter() - t
    out = proc.stdout.read()
    peak = max(peak, usage.ru_maxrss * 1024)  # the build process's own peak, which sampling may miss
    if proc.returncode:
        sys.exit(f"child {args} failed with {proc.returncode}")
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
    ap.add_argument("--no-dask", action="store_true", help="skip the --dask local build")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--child", choices=("build", "floor"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--dask", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child == "floor":
        print(json.dumps(floors(a.corpus)))
        return 0
    if a.child == "build":
        print(json.dumps(stages(a.corpus, a.workers, a.out, a.dask)))
        return 0

    floor, _, _ = run_child(["--child", "floor", "--corpus", a.corpus])
    runs = {}
    columns = ["1 worker", "2 workers"] + ([] if a.no_dask else ["dask local"])
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for name in columns:
            how = ["--dask", "local", "--workers", "2"] if name == "dask local" else ["--workers", name[0]]
            runs[name] = run_child(["--child", "build", "--corpus", a.corpus, *how,
                                    "--out", f"{tmp}/{name.replace(' ', '-')}"])
        if a.repeat:
            big = repeated(Path(a.corpus), a.repeat, Path(tmp) / "repeated")
            rep = run_child(["--child", "build", "--corpus", str(big), "--workers", "2", "--out", f"{tmp}/outN"])

    chars = floor["chars"]
    first = runs["1 worker"][0]
    print(f"corpus: {a.corpus} ({first['documents']} documents, {chars / 1e6:.2f} M chars), "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    w = 12
    print(f"{'':28}{'jieba.lcut':>{w}}{'rjieba.cut':>{w}}" + "".join(f"{c:>{w}}" for c in columns))
    print(f"{'wall time (s)':28}{floor['seconds']:{w}.1f}{floor['rjieba']:{w}.1f}"
          + "".join(f"{runs[c][1]:{w}.1f}" for c in columns))
    print(f"{'  / jieba floor':28}{1:{w}.2f}{floor['rjieba'] / floor['seconds']:{w}.2f}"
          + "".join(f"{runs[c][1] / floor['seconds']:{w}.2f}" for c in columns))
    print(f"{'M chars/s':28}{chars / floor['seconds'] / 1e6:{w}.2f}{chars / floor['rjieba'] / 1e6:{w}.2f}"
          + "".join(f"{chars / runs[c][1] / 1e6:{w}.2f}" for c in columns))
    print(f"{'peak RSS (MB)':28}{'':{2 * w}}" + "".join(f"{runs[c][2] / 2**20:{w}.0f}" for c in columns))
    print(f"{'triples':28}{'':{2 * w}}" + "".join(f"{runs[c][0]['triples']:{w}d}" for c in columns))
    for stage in first["stages"]:
        print(f"{'  ' + stage + ' (s)':28}{'':{2 * w}}"
              + "".join(f"{runs[c][0]['stages'].get(stage, 0):{w}.2f}" for c in columns))
    ratio_floor = runs["1 worker"][1] / floor["seconds"]
    speedup = runs["1 worker"][1] / runs["2 workers"][1]
    peak = max(r[2] for r in runs.values())
    checks = [(f"1 worker / jieba floor = {ratio_floor:.2f} (target <= 1.2)", ratio_floor <= 1.2),
              (f"2 workers speed-up = {speedup:.2f}x (target >= 1.6)", speedup >= 1.6),
              (f"peak RSS = {peak / 2**20:.0f} MB (target <= 1024)", peak <= 2**30)]
    if a.repeat:
        ratio = rep[1] / runs["2 workers"][1]
        print(f"corpus x{a.repeat} ({rep[0]['documents']} documents), 2 workers: {rep[1]:.1f} s, "
              f"{rep[0]['triples']} triples, peak RSS {rep[2] / 2**20:.0f} MB; stages: "
              + ", ".join(f"{k} {v:.1f}" for k, v in rep[0]["stages"].items()))
        checks.append((f"corpus x{a.repeat} / corpus = {ratio:.2f} (target <= {1.05 * a.repeat:g})",
                       ratio <= 1.05 * a.repeat))
    for text, ok in checks:
        print(("ok    " if ok else "MISS  ") + text)
    return 0 if all(ok for _, ok in checks) or not a.check else 1


if __name__ == "__main__":
    sys.exit(main())
