"""Word boundaries for the extractors: one jieba pass per document.

Extractors use words to find where a name starts (the left edge of
``…产业园`` or ``…村``), so jieba runs once per document here rather than
once per extractor. Dictionary part-of-speech tags come from jieba's own
table, a lookup per word, because ``jieba.posseg`` is ten times slower.
"""
from __future__ import annotations

import logging
import bisect
from dataclasses import dataclass
from functools import lru_cache

import jieba

PUNCT = set("，。、；：？！,.;:?!…—（）()《》〈〉【】[]{}“”‘’\"'「」『』 \u3000\t\n·•-－~～/|")


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    from jieba import posseg  # loads the tag table with the dictionary

    jieba.setLogLevel(logging.WARNING)
    return posseg.dt.word_tag_tab


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

    def is_start(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos


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
    _tag_table()
    starts, pos = [], 0
    # HMM off: unknown names fall apart into single characters, which the
    # extractors reassemble; the HMM glues them to neighbours (头红, 以青岭).
    for w in jieba.cut(text, HMM=False):
        starts.append(pos)
        pos += len(w)
    return Words(text, tuple(starts))
