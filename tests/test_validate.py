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
