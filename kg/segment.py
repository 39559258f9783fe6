"""Word boundaries for the extractors: one jieba pass per document.

Extractors use words to find where a name starts (the left edge of
``…产业园`` or ``…村``), so the text is segmented once per document here
rather than once per extractor. Dictionary part-of-speech tags come from
jieba's own table, a lookup per word, because ``jieba.posseg`` is ten times
slower.

The segmenter is ``rjieba`` (jieba-rs, the Rust port, with jieba's default
dictionary): the same words as ``jieba.cut(text, HMM=False)``, a dozen
times faster. ``jieba`` stays the reference (:func:`reference_cut`; the
tests compare the two on the corpus) and the fallback where rjieba has no
wheel. Words added with :func:`add_word` go to both, the jieba way.
"""
from __future__ import annotations

import bisect
import itertools
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache

import jieba

log = logging.getLogger(__name__)

PUNCT = set("，。、；：？！,.;:?!…—（）()《》〈〉【】[]{}“”‘’\"'「」『』 \u3000\t\n·•-－~～/|")


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    from jieba import posseg  # reads the tags of jieba's dictionary file (not the prefix dictionary)

    jieba.setLogLevel(logging.WARNING)
    return posseg.dt.word_tag_tab


@lru_cache(maxsize=1)
def _rust():
    """rjieba's default segmenter, or None (with a one-line warning) where rjieba cannot be imported."""
    try:
        import rjieba
    except ImportError as exc:
        log.warning("kg: rjieba is not available (%s); segmenting with jieba, about 12 times slower", exc)
        return None
    return rjieba


# Words given to add_word, in order: the reference segmenter replays them.
_ADDED: list[tuple[str, int | None, str | None]] = []
_replayed = 0


def add_word(word: str, freq: int | None = None, tag: str | None = None) -> None:
    """Add a word to the dictionary, as ``jieba.add_word`` does (no ``freq``:
    jieba's suggested frequency, which keeps the word whole)."""
    _ADDED.append((word, freq, tag))
    rust = _rust()
    if rust is not None:
        rust.add_word(word, freq, tag)
    if tag:
        _tag_table()[word] = tag


def _jieba_dt() -> jieba.Tokenizer:
    """jieba's default tokenizer with every word of :func:`add_word` added."""
    global _replayed
    for word, freq, tag in _ADDED[_replayed:]:
        jieba.add_word(word, freq, tag)
    _replayed = len(_ADDED)
    return jieba.dt


def reference_cut(text: str) -> list[str]:
    """The words of ``text`` by jieba itself (HMM off): what :func:`cut` must equal."""
    return _jieba_dt().lcut(text, HMM=False)


def cut(text: str) -> list[str]:
    """The words of ``text``, HMM off: unknown names fall apart into single
    characters, which the extractors reassemble; the HMM glues them to
    neighbours (头红, 以青岭)."""
    rust = _rust()
    if rust is None:
        return reference_cut(text)
    return rust.cut(text, False)


def warm_up() -> None:
    """Load the dictionary and the tag table (before forking workers)."""
    _tag_table()
    cut("北京市人民政府")


@dataclass(frozen=True)
class Words:
    """The segmented text: ``starts[i]`` is where word i begins."""

    text: str
    starts: tuple[int, ...]

    def index_at(self, pos: int) -> int:
        """Index of the word containing character ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1

    def span(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def word(self, i: int) -> str:
        b, e = self.span(i)
        return self.text[b:e]

    def spans_between(self, begin: int, end: int):
        """(begin, end) of the words overlapping text[begin:end], clipped to it, left to right."""
        i = self.index_at(begin) if begin < len(self.text) else len(self.starts)
        while i < len(self.starts) and self.starts[i] < end:
            b, e = self.span(i)
            yield max(b, begin), min(e, end)
            i += 1

    @cached_property
    def _start_set(self) -> frozenset[int]:
        return frozenset(self.starts)

    def is_start(self, pos: int) -> bool:
        """True when a word begins at ``pos`` (a set lookup: the extractors ask this ~100k times a corpus)."""
        return pos in self._start_set


def tag(word: str) -> str:
    """jieba's dictionary tag of a word, or ``"?"`` for a word jieba does not know."""
    return _tag_table().get(word, "?")


# Half-width punctuation to the full-width forms the extractors' patterns are
# written in, full-width digits and letters to ASCII: one character for one,
# so every offset into the view is an offset into the document.
_VIEW = str.maketrans({
    ",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）",
    "「": "“", "」": "”", "『": "‘", "』": "’",
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
})


def matching_view(text: str) -> str:
    """The text as the extractors read it: punctuation variants made standard,
    same length, so offsets carry over unchanged."""
    return text.translate(_VIEW)


def segment(text: str) -> Words:
    words = cut(text)
    return Words(text, tuple(itertools.accumulate(map(len, words[:-1]), initial=0)) if words else ())
