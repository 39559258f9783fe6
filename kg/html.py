"""Stage 6 output: the graph as one offline, interactive HTML page.

networkx holds the graph model (entities, the documents and their numbered
parts, edges weighted by mentions); pyvis turns it into vis-network nodes,
edges and options; our own template (``kg/templates/graph.html``) inlines
vis-network and the page script, because pyvis's templates fetch Bootstrap
from a CDN in every mode.  The page opens from ``file://`` with no network.

Document text reaches the page only as JSON inside a
``<script type="application/json">`` element, with ``<``, ``>``, ``&`` and
``'`` escaped (Jinja's ``tojson``), and the page script puts it into the DOM
as text nodes: no label, title or sentence ever becomes markup.

Paragraphs are not nodes (a 200-document build has thousands): clicking a
section lists its entities paragraph by paragraph in the side panel.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.resources import files
from itertools import combinations

import jinja2
import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

import math

from kg.resolve import outer_mentions
from kg.sections import PART

# type -> (colour, vis-network shape, Chinese name); shapes whose size follows ``value``
TYPE_STYLE = {
    "Place": ("#4e79a7", "dot", "地点"),
    "Park": ("#59a14f", "triangle", "园区"),
    "Hero": ("#e15759", "star", "英雄"),
    "Campaign": ("#f28e2b", "diamond", "运动·行动"),
    "Industry": ("#17becf", "square", "产业"),
    "Concept": ("#b07aa1", "dot", "概念"),
    "Organization": ("#9c755f", "square", "机构"),
    "Site": ("#bcbd22", "triangleDown", "场馆·遗址"),
    "Person": ("#ff9da7", "star", "人物"),
    "Event": ("#7f7f7f", "diamond", "事件"),
    "Policy": ("#8cd17d", "hexagon", "政策"),
}
DOCUMENT_COLOUR, SECTION_COLOUR = "#3b3b58", "#d9dbe8"
HEADED = (PART,)               # sections drawn as nodes (sub-parts fold into their part); paragraphs go to the panel

ENTITY_CAP = 300               # entities drawn at first; "show more" adds this many again
OVERVIEW_PER_TYPE = 10         # a build of more than ENTITY_CAP entities opens on an overview: the top of each type
SECTION_EDGES = 4              # an entity is linked to its most-mentioning sections only
COOCCURRENCE_PARTNERS = 5      # co-occurrence edges kept per entity, strongest first
# relation (kg.relations) -> the label its edge carries
RELATION_LABELS = {"locatedIn": "位于", "commemorates": "纪念", "hasIndustry": "产业"}
LABEL_MAX = 24


@dataclass(frozen=True)
class PageData:
    """What the page needs beyond the drawn graph: mentions, sentences, sections."""

    docs: list            # [title]
    doc_info: list        # [[date (ISO 8601 or ""), number of entities]], as docs
    sections: list        # [node id, doc index, kind, title]
    sentences: list       # [doc index, section node id, paragraph number, text]
    entities: dict        # node id -> {type, label, aliases, count, mentions: [[sentence, begin, end]],
                          #   relations: [[relation, "out"|"in", other node, sentence or -1, begin, end, source]]}
    paragraphs: dict      # section node id -> [[paragraph number, excerpt, [entity node ids]]]


def _short(text: str, n: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _heading_text(text: str, section) -> str:
    line = text[section.begin:section.end].split("\n", 1)[0]
    if section.title and section.title in line:
        return line[: line.index(section.title) + len(section.title)]
    return _short(line, 40)


def _doc_title(result) -> str:
    return result.document.title or result.document.id


def graph_model(results, entity_of) -> tuple[nx.Graph, PageData]:
    """The page's graph (entities + document and part nodes) and its panel data.

    Entities are ordered by mentions (most first), then type and label, so the
    first ``ENTITY_CAP`` nodes are the ones drawn before "show more".
    """
    counts: Counter = Counter()
    for r in results:
        inside = outer_mentions(r.mentions)  # 马克思 in 马克思主义: linked, not counted (as kg:mentionCount)
        counts.update({entity_of(m): 0 for m in r.mentions})
        counts.update(entity_of(m) for m in r.mentions if m not in inside)
    ranked = sorted(counts, key=lambda e: (-counts[e], e.type, e.label))
    node_of = {e: f"e{i}" for i, e in enumerate(ranked)}

    g = nx.Graph()
    for e in ranked:
        g.add_node(node_of[e], kind="entity", type=e.type, label=e.label, count=counts[e])

    docs, doc_info, sections, sentences = [], [], [], []
    entities = {node_of[e]: {"type": e.type, "label": e.label, "aliases": list(e.aliases),
                             "count": counts[e], "mentions": [], "relations": []} for e in ranked}
    relation_docs: Counter = Counter()   # (subject node, relation, object node) -> documents stating it
    paragraphs: dict[str, dict[int, list]] = defaultdict(dict)
    section_weight: dict[str, Counter] = defaultdict(Counter)   # entity node -> section node -> mentions
    cooccurrence: Counter = Counter()

    for di, r in enumerate(results):
        text = r.document.text
        doc_node = f"d{di}"
        docs.append(_doc_title(r))
        doc_info.append([r.date or "", len({entity_of(m) for m in r.mentions})])
        sections.append([doc_node, di, "Document", _doc_title(r)])
        g.add_node(doc_node, kind="section", section="Document", label=_doc_title(r))
        section_node, para_number, sentence_index = {}, {}, {}
        for s in r.sections:
            if s.kind in HEADED:
                node = section_node[s.id] = f"d{di}s{len(section_node)}"
                title = _heading_text(text, s)
                sections.append([node, di, s.kind, title])
                g.add_node(node, kind="section", section=s.kind, label=title)
                parent = section_node.get(s.parent) if s.parent else None
                g.add_edge(node, parent or doc_node, kind="structure", weight=1, child=node)
            elif s.kind == "Paragraph":
                para_number[s.id] = s.order + 1
        by_id = {s.id: s for s in r.sections}
        in_paragraph: dict[str, list[str]] = defaultdict(list)
        for m, (para, sent, enclosing) in zip(r.mentions, r.containers()):
            ent = node_of[entity_of(m)]
            headed = [section_node[i] for i in enclosing if i in section_node]
            where = headed[-1] if headed else doc_node
            section_weight[ent][where] += 1
            span = by_id[sent] if sent else by_id[para] if para else None
            b, e = (span.begin, span.end) if span else (max(0, m.begin - 40), min(len(text), m.end + 40))
            key = (b, e)
            if key not in sentence_index:
                sentence_index[key] = len(sentences)
                sentences.append([di, where, para_number.get(para, 0), text[b:e]])
            entities[ent]["mentions"].append([sentence_index[key], m.begin - b, m.end - b])
            if para:
                in_paragraph[para].append(ent)
                rows = paragraphs[where]
                if para_number[para] not in rows:
                    p = by_id[para]
                    rows[para_number[para]] = [para_number[para], _short(text[p.begin:p.end], 40), {}]
                rows[para_number[para]][2][ent] = None    # a dict keeps first-seen order
        for ents in in_paragraph.values():
            for a, b in combinations(sorted(set(ents), key=lambda n: int(n[1:])), 2):
                cooccurrence[a, b] += 1
        _relations(r, di, node_of, entity_of, entities, sentences, sentence_index, relation_docs)

    for (a, rel, b), w in sorted(relation_docs.items(), key=lambda kv: (int(kv[0][0][1:]), kv[0][1], int(kv[0][2][1:]))):
        if not g.has_edge(a, b):  # drawn before co-occurrence, which then leaves the pair alone
            g.add_edge(a, b, kind="relation", relation=rel, weight=w, child=a)

    for ent, weights in section_weight.items():
        for where, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:SECTION_EDGES]:
            g.add_edge(ent, where, kind="mention", weight=w, child=ent)

    partners: dict[str, list] = defaultdict(list)
    for (a, b), w in cooccurrence.items():
        partners[a].append((w, b))
        partners[b].append((w, a))
    for a, ps in partners.items():
        for w, b in sorted(ps, key=lambda p: (-p[0], int(p[1][1:])))[:COOCCURRENCE_PARTNERS]:
            if not g.has_edge(a, b):
                g.add_edge(a, b, kind="cooccurrence", weight=w, child=a)

    data = PageData(docs, doc_info, sections, sentences, entities,
                    {k: [[n, ex, list(ents)] for n, ex, ents in (v[i] for i in sorted(v))]
                     for k, v in paragraphs.items()})
    return g, data


def _relations(r, di, node_of, entity_of, entities, sentences, sentence_index, relation_docs) -> None:
    """One document's relations into the panel data of both ends (with the sentence that
    states each one, its words marked, or the table it comes from) and the edge counts."""
    text = r.document.text
    sents = [s for s in r.sections if s.kind == "Sentence"]
    for x in r.relations:
        a, b = node_of[entity_of(x.subject)], node_of[entity_of(x.object)]
        relation_docs[a, x.predicate, b] += 1
        si, hb, he = -1, 0, 0
        if x.stated:
            # the sentence holding the end of the evidence (a paragraph's topic may lie sentences before)
            s = next((s for s in sents if s.begin < x.end <= s.end), None)
            sb, se = (s.begin, s.end) if s else (x.begin, x.end)
            if (sb, se) not in sentence_index:
                sentence_index[sb, se] = len(sentences)
                sentences.append([di, None, 0, text[sb:se]])
            si, hb, he = sentence_index[sb, se], max(x.begin, sb) - sb, x.end - sb
        entities[a]["relations"].append([x.predicate, "out", b, si, hb, he, x.source or ""])
        entities[b]["relations"].append([x.predicate, "in", a, si, hb, he, x.source or ""])


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def initial_layout(model: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic starting positions, so the browser needs only a short relayout.

    Documents lie on a sunflower spiral, their parts on a ring around them, and
    each entity at the mention-weighted centre of its sections, spread by rank.
    """
    pos: dict[str, tuple[float, float]] = {}
    docs = [n for n, a in model.nodes(data=True) if a.get("section") == "Document"]
    for i, d in enumerate(docs):
        r = 520 * math.sqrt(i) if len(docs) > 1 else 0.0
        pos[d] = (r * math.cos(i * GOLDEN_ANGLE), r * math.sin(i * GOLDEN_ANGLE))
        parts = [n for n in model[d] if model.nodes[n].get("kind") == "section"]
        for k, p in enumerate(parts):
            a = 2 * math.pi * k / len(parts)
            pos[p] = (pos[d][0] + 240 * math.cos(a), pos[d][1] + 240 * math.sin(a))
    for rank, (n, a) in enumerate((n, a) for n, a in model.nodes(data=True) if a["kind"] == "entity"):
        linked = [(model.edges[n, s]["weight"], pos[s]) for s in model[n] if s in pos]
        total = sum(w for w, _ in linked) or 1
        cx = sum(w * p[0] for w, p in linked) / total
        cy = sum(w * p[1] for w, p in linked) / total
        r = 70 + 25 * (rank % 7)
        pos[n] = (cx + r * math.cos(rank * GOLDEN_ANGLE), cy + r * math.sin(rank * GOLDEN_ANGLE))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _vis_options() -> dict:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110, "springConstant": 0.03,
                          "centralGravity": 0.05, "damping": 0.4},
            # bounded: a fixed number of iterations from the precomputed start, then physics off
            "stabilization": {"enabled": True, "iterations": 40, "updateInterval": 30, "fit": True},
        },
        "nodes": {
            "font": {"size": 14, "face": "sans-serif"},
            "scaling": {"min": 8, "max": 48,
                        # labels grow with the node and vanish when zoomed far out
                        "label": {"enabled": True, "min": 12, "max": 30, "drawThreshold": 9, "maxVisible": 40}},
        },
        "edges": {"smooth": False, "color": {"inherit": False}, "scaling": {"min": 1, "max": 6}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    }


