"""Relation quality: the seed and the eight dev documents, built into one graph,
scored by ../shared/eval/score.py --relations (bars of issue 9)."""
import pytest

from kg.outputs import write_graph
from kg.pipeline import build_results, entity_resolver
from test_quality import DEV, ROOT, SEED, SHARED, load_scorer, pytestmark  # noqa: F401  (skip without ../shared)


@pytest.fixture(scope="module")
def relation_scores(tmp_path_factory):
    """document stem -> the scorer's relation result (P/R/F1 and counts), from one graph."""
    results = build_results([SEED, *DEV])
    graph, _ = write_graph(results, entity_resolver(results), tmp_path_factory.mktemp("out"))
    score = load_scorer().score
    out = {}
    for text in [SEED, *DEV]:
        res = score([graph, ROOT / "ontology" / "kg.ttl"], SHARED / "gold" / f"{text.stem}.tsv", text, relations=True)
        assert "error" not in res, res["error"]
        out[text.stem] = res["relations"]
    return out


def summary(name, rel):
    return f"{name}: {rel['all']}; missed {rel['missed']}; false positives {rel['false_positives']}"


def test_seed_relations(relation_scores):
    rel = relation_scores["seed"]
    assert rel["all"]["F1"] >= 0.90, summary("seed", rel)


def test_dev_relations_micro_averaged(relation_scores):
    dev = {p.stem: relation_scores[p.stem] for p in DEV}
    tp, fn, fp = (sum(r["all"][k] for r in dev.values()) for k in ("tp", "fn", "fp"))
    p, r = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.75, f"micro F1 {f1:.3f} (P {p:.3f}, R {r:.3f})\n" + "\n".join(summary(*kv) for kv in dev.items())
