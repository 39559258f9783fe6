"""The graph page in headless Chromium (Debian's, driven by Playwright), as a person uses it."""
import os
import time
from pathlib import Path

import pytest

from kg.html import page
from kg.outputs import write_html
from kg.pipeline import build_results, entity_resolver

ROOT = Path(__file__).resolve().parents[1]
# screenshots for a person to look at: never in the user's out/
SHOTS = Path(os.environ.get("KG_TEST_OUTPUT", ROOT / "test-output"))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
try:
    from playwright.sync_api import sync_playwright
except ImportError:                     # pragma: no cover - depends on the machine
    sync_playwright = None

if sync_playwright is None or not os.access(CHROMIUM, os.X_OK):
    reason = "needs playwright and Debian's chromium (make test installs both)"
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=ARGS, viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


@pytest.fixture(scope="module")
def build(seed_build):
    return seed_build


@pytest.fixture(scope="module")
def site(build, tmp_path_factory):
    return write_html(*build, tmp_path_factory.mktemp("out"))


class Visit:
    """One page load, with everything the page asked the network for and every dialog it opened."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page()
        self.requests, self.dialogs, self.errors = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgReady === true", timeout=30_000)

    def js(self, script, arg=None):
        return self.page.evaluate(script, arg)

    def drawn_entities(self, type_=None):
        return self.js("""t => kg.nodes.get({filter: n => n.kind === 'entity' && !n.hidden && (!t || n.type === t)})
                              .map(n => n.id)""", type_)

    def entity(self, label):
        return self.js("l => Object.keys(kg.data.entities).find(id => kg.data.entities[id].label === l)", label)

    def click_node(self, node_id):
        # a point of the node that no other node covers, as a person would aim
        x, y = self.js("""id => {
            kg.network.focus(id, {scale: 2, animation: false});
            const box = kg.network.getBoundingBox(id), r = document.getElementById('graph').getBoundingClientRect();
            for (const fy of [0.5, 0.3, 0.7, 0.1, 0.9]) for (const fx of [0.5, 0.3, 0.7, 0.1, 0.9]) {
                const p = kg.network.canvasToDOM({x: box.left + fx * (box.right - box.left),
                                                  y: box.top + fy * (box.bottom - box.top)});
                if (kg.network.getNodeAt(p) === id) return [r.left + p.x, r.top + p.y];
            }
            throw new Error('node ' + id + ' is hidden under others');
        }""", node_id)
        self.page.mouse.click(x, y)
        self.page.wait_for_selector("#panel:not([hidden])")

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser, site):
    v = Visit(browser, site)
    yield v
    v.close()


def test_page_makes_no_network_request_and_raises_no_error(visit):
    assert visit.requests == [visit.url]
    assert visit.errors == []


def test_every_entity_is_drawn_when_under_the_cap(visit, build):
    results, entity_of = build
    n = len({entity_of(m) for r in results for m in r.mentions})
    assert len(visit.drawn_entities()) == n
    assert visit.page.text_content("#count") == f"{n} entities"


def test_beyond_the_cap_most_mentioned_come_first_and_show_more_adds_the_next(browser, build, tmp_path):
    results, entity_of = build
    path = tmp_path / "capped.html"
    path.write_text(page(results, entity_of, cap=10), encoding="utf-8")
    v = Visit(browser, path)
    ranked = v.js("kg.data.nodes.filter(n => n.kind === 'entity').map(n => n.id)")
    assert sorted(v.drawn_entities()) == sorted(ranked[:10])
    v.page.click("#more")
    assert sorted(v.drawn_entities()) == sorted(ranked[:20])
    assert v.page.text_content("#count").startswith(f"20 of {len(ranked)} entities")
    v.close()


def test_clicking_an_entity_lists_its_sentences_with_the_mention_marked(visit, build):
    results, entity_of = build
    seed = next(r for r in results if r.document.id == "seed")
    target = entity_of(seed.mentions[0])
    surfaces = [seed.document.text[m.begin:m.end] for r in results for m in r.mentions if entity_of(m) == target]
    visit.click_node(visit.entity(target.label))
    assert visit.page.text_content("#entity-label") == target.label
    assert visit.page.locator("#panel .sentence").count() == len(surfaces)
    assert visit.page.locator("#panel .sentence mark").all_text_contents() == surfaces


def test_clicking_a_section_lists_its_entities(visit, build):
    part = visit.js("kg.data.sections.find(s => s[2] === 'Part')[0]")
    visit.click_node(part)
    chips = visit.page.locator("#panel .chip").all_text_contents()
    assert chips
    visit.page.locator("#panel .chip").first.click()
    assert visit.page.text_content("#entity-label") == chips[0]


def test_filter_by_type_hides_and_shows_that_type_only(visit):
    places, total = len(visit.drawn_entities("Place")), len(visit.drawn_entities())
    assert places
    visit.page.uncheck('#legend input[data-type="Place"]')
    assert visit.drawn_entities("Place") == []
    assert len(visit.drawn_entities()) == total - places
    visit.page.check('#legend input[data-type="Place"]')
    assert len(visit.drawn_entities()) == total


def test_search_finds_by_label_and_by_alias_and_opens_the_entity(visit):
    visit.page.fill("#search", "井冈")
    assert "井冈山" in visit.page.text_content("#search-results")
    visit.page.press("#search", "Enter")
    assert visit.page.text_content("#entity-label") == "井冈山"
    label, alias = visit.js("""(() => { const e = Object.values(kg.data.entities).find(e => e.aliases.length);
                                       return e && [e.label, e.aliases[0]]; })()""")
    visit.page.fill("#search", alias)
    assert label in visit.page.locator("#search-results li").all_text_contents()[0]


def test_cooccurrence_edges_appear_on_request(visit):
    shown = "kg.edges.get({filter: e => e.kind === 'cooccurrence' && !e.hidden}).length"
    assert visit.js(shown) == 0
    visit.page.check("#cooccurrence")
    assert visit.js(shown) > 0


def test_relation_edges_are_labelled_and_toggled(visit, build):
    results, entity_of = build
    seed = next(r for r in results if r.document.id == "seed")
    assert seed.relations
    shown = "kg.edges.get({filter: e => e.kind === 'relation' && !e.hidden}).map(e => e.label)"
    labels = visit.js(shown)
    assert labels and set(labels) <= {"位于", "纪念", "产业"} and "纪念" in labels
    visit.page.uncheck("#relations")
    assert visit.js(shown) == []
    visit.page.check("#relations")
    assert sorted(visit.js(shown)) == sorted(labels)


def test_the_panel_lists_an_entitys_relations_with_the_sentence_that_states_them(visit, build):
    results, entity_of = build
    seed = next(r for r in results if r.document.id == "seed")
    memorial = next(x for x in seed.relations if x.predicate == "commemorates")
    site, hero = entity_of(memorial.subject), entity_of(memorial.object)
    visit.click_node(visit.entity(hero.label))
    relations = visit.page.locator("#panel .relation").all_text_contents()
    assert any(site.label in t and "commemorates" in t for t in relations), relations
    evidence = visit.page.locator("#panel .evidence mark").all_text_contents()
    assert seed.document.text[memorial.begin:memorial.end] in evidence
    sentence = visit.page.locator("#panel .evidence").first.text_content()
    assert seed.document.text[memorial.begin:memorial.end] in sentence
    visit.page.locator("#panel .relation .chip").first.click()
    assert visit.page.text_content("#entity-label") == site.label


def test_injected_markup_runs_no_script_and_shows_as_text(visit):
    img = visit.js("Object.keys(kg.data.entities).find(id => kg.data.entities[id].label.startsWith('<img'))")
    visit.click_node(img)
    assert visit.page.text_content("#entity-label").startswith("<img")
    assert "<script>alert(2)</script>" in visit.page.text_content("#panel")  # the document's title
    visit.click_node(visit.entity("成都市"))
    assert "开展<script>alert(2)</script>“清廉四川”行动" in visit.page.text_content("#panel")
    visit.click_node(visit.entity("井冈山"))
    assert "“<img src=x onerror=alert(1)>”行动在井冈山启动" in visit.page.text_content("#panel")
    assert visit.js("document.querySelectorAll('img').length") == 0
    assert visit.js("document.scripts.length") == 3
    assert visit.dialogs == [] and visit.errors == []


def test_screenshot_for_a_person(visit):
    """test-output/graph-page.png: the seed graph with one entity's panel open."""
    visit.click_node(visit.js("kg.data.nodes[0].id"))
    visit.js("kg.network.fit({animation: false})")
    visit.page.mouse.move(0, 0)
    shot = SHOTS / "graph-page.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


