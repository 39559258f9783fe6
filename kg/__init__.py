"""kg: knowledge graphs from Chinese government and party documents.

The pipeline is a chain of plain functions, one module a stage::

    Document -> [Section] -> [Mention] -> [Entity] -> rdflib.Graph

>>> import kg
>>> graph = kg.build(["data/seed.txt"])            # doctest: +SKIP
"""
from kg.document import Document, read_document, document_from_text, collect_paths
from kg.sections import Section, split_sections
from kg.mentions import Mention
from kg.entities import Entity
from kg.pipeline import DocumentResult, extract_document, build, build_results
from kg.rdf import to_graph
from kg.query import query  # kg.query(sparql, graph="out", **params); the module stays importable by name

__all__ = [
    "Document", "read_document", "document_from_text", "collect_paths",
    "Section", "split_sections", "Mention", "Entity",
    "DocumentResult", "extract_document", "build", "build_results", "to_graph", "query",
]
