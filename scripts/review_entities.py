"""Judge extraction by eye on a corpus: counts per type and per extractor, and a
random sample of distinct entities per type, each with one sentence that names it.

    .venv/bin/python scripts/review_entities.py ../shared/corpus            # 25 per type
    .venv/bin/python scripts/review_entities.py ../shared/corpus -n 40 --type Park --seed 7
    .venv/bin/python scripts/review_entities.py ../shared/corpus --counts-only

The sample is what an annotator would draw: distinct entities uniformly at
random (the long tail, not the most mentioned), so the precision read off it
is the precision a type-filtered view or a SPARQL list shows. The same
``--seed`` draws the same sample, so a before/after comparison reads the same
kind of entities.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.mentions import TYPES
from kg.pipeline import build_results, entity_resolver
from kg.sections import SENTENCE


def sentence_of(result, mention) -> str:
    for s in result.sections:
        if s.kind == SENTENCE and s.begin <= mention.begin and mention.end <= s.end:
            text = result.document.text
            return (text[s.begin:mention.begin] + "【" + text[mention.begin:mention.end] + "】"
                    + text[mention.end:s.end]).strip().replace("\n", " ")
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="documents or folders, as for kg build")
    ap.add_argument("-n", type=int, default=25, help="entities sampled per type (default 25)")
    ap.add_argument("--type", action="append", choices=TYPES, help="only this type (repeatable)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the sample (default 1)")
    ap.add_argument("--counts-only", action="store_true", help="print the counts, no sample")
    args = ap.parse_args(argv)

    results = build_results(args.paths)
    entity_of = entity_resolver(results)
    evidence: dict[tuple[str, str], list] = defaultdict(list)   # entity -> (result, mention)
    by_extractor: dict[str, Counter] = defaultdict(Counter)      # type -> extractor -> mentions
    for r in results:
        for m in r.mentions:
            e = entity_of(m)
            evidence[(e.type, e.label)].append((r, m))
            by_extractor[e.type][m.extractor] += 1

    entities_per_type = Counter(t for t, _ in evidence)
    print(f"{len(results)} documents, {len(evidence)} entities, "
          f"{sum(len(v) for v in evidence.values())} mentions\n")
    print(f"{'type':14}{'entities':>9}{'mentions':>10}  mentions by extractor")
    for t in TYPES:
        ex = ", ".join(f"{k} {v}" for k, v in by_extractor[t].most_common())
        print(f"{t:14}{entities_per_type[t]:>9}{sum(by_extractor[t].values()):>10}  {ex}")
    if args.counts_only:
        return 0

    rng = random.Random(args.seed)
    for t in args.type or TYPES:
        labels = sorted(label for typ, label in evidence if typ == t)
        sample = rng.sample(labels, min(args.n, len(labels)))
        print(f"\n## {t}: {len(sample)} of {len(labels)}")
        for label in sample:
            r, m = rng.choice(evidence[(t, label)])
            where = r.document.id[:24]
            print(f"- {label}  ×{len(evidence[(t, label)])}  [{m.extractor}] {where}: {sentence_of(r, m)[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
