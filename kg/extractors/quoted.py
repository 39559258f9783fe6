"""Quoted names: the word after the closing quote, the verb before the opening
quote, or the shape of the quoted words decides the type.

    持续深化“党课开讲啦”活动        -> Campaign 党课开讲啦活动
    “招才引智”“招商引资”活动        -> Campaign 招才引智, Campaign 招商引资
    “海龙凯歌”文旅园区              -> Park
    坚定“四个自信”                  -> Concept (a numbered formula)
    “学思想、强党性、重实践、建新功” -> Concept (a parallel slogan)
    持续打造“清廉**”                -> Campaign (launched by its verb)

Quotes are evidence, not proof: a quoted colloquialism (“躺平”) matches
none of these and is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extractors import register
from kg.extractors.edges import has_proper, is_name_char
from kg.lexicon import alternation, stopwords, table, word_set
from kg.mentions import Mention
from kg.segment import Words

PRIORITY = 60
QUOTES = "“”", "「」", "『』", '""', "‘’", "''"
_N = "一二三四五六七八九十两"
_FORMULA = re.compile(rf"^(?:[{_N}]个.{{1,6}}|[{_N}].[{_N}多].|[{_N}][\u4e00-\u9fff]|[{_N}]区共.)$")
_PARALLEL = re.compile(r"[、，,；]")


@dataclass(frozen=True)
class Quote:
    open: int     # offset of the opening mark
    close: int    # offset just after the closing mark
    inner: str


def quotes(text: str) -> list[Quote]:
    found = []
    for o, c in QUOTES:
        body = f"[^{re.escape(o + c)}\\n]{{1,40}}"
        for m in re.finditer(f"{re.escape(o)}({body}){re.escape(c)}", text):
            found.append(Quote(m.start(), m.end(), m.group(1)))
    found.sort(key=lambda q: q.open)
    out, last = [], -1
    for q in found:  # straight quotes can pair across a closing mark; keep the first
        if q.open >= last:
            out.append(q)
            last = q.close
    return out


def groups(text: str, qs: list[Quote]) -> list[list[Quote]]:
    """Quotes that follow one another directly, or with only 、 between, share what comes after."""
    out: list[list[Quote]] = []
    for q in qs:
        if out and text[out[-1][-1].close:q.open] in ("", "、"):
            out[-1].append(q)
        else:
            out.append([q])
    return out


@lru_cache(maxsize=1)
def _tails():
    rows = table("quote_tails")
    types = {suffix: type_ for suffix, type_ in rows}
    alt = alternation(types)
    return types, re.compile(rf"(?:的[^，。；、“”等]{{0,8}}?)?[^，。；、“”的等]{{0,6}}?(?:{alt})")


def tail_after(text: str, pos: int) -> tuple[str, int] | None:
    """(type, end) of a suffix phrase right after a closing quote (“…”对标跨越行动)."""
    types, pattern = _tails()
    m = pattern.match(text, pos)
    if not m or not all(is_name_char(c) for c in m.group()):
        return None
    for suffix, type_ in sorted(types.items(), key=lambda kv: -len(kv[0])):
        if m.group().endswith(suffix):
            if m.group().startswith("的") and type_ != "Campaign":
                return None
            return type_, m.end()
    return None


_SAYING = re.compile(r"[。！？!?]$|哪里|怎么|什么|为什么|谁")
_ALL_NUMERALS = re.compile(rf"^[{_N}]+$")


def is_saying(text: str, q: Quote) -> bool:
    """A quoted sentence, not a name: a quotation after 说：/ 指出：(中国古人说：“治国之道，富民为始。”),
    a whole sentence, or a question or exclamation in the people's words (钱从哪里来、用到哪里去)."""
    return text[max(0, q.open - 1):q.open] in ("：", ":") or bool(_SAYING.search(q.inner.strip()))


