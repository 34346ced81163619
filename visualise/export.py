"""Exports of the store: RDF (Turtle, N-Quads, TriG, N-Triples, RDF/XML, JSON-LD), graph files
(GraphML, GEXF) of a network view, and the statements table (CSV, JSON).

Every export takes the same filters (body, since, until, actor, topic; and
`graph` for one named graph); see export_select for what a filtered RDF
export holds. RDF is written by Oxigraph, except JSON-LD, which rdflib
compacts with the published context (ontology/context.jsonld).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .export_graph import GRAPH_FORMATS, write_graph
from .export_jsonld import to_jsonld
from .export_select import ExportFilters, scoped_records, selected_quads
from .export_statements import (
    StatementRecord,
    statements_csv,
    statements_json,
)
from .report_rows import rows_from_records, view_of_rows

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"nq", "trig", "jsonld"}
EXPORT_FORMATS = (*RDF_FORMATS, *GRAPH_FORMATS, "csv")
STATEMENT_FORMATS = ("json", "csv")


def export_store(store: EmbeddedStore, fmt: str, output: str | Path | None = None,
                 base: str | None = None, view: str = "actor-topic", context: str = "inline",
                 **filters: Any) -> str:
    """The (filtered) store in `fmt`; written to `output` when given, and returned.

    Dataset formats (N-Quads, TriG, JSON-LD) keep the named graph of each
    document; the others merge them. `view` picks the network for GraphML and
    GEXF; `csv` is the statements table.
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format '{fmt}'",
                         hint="choose one of " + ", ".join(EXPORT_FORMATS))
    spec = ExportFilters.from_options(filters)
    if fmt in GRAPH_FORMATS:
        if spec.graph is not None:
            raise UsageError("--graph selects RDF, not a network view",
                             hint="filter a GraphML/GEXF export by body, since, until, actor or topic")
        rows = rows_from_records(scoped_records(store, spec, view))
        graph = view_of_rows(store, rows, view, **spec.resolved(rows).view_filters())
        text = write_graph(graph, fmt)
    elif fmt == "csv":
        text = export_statements(store, "csv", **filters)
    elif fmt == "jsonld":
        text = to_jsonld(selected_quads(store, spec), mode=context)
    else:
        text = _serialise(list(selected_quads(store, spec)), fmt, base)
    return _write(text, output)


def export_statements(store: EmbeddedStore, fmt: str = "json", output: str | Path | None = None,
                      **filters: Any) -> str:
    """One record per statement (see StatementRecord), as JSON or CSV, filtered like the graph."""
    if fmt not in STATEMENT_FORMATS:
        raise UsageError(f"unknown statements format '{fmt}'", hint="choose json or csv")
    records = filtered_records(store, **filters)
    text = statements_json(records) if fmt == "json" else statements_csv(records)
    return _write(text, output)


def filtered_records(store: EmbeddedStore, **filters: Any) -> list[StatementRecord]:
    """The statement records the filters keep (the same filters as the graph exports)."""
    spec = ExportFilters.from_options(filters)
    records = scoped_records(store, spec)
    if spec.active:
        rows = rows_from_records(records)
        keep_filter = spec.resolved(rows).row_filter()
        keep = {r.statement for r in rows if keep_filter.keep(r)}
        records = [r for r in records if r.statement in keep]
    if spec.graph:
        in_graph = {q.subject.value for q in store.quads(spec.graph)}
        records = [r for r in records if r.statement in in_graph]
    return records


def _serialise(quads: list[ox.Quad], fmt: str, base: str | None) -> str:
    if fmt in DATASET_FORMATS:
        data = ox.serialize(quads, format=RDF_FORMATS[fmt],
                            **({"prefixes": _prefixes(base)} if fmt == "trig" else {}))
    else:
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        data = ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=_prefixes(base)) \
            if fmt != "nt" else ox.serialize(triples, format=RDF_FORMATS[fmt])
    return data.decode("utf-8") if isinstance(data, bytes) else str(data or "")


def _write(text: str, output: str | Path | None) -> str:
    if output is not None:
        Path(output).write_text(text, encoding="utf-8")
    return text


def _prefixes(base: str | None) -> dict[str, str]:
    from ..ontology.terms import PREFIXES

    prefixes = dict(PREFIXES)
    if base:
        prefixes["actor"] = f"{base}actor/"
    return prefixes
