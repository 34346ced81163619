"""Exports of the store in RDF formats (and graph formats through views)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import UsageError
from ..store.embedded import EmbeddedStore

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"nq", "trig"}


def export_store(store: EmbeddedStore, fmt: str, output: str | Path | None = None,
                 base: str | None = None, graph: str | None = None, **_filters: object) -> str:
    """Serialise the store (or one named graph). Dataset formats keep named graphs."""
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown export format '{fmt}'",
                         hint="choose one of " + ", ".join(sorted(RDF_FORMATS)))
    quads = list(store.quads(graph))
    rdf_format = RDF_FORMATS[fmt]
    if fmt in DATASET_FORMATS:
        data = ox.serialize(quads, format=rdf_format)
    else:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        data = ox.serialize(triples, format=rdf_format, prefixes=_prefixes(base))
    text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    if output is not None:
        Path(output).write_text(text, encoding="utf-8")
    return text


def _prefixes(base: str | None) -> dict[str, str]:
    from ..ontology.terms import PREFIXES

    prefixes = dict(PREFIXES)
    if base:
        prefixes["actor"] = f"{base}actor/"
    return prefixes