def shape_type(inner: str) -> str | None:
    """The type a quoted name's own words give it, if any."""
    for suffix, type_ in table("quote_tails") if not _PARALLEL.search(inner) else ():  # “投资、项目、园区”: a list
        if inner.endswith(suffix) and len(inner) > len(suffix) + 1:
            return type_
    if _FORMULA.match(inner) and not _ALL_NUMERALS.match(inner):  # “九五”, “八七”: a plan's years, no formula
        return "Concept"
    parts = [p for p in _PARALLEL.split(inner) if p]
    if len(parts) >= 2 and all(2 <= len(p) <= 8 for p in parts) and sum(map(len, parts)) >= 3 * len(parts):
        # a slogan's parts are phrases (学思想、强党性); “投资、项目、园区” lists bare nouns
        return "Concept"
    return None


_ETC = re.compile(r"等(?:形式|活动|惠企实事|实事|载体|品牌|举措|项目|行动|工程|服务|系列活动)")
# What is done to an initiative, right after its quoted name: 206个“两重”项目, 推动“好房子”建设,
# 打好“稳拓调优”组合拳, 推动“贷投批量联动”提质扩面
_CARRIED_OUT = re.compile(r"(?:重大项目|项目|建设|组合拳|提质扩面|扩面提质)(?![\u4e00-\u9fff]{0,1}[者性])")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_COUNT = re.compile(rf"(?:一批|[0-9{_N}]+个|[0-9{_N}]+项)$")


def launched(text: str, q: Quote) -> bool:
    """True when a verb that launches initiatives governs the quote (打造“…”, 打造10个“…”)."""
    before = _COUNT.sub("", text[max(0, q.open - 16):q.open])
    verbs = word_set("quote_verbs")
    if any(before.endswith(v) for v in verbs):
        return True
    # 打造党性教育基地“红色矩阵”: the quoted name of the thing being built
    for k in range(2, 9):
        if not _HAN_RUN.fullmatch(before[-k:]):
            break
        head = before[:-k]
        if any(head[-n:] in verbs for n in (1, 2, 3, 4)):
            return True
    return False


def _han_count(s: str) -> int:
    return sum(len(run) for run in _HAN_RUN.findall(s))


@register("quoted")
def find(text: str, words: Words):
    stop = stopwords()
    found: list[tuple[Quote, str, str, int]] = []  # quote, type, name, end
    for group in groups(text, quotes(text)):
        after = group[-1].close
        tail = tail_after(text, after)
        etc = _ETC.match(text, after) or _CARRIED_OUT.match(text, after)
        run = launched(text, group[0])
        for q in group:
            inner = q.inner.strip()
            if len(inner) < 2 or inner in stop or not (tail or _han_count(inner) >= 2):
                continue  # “1+N”, “543”: without a suffix, a name needs words
            if not tail and (is_saying(text, q) or _ALL_NUMERALS.match(inner)):
                continue  # a quoted sentence, or a plan's years (“九五”) without the plan
            if tail and len(group) == 1 and text[q.close] != "的":
                type_, end = tail
                if type_ == "Park" and not has_proper(text, words, q.open + 1, q.close - 1):
                    continue  # “飞地”园区, “五好”园区: a kind of park, not a park's name
                found.append((q, type_, inner + text[q.close:end], end))
            elif tail or etc:
                found.append((q, tail[0] if tail else "Campaign", inner, q.close))
            elif (t := shape_type(inner)):
                found.append((q, t, inner, q.close))
            elif run:
                found.append((q, "Campaign", inner, q.close))
    # a name met once with its suffix (“勤廉三心”工程) keeps that full name when quoted alone
    full = {q.inner.strip(): (t, n) for q, t, n, e in found if e > q.close}
    for q, type_, name, end in found:
        if end == q.close and name in full:
            type_, name = full[name]
        # the mention is the quoted words: what a reader sees as the name
        b = q.open + 1 + (len(q.inner) - len(q.inner.lstrip()))
        yield Mention(b, b + len(q.inner.strip()), type_, name, PRIORITY, "quoted")
