"""networkx views of the graph, built from one SPARQL query over statements.

`build_view(store, view, **filters)` is the entry point: it reads the
statement rows once (`statement_rows`), keeps those the `Filters` accept,
hands them to the view's builder and prunes edges below `min_weight`.

Nodes carry `label`, `kind` and `weight`; edges carry `kind` (position,
commitment, decision, agreement, ...), `stance` where there is one, `weight`,
and the `evidence` list (quote, document, date, page) a viewer shows on
demand. See view_graph.py for the conventions, view_actor.py,
view_commitments.py and view_time.py for the views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .view_actor import actor_actor_view, actor_topic_view
from .view_commitments import commitments_view
from .view_graph import drop_bookkeeping, prune
from .view_rows import (  # noqa: F401  (the public API of this module)
    KIND_OF_CLASS,
    Filters,
    Row,
    _actor_matches,
    statement_rows,
)
from .view_time import meeting_view, topic_time_view


@dataclass(frozen=True)
class ViewSpec:
    """A named view: its builder, what it shows, and how the actor filter applies.

    `ego=True` means the actor filter keeps the actor and its neighbours
    (an actor-actor view of one actor's statements alone would have no edges).
    """

    name: str
    build: Callable[[list[Row]], nx.Graph]
    description: str
    ego: bool = False


VIEW_SPECS: dict[str, ViewSpec] = {spec.name: spec for spec in (
    ViewSpec("actor-topic", actor_topic_view,
             "actors to topics; positions by stance, commitments and decisions as own edge kinds"),
    ViewSpec("actor-actor", actor_actor_view,
             "actors linked by agreement, disagreement and shared commitments", ego=True),
    ViewSpec("commitments", commitments_view,
             "actor -> commitment -> topic, with status (open, overdue, ...) and due date"),
    ViewSpec("meeting", meeting_view,
             "one meeting (the latest unless --meeting): agenda items, statements, actors"),
    ViewSpec("topic-time", topic_time_view,
             "topics across their meetings in date order, and who said what at each"),
)}
VIEWS: dict[str, Callable[[list[Row]], nx.Graph]] = {n: s.build for n, s in VIEW_SPECS.items()}


def view_from_rows(rows: list[Row], view: str = "actor-topic", **filters: object) -> nx.Graph:
    """A filtered view of rows already read (tests and benchmarks build rows themselves)."""
    if view not in VIEW_SPECS:
        raise UsageError(f"unknown view '{view}'", hint="views: " + ", ".join(sorted(VIEWS)))
    spec, wanted = VIEW_SPECS[view], Filters.from_options(filters)
    row_filter = Filters(**{**wanted.__dict__, "actor": None}) if spec.ego else wanted
    graph = spec.build([row for row in rows if row_filter.keep(row)])
    if spec.ego and wanted.actor:
        graph = _ego(graph, wanted.actor)
    graph.graph.update(filters={k: str(v) for k, v in wanted.__dict__.items()
                                if v is not None and not (k == "min_weight" and v == 1)})
    return drop_bookkeeping(prune(graph, wanted.min_weight))


def _ego(graph: nx.Graph, actor: str) -> nx.Graph:
    """The actors matching `actor` (key, IRI or label text) and their direct neighbours."""
    wanted = actor.lower()
    centre = [n for n, label in graph.nodes(data="label")
              if wanted in (n.lower(), n.rsplit("/", 1)[-1].lower()) or wanted in str(label).lower()]
    keep = set(centre).union(*(graph.neighbors(n) for n in centre)) if centre else set()
    result = graph.subgraph(keep).copy()
    result.remove_edges_from([(a, b, k) for a, b, k in list(result.edges(keys=True))
                              if a not in centre and b not in centre])
    return result


def build_view(store: EmbeddedStore, view: str = "actor-topic", **filters: object) -> nx.Graph:
    """A filtered networkx view by name."""
    if view not in VIEW_SPECS:
        raise UsageError(f"unknown view '{view}'", hint="views: " + ", ".join(sorted(VIEWS)))
    from .statement_scope import scope_of

    wanted = Filters.from_options(filters)
    scope = scope_of(store, wanted, with_actor=not VIEW_SPECS[view].ego)
    if view == "meeting" and wanted.meeting is None:
        return view_from_rows(_latest_meeting_rows(store, scope, wanted), view, **filters)
    return view_from_rows(statement_rows(store, scope), view, **filters)


def _latest_meeting_rows(store: EmbeddedStore, scope, wanted: Filters) -> list[Row]:
    """Rows of the latest dates' meetings, enough to hold the latest meeting the filters keep (the
    meeting view shows that one): the latest date first, then four times as many dates each round,
    rather than every statement in the store."""
    from dataclasses import replace

    from .statement_scope import meeting_catalogue

    by_day: dict[str | None, set[str]] = {}
    for iri, _label, day in meeting_catalogue(store):
        by_day.setdefault(day[:10] if day else None, set()).add(iri)
    days = sorted(by_day, key=lambda d: (d is None, d or ""), reverse=True)  # undated count as latest
    take = 1
    while True:
        meetings = frozenset().union(*(by_day[d] for d in days[:take]))
        if scope.meetings is not None:
            meetings &= scope.meetings
        rows = statement_rows(store, replace(scope, meetings=meetings))
        if take >= len(days) or any(wanted.keep(row) for row in rows):
            return rows
        take *= 4
