"""Views centred on actors: who says what about which topic, and who sides with whom."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from .view_graph import ViewMultiDiGraph, ViewMultiGraph, add_edge, add_node
from .view_rows import Row

# Which side of a topic a stance puts an actor on; a request takes no side.
POLARITY = {"support": 1, "conditional": 1, "oppose": -1, "concern": -1}


def _actor_of(row: Row) -> tuple[str, str, str | None] | None:
    """The actor of a row; a decision nobody is named for is the body's decision."""
    if row.actor:
        return row.actor, row.actor_label or row.actor, row.actor_kind
    if row.kind == "decision" and row.body:
        return row.body, row.body_label or row.body.rsplit("/", 1)[-1], "body"
    return None


def actor_topic_view(rows: list[Row]) -> ViewMultiDiGraph:
    """Actors to topics. Positions give one edge per stance; commitments and decisions
    their own edge kinds (qualified by status and decision type)."""
    graph = ViewMultiDiGraph(view="actor-topic")
    for row in rows:
        actor = _actor_of(row)
        if actor is None or not row.topic:
            continue
        key, label, actor_kind = actor
        add_node(graph, key, label, "actor", actor_kind=actor_kind)
        add_node(graph, row.topic, row.topic_label or row.heading or row.topic, "topic")
        add_edge(graph, key, row.topic, row.kind, row, stance=row.qualifier)
    return graph


def actor_actor_view(rows: list[Row]) -> ViewMultiGraph:
    """Actors linked by agreement, disagreement and shared commitments.

    Two actors agree when they took positions on the same side of one topic
    at one meeting (support or conditional support against opposition or
    concern), and disagree when on opposite sides; the weight counts such
    topic-meeting pairs (as the reports do: a stance in 2017 and another in
    2023 are not a quarrel). A shared
    commitment is one commitment naming both; the weight counts commitments.
    Each edge keeps the statements behind it as evidence.
    """
    graph = ViewMultiGraph(view="actor-actor")
    sides: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    commitments: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if not row.actor:
            continue
        add_node(graph, row.actor, row.actor_label or row.actor, "actor", actor_kind=row.actor_kind)
        if row.kind == "position" and row.topic and row.stance in POLARITY:
            sides[(row.meeting, row.topic)][row.actor].append(row)
        elif row.kind == "commitment":
            commitments[row.statement].append(row)
    for by_actor in sides.values():
        for a, b in combinations(sorted(by_actor), 2):
            mine = {POLARITY[r.stance or ""] for r in by_actor[a]}
            theirs = {POLARITY[r.stance or ""] for r in by_actor[b]}
            evidence = by_actor[a] + by_actor[b]
            if mine & theirs:
                _relate(graph, a, b, "agreement", evidence)
            if {-p for p in mine} & theirs:
                _relate(graph, a, b, "disagreement", evidence)
    for together in commitments.values():
        actors = sorted({r.actor for r in together if r.actor})
        for a, b in combinations(actors, 2):
            _relate(graph, a, b, "shared-commitment", together)
    return graph


def _relate(graph: ViewMultiGraph, a: str, b: str, kind: str, rows: list[Row]) -> None:
    """One more topic (or commitment) behind an a-b relation, with its statements."""
    add_edge(graph, a, b, kind, None)
    data = graph.edges[a, b, f"{kind}|"]
    for row in rows:
        if row.statement not in data["statements"]:
            data["statements"].add(row.statement)
            data["evidence"].append(row.evidence())
