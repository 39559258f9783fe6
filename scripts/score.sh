#!/usr/bin/env bash
# Build the seed and the dev documents into one graph and score each with ../shared/eval/score.py.
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared
out=$(mktemp -d)
.venv/bin/kg build data/seed.txt $S/dev/*.txt --out "$out" -q
for d in data/seed.txt $S/dev/*.txt; do
  n=$(basename "$d" .txt)
  .venv/bin/python $S/eval/score.py "$out/graph.ttl" ontology/kg.ttl --gold $S/gold/$n.tsv --text "$d" "$@"
done
rm -rf "$out"
