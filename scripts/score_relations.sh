#!/usr/bin/env bash
# Build the seed and the eight dev documents into one graph and score their relations with
# ../shared/eval/score.py --relations: each document, then the dev documents micro-averaged
# (true and false positives and misses summed). --show-errors lists misses and false positives.
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/kg build data/seed.txt $S/dev/*.txt --out "$out" -q
for d in data/seed.txt $S/dev/*.txt; do
  n=$(basename "$d" .txt)
  .venv/bin/python $S/eval/score.py "$out/graph.ttl" ontology/kg.ttl --gold $S/gold/$n.tsv --text "$d" \
      --relations --json > "$out/$n.json"
done
.venv/bin/python - "$out" "$@" <<'PY'
import json, sys
from pathlib import Path
out, show = Path(sys.argv[1]), "--show-errors" in sys.argv[2:]
total = [0, 0, 0]
for f in sorted(out.glob("*.json"), key=lambda f: (f.stem != "seed", f.stem)):
    rel = json.loads(f.read_text())["relations"]
    a = rel["all"]
    per = "  ".join(f"{k} {v['F1']:.3f}" for k, v in rel["by_relation"].items())
    print(f"{f.stem:38} P {a['P']:.3f}  R {a['R']:.3f}  F1 {a['F1']:.3f}  tp/fn/fp {a['tp']}/{a['fn']}/{a['fp']}   {per}")
    if show:
        print(f"    missed: {', '.join(rel['missed']) or '-'}\n    false positives: {', '.join(rel['false_positives']) or '-'}")
    if f.stem != "seed":
        total = [t + a[k] for t, k in zip(total, ("tp", "fn", "fp"))]
tp, fn, fp = total
p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
print(f"{'dev, micro-averaged':38} P {p:.3f}  R {r:.3f}  F1 {2 * p * r / max(p + r, 1e-9):.3f}  tp/fn/fp {tp}/{fn}/{fp}")
PY