@pytest.mark.slow
def test_corpus_page_is_interactive_within_5_seconds(browser, tmp_path):
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"no corpus at {corpus}")
    results = build_results([corpus])
    path = write_html(results, entity_resolver(results), tmp_path)
    t0 = time.perf_counter()
    v = Visit(browser, path)
    elapsed = time.perf_counter() - t0
    # the first view is the overview: the most mentioned of each type, labelled
    per_type = v.js("kg.data.overview")
    drawn = v.drawn_entities()
    assert 0 < len(drawn) <= per_type * 11
    assert v.requests == [v.url]
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / "corpus-first-view.png"))
    v.js("kg.select(Object.keys(kg.data.entities).find(id => kg.data.entities[id].label === '乡村振兴'))")
    assert v.page.locator("#year-chart .bar").count() >= 8
    v.page.screenshot(path=str(SHOTS / "corpus-entity-panel.png"))
    v.close()
    assert elapsed < 5, f"corpus page took {elapsed:.1f} s to become interactive"


# ---------------------------------------------------------------- a build over several years

YEARS = {  # file name -> text; the year comes from the file name or the date line
    "2017.txt": "各位代表：\n大力推进乡村振兴。\n",
    "b.txt": "讲话\n（2019年5月4日）\n实施乡村振兴战略，乡村振兴要扎实推进。\n",
    "2019-06-01-c.txt": "要全面推进乡村振兴。\n",
    "undated.txt": "推进乡村振兴。\n",
}


