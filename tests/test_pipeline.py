"""kg.pipeline: one document's sections and mentions, and a build of many."""
import dataclasses
import pickle

import pytest

from kg.document import document_from_text
from kg.mentions import Mention
from kg.pipeline import (build_results, entity_resolver, extract_document, unify_types,
                         unique_ids)
from kg.resolve import name_key
from kg.sections import PARAGRAPH, PART, SENTENCE, TITLE, split_sections

SPEECH = ("在全县乡村振兴工作会议上的讲话\n"
          "（2024年3月8日）\n"
          "一、提高政治站位\n"
          "全体党员要坚定“四个自信”，持续深化“党课开讲啦”活动。\n"
          "二、抓好重点任务\n"
          "全力推进青岭村人居环境整治，支持周口国家农高区建设。\n")


@pytest.fixture(scope="module")
def speech():
    return extract_document(document_from_text(SPEECH, "speech.txt"))


def surfaces(result):
    return {(m.type, m.name, m.surface(result.document.text)) for m in result.mentions}


def test_extract_document(speech):
    assert speech.sections == split_sections(speech.document.text)
    assert {("Concept", "四个自信", "四个自信"), ("Campaign", "党课开讲啦活动", "党课开讲啦"),
            ("Place", "青岭村", "青岭村"), ("Park", "周口国家农高区", "周口国家农高区"),
            ("Place", "周口市", "周口")} <= surfaces(speech)
    assert list(speech.mentions) == sorted(speech.mentions)
    assert speech.date == "2024-03-08"


def test_mentions_do_not_cross(speech):
    for a in speech.mentions:
        for b in speech.mentions:
            if a is not b and a.begin < b.end and b.begin < a.end:
                assert (a.begin <= b.begin and b.end <= a.end) or (b.begin <= a.begin and a.end <= b.end), (a, b)


def test_result_is_picklable(speech):
    assert pickle.loads(pickle.dumps(speech)) == speech


def test_containers(speech):
    text = speech.document.text
    kinds = {s.id: s for s in speech.sections}
    title = next(s for s in speech.sections if s.kind == TITLE)
    for m, (para, sentence, enclosing) in zip(speech.mentions, speech.containers()):
        if m.end <= title.end:  # the title line is no paragraph: its mentions are in the title only
            assert (para, sentence, enclosing) == (None, None, (title.id,))
            continue
        for sid in (para, sentence, *enclosing):
            s = kinds[sid]
            assert s.begin <= m.begin and m.end <= s.end
        assert kinds[para].kind == PARAGRAPH and kinds[sentence].kind == SENTENCE
        assert para in enclosing and sentence not in enclosing
        assert any(kinds[s].kind == PART for s in enclosing), m
    m = next(m for m in speech.mentions if m.name == "青岭村")
    para, _, enclosing = speech.containers()[speech.mentions.index(m)]
    part = next(kinds[s] for s in enclosing if kinds[s].kind == PART)
    assert part.title == "抓好重点任务"
    assert text[kinds[para].begin:kinds[para].end].startswith("全力推进青岭村")


def _result(name, text, mentions):
    doc = document_from_text(text, name)
    return dataclasses.replace(extract_document(doc), mentions=tuple(mentions))


def test_unify_types_gives_a_name_one_type_across_documents():
    a = _result("a.txt", "全面推行“一网通办”。", [Mention(5, 9, "Campaign", "一网通办", 60, "quoted")])
    b = _result("b.txt", "推进一网通办、一网统管。", [Mention(2, 6, "Concept", "一网通办", 50, "gazetteer"),
                                                  Mention(7, 11, "Concept", "一网统管", 50, "gazetteer")])
    c = _result("c.txt", "深化一网通办改革。", [Mention(2, 6, "Concept", "一网通办", 50, "gazetteer")])
    out = unify_types([a, b, c])
    types = {name_key(m.name): {m.type} for r in out for m in r.mentions}
    assert {m.type for r in out for m in r.mentions if m.name == "一网通办"} == {"Concept"}
    assert types["一网统管"] == {"Concept"}
    assert [r.document.id for r in out] == ["a", "b", "c"]
    assert all(list(r.mentions) == sorted(r.mentions) for r in out)


def test_unique_ids_sorts_and_disambiguates():
    docs = [document_from_text("乙文。", "b.txt"), document_from_text("甲文。", "a.txt"),
            document_from_text("另一篇甲文。", "a.txt")]
    ids = [d.id for d in unique_ids(docs)]
    assert ids[2] == "b"
    assert ids[0] != ids[1] and all(i.startswith("a-") for i in ids[:2])


def test_build_results_reads_sorts_and_does_not_depend_on_input_order(tmp_path):
    (tmp_path / "b.txt").write_text("全力推进青岭村人居环境整治。\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("支持周口国家农高区建设。\n", encoding="utf-8")
    forward = build_results([tmp_path])
    backward = build_results([tmp_path / "sub" / "a.txt", tmp_path / "b.txt"])
    assert [r.document.id for r in forward] == ["a", "b"]
    assert forward == backward


def test_entity_resolver_maps_every_mention(speech):
    other = _result("other.txt", "推进“青岭村”建设。", [Mention(3, 6, "Place", "“青岭村”", 60, "quoted")])
    results = unify_types([speech, other])
    entity_of = entity_resolver(results)
    for r in results:
        for m in r.mentions:
            e = entity_of(m)
            assert e.type == m.type and name_key(e.label) == name_key(m.name)
    village = {entity_of(m) for r in results for m in r.mentions if name_key(m.name) == "青岭村"}
    assert len(village) == 1 and village.pop().label == "青岭村"
