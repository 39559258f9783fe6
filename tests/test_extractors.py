"""kg.extractors: the registry, and the promise that every extractor is tested."""
from pathlib import Path

import pytest

from kg.extractors import REGISTRY, find_mentions, get, register
from kg.mentions import TYPES, Mention
from kg.segment import segment

TESTS = Path(__file__).resolve().parent
TEXT = "全力推进青岭村人居环境整治，持续深化“党课开讲啦”活动，支持周口国家农高区建设。"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_extractor_has_a_test_module(name):
    assert (TESTS / f"test_extractor_{name}.py").is_file(), f"extractor {name!r} has no tests/test_extractor_{name}.py"


def test_no_test_module_for_an_extractor_that_is_gone():
    stale = [p.name for p in TESTS.glob("test_extractor_*.py") if p.stem[len("test_extractor_"):] not in REGISTRY]
    assert stale == []


def test_get_unknown_name_says_which():
    with pytest.raises(KeyError, match="no extractor named 'villages'; known: .*gazetteer"):
        get("villages")
    with pytest.raises(KeyError, match="villages"):
        find_mentions(TEXT, segment(TEXT), ["villages"])


def test_find_mentions_runs_only_the_names_given():
    words = segment(TEXT)
    assert {m.extractor for m in find_mentions(TEXT, words, ["quoted"])} == {"quoted"}
    assert find_mentions(TEXT, words, []) == []


def test_find_mentions_defaults_to_every_extractor():
    words = segment(TEXT)
    everything = find_mentions(TEXT, words)
    assert everything == [m for name in sorted(REGISTRY) for m in find_mentions(TEXT, words, [name])]
    assert {"suffixes", "quoted", "gazetteer"} <= {m.extractor for m in everything}


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_extractors_yield_valid_mentions_named_after_themselves(name):
    words = segment(TEXT)
    for m in find_mentions(TEXT, words, [name]):
        assert isinstance(m, Mention)
        assert m.extractor == name
        assert m.type in TYPES
        assert 0 <= m.begin < m.end <= len(TEXT)


def test_register_adds_a_named_extractor():
    @register("test-numbers")
    def numbers(text, words):
        yield Mention(0, 2, "Place", text[:2], 1, "test-numbers")

    try:
        assert get("test-numbers") is numbers
        assert find_mentions(TEXT, segment(TEXT), ["test-numbers"]) == [Mention(0, 2, "Place", "全力", 1, "test-numbers")]
    finally:
        del REGISTRY["test-numbers"]


def test_mention_rejects_unknown_type_and_empty_span():
    with pytest.raises(ValueError, match="Village"):
        Mention(0, 2, "Village", "青岭")
    with pytest.raises(ValueError):
        Mention(3, 3, "Place", "青岭")
