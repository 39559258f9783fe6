"""Heroes named after their title: ``抗美援朝一级爆破英雄伍先华``,
``全国公安系统一级英雄模范“雪山卫士”谭东``, ``“人民楷模”布茹玛汗·毛勒朵``. A quoted
epithet between the title and the name is skipped; the name is two or three
characters, bounded by what may follow a name (``旧居``, ``生平``, ``同志``,
punctuation), or a transliterated name joined by ``·``. Heroes listed by name
before the kind of honour they share are heroes too: ``张桂梅、黄文秀等时代楷模``."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import FUNCTION_CHARS
from kg.lexicon import alternation, word_set
from kg.mentions import Mention
from kg.segment import Words, tag

PRIORITY = 55
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _titles() -> re.Pattern:
    alt = alternation(word_set("hero_titles"))
    return re.compile(rf"(?:{alt})(?:[“「『\"][^”」』\"\n]{{1,8}}[”」』\"])?")


def name_at(text: str, pos: int) -> str | None:
    followers = sorted(word_set("name_after"), key=len, reverse=True)
    for n in (2, 3):
        cand = text[pos:pos + n]
        if len(cand) == n and all(_HAN.match(c) for c in cand):
            rest = text[pos + n:]
            if not rest or any(rest.startswith(f) for f in followers):
                return cand
    return None


# A quoted honorific ending in a hero's title: “人民楷模”, “最美退役军人”, “时代楷模”.
_QUOTED_HONOUR = re.compile(r"“(?:[^”\n]{0,8}(?:楷模|英雄|模范|奋斗者)|[^”\n]{0,4}最美[^”\n]{1,8})”")
_FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6}?)+(?=[、，。；：等和）)\s]|$)")
# 张桂梅、黄文秀等(一批)时代楷模: names before 等 and the honour they share
_HONOUR_AFTER = re.compile(r"等(?:一批|同志)?[^，。；、]{0,6}?"
                           r"(?:时代楷模|英雄模范|先进模范|模范人物|英雄人物|先进典型|劳动模范|道德模范|英雄烈士|烈士|楷模)")
_ITEMS_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3}$")


def _listed_heroes(text: str):
    """Read back from each honour (``等时代楷模``) over the 、-separated names before it: cheaper
    than a list pattern tried at every character."""
    surnames = word_set("surnames")
    for m in _HONOUR_AFTER.finditer(text):
        items_m = _ITEMS_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if not items_m:
            continue
        items = items_m.group().split("、")
        if not all(i[0] in surnames and tag(i)[:2] in ("?", "nr") for i in items):
            continue  # 一个、两个等典型: only a list of names is a list of heroes
        pos = items_m.start()
        for item in items:
            yield pos, pos + len(item)
            pos += len(item) + 1


@register("heroes")
def find(text: str, words: Words):
    for m in _QUOTED_HONOUR.finditer(text):
        f = _FOREIGN.match(text, m.end())
        name = f.group() if f else name_at(text, m.end())
        if name and (f or (name[0] in word_set("surnames") and tag(name)[:2] in ("?", "nr"))):
            yield Mention(m.end(), m.end() + len(name), "Hero", name, PRIORITY, "heroes")
    for b, e in _listed_heroes(text):
        yield Mention(b, e, "Hero", text[b:e], PRIORITY, "heroes")
    for m in _titles().finditer(text):
        name = name_at(text, m.end())
        if name and name[0] in word_set("surnames") and tag(name)[:2] in ("?", "nr") and \
                name[0] not in FUNCTION_CHARS and not name.endswith(("化", "性")):  # 劳动模范和省, 道德模范常态化
            yield Mention(m.end(), m.end() + len(name), "Hero", name, PRIORITY, "heroes")
