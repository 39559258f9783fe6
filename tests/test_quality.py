"""Extraction quality: the seed and dev documents, built into one graph, scored by ../shared/eval/score.py."""
import importlib.util
import sys
from pathlib import Path

import pytest

from kg.outputs import write_graph
from kg.pipeline import build_results, entity_resolver

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "seed.txt"
DEV = sorted((SHARED / "dev").glob("*.txt"))

pytestmark = pytest.mark.skipif(
    not ((SHARED / "eval" / "score.py").is_file() and (SHARED / "gold").is_dir() and DEV),
    reason=f"no scorer, gold files and dev documents under {SHARED} (../shared beside the repo)")


def load_scorer():
    spec = importlib.util.spec_from_file_location("kg_shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    """document stem -> the scorer's result, every document read from one graph."""
    results = build_results([SEED, *DEV])
    graph, _ = write_graph(results, entity_resolver(results), tmp_path_factory.mktemp("out"))
    score = load_scorer().score
    out = {}
    for text in [SEED, *DEV]:
        res = score([graph, ROOT / "ontology" / "kg.ttl"], SHARED / "gold" / f"{text.stem}.tsv", text)
        assert "error" not in res, res["error"]
        out[text.stem] = res
    return out


def summary(res):
    return (f"{res['document']}: core {res['core']['F1']}, all {res['all']['F1']}, links {res['links']['F1']}; "
            f"missed {res['missed']}; false positives {res['false_positives']}; wrong type {res['wrong_type']}")


def test_seed(scores):
    res = scores["seed"]
    assert res["offset_errors"] == 0, summary(res)
    assert res["core"]["F1"] >= 0.95, summary(res)
    assert res["all"]["F1"] >= 0.90, summary(res)
    assert res["links"]["F1"] >= 0.92, summary(res)


def test_dev_documents(scores):
    dev = [scores[p.stem] for p in DEV]
    report = "\n".join(summary(r) for r in dev)
    assert all(r["offset_errors"] == 0 for r in dev), report
    mean = {k: sum(r[k]["F1"] for r in dev) / len(dev) for k in ("core", "all", "links")}
    assert mean["core"] >= 0.88, f"mean core F1 {mean['core']:.3f}\n{report}"
    assert mean["all"] >= 0.83, f"mean all F1 {mean['all']:.3f}\n{report}"
    assert mean["links"] >= 0.85, f"mean links F1 {mean['links']:.3f}\n{report}"
