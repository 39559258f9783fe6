// The kg graph page. Every string from the documents is put into the DOM as a
// text node (Element.append / textContent), never as markup.
(function () {
  "use strict";
  const timings = (window.kgTimings = { start: performance.now() });
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  const types = data.types;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const ranked = data.nodes.filter((n) => n.kind === "entity"); // most-mentioned first
  const sectionInfo = new Map(data.sections.map((s) => [s[0], { doc: s[1], kind: s[2], title: s[3] }]));
  // Each document's date (ISO 8601 date or year, "" when unknown) and year; the build's years.
  const docDate = data.doc_info.map((d) => d[0]);
  const docYear = docDate.map((d) => (d ? +d.slice(0, 4) : null));
  const buildYears = [...new Set(docYear.filter((y) => y !== null))].sort((a, b) => a - b);
  const edgesOf = new Map();
  const parentOf = new Map();
  const edgeTitle = {
    structure: () => "part of",
    mention: (w) => `${w} mention${w === 1 ? "" : "s"}`,
    cooccurrence: (w) => `together in ${w} paragraph${w === 1 ? "" : "s"}`,
    relation: (w, e) => `${data.relation_labels[e.relation]} ${e.relation} · stated in ${w} document${w === 1 ? "" : "s"}`,
  };
  data.edges.forEach((e, i) => {
    e.id = "x" + i;
    e.weight = e.value;
    e.title = edgeTitle[e.kind](e.value, e);
    Object.assign(e, data.edge_style[e.kind]);
    if (e.kind === "structure") delete e.value;
    if (e.kind === "structure") parentOf.set(e.from, e.to);
    for (const end of [e.from, e.to]) {
      if (!edgesOf.has(end)) edgesOf.set(end, []);
      edgesOf.get(end).push(e);
    }
  });

  const state = { shown: 0, hiddenTypes: new Set(), cooccurrence: false, cooccurrenceMin: 1, relations: true,
                  overview: false };
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const $ = (id) => document.getElementById(id);

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") e.className = v;
      else if (k === "style") e.style.cssText = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function swatch(type) {
    const t = types[type];
    return t ? el("span", { class: "swatch", style: "background:" + t.colour })
             : el("span", { class: "swatch box", style: "background:" + (type === "Document" ? "#3b3b58" : "#d9dbe8") });
  }

  function nodeHidden(n) {
    return state.hiddenTypes.has(n.kind === "entity" || n.kind === "caption" ? n.type : "Section");
  }

  // A node asked for in the overview (search, the document list) goes beside its type's group.
  function placeInOverview(n) {
    const caption = nodes.get("caption-" + (n.kind === "entity" ? n.type : ""));
    const k = nodes.length;
    if (!caption) return { x: -OVERVIEW_COL, y: (k % 20) * OVERVIEW_ROW };
    return { x: caption.x + OVERVIEW_COL / 2, y: caption.y + OVERVIEW_ROW * (1 + k % data.overview) };
  }

  function edgeHidden(e) {
    if (e.kind === "cooccurrence" && (!state.cooccurrence || e.weight < state.cooccurrenceMin)) return true;
    if (e.kind === "relation" && !state.relations) return true;
    const a = nodes.get(e.from), b = nodes.get(e.to);
    return !a || !b || a.hidden || b.hidden;
  }

  // Add entity nodes, the sections they are linked to (with their parents), and the edges between drawn nodes.
  function addNodes(ids) {
    const fresh = new Map();
    const add = (id) => {
      if (fresh.has(id) || nodes.get(id)) return;
      const n = Object.assign({}, byId.get(id));
      n.hidden = nodeHidden(n);
      fresh.set(id, n);
    };
    for (const id of ids) {
      add(id);
      for (const e of edgesOf.get(id) || []) {
        if (e.kind !== "mention") continue;
        for (let s = e.from === id ? e.to : e.from; s; s = parentOf.get(s)) add(s);
      }
    }
    const added = [...fresh.values()];
    placeNear(added);
    nodes.add(added);
    const newEdges = [];
    for (const n of added) {
      for (const e of edgesOf.get(n.id) || []) {
        const other = e.from === n.id ? e.to : e.from;
        // an edge between two fresh nodes is met twice: add it from its "from" end only
        if (fresh.has(other) ? e.from !== n.id : !nodes.get(other)) continue;
        newEdges.push(Object.assign({}, e, { hidden: edgeHidden(e) }));
      }
    }
    edges.add(newEdges);
    return added.length;
  }

  // New nodes start next to a drawn neighbour, so a short relayout suffices.
  function placeNear(fresh) {
    if (!network) return;
    const pos = network.getPositions();
    fresh.forEach((n, i) => {
      const near = (edgesOf.get(n.id) || []).map((e) => (e.from === n.id ? e.to : e.from)).find((o) => pos[o]);
      if (near) {
        const a = (i * 2.399963) % (2 * Math.PI);
        n.x = pos[near].x + 60 * Math.cos(a);
        n.y = pos[near].y + 60 * Math.sin(a);
      }
    });
  }

  function showMore() {
    const next = ranked.slice(state.shown, state.shown + data.cap).map((n) => n.id);
    state.shown += next.length;
    const added = addNodes(next);
    updateCount();
    if (network && added) relayout(80);
  }

  function updateCount() {
    const total = ranked.length;
    if (state.overview) {
      $("count").textContent = `Overview: the ${data.overview} most mentioned of each type · ${total} entities`;
      $("more").hidden = true;
      $("full").hidden = false;
      return;
    }
    const drawn = nodes.get({ filter: (n) => n.kind === "entity" }).length;
    $("count").textContent = drawn < total ? `${drawn} of ${total} entities (most mentioned first)` : `${total} entities`;
    $("more").hidden = drawn >= total;
    $("more").textContent = `Show ${Math.min(data.cap, total - state.shown)} more`;
  }

  function refreshVisibility() {
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: nodeHidden(n) })));
    edges.update(edges.get().map((e) => ({ id: e.id, hidden: edgeHidden(e) })));
  }

  // ---- legend and type filter ----
  function buildLegend() {
    const counts = {};
    for (const n of ranked) counts[n.type] = (counts[n.type] || 0) + 1;
    const legend = $("legend");
    legend.append(el("h2", {}, "类型 Types"));
    const row = (key, label, n) => {
      const box = el("input", { type: "checkbox", "data-type": key });
      box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) state.hiddenTypes.delete(key); else state.hiddenTypes.add(key);
        refreshVisibility();
      });
      legend.append(el("label", {}, box, swatch(key === "Section" ? "Part" : key), label, el("span", { class: "n" }, String(n))));
    };
    for (const t of Object.keys(types)) if (counts[t]) row(t, `${types[t].zh} ${t}`, counts[t]);
    row("Section", "文档·部分 Documents & parts", data.sections.length);
  }

  // ---- documents: title, date, entities; a click lists a document's entities ----
  function buildDocuments() {
    const box = $("documents");
    const order = data.docs.map((_, i) => i)
      .sort((a, b) => (docDate[a] || "\uffff").localeCompare(docDate[b] || "\uffff") || data.docs[a].localeCompare(data.docs[b]));
    box.append(el("h2", {}, `文档 Documents (${data.docs.length})`),
      el("ol", {}, ...order.map((i) => el("li", {},
        el("button", { type: "button", "data-doc": "d" + i, title: data.docs[i], onclick: () => select("d" + i) },
          el("span", { class: "doc-title" }, data.docs[i]),
          el("span", { class: "n" }, [docDate[i], `${data.doc_info[i][1]} entit${data.doc_info[i][1] === 1 ? "y" : "ies"}`]
            .filter(Boolean).join(" · ")))))));
  }

  // ---- side panel ----
  function openPanel(...children) {
    const body = $("panel-body");
    body.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }

  function entityChip(id, extra) {
    const info = data.entities[id];
    return el("button", { type: "button", class: "chip", "data-entity": id, onclick: () => select(id) },
      swatch(info.type), info.label, extra ? el("span", { class: "n" }, extra) : null);
  }

  function highlighted(text, b, e, cls) {
    return el("p", { class: cls || "sentence" }, text.slice(0, b), el("mark", {}, text.slice(b, e)), text.slice(e));
  }

  const MENTION_PAGE = 200;

  // A bar per year of the build, from its first year to its last: the entity's mentions that year.
  function yearChart(perYear) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = (tag, attrs, ...kids) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      for (const c of kids) e.append(c);
      return e;
    };
    const first = buildYears[0], last = buildYears[buildYears.length - 1];
    const W = 400, H = 90, top = 14, bottom = 18, span = last - first + 1;
    const max = Math.max(1, ...perYear.values());
    const bw = W / span;
    const chart = svg("svg", { id: "year-chart", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img",
                               "aria-label": "mentions per year" });
    chart.append(svg("line", { x1: 0, x2: W, y1: H - bottom, y2: H - bottom, class: "axis" }));
    for (const y of buildYears) {  // years with documents: a tick, so gaps read as "no documents"
      chart.append(svg("rect", { x: (y - first) * bw, y: H - bottom, width: Math.max(1, bw - 1), height: 3, class: "has-docs" }));
    }
    for (const [y, n] of perYear) {
      const h = Math.max(1.5, (H - top - bottom) * n / max);
      chart.append(svg("rect", { x: (y - first) * bw, y: H - bottom - h, width: Math.max(1.5, bw - 1), height: h,
                                 class: "bar", "data-year": y, "data-mentions": n },
                       svg("title", {}, `${y}: ${n} mention${n === 1 ? "" : "s"}`)));
    }
    const peak = [...perYear].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    chart.append(svg("text", { x: 0, y: H - 4, class: "label" }, String(first)));
    chart.append(svg("text", { x: W, y: H - 4, class: "label end" }, String(last)));
    if (peak) {  // the busiest year, its label kept inside the chart
      const x = (peak[0] - first + 0.5) * bw;
      const anchor = x < 40 ? "start" : x > W - 40 ? "end" : "middle";
      chart.append(svg("text", { x: anchor === "start" ? 0 : anchor === "end" ? W : x, y: top - 3, class: "label peak",
                                 "text-anchor": anchor }, `${peak[0]}: ${peak[1]}`));
    }
    return el("div", { class: "year-chart" }, el("h3", {}, "每年提及 Mentions per year"), chart);
  }

  function openEntity(id) {
    const info = data.entities[id];
    const t = types[info.type];
    const list = el("div", { class: "mentions" });
    let lastDoc = null, lastSection = null;
    let shown = 0;
    // evidence by document, oldest first (undated last); each document's mentions in text order
    const order = info.mentions.map((m, i) => [data.sentences[m[0]][0], i])
      .sort((a, b) => (docDate[a[0]] || "\uffff").localeCompare(docDate[b[0]] || "\uffff") || a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => info.mentions[i]);
    const perDoc = new Map(), perYear = new Map();
    for (const [si] of info.mentions) {
      const doc = data.sentences[si][0];
      perDoc.set(doc, (perDoc.get(doc) || 0) + 1);
      if (docYear[doc] !== null) perYear.set(docYear[doc], (perYear.get(docYear[doc]) || 0) + 1);
    }
    const renderMentions = (limit) => {
      const stop = Math.min(order.length, shown + limit);
      for (; shown < stop; shown++) {
        const [si, b, e] = order[shown];
        const [doc, section, para, text] = data.sentences[si];
        if (doc !== lastDoc) {
          lastDoc = doc; lastSection = null;
          const n = perDoc.get(doc);
          list.append(el("h3", { class: "doc" }, data.docs[doc],
            el("span", { class: "date" }, [docDate[doc], `${n} mention${n === 1 ? "" : "s"}`].filter(Boolean).join(" · "))));
        }
        if (section !== lastSection) {
          lastSection = section;
          const sec = sectionInfo.get(section);
          if (sec && sec.kind !== "Document") list.append(el("h4", {}, sec.title));
        }
        list.append(highlighted(text, b, e));
      }
      if (shown < order.length) {
        const rest = order.length - shown;
        list.append(el("button", { type: "button", class: "more-mentions", onclick: (ev) => { ev.target.remove(); renderMentions(MENTION_PAGE); } },
          `Show ${Math.min(rest, MENTION_PAGE)} more of ${rest}`));
      }
    };
    renderMentions(MENTION_PAGE);
    openPanel(
      el("div", { class: "type" }, swatch(info.type), `${t.zh} ${info.type}`),
      el("h2", { id: "entity-label" }, info.label),
      info.aliases.length ? el("div", { class: "aliases" }, "别名 Aliases: " + info.aliases.join("、")) : null,
      el("div", { class: "aliases" }, `${info.count} mention${info.count === 1 ? "" : "s"} in ${perDoc.size} document${perDoc.size === 1 ? "" : "s"}`),
      buildYears.length > 1 ? yearChart(perYear) : null,
      relationList(info),
      list);
  }

  // An entity's relations, each with the sentence that states it (the words marked) or its data source.
  function relationList(info) {
    if (!info.relations.length) return null;
    const box = el("div", { class: "relations" }, el("h3", {}, `关系 Relations (${info.relations.length})`));
    for (const [rel, dir, other, si, b, e, source] of info.relations.slice(0, MENTION_PAGE)) {
      const name = `${data.relation_labels[rel]} ${rel}`;
      box.append(el("div", { class: "relation", "data-relation": rel },
        dir === "out" ? el("span", { class: "rel" }, name + " → ") : null,
        entityChip(other),
        dir === "in" ? el("span", { class: "rel" }, " → " + name + " → " + info.label) : null));
      if (si >= 0) {
        const [doc, , , text] = data.sentences[si];
        const p = highlighted(text, b, e, "evidence");
        p.append(el("span", { class: "n" }, " · " + data.docs[doc]));
        box.append(p);
      } else {
        box.append(el("p", { class: "evidence source" }, "据 Source: " + source));
      }
    }
    return box;
  }

  function openSection(id) {
    const sec = sectionInfo.get(id);
    const rows = [];
    const walk = (sid) => {
      for (const p of data.paragraphs[sid] || []) rows.push([sid, p]);
      for (const e of edgesOf.get(sid) || []) if (e.kind === "structure" && e.to === sid) walk(e.from);
    };
    walk(id);
    const body = [el("div", { class: "type" }, swatch(sec.kind), sec.kind === "Document" ? "文档 Document" : "部分 Part"),
                  el("h2", {}, sec.title)];
    if (sec.kind !== "Document") body.push(el("div", { class: "aliases" }, data.docs[sec.doc]));
    const totals = new Map();
    for (const [, p] of rows) for (const ent of p[2]) totals.set(ent, (totals.get(ent) || 0) + 1);
    body.push(el("h3", {}, `${totals.size} entities`));
    for (const [sid, p] of rows) {
      const s = sectionInfo.get(sid);
      body.push(el("h4", {}, `¶${p[0]} ${s && s.kind !== "Document" && sid !== id ? "· " + s.title + " · " : ""}${p[1]}`));
      body.push(el("div", { class: "chips" }, ...p[2].map((ent) => entityChip(ent))));
    }
    openPanel(...body);
  }

  // ---- overview: the most-mentioned entities of each type, as labelled boxes in one column per type ----
  const OVERVIEW_COL = 330, OVERVIEW_ROW = 46;
  function overviewNodes() {
    const present = Object.keys(types).filter((t) => ranked.some((n) => n.type === t));
    const cols = Math.min(6, present.length);
    const cellHeight = (data.overview + 2) * OVERVIEW_ROW;
    const out = [];
    present.forEach((t, k) => {
      const cx = (k % cols) * OVERVIEW_COL, cy = Math.floor(k / cols) * cellHeight;
      out.push({ id: "caption-" + t, label: `${types[t].zh} ${t}`, shape: "text", x: cx, y: cy, kind: "caption",
                 type: t, font: { size: 24, color: types[t].colour, face: "sans-serif", bold: true }, physics: false });
      ranked.filter((n) => n.type === t).slice(0, data.overview).forEach((n, i) => {
        const info = data.entities[n.id];
        out.push(Object.assign({}, n, {
          shape: "box", label: `${info.label}  ${info.count}`, x: cx, y: cy + (i + 1) * OVERVIEW_ROW, physics: false,
          color: { background: types[t].colour, border: types[t].colour }, margin: 6,
          font: { color: "#ffffff", size: 18, face: "sans-serif" }, widthConstraint: { maximum: OVERVIEW_COL - 30 },
        }));
      });
    });
    return out;
  }

  function showOverview() {
    state.overview = true;
    const fresh = overviewNodes();
    fresh.forEach((n) => { n.hidden = nodeHidden(n); });
    nodes.add(fresh);
    updateCount();
  }

  function showFullGraph() {
    state.overview = false;
    network.setOptions({ nodes: { scaling: { label: { enabled: labelScaling } } } });
    nodes.clear();
    edges.clear();
    state.shown = 0;
    showMore();
    $("full").hidden = true;
    relayout(Math.max(10, Math.min(60, Math.round(12000 / nodes.length))));
  }

  function select(id) {
    const n = byId.get(id);
    if (!n) return;
    if (!nodes.get(id)) {
      if (state.overview) nodes.add(Object.assign({}, n, { hidden: nodeHidden(n), physics: false }, placeInOverview(n)));
      else addNodes([id]);
      updateCount();
    }
    if (nodeHidden(n)) {
      state.hiddenTypes.delete(n.kind === "entity" ? n.type : "Section");
      const box = document.querySelector(`#legend input[data-type="${n.kind === "entity" ? n.type : "Section"}"]`);
      if (box) box.checked = true;
      refreshVisibility();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    if (n.kind === "entity") openEntity(id); else openSection(id);
  }

  // ---- search ----
  const searchIndex = ranked.map((n) => {
    const info = data.entities[n.id];
    return { id: n.id, keys: [info.label, ...info.aliases].map((k) => k.toLowerCase()) };
  });

  function search(q) {
    q = q.trim().toLowerCase();
    const out = $("search-results");
    if (!q) { out.hidden = true; out.replaceChildren(); return []; }
    const exact = [], partial = [];
    for (const s of searchIndex) {
      if (s.keys.some((k) => k === q)) exact.push(s.id);
      else if (s.keys.some((k) => k.includes(q))) partial.push(s.id);
    }
    const hits = exact.concat(partial);
    out.replaceChildren(...(hits.length ? hits.slice(0, 30).map((id) => {
      const info = data.entities[id];
      return el("li", { role: "option", "data-entity": id, onclick: () => { out.hidden = true; select(id); } },
        swatch(info.type), info.label, el("span", { class: "n" }, String(info.count)));
    }) : [el("li", { class: "none" }, "No entity matches")]));
    out.hidden = false;
    return hits;
  }

  // ---- the network ----
  let network = null;
  if (data.overview) showOverview(); else showMore();
  timings.added = performance.now();
  // The layout starts from precomputed positions; a relayout budget of ~12k node-iterations
  // keeps a large first view interactive within seconds on a slow machine.
  data.options.physics.stabilization.iterations = Math.max(10, Math.min(60, Math.round(12000 / nodes.length)));
  const labelScaling = data.options.nodes.scaling.label.enabled;
  if (data.overview) {  // laid out already, one column per type; labels at their own size, whatever the zoom
    data.options.physics.enabled = false;
    data.options.nodes.scaling.label.enabled = false;
  }
  network = new vis.Network($("graph"), { nodes, edges }, data.options);
  const ready = () => {
    network.setOptions({ physics: { enabled: false } });
    $("loading").hidden = true;
    timings.ready = performance.now();
    window.kgReady = true;
  };
  function relayout(iterations) {
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(iterations);
  }
  network.on("stabilizationIterationsDone", ready);
  if (data.overview) { network.fit({ animation: false }); ready(); }
  network.on("click", (p) => {
    if (p.nodes.length && byId.has(p.nodes[0])) select(p.nodes[0]);
  });

  buildLegend();
  buildDocuments();
  $("more").addEventListener("click", showMore);
  $("full").addEventListener("click", showFullGraph);
  $("panel-close").addEventListener("click", () => { $("panel").hidden = true; network.unselectAll(); });
  $("search").addEventListener("input", (ev) => search(ev.target.value));
  $("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const hits = search(ev.target.value);
      if (hits.length) { $("search-results").hidden = true; select(hits[0]); }
    } else if (ev.key === "Escape") { $("search-results").hidden = true; }
  });
  $("cooccurrence").addEventListener("change", (ev) => { state.cooccurrence = ev.target.checked; refreshVisibility(); });
  $("relations").addEventListener("change", (ev) => { state.relations = ev.target.checked; refreshVisibility(); });
  $("cooccurrence-min").addEventListener("input", (ev) => { state.cooccurrenceMin = Math.max(1, +ev.target.value || 1); refreshVisibility(); });

  // For tests and the curious: the drawn graph.
  window.kg = { network, nodes, edges, data, select, search, showMore, showFullGraph, state };
})();