@pytest.fixture(scope="module")
def years_site(tmp_path_factory):
    d = tmp_path_factory.mktemp("years")
    for name, text in YEARS.items():
        (d / name).write_text(text, encoding="utf-8")
    results = build_results([d])
    return write_html(results, entity_resolver(results), tmp_path_factory.mktemp("years-out"))


def test_entity_panel_charts_mentions_per_year_and_groups_evidence_by_document(browser, years_site):
    v = Visit(browser, years_site)
    v.click_node(v.entity("乡村振兴"))
    bars = v.js("""[...document.querySelectorAll('#year-chart .bar')]
                   .map(b => [+b.dataset.year, +b.dataset.mentions])""")
    assert bars == [[2017, 1], [2019, 3]]
    heads = v.page.locator("#panel h3.doc").all_text_contents()
    # oldest first, each with its title (else its name), date and mentions; the undated document last
    assert heads == ["20172017 · 1 mention", "讲话2019-05-04 · 2 mentions", "2019-06-01-c2019-06-01 · 1 mention",
                     "undated1 mention"]
    assert v.page.locator("#panel .sentence").count() == 5
    SHOTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(SHOTS / "entity-panel-year-chart.png"))
    v.close()


def test_no_year_chart_for_a_build_of_one_year(visit):
    visit.click_node(visit.js("kg.data.nodes[0].id"))
    assert visit.page.locator("#year-chart").count() == 0


def test_overview_first_then_the_full_graph(browser, build, tmp_path):
    results, entity_of = build
    path = tmp_path / "overview.html"
    path.write_text(page(results, entity_of, overview=True), encoding="utf-8")
    v = Visit(browser, path)
    per_type = v.js("kg.data.overview")
    drawn = v.js("kg.nodes.get({filter: n => n.kind === 'entity'}).map(n => [n.id, n.type])")
    ranked = v.js("kg.data.nodes.filter(n => n.kind === 'entity').map(n => [n.id, n.type])")
    for t in {t for _, t in ranked}:
        assert [i for i, tt in drawn if tt == t] == [i for i, tt in ranked if tt == t][:per_type]
    assert v.js("kg.edges.length") == 0
    # labels are legible: no two drawn entities closer than a label's height
    assert v.js("""(() => { const p = Object.values(kg.network.getPositions()); let m = 1e9;
                    for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++)
                      m = Math.min(m, Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y));
                    return m; })()""") >= 40
    v.page.click("#full")
    v.page.wait_for_function("window.kg.edges.length > 0")
    assert sorted(v.drawn_entities()) == sorted(i for i, _ in ranked)
    v.close()


def test_sidebar_lists_documents_and_never_covers_the_graph(visit, build):
    results, _ = build
    sidebar = visit.js("(() => { const r = document.getElementById('sidebar').getBoundingClientRect(); return r.right; })()")
    graph = visit.js("document.getElementById('graph').getBoundingClientRect().left")
    assert sidebar <= graph
    titles = visit.page.locator("#documents .doc-title").all_text_contents()
    assert sorted(titles) == sorted(r.document.title or r.document.id for r in results)
    visit.page.locator("#documents button").first.click()
    visit.page.wait_for_selector("#panel:not([hidden])")
    assert visit.page.locator("#panel .chip").count() > 0
