"""kg.segment: one jieba pass a document, words as start offsets."""
from kg.segment import segment, tag

TEXT = "全力推进青岭村人居环境整治，加快建设产业园。"


def test_words_cover_the_text_in_order():
    w = segment(TEXT)
    assert w.starts[0] == 0
    assert list(w.starts) == sorted(set(w.starts))
    assert "".join(w.word(i) for i in range(len(w.starts))) == TEXT


def test_span_and_index_at_agree():
    w = segment(TEXT)
    for i in range(len(w.starts)):
        b, e = w.span(i)
        assert b < e
        assert all(w.index_at(p) == i for p in range(b, e))
    assert w.span(len(w.starts) - 1)[1] == len(TEXT)


def test_is_start():
    w = segment(TEXT)
    assert w.is_start(0)
    assert w.is_start(TEXT.index("推进"))
    assert not w.is_start(TEXT.index("推进") + 1)
    assert not w.is_start(len(TEXT) + 5)


def test_unknown_names_fall_apart_into_characters():
    # HMM off: an unknown village name is not glued to its neighbours
    text = "以青岭村为试点"
    w = segment(text)
    assert w.is_start(text.index("青"))


def test_empty_text():
    w = segment("")
    assert w.starts == ()


def test_tags_from_jieba_dictionary():
    assert tag("推进") == "v"
    assert tag("北京") == "ns"
    assert tag("青岭") == "?"


# -- rjieba against jieba, the reference -------------------------------------

import logging  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kg import segment as seg  # noqa: E402
from kg.document import read_document  # noqa: E402
from kg.segment import matching_view  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _texts(paths):
    for p in paths:
        text = read_document(p).text
        yield p.name, text
        yield p.name + " (matching view)", matching_view(text)


def _assert_same_words(paths):
    paths = list(paths)
    assert paths
    for name, text in _texts(paths):
        assert seg.cut(text) == seg.reference_cut(text), name


def test_rjieba_cuts_the_seed_and_dev_documents_as_jieba_does():
    _assert_same_words([ROOT / "data" / "seed.txt", *sorted((SHARED / "dev").glob("*.txt"))])


@pytest.mark.slow
def test_rjieba_cuts_the_corpus_as_jieba_does():
    _assert_same_words(sorted((SHARED / "corpus").rglob("*.txt")))


def test_an_added_word_is_cut_whole_by_both_and_gets_its_tag():
    text = "他说齉龘靐很好，靐齉也好"
    assert "齉龘靐" not in seg.cut(text)
    seg.add_word("齉龘靐", tag="nz")
    seg.add_word("靐齉", 5)
    assert "齉龘靐" in seg.cut(text) and "靐齉" in seg.cut(text)
    assert seg.cut(text) == seg.reference_cut(text)
    assert tag("齉龘靐") == "nz"


def test_without_rjieba_jieba_segments_after_one_warning(monkeypatch, caplog):
    monkeypatch.setitem(__import__("sys").modules, "rjieba", None)  # import rjieba now fails
    seg._rust.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="kg.segment"):
            assert seg.cut(TEXT) == seg.reference_cut(TEXT)
            seg.cut(TEXT)
        warnings = [r for r in caplog.records if "rjieba" in r.getMessage()]
        assert len(warnings) == 1 and "\n" not in warnings[0].getMessage()
    finally:
        seg._rust.cache_clear()
