"""Punctuation variants find what the standard forms find.

Documents arrive with straight quotes for “”, 「」 and 『』 (traditional-style
corner quotes), half-width brackets and punctuation, 〈〉 for 《》, and
full-width digits. Each case writes a small document in the standard form,
checks the entity it names is found, then swaps in the variant (one
character for one, so offsets stay put) and expects the same mentions.
"""
from __future__ import annotations

import unicodedata

import pytest

from kg.document import document_from_text
from kg.pipeline import extract_document
from kg.resolve import clean_name
from kg.sections import split_sections



STRAIGHT_DOUBLE = str.maketrans({"“": '"', "”": '"'})
CORNER = str.maketrans({"“": "「", "”": "」"})
WHITE_CORNER = str.maketrans({"“": "『", "”": "』"})
STRAIGHT_SINGLE = str.maketrans({"‘": "'", "’": "'"})
HALF_BRACKETS = str.maketrans({"（": "(", "）": ")"})
HALF_PUNCTUATION = str.maketrans({"，": ",", "；": ";", "：": ":", "！": "!", "？": "?"})
ANGLE_TITLES = str.maketrans({"《": "〈", "》": "〉"})
FULL_DIGITS = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


def found(text: str) -> set[tuple[int, int, str, str]]:
    """Mentions as (begin, end, type, name), names compared without quotes and in NFKC."""
    result = extract_document(document_from_text(text))
    return {(m.begin, m.end, m.type, unicodedata.normalize("NFKC", clean_name(m.name))) for m in result.mentions}


CASES = [
    # (standard text, an entity it names, variant)
    pytest.param("持续深化“党课开讲啦”活动。", ("Campaign", "党课开讲啦活动"), STRAIGHT_DOUBLE, id="quoted-campaign-straight"),
    pytest.param("持续深化“党课开讲啦”活动。", ("Campaign", "党课开讲啦活动"), CORNER, id="quoted-campaign-corner"),
    pytest.param("持续深化“党课开讲啦”活动。", ("Campaign", "党课开讲啦活动"), WHITE_CORNER,
                 id="quoted-campaign-white-corner"),
    pytest.param("要坚定“四个自信”，做到“两个维护”。", ("Concept", "四个自信"), STRAIGHT_DOUBLE,
                 id="quoted-concept-straight"),
    pytest.param("要坚定“四个自信”，做到“两个维护”。", ("Concept", "两个维护"), CORNER, id="quoted-concept-corner"),
    pytest.param("打造“一刻钟便民生活圈”。", ("Campaign", "一刻钟便民生活圈"), WHITE_CORNER,
                 id="quoted-launched-white-corner"),
    pytest.param("全国公安系统一级英雄模范“雪山卫士”谭东同志。", ("Hero", "谭东"), STRAIGHT_DOUBLE,
                 id="hero-epithet-straight"),
    pytest.param("全国公安系统一级英雄模范“雪山卫士”谭东同志。", ("Hero", "谭东"), CORNER, id="hero-epithet-corner"),
    pytest.param("深刻领悟“‘两个确立’”的决定性意义。", ("Concept", "两个确立"), STRAIGHT_SINGLE,
                 id="nested-single-straight"),
    pytest.param("深刻领悟“‘两个确立’”的决定性意义。", ("Concept", "两个确立"), STRAIGHT_DOUBLE,
                 id="nested-double-straight"),
    pytest.param("党中央下发的《关于加强基层治理的意见》。", ("Policy", "关于加强基层治理的意见"), ANGLE_TITLES,
                 id="title-angle-brackets"),
    pytest.param("研讨班在中央党校（国家行政学院）开班。", ("Organization", "中共中央党校"), HALF_BRACKETS,
                 id="bracketed-alias-half-width"),
    pytest.param("红石镇现有产业与资源情况，主要发展草莓、菜葫芦、烤烟等特色产业。", ("Industry", "草莓"),
                 HALF_PUNCTUATION, id="industry-list-half-comma"),
    pytest.param("做大做强雄安中关村科技园等平台，发展空天信息和卫星互联网等产业。", ("Industry", "空天信息"),
                 HALF_PUNCTUATION, id="industry-and-half-comma"),
    pytest.param("打造“一刻钟便民生活圈”。创新举办省旅发大会，不断提升影响力。", ("Event", "省旅发大会"),
                 HALF_PUNCTUATION,
                 id="event-half-comma"),
    pytest.param("开展重点产业链招商行动，办好廊洽会、数博会，引进一批龙头企业。", ("Event", "数博会"),
                 HALF_PUNCTUATION,
                 id="event-list-half-comma"),
    pytest.param("加快青岭村建设，推进乡村振兴；发展草莓、烤烟等特色产业：打造“一刻钟便民生活圈”。",
                 ("Campaign", "一刻钟便民生活圈"), HALF_PUNCTUATION, id="clauses-half-punctuation"),
    pytest.param("实施工业互联网创新发展工程，打造10个“数字领航”企业、100个先进级智能工厂。",
                 ("Campaign", "数字领航"), FULL_DIGITS,
                 id="launched-count-full-digits"),
    pytest.param("办好第12届中国国际进口博览会。", ("Event", "第12届中国国际进口博览会"), FULL_DIGITS,
                 id="event-edition-full-digits"),
    pytest.param("实施“365”工程。", ("Campaign", "365工程"), FULL_DIGITS, id="quoted-number-full-digits"),
]


@pytest.mark.parametrize("text, entity, variant", CASES)
def test_variant_finds_what_the_standard_form_finds(text, entity, variant):
    variant_text = text.translate(variant)
    assert variant_text != text and len(variant_text) == len(text)
    standard = found(text)
    assert entity in {(t, n) for _, _, t, n in standard}
    assert found(variant_text) == standard


@pytest.mark.parametrize("heading, variant", [
    ("（一）坚持党的全面领导", HALF_BRACKETS),
    ("（1）加快乡村振兴", HALF_BRACKETS),
    ("1.加快乡村振兴", FULL_DIGITS),
    ("（2）加快乡村振兴", FULL_DIGITS),
])
def test_headings_with_variant_brackets_and_digits_open_the_same_sections(heading, variant):
    text = f"关于推进工作的意见\n一、总体要求\n{heading}\n推进各项工作。\n"
    kinds = [(s.kind, s.begin, s.end) for s in split_sections(text)]
    assert ("Part", 10, len(text) - 1) in kinds
    assert [(s.kind, s.begin, s.end) for s in split_sections(text.translate(variant))] == kinds


def test_full_width_date_is_the_documents_date():
    standard = extract_document(document_from_text("关于推进工作的意见\n2023年10月1日\n推进各项工作。"))
    variant = extract_document(document_from_text("关于推进工作的意见\n２０２３年１０月１日\n推进各项工作。"))
    assert standard.date == variant.date == "2023-10-01"
