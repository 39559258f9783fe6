"""scripts/review_entities.py: the by-eye precision review prints counts and a sample with evidence."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load():
    spec = importlib.util.spec_from_file_location("review_entities", ROOT / "scripts" / "review_entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_counts_per_type_and_extractor_and_a_sample_with_its_sentence(capsys):
    assert load().main([str(ROOT / "data" / "seed.txt"), "-n", "3", "--type", "Park", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out and "suffixes" in out        # counts per type and per extractor
    sample = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(sample) == 3
    assert all("【" in line and "】" in line for line in sample)  # each entity shown in its sentence


def test_the_same_seed_draws_the_same_sample(capsys):
    review = load()
    review.main([str(ROOT / "data" / "seed.txt"), "-n", "5", "--seed", "3"])
    first = capsys.readouterr().out
    review.main([str(ROOT / "data" / "seed.txt"), "-n", "5", "--seed", "3"])
    assert capsys.readouterr().out == first
