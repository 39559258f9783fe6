"""kg.vocab: the KG namespace is closed and generated from ontology/kg.ttl."""
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

import kg.vocab
from kg.mentions import TYPES
from kg.sections import KINDS
from kg.vocab import KG, generated_block

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"


def test_generated_block_is_in_sync_with_the_ontology():
    source = Path(kg.vocab.__file__).read_text(encoding="utf-8")
    block = re.search(r"# BEGIN GENERATED\n(.*?)\n\s*# END GENERATED", source, re.S).group(1)
    assert block == generated_block(str(ONTOLOGY)), \
        "kg/vocab.py is stale: regenerate with `python -m kg.vocab ontology/kg.ttl`"


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.Parkk
    with pytest.raises(AttributeError):
        KG["Parkk"]


def test_terms_are_ontology_iris():
    assert KG.Park == URIRef("https://w3id.org/kg-cn/ontology#Park")
    assert KG.mentionCount == URIRef("https://w3id.org/kg-cn/ontology#mentionCount")


def test_every_entity_type_and_section_kind_is_a_class_of_the_ontology():
    g = Graph().parse(ONTOLOGY)
    classes = set(g.subjects(RDF.type, OWL.Class))
    for name in TYPES + KINDS:
        assert KG[name] in classes, name
