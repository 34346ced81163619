"""Statement rows (views.Row) built from the statement records, without a second store query.

`views.statement_rows` joins actor and topic labels into its statement query;
in the union default graph an actor described by N documents repeats its
label N times, so that query grows with (documents x statements) and took
minutes on 150 minutes of meetings. The records query reads labels apart
(export_statements.actor_names), so reports and exports build the same Row
objects from it: one row per statement-actor pair, one row without an actor
for a statement that names none, exactly as statement_rows does.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import networkx as nx

from .export_statements import StatementRecord
from .views import Row


def rows_from_records(records: list[StatementRecord]) -> list[Row]:
    names = [f.name for f in fields(Row)]
    rows: list[Row] = []
    for r in records:
        pairs = list(zip(r.actor_iris, r.actors, r.actor_kinds, strict=True)) or [(None, None, None)]
        for iri, label, kind in pairs:
            values = {"statement": r.statement, "kind": r.kind, "actor": iri, "actor_label": label,
                      "actor_kind": kind, "item": r.item, "heading": r.topic, "topic": r.topic_iri,
                      "topic_label": r.topic, "meeting": r.meeting_iri, "meeting_label": r.meeting,
                      "date": date.fromisoformat(r.date[:10]) if r.date else None,
                      "body": r.body_iri, "stance": r.stance, "decision_type": r.decision_type,
                      "quote": r.quote, "document": r.document, "page": r.page, "due": r.due,
                      "status": r.current_status or r.status}
            rows.append(Row(**{name: values.get(name) for name in names}))
    rows.sort(key=lambda row: (row.date or date.min, row.meeting, row.statement, row.actor or ""))
    return rows


def view_of_rows(store, rows: list[Row], view: str, **filters: object) -> nx.Graph:
    """A network view of rows already read (views.view_from_rows); from the store otherwise."""
    from . import views

    build = getattr(views, "view_from_rows", None)
    if build is None:
        return views.build_view(store, view, **filters)
    return build(rows, view, **filters)
