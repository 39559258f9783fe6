"""The kg ontology's terms as a closed namespace: ``KG.Parkk`` raises.

Generated from ``ontology/kg.ttl`` by ``python -m kg.vocab ontology/kg.ttl``;
``tests/test_vocab.py`` fails when the two drift apart.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-cn/ontology"
RESOURCE = Namespace("https://w3id.org/kg-cn/resource/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")


class KG(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # BEGIN GENERATED
    Build: URIRef
    Campaign: URIRef
    Clause: URIRef
    Concept: URIRef
    Document: URIRef
    Entity: URIRef
    Event: URIRef
    Hero: URIRef
    Industry: URIRef
    LeadSentence: URIRef
    Mention: URIRef
    Organization: URIRef
    Paragraph: URIRef
    Park: URIRef
    Part: URIRef
    Person: URIRef
    Place: URIRef
    Point: URIRef
    Policy: URIRef
    RelationStatement: URIRef
    Section: URIRef
    Sentence: URIRef
    Site: URIRef
    SubPart: URIRef
    Title: URIRef
    commemorates: URIRef
    divisionCode: URIRef
    evidenceDocument: URIRef
    evidenceSentence: URIRef
    extractor: URIRef
    finder: URIRef
    hasIndustry: URIRef
    inDocument: URIRef
    inSection: URIRef
    inSentence: URIRef
    locatedIn: URIRef
    mentionCount: URIRef
    mentionedIn: URIRef
    nestedIn: URIRef
    order: URIRef
    sha256: URIRef
    sourcePath: URIRef
    # END GENERATED


def generated_block(ontology_path: str) -> str:
    """The lines between the GENERATED markers, computed from the ontology."""
    from rdflib import Graph

    g = Graph().parse(ontology_path)
    ns = str(KG._NS)
    names = sorted({str(s)[len(ns):] for s in g.subjects() if str(s).startswith(ns)},
                   key=lambda n: (n[0].islower(), n))
    return "\n".join(f"    {n}: URIRef" for n in names)


if __name__ == "__main__":
    import sys

    print(generated_block(sys.argv[1] if len(sys.argv) > 1 else "ontology/kg.ttl"))
