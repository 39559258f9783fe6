"""Building corpora: documents merged into one graph, parallel workers, the extraction cache, progress."""
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.cli import main
from kg.corpus import ExtractionCache, build_corpus, extractor_version, read_corpus
from kg.progress import Progress
from kg.vocab import ITSRDF, KG, NIF

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "data" / "seed.txt").read_text(encoding="utf-8")
LINES = SEED.splitlines()
PART_TWO = "\n".join(LINES[6:11])  # 二、… with the industries paragraph


def write_docs(d: Path, docs: dict[str, str]) -> Path:
    for name, text in docs.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_text(text, encoding="utf-8")
    return d


def seed_parts(d: Path) -> Path:
    """The seed cut into four documents, two of them in a subdirectory."""
    return write_docs(d, {
        "a-opening.txt": "\n".join(LINES[0:6]),
        "b-develop.txt": "\n".join(LINES[6:11]),
        "more/c-act.txt": "\n".join(LINES[11:15]),
        "more/d-close.txt": "\n".join(LINES[15:]),
    })


def graph_of(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def entity_documents(g: Graph) -> dict[URIRef, set]:
    out: dict = {}
    for m, e in g.subject_objects(ITSRDF.taIdentRef):
        out.setdefault(e, set()).add(g.value(m, NIF.referenceContext))
    return out


def test_entities_merge_across_documents_and_mentions_keep_their_document(tmp_path):
    docs = write_docs(tmp_path / "docs", {
        "first.txt": "第一篇报告\n" + PART_TWO,
        "sub/second.txt": "第二篇报告\n2023年5月4日\n" + PART_TWO,
    })
    assert main(["build", str(docs), "--out", str(tmp_path / "out"), "-q", "--workers", "1"]) == 0
    g = graph_of(tmp_path / "out")
    contexts = set(g.subjects(RDF.type, NIF.Context))
    assert len(contexts) == 2
    per_entity = entity_documents(g)
    assert per_entity, "the shared paragraph names entities"
    # every entity of the shared paragraph is one IRI mentioned in both documents
    assert all(docs_ == contexts for docs_ in per_entity.values())
    assert all(set(g.objects(e, KG.inDocument)) == contexts for e in per_entity)
    # one IRI per name and type
    labels = [(g.value(e, RDF.type), g.value(e, RDFS.label)) for e in per_entity]
    assert len(labels) == len(set(labels))
    # in which documents and sections does an entity appear
    e = sorted(per_entity)[0]
    rows = set(g.query("""SELECT ?doc ?section WHERE { ?m itsrdf:taIdentRef ?e ;
                              nif:referenceContext ?doc ; kg:inSection ?section }""",
                       initNs={"itsrdf": ITSRDF, "nif": NIF, "kg": KG}, initBindings={"e": e}))
    assert {doc for doc, _ in rows} == contexts
    assert all(str(section).startswith(str(doc) + "#paragraph_") for doc, section in rows)


def test_each_document_is_a_context_with_its_metadata(tmp_path):
    text = "第二篇报告\n2023年5月4日\n" + PART_TWO
    docs = write_docs(tmp_path / "docs", {"second.txt": text})
    assert main(["build", str(docs), "--out", str(tmp_path / "out"), "-q"]) == 0
    g = graph_of(tmp_path / "out")
    (d,) = g.subjects(RDF.type, KG.Document)
    assert g.value(d, DCTERMS.title) == Literal("第二篇报告", lang="zh")
    assert str(g.value(d, DCTERMS.date)) == "2023-05-04"
    assert str(g.value(d, KG.sourcePath)) == str(docs / "second.txt")
    assert str(g.value(d, KG.sha256)) == hashlib.sha256(text.encode()).hexdigest()
    assert str(g.value(d, NIF.isString)) == text


def test_two_workers_write_the_same_bytes_as_one_whatever_the_input_order(tmp_path):
    docs = seed_parts(tmp_path / "docs")
    formats = "turtle,ntriples,jsonld,graphml,gexf"
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["build", str(docs), "--out", str(one), "-q", "--workers", "1", "--format", formats]) == 0
    paths = [str(docs / "more"), str(docs / "b-develop.txt"), str(docs / "a-opening.txt")]
    assert main(["build", *paths, "--out", str(two), "-q", "--workers", "2", "--format", formats]) == 0
    names = ["graph.ttl", "graph.nt", "graph.jsonld", "entities.graphml", "entities.gexf", "graph.html"]
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert len(set(graph_of(one).subjects(RDF.type, KG.Document))) == 4


