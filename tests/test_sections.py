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


def texts_of(text, kind):
    return [text[s.begin:s.end] for s in split_sections(text) if s.kind == kind]


def test_indented_paragraphs_inside_one_line_are_paragraphs():
    # speeches copied from web pages: one line, each paragraph indented with two ideographic or em spaces
    text = "新华社北京电\u3000\u3000同志们：\u3000\u3000今天我们在这里集会。\u2003\u2003首先，我代表党中央致以问候。"
    assert texts_of(text, TITLE) == ["新华社北京电"]
    assert texts_of(text, PARAGRAPH) == ["同志们：", "今天我们在这里集会。", "首先，我代表党中央致以问候。"]


def test_one_ideographic_space_does_not_split():
    text = "我们要凝聚上合力量\u3000完善全球治理。\n中华人民共和国主席\u3000习近平"
    assert texts_of(text, PARAGRAPH) == ["我们要凝聚上合力量\u3000完善全球治理。", "中华人民共和国主席\u3000习近平"]


def test_a_quotation_on_lines_of_its_own_stays_in_its_paragraph():
    text = "对外开放推出新举措，“\n一带一路\n”建设进展快速。\n\n第二段。"
    assert texts_of(text, PARAGRAPH) == ["对外开放推出新举措，“\n一带一路\n”建设进展快速。", "第二段。"]
    assert texts_of(text, SENTENCE) == ["对外开放推出新举措，“\n一带一路\n”建设进展快速。", "第二段。"]


def test_an_unclosed_quotation_does_not_swallow_the_next_paragraphs():
    # a quotation over several paragraphs opens each one and closes only the last
    text = "他指出：“第一段话。\n“第二段话。\n“第三段话。”\n第四段。"
    assert texts_of(text, PARAGRAPH) == ["他指出：“第一段话。", "“第二段话。", "“第三段话。”", "第四段。"]


@pytest.mark.parametrize("text, expected", [
    ("国内的主要矛盾是“工人阶级和资产阶级的矛盾。”的方针。下一句。",
     ["国内的主要矛盾是“工人阶级和资产阶级的矛盾。”的方针。", "下一句。"]),
    ("毛主席说：“我们要团结。要安定。”随后散会。", ["毛主席说：“我们要团结。要安定。”", "随后散会。"]),
    ("会议通过了决议（草案。修订稿）并公布。", ["会议通过了决议（草案。修订稿）并公布。"]),
    ("“这是引语。”他说。", ["“这是引语。”", "他说。"]),
    ("一句。  \u3000二句。", ["一句。", "二句。"]),
])
def test_sentences_never_end_inside_quotation_or_bracket(text, expected):
    assert [text[b:e] for b, e in sentences(text, 0, len(text))] == expected


def test_no_sentence_starts_with_a_closing_mark():
    text = "他说过：“\n我死了以后，她会闹事。\n”一九七六年以后，果然如此。“四人帮”竭力破坏。"
    for s in texts_of(text, SENTENCE):
        assert s[0] not in "”’」』）)", s


@pytest.mark.parametrize("text, title", [
    ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n", None),
    ("同志们！\n\n今天开会。", None),
    ("\u200b\n\n2026年政府工作报告\n来源：云南日报\n正文第一句。", "2026年政府工作报告"),
    ("决胜全面建成小康社会\n——在中国共产党第十九次全国代表大会上的报告\n（2017年10月18日）\n同志们：\n正文。",
     "决胜全面建成小康社会"),
    ("（2017年10月18日）\n正文。", None),
    ("现在，我代表国务院，向大会报告政府工作，请各位代表审议\n正文。", None),
])
def test_title_is_the_first_title_like_line(text, title):
    assert texts_of(text, TITLE) == ([title] if title else [])


def test_invisible_lines_are_not_paragraphs():
    text = "\u200b\n第一段。\n\u200b\u3000\n第二段。"
    assert texts_of(text, PARAGRAPH) == ["第一段。", "第二段。"]


def test_a_number_alone_on_its_line_takes_the_next_lines_words_as_its_title():
    text = "一、\n提高设计工作。力求避免差错。\n二、\n加强施工的技术指导。\n"
    parts = [s for s in split_sections(text) if s.kind == "Part"]
    assert [p.title for p in parts] == ["提高设计工作", "加强施工的技术指导"]
