"""The commitments view: who promised what, on which topic, due when, and is it done."""

from __future__ import annotations

from datetime import date

from .view_graph import ViewMultiDiGraph, add_edge, add_node
from .view_rows import Row

LABEL_LENGTH = 60


def short(text: str, length: int = LABEL_LENGTH) -> str:
    """A label short enough to draw; the full text stays in the evidence."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def is_overdue(due: str | None, status: str | None, today: date | None = None) -> bool:
    """Open and due before today; a month (YYYY-MM) is due until its last day."""
    if not due or (status or "open") != "open":
        return False
    today = today or date.today()
    return due < today.isoformat()[: len(due)]


def commitments_view(rows: list[Row], today: date | None = None) -> ViewMultiDiGraph:
    """Actors -> commitments -> topics; commitment nodes carry status, due and overdue."""
    graph = ViewMultiDiGraph(view="commitments")
    for row in rows:
        if row.kind != "commitment":
            continue
        status = row.status or "open"
        overdue = is_overdue(row.due, status, today)
        add_node(graph, row.statement, short(row.task or row.quote), "commitment",
                 status="overdue" if overdue else status, due=row.due, task=row.task or row.quote,
                 date=row.date.isoformat() if row.date else None)
        if row.actor:
            add_node(graph, row.actor, row.actor_label or row.actor, "actor",
                     actor_kind=row.actor_kind)
            add_edge(graph, row.actor, row.statement, "commits", row, stance=None)
        if row.topic:
            add_node(graph, row.topic, row.topic_label or row.heading or row.topic, "topic")
            add_edge(graph, row.statement, row.topic, "about", row, stance=None)
    return graph
