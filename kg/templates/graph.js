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

  const state = { shown: 0, hiddenTypes: new Set(), cooccurrence: false, cooccurrenceMin: 1, relations: true };
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
    return state.hiddenTypes.has(n.kind === "entity" ? n.type : "Section");
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

  function openEntity(id) {
    const info = data.entities[id];
    const t = types[info.type];
    const list = el("div", { class: "mentions" });
    let lastDoc = null, lastSection = null;
    let shown = 0;
    const renderMentions = (limit) => {
      const stop = Math.min(info.mentions.length, shown + limit);
      for (; shown < stop; shown++) {
        const [si, b, e] = info.mentions[shown];
        const [doc, section, para, text] = data.sentences[si];
        if (doc !== lastDoc) { lastDoc = doc; lastSection = null; list.append(el("h3", {}, data.docs[doc])); }
        if (section !== lastSection) {
          lastSection = section;
          const sec = sectionInfo.get(section);
          if (sec && sec.kind !== "Document") list.append(el("h4", {}, sec.title));
        }
        list.append(highlighted(text, b, e));
      }
      if (shown < info.mentions.length) {
        const rest = info.mentions.length - shown;
        list.append(el("button", { type: "button", class: "more-mentions", onclick: (ev) => { ev.target.remove(); renderMentions(MENTION_PAGE); } },
          `Show ${Math.min(rest, MENTION_PAGE)} more of ${rest}`));
      }
    };
    renderMentions(MENTION_PAGE);
    openPanel(
      el("div", { class: "type" }, swatch(info.type), `${t.zh} ${info.type}`),
      el("h2", { id: "entity-label" }, info.label),
      info.aliases.length ? el("div", { class: "aliases" }, "别名 Aliases: " + info.aliases.join("、")) : null,
      el("div", { class: "aliases" }, `${info.count} mention${info.count === 1 ? "" : "s"}`),
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

  function select(id) {
    const n = byId.get(id);
    if (!n) return;
    if (!nodes.get(id)) { addNodes([id]); updateCount(); }
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
  showMore();
  timings.added = performance.now();
  // The layout starts from precomputed positions; a relayout budget of ~12k node-iterations
  // keeps a large first view interactive within seconds on a slow machine.
  data.options.physics.stabilization.iterations = Math.max(10, Math.min(60, Math.round(12000 / nodes.length)));
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
  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0]);
  });

  buildLegend();
  $("more").addEventListener("click", showMore);
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
  window.kg = { network, nodes, edges, data, select, search, showMore, state };
})();
