"""Whatever text a user hands over, the build neither raises nor writes a broken graph.

A property test generates documents from Chinese text, names the extractors
look for, numbered headings, quotes of every kind, masks, brackets, markup
and control characters, and checks the graph each time: it parses with
rdflib and pyoxigraph, every mention's offsets slice ``nif:isString`` to its
``nif:anchorOf``, and a second build writes the same bytes.
"""
from __future__ import annotations

import io
import re
import tempfile
import time
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.document import InputError, document_from_text, read_document
from kg.entities import Entity
from kg.pipeline import entity_resolver, extract_document, unify_types
from kg.rdf import document_iri, entity_iri, iri_segment, statements
from kg.turtle import write_turtle
from kg.vocab import KG, NIF

HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
NAMES = ["青岭村", "红石镇", "乡村振兴", "党课开讲啦", "四个自信", "两个确立", "中央党校", "国家行政学院",
         "产业园", "遂潼天然气综合利用产业园", "行动", "活动", "工程", "谭东", "雪山卫士", "同志", "英雄模范",
         "草莓", "烤烟", "特色产业", "产业集群", "数博会", "关于加强基层治理的意见", "习近平", "雄安新区"]
HEADINGS = ["一、", "二、", "十一、", "（一）", "(二)", "1.", "２．", "（1）", "(３)", "第一，", "一是", "三是"]
QUOTES = ["“”", "‘’", '""', "''", "「」", "『』", "《》", "〈〉", "【】", "[]", "（）", "()"]
MASKS = ["**", "＊＊", "×", "××", "某", "ＸＸ", "XX", "○○"]
MARKUP = ["<br>", "<BR/>", "<br />", "<p>", "</p>", "&nbsp;", "&amp;", "<b>", "<!-- -->", "\\", "\\n", "%20", "#"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\r", "\r\n",
            "\t", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ud800", "\u200b", "\u3000"]
PUNCTUATION = list("，。、；：？！,.;:?!…—·-/ ") + ["\n", "\n\n"]

hanzi = st.text(alphabet=HANZI, min_size=1, max_size=12)


@st.composite
def fragments(draw):
    kind = draw(st.sampled_from(["hanzi", "name", "heading", "quote", "mask", "markup", "control", "punct",
                                 "digits", "any"]))
    if kind == "hanzi":
        return draw(hanzi)
    if kind == "name":
        return draw(st.sampled_from(NAMES))
    if kind == "heading":
        return "\n" + draw(st.sampled_from(HEADINGS)) + draw(hanzi)
    if kind == "quote":
        pair = draw(st.sampled_from(QUOTES))
        inner = draw(st.one_of(hanzi, st.sampled_from(NAMES), st.sampled_from(MASKS)))
        return pair[0] + inner + pair[1] + draw(st.sampled_from(["", "活动", "行动", "工程", "产业园", "村"]))
    if kind == "mask":
        return draw(st.sampled_from(MASKS)) + draw(st.sampled_from(["村", "镇", "县", "产业园", "同志", ""]))
    if kind == "markup":
        return draw(st.sampled_from(MARKUP))
    if kind == "control":
        return draw(st.sampled_from(CONTROLS))
    if kind == "punct":
        return draw(st.sampled_from(PUNCTUATION))
    if kind == "digits":
        return draw(st.sampled_from(["2023年10月1日", "２０２３年１０月１日", "10个", "１０个", "5G", "第12届"]))
    return draw(st.text(max_size=8))


documents = st.lists(fragments(), min_size=1, max_size=40).map("".join)
file_names = st.one_of(st.sampled_from(["报告.txt", "..txt", "a b/c.txt", "**村(试行).txt", "中文 名称【1】.TXT",
                                        "%2F.txt", "#x?.txt"]),
                       st.text(min_size=1, max_size=12).map(lambda s: s + ".txt"))


def build_turtle(text: str, name: str) -> tuple[str, object]:
    results = unify_types([extract_document(document_from_text(text, name=name))])
    buf = io.StringIO()
    write_turtle(statements(results, entity_resolver(results)), buf)
    return buf.getvalue(), results[0]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, name=file_names)
