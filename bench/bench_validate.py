"""Time and peak memory of `kg validate` on a corpus build.

    .venv/bin/python bench/bench_validate.py [CORPUS_DIR] [--out DIR]

Builds CORPUS_DIR (default ../shared/corpus) with `kg build` (into --out, or
a temporary directory; a --out that already holds a build is reused), then
runs `kg validate` on it in a child process and prints its wall time, peak
RSS and the report's first line. The bar (issue 12): <= 60 s and <= 1 GB. On a
shared machine the CPU time and the load average say how busy the cores were.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def validate_figures(build: Path) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, first report line) of `kg validate BUILD`
    in a child process. CPU time says what the wall time would be on idle cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kg", "validate", str(build)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, after.ru_maxrss / 1024, (done.stdout or done.stderr).splitlines()[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--out", metavar="DIR", help="build into DIR and keep it; reuse DIR if it holds a build")
    args = ap.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="kg-bench-validate-"))
    if not (out / "store").is_dir():
        subprocess.run([sys.executable, "-m", "kg", "build", args.corpus, "--out", str(out), "-q"], check=True)
    wall, cpu, peak, first = validate_figures(out)
    load = os.getloadavg()[0]
    print(f"kg validate {out}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak:.0f} MB "
          f"(load average {load:.1f} on {os.cpu_count()} cores)\n  {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
