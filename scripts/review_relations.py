"""Judge relation extraction by eye on a corpus: counts per relation and per
finder, and a random sample of relations per type, each with the words and
sentence that state it (or the data table it comes from).

    .venv/bin/python scripts/review_relations.py ../shared/corpus             # 20 per relation
    .venv/bin/python scripts/review_relations.py ../shared/corpus -n 40 --relation hasIndustry --seed 7
    .venv/bin/python scripts/review_relations.py ../shared/corpus --counts-only

The sample is drawn uniformly from the graph's distinct triples (subject,
relation, object), so the precision read off it is the precision of a
SPARQL list; each triple shows one of the documents that state it. The
same ``--seed`` draws the same sample. Extraction goes through the build's
cache (``--cache``), so a second run costs the relation stage only.
"""
from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict

from kg.corpus import build_corpus, read_corpus
from kg.pipeline import entity_resolver
from kg.relations import PREDICATES, find_relations


def evidence(result, relation) -> str:
    """The sentence holding the relation's words, the words in 【】; or the relation's data source."""
    if not relation.stated:
        return f"[{relation.source}]"
    text = result.document.text
    sentences = [s for s in result.sections if s.kind == "Sentence" and s.begin < relation.end and relation.begin < s.end]
    b = min([s.begin for s in sentences] + [relation.begin])
    e = max([s.end for s in sentences] + [relation.end])
    return (text[b:relation.begin] + "【" + text[relation.begin:relation.end] + "】" + text[relation.end:e]
            ).strip().replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="documents or folders, as for kg build")
    ap.add_argument("-n", type=int, default=20, help="relations sampled per relation type (default 20)")
    ap.add_argument("--relation", action="append", choices=PREDICATES, help="only this relation (repeatable)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the sample (default 1)")
    ap.add_argument("--cache", default="out/.cache/extract", help="extraction cache (default out/.cache/extract)")
    ap.add_argument("--counts-only", action="store_true", help="print the counts, no sample")
    args = ap.parse_args(argv)

    results, _ = build_corpus(read_corpus(args.paths), cache_dir=args.cache)
    t0 = time.perf_counter()
    for r in results:
        find_relations(r)
    seconds = time.perf_counter() - t0
    entity_of = entity_resolver(results)
    triples: dict[tuple, list] = defaultdict(list)       # (relation, subject, object) -> [(result, relation)]
    finders: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for x in r.relations:
            s, o = entity_of(x.subject), entity_of(x.object)
            triples[(x.predicate, f"{s.label}（{s.type}）", f"{o.label}（{o.type}）")].append((r, x))
            finders[x.predicate][x.finder] += 1

    per = Counter(k[0] for k in triples)
    stated = Counter(x.predicate for r in results for x in r.relations)
    print(f"{len(results)} documents, {len(triples)} distinct relations, "
          f"{sum(stated.values())} relation statements; the relation stage took {seconds:.1f} s\n")
    print(f"{'relation':14}{'triples':>9}{'statements':>12}  statements by finder")
    for p in PREDICATES:
        print(f"{p:14}{per[p]:>9}{stated[p]:>12}  " + ", ".join(f"{k} {v}" for k, v in finders[p].most_common()))
    if args.counts_only:
        return 0
    rng = random.Random(args.seed)
    for p in args.relation or PREDICATES:
        keys = sorted(k for k in triples if k[0] == p)
        sample = sorted(rng.sample(keys, min(args.n, len(keys))))
        print(f"\n== {p}: {len(sample)} of {len(keys)}")
        for i, key in enumerate(sample, 1):
            r, x = triples[key][0]
            print(f"{i:3}. {key[1]} —{p}→ {key[2]}   [{x.finder}; {r.document.id}]")
            print(f"     {evidence(r, x)[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
