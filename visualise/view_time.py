"""Views along the time axis: one meeting in detail, and a topic across its meetings."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .view_commitments import short
from .view_graph import ViewMultiDiGraph, add_edge, add_node
from .view_rows import Row

MEETING_SPACING = 260  # pixels between meetings on the time axis
TOPIC_OFFSET = -220  # topics drawn above the axis


def _meeting_order(rows: list[Row]) -> list[tuple[str, str, date | None]]:
    """Meetings of the rows, oldest first (undated last)."""
    seen: dict[str, tuple[str, str, date | None]] = {}
    for row in rows:
        seen.setdefault(row.meeting, (row.meeting, row.meeting_label, row.date))
    return sorted(seen.values(), key=lambda m: (m[2] is None, m[2] or date.min, m[0]))


def meeting_view(rows: list[Row]) -> ViewMultiDiGraph:
    """One meeting: its agenda items, their statements, and the actors of each statement.

    Rows from several meetings show the latest of them (filter by `meeting` to
    choose another); the graph attribute `meeting` says which one is shown.
    """
    graph = ViewMultiDiGraph(view="meeting")
    meetings = _meeting_order(rows)
    if not meetings:
        return graph
    meeting, label, _day = meetings[-1]
    graph.graph.update(meeting=meeting, meeting_label=label)
    for row in (r for r in rows if r.meeting == meeting):
        add_node(graph, meeting, label, "meeting")
        parent = meeting
        if row.item:
            add_node(graph, row.item, row.heading or row.item, "agenda-item")
            add_edge(graph, meeting, row.item, "agenda", row)
            parent = row.item
        add_node(graph, row.statement, short(row.quote, 40), row.kind, stance=row.qualifier)
        add_edge(graph, parent, row.statement, "contains", row)
        if row.actor:
            add_node(graph, row.actor, row.actor_label or row.actor, "actor",
                     actor_kind=row.actor_kind)
            add_edge(graph, row.actor, row.statement, row.kind, row, stance=row.qualifier)
    return graph


def topic_time_view(rows: list[Row]) -> ViewMultiDiGraph:
    """Topics over time: the meetings that discussed them, in order, and who said what.

    Meetings sit on a horizontal time axis (fixed positions, oldest left) and
    are chained by `next` edges; each topic links to the meetings where it was
    on the agenda; actors link to the meeting where they spoke, one edge per
    kind and stance. Filter by `topic` to follow one topic.
    """
    graph = ViewMultiDiGraph(view="topic-time")
    rows = [r for r in rows if r.topic]
    order = _meeting_order(rows)
    for index, (meeting, label, day) in enumerate(order):
        graph.add_node(meeting, label=label, kind="meeting", weight=0, x=index * MEETING_SPACING,
                       y=0, fixed=True, date=day.isoformat() if day else None)
    for previous, following in zip(order, order[1:], strict=False):
        graph.add_edge(previous[0], following[0], key="next|", kind="next", stance=None, weight=1,
                       evidence=[], statements=set())
    columns: dict[str, list[int]] = defaultdict(list)
    index_of = {m[0]: i for i, m in enumerate(order)}
    for row in rows:
        graph.nodes[row.meeting]["weight"] += 1
        add_node(graph, row.topic or "", row.topic_label or row.heading or "", "topic")
        if index_of[row.meeting] not in columns[row.topic or ""]:
            columns[row.topic or ""].append(index_of[row.meeting])
        add_edge(graph, row.topic or "", row.meeting, "discussed", row)
        if row.actor:
            add_node(graph, row.actor, row.actor_label or row.actor, "actor",
                     actor_kind=row.actor_kind)
            add_edge(graph, row.actor, row.meeting, row.kind, row, stance=row.qualifier)
    stacked: dict[float, int] = defaultdict(int)
    for topic, indices in sorted(columns.items(), key=lambda kv: (kv[1], kv[0])):
        x = sum(indices) / len(indices) * MEETING_SPACING
        graph.nodes[topic].update(x=x, y=TOPIC_OFFSET - 45 * stacked[x], fixed=True)
        stacked[x] += 1
    return graph
