"""People named by the words around them: ``李强同志``, ``新华社记者 李涛/摄``,
``省委书记王某某``, ``州长纽森``, ``曼斯菲尔德先生``, ``比尔·盖茨``. A Chinese name
must start with a common surname, a foreign one be written in the characters
of the standard transliteration table; heroes are found by
:mod:`kg.extractors.heroes`, national leaders by the lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import FUNCTION_CHARS, place_names, transliterated_start, transliteration_chars
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
        re.compile(rf"(?:{_TITLES}){_GAP}({_NAME})(?=[、，。；：:\s（(]|同志|指出|强调|表示|说|出席|主持|参加|讲话|调研|会见|正在|介绍|告诉|带领|认为)"),
    )


# Titles and forms of address that follow a name: 曼斯菲尔德先生, 纽森州长, 陈纳德将军.
_AFTER = ("先生|女士|夫人|夫妇|博士|教授|院士|将军|上将|中将|少将|上校|中校|少校|大使|总统|副总统|首相|总理|州长|"
          "市长|议员|参议员|众议员|议长|国务卿|部长|主席|老兵")
# Titles before a foreign name: 州长纽森, 参议员舒默.
_BEFORE_FOREIGN = "州长|总统|首相|国务卿|参议员|众议员|议员|议长|大使|市长|博士|教授|将军|先生|女士"


@lru_cache(maxsize=1)
def _foreign() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    chars = transliteration_chars()
    return (chars, re.compile(_AFTER),
            re.compile(rf"(?:{_BEFORE_FOREIGN})([{''.join(sorted(chars))}]{{2,6}})(?=[、，。；：\s（(和等]|$)"))  # 州长纽森


def _foreign_names(text: str):
    """Spans of foreign names; found from their anchors (·, a title) rather than tried at every
    character, which kept a regex over the transliteration characters slow on long documents."""
    chars, after, before = _foreign()
    for m in re.finditer("·", text):                      # 比尔·盖茨, 罗伯特·雷
        b = transliterated_start(text, m.start(), 5)
        if b == m.start() or text[b - 1:b] == "·":
            continue  # a name already read from its first ·
        e = m.end()
        while True:
            part = e
            while e < len(text) and e - part < 6 and text[e] in chars:
                e += 1
            if e == part or text[e:e + 1] != "·":
                break
            e += 1
        if e > m.end():
            yield b, e
    surnames = word_set("surnames")
    spans = [(m.start(), transliterated_start(text, m.start(), 6), m.start()) for m in after.finditer(text)]
    spans += [(None, m.start(1), m.end(1)) for m in before.finditer(text)]
    for title, b, e in spans:
        if e - b < 2 or (title is not None and text[b - 1:b] == "·"):
            continue                                        # 曼斯菲尔德先生, 纽森州长
        start = b
        # 感谢卢拉总统, 和拜登总统: a word or a conjunction ending in the run's first character
        while e - b > 2 and (text[b] in FUNCTION_CHARS or tag(text[b - 1:b + 1])[:1] == "v"):
            b += 1
        if b == start and e - b == 2 and text[b - 1:b] in surnames and tag(text[b - 2:b]) == "?" \
                and text[b - 1] not in FUNCTION_CHARS and tag(text[b - 1])[:1] not in ("v", "p", "c", "d"):
            b -= 1  # 陈纳德将军: a Chinese surname before a transliterated given name
        yield b, e


@register("people")
def find(text: str, words: Words):
    places = place_names()
    for b, e in _foreign_names(text):
        name = text[b:e]
        # 赞比亚总统, 吉尔吉斯斯坦总统: the end of a country's name, not a person's
        if any(text[b - k:e] in places for k in range(0, 5) if b - k >= 0):
            continue
        if "·" in name or not any(name[:k] in places for k in range(2, len(name) + 1)):
            yield Mention(b, e, "Person", name, PRIORITY - 5, "people")
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