def vis_network(model: nx.Graph) -> Network:
    """The pyvis network of the model: styles by type, size by mentions, width by weight.

    Nodes and edges are appended directly: pyvis's ``add_edge``/``from_nx``
    rescan every edge and make a 10k-node build take many seconds.
    """
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    pos = initial_layout(model)
    for n, a in model.nodes(data=True):
        if a["kind"] == "entity":
            colour, shape, zh = TYPE_STYLE[a["type"]]
            node = Node(n, shape, label=_short(a["label"]), color=colour, value=a["count"],
                        title=f"{a['label']}\n{zh} {a['type']} · {a['count']} mentions",
                        kind="entity", type=a["type"])
        else:
            is_doc = a["section"] == "Document"
            node = Node(n, "box", label=_short(a["label"], 16),
                        color=DOCUMENT_COLOUR if is_doc else SECTION_COLOUR,
                        font={"color": "#ffffff" if is_doc else "#1f1f2e", "size": 16 if is_doc else 13},
                        title=f"{a['label']}\n{a['section']}", kind="section", type=a["section"])
        node.options["x"], node.options["y"] = pos[n]
        net.nodes.append(node.options)
        net.node_ids.append(n)
    for u, v, a in model.edges(data=True):
        # networkx forgets the order an edge was added in: "from" is the entity or the sub-section.
        # Edge styles go by kind (EDGE_STYLE, applied by the page): 40k edges stay small.
        u, v = (u, v) if a["child"] == u else (v, u)
        extra = {"relation": a["relation"], "label": RELATION_LABELS[a["relation"]]} if a["kind"] == "relation" else {}
        net.edges.append(Edge(u, v, kind=a["kind"], value=a["weight"], **extra).options)
    net.options = _vis_options()
    return net


