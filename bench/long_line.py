"""One document with no line breaks, at growing sizes: each stage's time and
the time per million characters, to show that a build stays linear.

    .venv/bin/python bench/long_line.py [--sizes 1,2,4,10] [--check]

Sizes are in millions of characters; the text is data/seed.txt with its line
breaks removed, repeated. --check exits 1 when the largest size costs more
than twice per character what the smallest does (quadratic would be ~10x).
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.document import document_from_text  # noqa: E402
from kg.extractors import find_mentions  # noqa: E402
from kg.pipeline import DocumentResult, entity_resolver, unify_types  # noqa: E402
from kg.rdf import statements  # noqa: E402
from kg.resolve import resolve_mentions  # noqa: E402
from kg.sections import split_sections  # noqa: E402
from kg.segment import segment  # noqa: E402
from kg.turtle import write_turtle  # noqa: E402


def stages(text: str) -> dict[str, float]:
    times: dict[str, float] = {}

    def timed(name, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        times[name] = time.perf_counter() - t0
        return out

    doc = timed("read", document_from_text, text, "long.txt")
    words = timed("segment", segment, doc.text)
    candidates = timed("extract", find_mentions, doc.text, words)
    mentions = timed("resolve", resolve_mentions, doc.text, candidates)
    sections = timed("sections", split_sections, doc.text)
    results = unify_types([DocumentResult(doc, sections, mentions)])
    timed("turtle", lambda: write_turtle(statements(results, entity_resolver(results)), io.StringIO()))
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,2,4,10", help="millions of characters, comma-separated")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    line = (ROOT / "data" / "seed.txt").read_text(encoding="utf-8").replace("\n", "")
    stages(line[:2000])  # load jieba's dictionary and the lexicons
    per_mchar = []
    for size in (float(s) for s in args.sizes.split(",")):
        n = int(size * 1_000_000)
        text = (line * (n // len(line) + 1))[:n]
        times = stages(text)
        total = sum(times.values())
        per_mchar.append(total / size)
        print(f"{size:5g} M chars: {total:7.1f} s ({total / size:5.1f} s per M)  "
              + "  ".join(f"{k} {v:.1f}" for k, v in times.items()), flush=True)
    if args.check and per_mchar[-1] > 2 * per_mchar[0]:
        print(f"FAIL: {per_mchar[-1]:.1f} s per M chars at the largest size, {per_mchar[0]:.1f} at the smallest")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
