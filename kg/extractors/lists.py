"""Short names listed together and sharing a last character that marks
infrastructure: ``三红线、由通线、四兰线`` (roads), ``人民路、解放路`` (streets).
One such name alone is too ambiguous (``一线``, ``思路``); a list of them is not."""
from __future__ import annotations

import re

from kg.extractors import register
from kg.mentions import Mention
from kg.segment import Words

PRIORITY = 35
KINDS = {"线": "Site", "路": "Site", "街": "Site", "桥": "Site"}
_ITEM = r"[\u4e00-\u9fff]{2}"   # road numbers are two characters: 三红线, 由通线
_LISTS = {ch: re.compile(rf"{_ITEM}{ch}(?:、{_ITEM}{ch})+") for ch in KINDS}
_NOT_STEMS = re.compile(r"^(?:[两几多]|.[条天地公道线])")
_NOT_NAMES = {"一线", "二线", "三线", "路线", "在线", "热线", "底线", "红线", "战线", "干线", "专线", "防线", "生命线",
              "思路", "道路", "出路", "新路", "老路", "大街", "小街"}


@register("lists")
def find(text: str, words: Words):
    for ch, pattern in _LISTS.items():
        for m in pattern.finditer(text):
            pos = m.start()
            if not words.is_start(pos):
                continue
            for item in m.group().split("、"):
                if item not in _NOT_NAMES and not _NOT_STEMS.search(item[:-1]):
                    yield Mention(pos, pos + len(item), KINDS[ch], item, PRIORITY, "lists")
                pos += len(item) + 1
