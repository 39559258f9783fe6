"""kg validate: every build conforms to the shapes; a broken graph fails with a message that points at the fault."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.cli import main
from kg.validate import validate
from kg.vocab import ITSRDF, KG, NIF

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed.txt"
DEV = ROOT.parent / "shared" / "dev"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    return out


def a_mention(g: Graph):
    return sorted(g.subjects(ITSRDF.taIdentRef, None))[0]


def test_the_seed_build_conforms(out, capsys):
    report = validate(out)
    assert report.conforms, report.text()
    assert main(["validate", str(out)]) == 0
    assert "conforms" in capsys.readouterr().out


@pytest.mark.skipif(not DEV.is_dir(), reason="shared/dev documents are not beside the repo")
def test_a_build_of_the_dev_documents_conforms(tmp_path):
    assert main(["build", str(DEV), "--out", str(tmp_path), "-q"]) == 0
    report = validate(tmp_path)
    assert report.conforms, report.text()


def test_a_mention_whose_offsets_miss_its_text_fails(out, tmp_path, capsys):
    g = Graph().parse(out / "graph.ttl")
    m = a_mention(g)
    begin = g.value(m, NIF.beginIndex).toPython()
    g.set((m, NIF.beginIndex, Literal(begin + 1, datatype=XSD.nonNegativeInteger)))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    report = validate(broken)
    assert not report.conforms
    text = report.text()
    assert "does not conform" in text and m.fragment in text and "anchor text" in text
    assert main(["validate", str(broken)]) == 3
    assert m.fragment in capsys.readouterr().out


def test_a_mention_of_no_entity_fails(out, tmp_path):
    g = Graph().parse(out / "graph.ttl")
    m = a_mention(g)
    g.remove((m, ITSRDF.taIdentRef, None))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    report = validate(broken)
    assert not report.conforms
    assert any(p.focus.endswith(m.fragment) and "entity" in p.message for p in report.problems), report.text()


def test_an_entity_with_no_count_fails(out, tmp_path):
    g = Graph().parse(out / "graph.ttl")
    e = sorted(g.subjects(KG.mentionCount, None))[0]
    g.remove((e, KG.mentionCount, None))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    text = validate(broken).text()
    assert "mention count" in text and "kg:mentionCount" in text


def test_no_graph_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 3
    assert "kg build" in capsys.readouterr().err


# ---------------------------------------------------------------- one planted fault per constraint,
# checked against pySHACL (the reference engine, far too slow for a corpus but fine on the seed)

def pyshacl_findings(path: Path) -> set[tuple[str, str, str]]:
    """(focus, path, kind) of each result pySHACL reports, with the ontology mixed in."""
    import re

    from pyshacl import validate as shacl
    from rdflib.namespace import RDF, SH

    from kg.validate import DEFAULT_SHAPES, ONTOLOGY, _short_iri

    shapes = Graph().parse(DEFAULT_SHAPES)
    _, results, _ = shacl(Graph().parse(path), shacl_graph=shapes, ont_graph=Graph().parse(ONTOLOGY),
                          inference="none", advanced=True)
    found = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        template = shapes.value(results.value(r, SH.sourceConstraint), SH.message) \
            or shapes.value(results.value(r, SH.sourceShape), SH.message)
        path_node = results.value(r, SH.resultPath)
        inverse = results.value(path_node, SH.inversePath) if path_node is not None else None
        shown = "" if path_node is None else f"^{_short_iri(str(inverse))}" if inverse else _short_iri(str(path_node))
        found.add((_short_iri(str(results.value(r, SH.focusNode))), shown,
                   re.sub(r"\{[?$]\w+\}", "…", str(template))))
    return found


def test_each_kind_of_fault_is_found_as_pyshacl_finds_it(out, tmp_path):
    from rdflib.namespace import DCTERMS, RDF, RDFS

    from kg.validate import _short_iri

    g = Graph().parse(out / "graph.ttl")
    mentions = sorted(g.subjects(ITSRDF.taIdentRef, None))
    entities = sorted(g.subjects(KG.mentionCount, None))
    parts = sorted(g.subjects(RDF.type, KG.Part))
    doc = next(g.subjects(NIF.isString, None))
    m = iter(mentions)
    planted = [
        (next(m), NIF.beginIndex, lambda s: Literal(g.value(s, NIF.beginIndex).toPython() + 1,
                                                    datatype=XSD.nonNegativeInteger), "anchor"),  # offsets
        (next(m), ITSRDF.taIdentRef, None, "min"),                                     # no entity
        (next(m), NIF.anchorOf, lambda s: [g.value(s, NIF.anchorOf), Literal("另一个")], "max"),
        (next(m), KG.extractor, lambda s: Literal(5), "datatype"),  # an integer, not a string
        (next(m), KG.inSection, lambda s: parts[0], "class"),                          # a part, not a paragraph
        (entities[0], KG.mentionCount, lambda s: Literal(-1, datatype=XSD.integer), "min 0"),
        (entities[1], RDFS.label, lambda s: Literal(str(g.value(s, RDFS.label))), "langString"),
        (parts[1], DCTERMS.title, None, "no title"),
        (doc, KG.sha256, lambda s: Literal("XYZ"), "pattern"),
        (doc, NIF.endIndex, lambda s: Literal(g.value(s, NIF.endIndex).toPython() + 5,
                                             datatype=XSD.nonNegativeInteger), "document end"),
    ]
    for subject, pred, new, _ in planted:
        value = new(subject) if new else None
        g.remove((subject, pred, None))
        for v in (value if isinstance(value, list) else [value] if value is not None else []):
            g.add((subject, pred, v))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")

    report = validate(broken)
    ours = {(p.focus, p.path, p.kind) for p in report.problems}
    assert ours == pyshacl_findings(broken)
    focuses = {f for f, _, _ in ours}
    for subject, _, _, what in planted:  # offsets are checked per document: the document is the focus
        assert _short_iri(str(doc if what == "anchor" else subject)) in focuses, what
    assert len({k for _, _, k in ours}) >= len(planted), report.text()


def test_an_entity_that_is_a_blank_node_breaks_the_node_kind(out, tmp_path):
    from rdflib import BNode
    from rdflib.namespace import RDF

    g = Graph().parse(out / "graph.ttl")
    g.add((BNode("nameless"), RDF.type, KG.Place))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    report = validate(broken)
    assert any("node kind" in p.kind and p.focus.startswith("_:") for p in report.problems), report.text()
    assert any("label" in p.kind and p.focus.startswith("_:") for p in report.problems)


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").is_dir(), reason="no corpus beside the repo")
def test_the_corpus_validates_in_a_minute_in_a_gigabyte(tmp_path):
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_validate import validate_figures

    assert main(["build", str(ROOT.parent / "shared" / "corpus"), "--out", str(tmp_path), "-q"]) == 0
    wall, cpu, peak_mb, first = validate_figures(tmp_path)
    print(f"kg validate on the corpus: {wall:.1f} s ({cpu:.1f} s CPU), {peak_mb:.0f} MB: {first}")
    assert wall <= 60 and peak_mb <= 1024
