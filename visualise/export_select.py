"""Which quads a filtered export holds.

A filter by body or date range picks whole source documents (the named graph
of each matching meeting). A filter by actor or topic keeps, inside those
graphs, only the matching statements with their evidence (every resource
minted under a statement's IRI), and everything else the document says about
its meeting, agenda, actors and topics, so the export stays a readable
subgraph with all its citations. The ontology graph travels only with an
unfiltered export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date

import pyoxigraph as ox

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .export_statements import StatementRecord, statement_records
from .report_rows import rows_from_records
from .statement_scope import scope_of
from .views import Filters, Row

MEETING_GRAPHS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX schema: <http://schema.org/>
SELECT ?g ?date ?body WHERE {
  GRAPH ?g { ?meeting a mtg:Meeting . OPTIONAL { ?meeting schema:startDate ?date }
             OPTIONAL { ?meeting mtg:heldBy ?body } }
}
"""
STATEMENTS_IN = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?g ?s WHERE { GRAPH ?g { ?s a mtg:Statement } }
"""


@dataclass(frozen=True)
class ExportFilters:
    """Filters an export accepts; dates as date objects or YYYY-MM-DD strings."""

    body: str | None = None
    since: date | None = None
    until: date | None = None
    actor: str | None = None
    topic: str | None = None
    graph: str | None = None

    @classmethod
    def from_options(cls, options: dict[str, object]) -> ExportFilters:
        names = {f.name for f in fields(cls)}
        unknown = sorted(k for k, v in options.items() if k not in names and v is not None)
        if unknown:
            raise UsageError(f"unknown export filter(s): {', '.join(unknown)}",
                             hint="filters: " + ", ".join(sorted(names)))
        values = {k: v for k, v in options.items() if k in names and v is not None}
        for key in ("since", "until"):
            if isinstance(values.get(key), str):
                try:
                    values[key] = date.fromisoformat(str(values[key]))
                except ValueError:
                    raise UsageError(f"{key} '{values[key]}' is not a date",
                                     hint="write YYYY-MM-DD") from None
        return cls(**values)  # type: ignore[arg-type]

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name != "graph")

    def view_filters(self) -> dict[str, object]:
        """The same filters in the form networkx views take."""
        return {k: getattr(self, k) for k in ("body", "since", "until", "actor", "topic")
                if getattr(self, k) is not None}

    def row_filter(self) -> Filters:
        return Filters(**self.view_filters())  # type: ignore[arg-type]

    def resolved(self, rows: list[Row]) -> ExportFilters:
        """The actor filter pinned to one actor when it names one exactly (key, IRI or label),
        so 'burgemeesters' does not also take in 'regioburgemeesters'; a part of a label
        still matches every actor whose label contains it."""
        if self.actor is None:
            return self
        wanted = self.actor.strip().lower()
        for row in rows:
            if row.actor and wanted in (row.actor.lower(), row.actor.rsplit("/", 1)[-1].lower(),
                                        (row.actor_label or "").lower()):
                return replace(self, actor=row.actor)
        return self


def scoped_records(store: EmbeddedStore, spec: ExportFilters, view: str | None = None
                   ) -> list[StatementRecord]:
    """The records of the statements the filters may keep, read from the store with the filters
    pushed into its query (statement_scope.py): still filtered by the caller. A network view of an
    actor and its neighbours (`view`) needs every actor's statements."""
    from .views import VIEW_SPECS

    if not spec.active:
        return statement_records(store)
    ego = view is not None and view in VIEW_SPECS and VIEW_SPECS[view].ego
    return statement_records(store, scope_of(store, spec.row_filter(), with_actor=not ego))


def selected_quads(store: EmbeddedStore, spec: ExportFilters) -> Iterator[ox.Quad]:
    """The quads of the store (or of spec.graph) that the filters keep."""
    if not spec.active:
        yield from store.quads(spec.graph)
        return
    graphs = _matching_graphs(store, spec)
    dropped: set[str] = set()
    if spec.actor is not None or spec.topic is not None:
        rows = rows_from_records(scoped_records(store, spec))
        keep_filter = spec.resolved(rows).row_filter()
        keep = {row.statement for row in rows if keep_filter.keep(row)}
        graphs = {g for g in graphs if _statements_in(store, g) & keep}
        dropped = {s for g in graphs for s in _statements_in(store, g)} - keep
    for graph in sorted(graphs):
        for quad in store.quads(graph):
            subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
            if dropped and _under(subject, dropped):
                continue
            yield quad


def _matching_graphs(store: EmbeddedStore, spec: ExportFilters) -> set[str]:
    graphs: set[str] = set()
    for s in store.query(MEETING_GRAPHS, union_default=False):
        day = date.fromisoformat(s["date"].value[:10]) if s["date"] is not None else None
        body = s["body"].value if s["body"] is not None else ""
        if spec.body is not None and spec.body not in (body, body.rsplit("/", 1)[-1]):
            continue
        if spec.since is not None and (day is None or day < spec.since):
            continue
        if spec.until is not None and (day is None or day > spec.until):
            continue
        if spec.graph is None or spec.graph == s["g"].value:
            graphs.add(s["g"].value)
    return graphs


def _statements_in(store: EmbeddedStore, graph: str) -> set[str]:
    return {s["s"].value for s in store.query(STATEMENTS_IN, {"g": ox.NamedNode(graph)},
                                              union_default=False)}


def _under(subject: str, statements: set[str]) -> bool:
    """The subject is a statement, or a resource minted under one (its evidence)."""
    if subject in statements:
        return True
    parts = subject.split("/")
    return any("/".join(parts[:n]) in statements for n in range(len(parts) - 1, 3, -1))