def test_any_document_builds_into_a_graph_both_parsers_read(text, name):
    ttl, result = build_turtle(text, name)

    g = Graph().parse(data=ttl, format="turtle")
    ox = list(pyoxigraph.parse(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(ox) == len(g)

    doc = document_iri(result.document.id)
    [is_string] = list(g.objects(doc, NIF.isString))
    assert str(is_string) == result.document.text
    mentions = list(g.subjects(RDF.type, KG.Mention))
    assert len(mentions) == len(result.mentions)
    for m in mentions:
        begin, end = int(g.value(m, NIF.beginIndex)), int(g.value(m, NIF.endIndex))
        assert g.value(m, NIF.referenceContext) == doc
        assert str(is_string)[begin:end] == str(g.value(m, NIF.anchorOf))
    for s in result.sections:
        assert 0 <= s.begin < s.end <= len(result.document.text)

    assert build_turtle(text, name)[0] == ttl


@settings(max_examples=30, deadline=None)
@given(text=documents, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_document_reads_back_the_same_from_a_file(text, encoding):
    text = text.replace("\ud800", "")  # a lone surrogate cannot be encoded at all
    expected = document_from_text(text)
    if not expected.text.strip():
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "doc.txt")
        path.write_bytes(text.encode(encoding))
        try:
            doc = read_document(path)
        except InputError as exc:  # acceptable only where the text is strewn with control characters
            assert exc.reason.startswith("binary file"), exc
            return
    assert doc.text == expected.text


# -- names -----------------------------------------------------------------------

STRANGE_NAMES = ["青岭村", "**村", "＊＊产业园", "青岭村（试行）", "(试行)", "a b", "a/b", "../..", ".", "..", "",
                 "100%", "#1?", "<tag>", '"quoted"', "{x}|^`\\", "中文 名称", "\u3000", "e\u0301", "𠀀家村",
                 "\ud800", "\x00", "ｆｕｌｌ"]


@pytest.mark.parametrize("name", STRANGE_NAMES)
def test_iris_minted_from_names_are_valid_and_round_trip(name):
    iri = entity_iri(Entity("Place", name))
    segment = str(iri).rsplit("/", 1)[1]
    assert segment == iri_segment(name) and segment not in ("", ".", "..")
    assert re.fullmatch(r'(?:[^%\s<>"{}|^`\\/#?]|%[0-9A-F]{2})+', segment), segment
    ttl = f"<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n"
    assert URIRef(str(iri)) in set(Graph().parse(data=ttl, format="turtle").subjects())
    [quad] = list(pyoxigraph.parse(ttl.encode(), format=pyoxigraph.RdfFormat.TURTLE))
    assert quad.subject.value == str(iri)


def test_distinct_names_get_distinct_iris():
    assert len({iri_segment(n) for n in STRANGE_NAMES}) == len(STRANGE_NAMES)


def test_a_document_name_cannot_escape_its_iri_or_the_output_directory(tmp_path):
    for name in ["../../etc/passwd.txt", "..txt", "a/../../b.txt", "/abs/path.txt", "\\..\\x.txt"]:
        doc = document_from_text("加快青岭村建设。", name=name)
        assert "/" not in doc.id and "\\" not in doc.id and not doc.id.startswith(".")
        iri = str(document_iri(doc.id))
        assert iri.startswith("https://w3id.org/kg-cn/resource/doc/") and "/.." not in iri


def test_masked_and_bracketed_entity_labels_survive_rdflib_and_pyoxigraph():
    text = "关于**村的报告\n加快**村建设，推进青岭村（试行）工作，发展“××”产业园。\n"
    ttl, result = build_turtle(text, "**村 报告.txt")
    g = Graph().parse(data=ttl, format="turtle")
    ox_subjects = {t.subject.value for t in pyoxigraph.parse(ttl.encode(), format=pyoxigraph.RdfFormat.TURTLE)
                   if isinstance(t.subject, pyoxigraph.NamedNode)}
    assert {str(s) for s in g.subjects() if isinstance(s, URIRef)} == ox_subjects
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
              if isinstance(o, Literal)}
    assert any("**" in label for label in labels)


# -- size ---------------------------------------------------------------------------

@pytest.mark.slow
def test_a_10_mb_document_without_line_breaks_builds_in_linear_time():
    seed = (Path(__file__).resolve().parent.parent / "data" / "seed.txt").read_text(encoding="utf-8")
    line = seed.replace("\n", "")

    def seconds(n: int) -> float:
        text = (line * (n // len(line) + 1))[:n]
        t0 = time.perf_counter()
        build_turtle(text, "long.txt")
        return time.perf_counter() - t0

    seconds(10_000)  # load dictionaries and lexicons
    small, large = seconds(1_000_000), seconds(10_000_000)
    # linear: ten times the text, about ten times the time (noise allowed, quadratic is 100x)
    assert large < 20 * small, (small, large)
