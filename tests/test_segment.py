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
