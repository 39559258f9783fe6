"""People named by the words around them: ``李强同志``, ``新华社记者 李涛/摄``,
``省委书记王某某``. The name must start with a common surname; heroes are
found by :mod:`kg.extractors.heroes`, national leaders by the lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.lexicon import word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 45
_NAME = r"[\u4e00-\u9fff]{2,3}"
_GAP = r"[ \u3000]*"
_TITLES = "总书记|书记|省长|副省长|市长|副市长|县长|区长|镇长|乡长|主任|部长|局长|主席|总理|委员长|院长|校长|董事长|记者|通讯员|代表|同志"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    return (
        re.compile(rf"(?<=[、，。；：:\s（(])({_NAME})(?=同志|等同志)"),        # 李强同志
        re.compile(rf"记者{_GAP}({_NAME}){_GAP}/?{_GAP}摄"),                    # 记者 李涛/摄
        re.compile(rf"(?:{_TITLES}){_GAP}({_NAME})(?=[、，。；：:\s（(]|同志|指出|强调|表示|说)"),
    )


@register("people")
def find(text: str, words: Words):
    surnames = word_set("surnames")
    for pattern in _patterns():
        for m in pattern.finditer(text):
            name = m.group(1)
            # 王凯说: a two-character name whose match took the verb after it
            for cand in (name[:2],) if len(name) == 3 and name[2] in "说讲指强在到的和与等" else (name,):
                if cand[0] in surnames and words.is_start(m.start(1)) and cand[0] not in "和向与及" \
                        and cand[-1] not in "摄等" and tag(cand)[:2] in ("?", "nr"):
                    yield Mention(m.start(1), m.start(1) + len(cand), "Person", cand, PRIORITY, "people")
                    break