def _term(t):
    """A term compared by value: Oxigraph stores an xsd:nonNegativeInteger as an xsd:integer."""
    import pyoxigraph as ox

    if isinstance(t, ox.Literal):
        integer = t.datatype.value.endswith(("#integer", "#nonNegativeInteger"))
        return t.value, t.language, "integer" if integer else t.datatype.value
    return t.value


def store_quads(out: Path) -> set:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return {(q.subject.value, q.predicate.value, _term(q.object)) for q in store}


def turtle_quads(out: Path) -> set:
    import pyoxigraph as ox

    return {(t.subject.value, t.predicate.value, _term(t.object))
            for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_store_holds_exactly_the_graph_also_when_fed_during_extraction(tmp_path, workers):
    docs = seed_parts(tmp_path / "docs")
    out = tmp_path / "out"
    for _ in range(2):  # extracted, then from the cache
        assert main(["build", str(docs), "--out", str(out), "-q", "--workers", workers]) == 0
        assert store_quads(out) == turtle_quads(out)
        assert len(store_quads(out)) > 1000
        assert [p.name for p in out.iterdir() if p.name.startswith(".store")] == []


def test_a_dask_cluster_builds_the_same_bytes_as_one_worker(tmp_path):
    """--dask ADDRESS against a LocalCluster of two worker processes on loopback."""
    distributed = pytest.importorskip("distributed")
    docs = seed_parts(tmp_path / "docs")
    one, dask = tmp_path / "one", tmp_path / "dask"
    assert main(["build", str(docs), "--out", str(one), "-q", "--workers", "1"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert main(["build", str(docs), "--out", str(dask), "-q", "--dask", cluster.scheduler_address]) == 0
        with distributed.Client(cluster) as client:  # the documents were extracted on the workers
            assert len(client.run(lambda: 1)) == 2
    for name in ("graph.ttl", "graph.html"):
        assert (one / name).read_bytes() == (dask / name).read_bytes(), name
    assert store_quads(dask) == turtle_quads(dask)


def test_an_unreachable_dask_scheduler_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("kg.corpus.DASK_TIMEOUT", 2)
    docs = seed_parts(tmp_path / "docs")
    assert main(["build", str(docs), "--out", str(tmp_path / "out"), "-q", "--no-cache",
                 "--dask", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg build: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and err.count("\n") == 1
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_rebuild_after_adding_a_document_extracts_only_that_one(tmp_path):
    docs = seed_parts(tmp_path / "docs")
    cache = tmp_path / "cache"
    _, first = build_corpus(read_corpus([docs]), workers=2, cache_dir=cache)
    assert (first.extracted, first.cached) == (4, 0)
    write_docs(docs, {"e-new.txt": "新增的一篇\n" + PART_TWO + "\n补充一段。"})
    results, again = build_corpus(read_corpus([docs]), workers=2, cache_dir=cache)
    assert (again.documents, again.extracted, again.cached) == (5, 1, 4)
    # cached results are the results: a rebuild from the cache equals a fresh one
    fresh, _ = build_corpus(read_corpus([docs]), workers=1, cache_dir=None)
    assert results == fresh


def test_a_renamed_document_comes_from_the_cache_under_its_new_name(tmp_path):
    docs = seed_parts(tmp_path / "docs")
    cache = tmp_path / "cache"
    build_corpus(read_corpus([docs]), workers=1, cache_dir=cache)
    shutil.move(docs / "b-develop.txt", docs / "b-renamed.txt")
    results, stats = build_corpus(read_corpus([docs]), workers=1, cache_dir=cache)
    assert stats.extracted == 0
    assert "b-renamed" in [r.document.id for r in results]


def test_another_extractor_version_misses_and_prunes_the_old_cache(tmp_path):
    docs = read_corpus([seed_parts(tmp_path / "docs")])
    cache = tmp_path / "cache"
    build_corpus(docs, workers=1, cache_dir=cache)
    assert (cache / extractor_version()).is_dir()
    newer = ExtractionCache(cache, version="0" * 16)
    assert all(newer.get(d) is None for d in docs)
    newer.prune()
    assert not (cache / extractor_version()).exists()


def test_extractor_version_is_a_hash_of_the_extractor_files(monkeypatch, tmp_path):
    import kg.corpus as corpus

    corpus.extractor_version.cache_clear()
    before = corpus.extractor_version()
    assert len(before) == 16 and before == corpus.extractor_version()
    # the same hash over a copy of the package with one lexicon line added differs
    pkg = tmp_path / "kg"
    shutil.copytree(Path(corpus.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(corpus, "__file__", str(pkg / "corpus.py"))
    corpus.extractor_version.cache_clear()
    try:
        assert corpus.extractor_version() == before
        lexicon = sorted((pkg / "lexicons").glob("*.tsv"))[0]
        lexicon.write_text(lexicon.read_text(encoding="utf-8") + "新名字\n", encoding="utf-8")
        corpus.extractor_version.cache_clear()
        assert corpus.extractor_version() != before
    finally:
        corpus.extractor_version.cache_clear()


def test_cli_reports_cached_documents_and_quiet_prints_nothing(tmp_path, capsys):
    docs = seed_parts(tmp_path / "docs")
    out = tmp_path / "out"
    assert main(["build", str(docs), "--out", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["build", str(docs), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "0 extracted" in err and "4 from cache" in err
    assert main(["build", str(docs), "--out", str(out), "--no-cache"]) == 0
    assert "4 extracted" in capsys.readouterr().err


def test_bad_worker_count_and_format_are_usage_errors(tmp_path, capsys):
    docs = seed_parts(tmp_path / "docs")
    assert main(["build", str(docs), "--out", str(tmp_path / "o"), "--workers", "0"]) == 2
    assert main(["build", str(docs), "--out", str(tmp_path / "o"), "--format", "rdfxml"]) == 2
    assert "unknown format 'rdfxml'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_progress_writes_plain_lines_with_rate_and_eta_when_not_a_terminal():
    from kg.document import document_from_text

    stream = io.StringIO()
    docs = [document_from_text("一" * 1000, f"d{i}.txt") for i in range(3)]
    p = Progress(len(docs), 3000, stream=stream, delay=0, every=0)
    for d in docs:
        p(d)
    p.close()
    p.close()  # closed again by a caller's cleanup: nothing more is written
    lines = stream.getvalue().splitlines()
    assert sum("3/3 documents" in line for line in lines) == 2  # the last progress line and the closing one
    assert lines[0].startswith("kg build: extracting 1/3 documents, 0.00/0.00 M chars")
    assert "3/3 documents" in lines[-1] and "k chars/s" in lines[-1] and "ETA 0 s" in lines[-1]
    assert "\r" not in stream.getvalue()


def test_progress_is_silent_for_a_build_shorter_than_its_delay():
    from kg.document import document_from_text

    stream = io.StringIO()
    p = Progress(1, 10, stream=stream, delay=60)
    p(document_from_text("一二三", "d.txt"))
    p.close()
    assert stream.getvalue() == ""


@pytest.mark.slow
def test_benchmark_meets_its_targets():
    """bench/bench_build.py on ../shared/corpus (KG_SLOW=1): the issue's speed and memory bar."""
    import subprocess
    import sys

    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.fail(f"{corpus} is missing")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_build.py"), "--check"],
                         capture_output=True, text=True, timeout=3600)
    print(run.stdout, run.stderr)
    assert run.returncode == 0, run.stdout[-3000:]


def test_writing_shows_it_is_still_running():
    import time

    from kg.progress import stage

    stream = io.StringIO()
    with stage("writing graph.ttl", stream=stream, delay=0.05, every=0.05):
        time.sleep(0.3)
    lines = stream.getvalue().splitlines()
    assert len(lines) >= 3 and lines[0].startswith("kg build: writing graph.ttl, ")
    assert lines[-1].startswith("kg build: writing graph.ttl: done in ")
    quiet = io.StringIO()
    with stage("writing graph.ttl", stream=quiet, delay=60):
        pass
    assert quiet.getvalue() == ""


def test_build_summary_counts_entities_as_the_graph_has_them(tmp_path, capsys):
    # two spellings of one name (a space apart) are one entity in the graph, and in the summary
    docs = write_docs(tmp_path / "docs", {"a.txt": "开展“清廉 学校”活动。\n开展“清廉学校”活动。\n推进乡村振兴。\n"})
    assert main(["build", str(docs), "--out", str(tmp_path / "out")]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    g = graph_of(tmp_path / "out")
    n = len(set(g.subjects(RDF.type, KG.Entity)))
    assert f": {n} entities," in summary


@pytest.mark.slow
def test_the_corpus_reads_as_documents(tmp_path):
    """kg build ../shared/corpus (KG_SLOW=1): issue 11's bar for a corpus an analyst can read."""
    import csv
    import os

    from kg.query import bind_params, run, shipped_queries
    from kg.store import open_store

    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.fail(f"{corpus} is missing")
    assert main(["build", str(corpus), "--out", str(tmp_path), "-q"]) == 0
    store = open_store(tmp_path)

    def rows(q):
        return [[t.value if t is not None else None for t in r] for r in run(store, q)]

    titles = dict(rows("SELECT ?p ?t WHERE { ?d a kg:Document ; kg:sourcePath ?p ; dcterms:title ?t }"))
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        manifest = {os.path.realpath(corpus / r["file"]): r["title"] for r in csv.DictReader(f, delimiter="\t")}
    assert {os.path.realpath(p): t for p, t in titles.items()} == manifest
    (dated,), = rows("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document ; dcterms:date ?x }")
    assert int(dated) >= 190
    (single,), = rows("""SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?d (COUNT(?p) AS ?k) WHERE {
                           ?d a kg:Document . OPTIONAL { ?p a kg:Paragraph ; nif:referenceContext ?d } } GROUP BY ?d }
                           FILTER(?k <= 1) }""")
    assert int(single) <= 5
    (closing,), = rows("""SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Sentence ; nif:anchorOf ?t
                            FILTER(STRSTARTS(?t, "”") || STRSTARTS(?t, "’") || STRSTARTS(?t, "」")) }""")
    assert int(closing) == 0
    (entities,), = rows("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Entity }")
    (counted,), = rows("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:mentionCount ?c }")
    assert entities == counted
    assert not run(store, "ASK { ?h a kg:Hero FILTER NOT EXISTS { ?h a kg:Person } }")
    # 乡村振兴: first named in the 19th Party Congress report (2017), then every later year with documents
    years = [int(y) for y, *_ in rows(bind_params(shipped_queries()["entity-by-year"].text, {"entity": "乡村振兴"}))]
    with_documents = {int(d[:4]) for d, in rows("SELECT ?x WHERE { ?d a kg:Document ; dcterms:date ?x }")}
    assert years == [2017] + sorted(y for y in with_documents if 2018 <= y <= 2026)
    (title,), = rows("""SELECT ?t WHERE { ?e rdfs:label "乡村振兴"@zh . ?m itsrdf:taIdentRef ?e ;
                         nif:referenceContext ?d . ?d dcterms:title ?t ; dcterms:date ?x FILTER(STR(?x) < "2018") }
                         GROUP BY ?t""")
    assert "十九大" in title