EDGE_STYLE = {
    "structure": {"color": "#8a8ca6", "width": 2, "dashes": True},
    "mention": {"color": "#c5c8d8"},
    # off until asked for, and never a spring: the layout shows sections, not co-occurrence
    "cooccurrence": {"color": "#e07b39", "physics": False},
    # subject -> object, labelled; shown unless unticked, never a spring either
    "relation": {"color": "#2a7f62", "arrows": "to", "physics": False, "width": 2,
                 "font": {"size": 11, "color": "#2a7f62", "strokeWidth": 3, "align": "middle"}},
}


def _asset(package: str, name: str) -> str:
    text = (files(package) / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{package}/{name} cannot be inlined: it closes its own element")
    return text


def page(results, entity_of, title: str | None = None, cap: int = ENTITY_CAP, overview: bool | None = None) -> str:
    """The whole HTML page of a build, as a string.

    ``overview`` (default: more than ``ENTITY_CAP`` entities) opens the page on
    the most-mentioned entities of each type, labelled and apart, with the
    full graph a click away.
    """
    results = list(results)
    model, data = graph_model(results, entity_of)
    net = vis_network(model)
    if title is None:
        title = data.docs[0] if len(data.docs) == 1 else f"{len(data.docs)} documents"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(files("kg") / "templates")),
                             autoescape=True, keep_trailing_newline=True)
    # tojson still escapes < > & ' ; Chinese stays UTF-8 instead of six-byte \u escapes
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env.get_template("graph.html").render(
        title=title,
        vis_js=_asset("pyvis", "lib/vis-9.1.2/vis-network.min.js"),
        vis_css=_asset("pyvis", "lib/vis-9.1.2/vis-network.css"),
        page_js=_asset("kg", "templates/graph.js"),
        page_css=_asset("kg", "templates/graph.css"),
        payload={
            "nodes": net.nodes, "edges": net.edges, "edge_style": EDGE_STYLE, "options": net.options, "cap": cap,
            "overview": OVERVIEW_PER_TYPE if (len(data.entities) > ENTITY_CAP if overview is None else overview) else 0,
            "doc_info": data.doc_info,
            "types": {t: {"colour": c, "shape": s, "zh": zh} for t, (c, s, zh) in TYPE_STYLE.items()},
            "docs": data.docs, "sections": data.sections, "sentences": data.sentences,
            "entities": data.entities, "paragraphs": data.paragraphs, "relation_labels": RELATION_LABELS,
        },
    )
