"""Time the first use of kg.divisions in a fresh process: reading
kg/lexicons/divisions.tsv (42k divisions) and place.tsv's short forms.
The target is well under 0.3 s.

    .venv/bin/python bench/divisions_load.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import subprocess
import sys

CHILD = """
import time
from kg import lexicon, divisions
t = time.perf_counter(); c = time.process_time()
lexicon.entries()
t1 = time.perf_counter(); c1 = time.process_time()
divisions.by_name("船山区")
t2 = time.perf_counter(); c2 = time.process_time()
print(f"{t1 - t:.3f} {c1 - c:.3f} {t2 - t1:.3f} {c2 - c1:.3f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs = [list(map(float, subprocess.run([sys.executable, "-c", CHILD], check=True, capture_output=True,
                                           text=True).stdout.split())) for _ in range(args.repeat)]
    best = [min(r[i] for r in runs) for i in range(4)]
    print(f"lexicon entries (place.tsv aliases, shared with the gazetteer): {best[0]:.3f} s wall, {best[1]:.3f} s CPU")
    print(f"divisions table (first by_name):                             {best[2]:.3f} s wall, {best[3]:.3f} s CPU")
    print(f"(best of {args.repeat} fresh processes)")


if __name__ == "__main__":
    main()
