"""kg.sections: the structure of a document, as sections with offsets."""
import pytest

from kg.sections import (CLAUSE, KINDS, LEAD, PARAGRAPH, PART, POINT, SENTENCE, SUBPART, TITLE,
                         sentences, split_sections)

REPORT = (
    "关于2024年全县政府工作的报告\n"
    "一、过去一年的工作回顾\n"
    "（一）经济运行稳中向好。全年地区生产总值增长5.2%。\n"
    "第一，工业生产加快恢复；第二，消费市场持续回暖。\n"
    "1.扎实推进乡村振兴。一是抓好粮食生产，二是发展特色产业。\n"
    "（二）民生保障更加有力。\n"
    "新增城镇就业3200人。\n"
    "\n"
    "二、今年的主要任务\n"
    "坚定捍卫“两个确立”。我们要深入学习，全面贯彻！\n"
)


@pytest.fixture(scope="module")
def sections():
    return split_sections(REPORT)


def of_kind(sections, kind):
    return [s for s in sections if s.kind == kind]


def text_of(s):
    return REPORT[s.begin:s.end]


def test_title_line(sections):
    (title,) = of_kind(sections, TITLE)
    assert text_of(title) == "关于2024年全县政府工作的报告"
    assert title.title == "关于2024年全县政府工作的报告"
    assert title.parent is None


def test_parts_run_to_the_next_part(sections):
    one, two = of_kind(sections, PART)
    assert text_of(one).startswith("一、过去一年的工作回顾\n")
    assert text_of(one).endswith("新增城镇就业3200人。")
    assert (one.title, two.title) == ("过去一年的工作回顾", "今年的主要任务")
    assert text_of(two) == "二、今年的主要任务\n坚定捍卫“两个确立”。我们要深入学习，全面贯彻！"
    assert one.parent is None and two.parent is None
    assert (one.order, two.order) == (0, 1)


def test_subparts_run_to_the_next_subpart_and_sit_in_their_part(sections):
    one, two = of_kind(sections, SUBPART)
    part = of_kind(sections, PART)[0]
    assert one.title == "经济运行稳中向好"
    assert text_of(one).endswith("二是发展特色产业。")
    assert text_of(two) == "（二）民生保障更加有力。\n新增城镇就业3200人。"
    assert one.parent == two.parent == part.id


def test_clause_in_its_subpart(sections):
    (clause,) = of_kind(sections, CLAUSE)
    assert text_of(clause) == "1.扎实推进乡村振兴。一是抓好粮食生产，二是发展特色产业。"
    assert clause.title == "扎实推进乡村振兴"
    assert clause.parent == of_kind(sections, SUBPART)[0].id


def test_paragraphs_are_the_non_empty_lines(sections):
    lines = [line for line in REPORT.split("\n") if line.strip()]
    paragraphs = of_kind(sections, PARAGRAPH)
    assert [text_of(p) for p in paragraphs] == lines[1:]  # the title line is not a paragraph
    assert [p.order for p in paragraphs] == list(range(len(paragraphs)))


def test_points(sections):
    points = of_kind(sections, POINT)
    assert [(p.title, text_of(p)) for p in points] == [
        ("第一", "第一，工业生产加快恢复；"),
        ("第二", "第二，消费市场持续回暖。"),
        ("一是", "一是抓好粮食生产，"),
        ("二是", "二是发展特色产业。"),
    ]
    assert all(next(s for s in sections if s.id == p.parent).kind == PARAGRAPH for p in points)


def test_no_point_inside_a_word():
    text = "我们坚持统一是前提，团结是保障。"
    assert of_kind(split_sections(text), POINT) == []


def test_lead_sentences(sections):
    leads = {s.title for s in of_kind(sections, LEAD)}
    assert "坚定捍卫“两个确立”" in leads
    # a paragraph of one sentence has no lead sentence: the sentence is the paragraph
    assert not any(text_of(s) == "新增城镇就业3200人。" for s in of_kind(sections, LEAD))


def test_lead_sentence_is_short_and_unbroken():
    text = "我们要坚持稳中求进，统筹发展和安全。全面推进各项工作。"
    assert of_kind(split_sections(text), LEAD) == []


def test_sentences(sections):
    texts = [text_of(s) for s in of_kind(sections, SENTENCE)]
    assert "全年地区生产总值增长5.2%。" in texts
    assert "我们要深入学习，全面贯彻！" in texts
    assert "第一，工业生产加快恢复；" in texts


def test_sentence_keeps_its_closing_quote():
    text = "他说：“要把人民放在心上。”随后离开。"
    assert [text[b:e] for b, e in sentences(text, 0, len(text))] == ["他说：“要把人民放在心上。”", "随后离开。"]


def test_sentence_without_final_stop():
    text = "全力抓好项目建设。持续优化营商环境"
    assert [text[b:e] for b, e in sentences(text, 0, len(text))] == ["全力抓好项目建设。", "持续优化营商环境"]


def test_ids_are_kind_and_offsets(sections):
    for s in sections:
        assert s.id == f"{s.kind.lower()}_{s.begin}_{s.end}"
    assert len({s.id for s in sections}) == len(sections)


def test_offsets_slice_the_text(sections):
    for s in sections:
        assert 0 <= s.begin < s.end <= len(REPORT)
        piece = text_of(s)
        assert piece == piece.strip(), s
        if s.kind in (PARAGRAPH, SENTENCE, LEAD, POINT, TITLE):
            assert "\n" not in piece, s


def test_parents_enclose_children(sections):
    by_id = {s.id: s for s in sections}
    for s in sections:
        if s.parent is not None:
            p = by_id[s.parent]
            assert p.begin <= s.begin and s.end <= p.end, (p, s)
            assert KINDS.index(p.kind) < KINDS.index(s.kind)


def test_every_sentence_and_paragraph_has_a_parent_but_top_levels(sections):
    for s in sections:
        if s.kind in (SENTENCE, LEAD, POINT):
            assert s.parent and s.parent.startswith("paragraph_")
    # a paragraph under a heading belongs to it
    para = next(s for s in sections if text_of(s) == "新增城镇就业3200人。" and s.kind == PARAGRAPH)
    assert para.parent == of_kind(sections, SUBPART)[1].id


def test_order_counts_each_kind(sections):
    for kind in KINDS:
        assert [s.order for s in of_kind(sections, kind)] == list(range(len(of_kind(sections, kind))))


def test_sorted_by_begin_outer_first(sections):
    keys = [(s.begin, -s.end) for s in sections]
    assert keys == sorted(keys)


def test_offsets_after_leading_blank_space():
    text = "\n\n  　一、总体要求  \n\t坚持以人民为中心。\n"
    secs = split_sections(text)
    assert [text[s.begin:s.end] for s in of_kind(secs, PARAGRAPH)] == ["一、总体要求", "坚持以人民为中心。"]
    (part,) = of_kind(secs, PART)
    assert text[part.begin:part.end] == "一、总体要求  \n\t坚持以人民为中心。"


def test_one_line_is_not_a_title():
    text = "全面推进乡村振兴"
    secs = split_sections(text)
    assert of_kind(secs, TITLE) == []
    assert [s.kind for s in secs] == [PARAGRAPH, SENTENCE]


def test_empty_text():
    assert split_sections("") == ()
    assert split_sections("\n \n") == ()
