"""SHACL validation of the store against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from .ontology import data_path
from .store.embedded import EmbeddedStore


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_store(store: EmbeddedStore, graph: str | None = None) -> ValidationReport:
    """Validate the union of the document graphs plus the ontology."""
    from pyshacl import validate

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    union = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = Graph().parse(data_path("shapes.ttl"), format="turtle")
    conforms, results, text = validate(union, shacl_graph=shapes, inference="none",
                                       advanced=True, allow_warnings=True)
    from rdflib.namespace import SH

    violations = len(set(results.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(bool(conforms), violations, str(text))
