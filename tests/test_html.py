"""The graph page as HTML: its data comes from the build, and document text never becomes markup."""
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from kg.cli import main
from kg.html import ENTITY_CAP, page
from kg.outputs import write_html
from kg.resolve import outer_mentions


@pytest.fixture(scope="module")
def build(seed_build):
    return seed_build


@pytest.fixture(scope="module")
def html(build):
    return page(*build)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.data_json, self._in_data = [], None, False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_data = dict(attrs).get("id") == "kg-data"

    def handle_data(self, data):
        if self._in_data:
            self.data_json = data
            self._in_data = False


def parsed(html):
    p = Tags()
    p.feed(html)
    return p.tags, json.loads(p.data_json)


def test_every_entity_of_the_build_is_a_node_with_all_its_mentions(build, html):
    results, entity_of = build
    mentions = Counter(entity_of(m) for r in results for m in r.mentions)
    # the count a node shows leaves out names met inside a longer name (马克思 in 马克思主义)
    standalone = Counter(entity_of(m) for r in results for m in r.mentions if m not in outer_mentions(r.mentions))
    _, data = parsed(html)
    nodes = {n["id"]: n for n in data["nodes"] if n["kind"] == "entity"}
    assert len(nodes) == len(mentions)
    by_key = {(e["type"], e["label"]): (nid, e) for nid, e in data["entities"].items()}
    for ent, n in mentions.items():
        nid, info = by_key[ent.type, ent.label]
        assert len(info["mentions"]) == n
        assert info["count"] == standalone[ent] == nodes[nid]["value"]
        assert info["aliases"] == list(ent.aliases)


def test_each_mention_is_highlighted_inside_its_sentence(build, html):
    results, entity_of = build
    surfaces = Counter((entity_of(m).label, r.document.text[m.begin:m.end]) for r in results for m in r.mentions)
    _, data = parsed(html)
    shown = Counter()
    for info in data["entities"].values():
        for si, b, e in info["mentions"]:
            shown[info["label"], data["sentences"][si][3][b:e]] += 1
    assert shown == surfaces


def test_documents_carry_title_date_and_entity_count(build, html):
    results, entity_of = build
    _, data = parsed(html)
    assert data["docs"] == [r.document.title or r.document.id for r in results]
    assert data["doc_info"] == [[r.date or "", len({entity_of(m) for m in r.mentions})] for r in results]


def test_a_large_build_opens_on_the_overview(build):
    _, small = parsed(page(*build))
    assert small["overview"] == 0  # the seed's entities fit under the cap: the graph itself
    _, large = parsed(page(*build, overview=True))
    assert large["overview"] > 0


def test_most_mentioned_entities_come_first_for_the_cap(html):
    _, data = parsed(html)
    values = [n["value"] for n in data["nodes"] if n["kind"] == "entity"]
    assert values == sorted(values, reverse=True)
    assert data["cap"] == ENTITY_CAP


def test_parts_are_section_nodes_linked_to_their_document(build, html):
    results, _ = build
    _, data = parsed(html)
    parts = [s for s in data["sections"] if s[2] == "Part"]
    seed_parts = [s for s in results[1].sections if s.kind == "Part"]   # seed sorts after inject
    assert seed_parts and len([p for p in parts if p[1] == 1]) == len(seed_parts)
    structure = {(e["from"], e["to"]) for e in data["edges"] if e["kind"] == "structure"}
    assert all((p[0], f"d{p[1]}") in structure for p in parts)


def test_document_text_never_becomes_markup(html):
    tags, data = parsed(html)
    assert [t for t, _ in tags if t == "img"] == []
    assert [t for t, _ in tags if t == "script"] == ["script"] * 3   # data, vis-network, page script
    assert "<img src=x" not in html and "<script>alert" not in html
    assert [e for e in data["entities"].values() if e["label"].startswith("<img") and "onerror" in e["label"]]
    assert "<script>alert(2)</script>" in data["docs"]
    assert [s for s in data["sentences"] if "<script>alert(2)</script>" in s[3]]


def test_page_loads_nothing_from_elsewhere(html):
    tags, _ = parsed(html)
    assert not [a for t, a in tags if "src" in a or "href" in a or t == "link"]
    csp = [a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_same_build_same_page(build, html):
    assert page(*build) == html


def test_write_html_writes_utf8(build, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    monkeypatch.setattr("locale.getpreferredencoding", lambda *a: "latin-1")
    path = write_html(*build, tmp_path)
    assert path == tmp_path / "graph.html"
    assert path.read_bytes().decode("utf-8") == page(*build)
    assert re.search(r'<meta charset="utf-8">', path.read_text(encoding="utf-8"))


def test_kg_build_writes_the_page_next_to_the_turtle(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("在井冈山开展“清廉四川”行动。\n成都市推进工作。\n", encoding="utf-8")
    assert main(["build", str(doc), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert (tmp_path / "out" / "graph.ttl").exists()
    _, data = parsed((tmp_path / "out" / "graph.html").read_text(encoding="utf-8"))
    assert {"井冈山", "成都市"} <= {e["label"] for e in data["entities"].values()}
