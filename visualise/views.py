"""networkx views of the graph, built from one SPARQL query over statements.

Nodes carry `label`, `kind` and `weight`; edges carry `kind` (position,
commitment, decision), `stance` where there is one, `weight`, and the
`evidence` list (quote, document, date, page) a viewer shows on demand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from ..errors import UsageError
from ..store.embedded import EmbeddedStore

STATEMENT_ROWS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?s ?class ?actor ?actorLabel ?actorKind ?item ?heading ?topic ?topicLabel ?meeting
       ?meetingLabel ?date ?body ?stance ?dtype ?quote ?document ?page ?due ?status
WHERE {
  ?s a mtg:Statement ; a ?class ; mtg:quote ?quote ; mtg:meeting ?meeting ;
     <http://www.w3.org/ns/prov#wasDerivedFrom>/mtg:sourceName ?document .
  FILTER(?class IN (mtg:Position, mtg:Commitment, mtg:Decision))
  ?meeting rdfs:label ?meetingLabel .
  OPTIONAL { ?meeting schema:startDate ?date }
  OPTIONAL { ?meeting mtg:heldBy ?body }
  OPTIONAL { ?s mtg:actor ?actor . ?actor skos:prefLabel ?actorLabel ; mtg:actorKind ?actorKind }
  OPTIONAL { ?s mtg:agendaItem ?item . ?item dcterms:title ?heading ; mtg:topic ?topic .
             ?topic skos:prefLabel ?topicLabel }
  OPTIONAL { ?s mtg:stance/skos:prefLabel ?stance . FILTER(LANG(?stance) = "en") }
  OPTIONAL { ?s mtg:decisionType/skos:prefLabel ?dtype . FILTER(LANG(?dtype) = "en") }
  OPTIONAL { ?s mtg:evidence/mtg:page ?page }
  OPTIONAL { ?s mtg:dueDate ?due }
  OPTIONAL { ?s mtg:status/skos:prefLabel ?status . FILTER(LANG(?status) = "en") }
}
"""
KIND_OF_CLASS = {"Position": "position", "Commitment": "commitment", "Decision": "decision"}


@dataclass(frozen=True)
class Row:
    """One statement-actor pair, flattened for building views."""

    statement: str
    kind: str
    actor: str | None
    actor_label: str | None
    actor_kind: str | None
    item: str | None
    heading: str | None
    topic: str | None
    topic_label: str | None
    meeting: str
    meeting_label: str
    date: date | None
    body: str | None
    stance: str | None
    decision_type: str | None
    quote: str
    document: str
    page: int | None
    due: str | None
    status: str | None

    def evidence(self) -> dict[str, object]:
        return {"quote": self.quote, "document": self.document, "page": self.page,
                "date": self.date.isoformat() if self.date else None,
                "meeting": self.meeting_label, "kind": self.kind, "stance": self.stance}


def statement_rows(store: EmbeddedStore) -> list[Row]:
    rows: list[Row] = []
    for s in store.query(STATEMENT_ROWS):
        def v(name: str, solution=s) -> str | None:
            term = solution[name]
            return None if term is None else term.value

        day = v("date")
        page = v("page")
        rows.append(Row(
            statement=v("s") or "", kind=KIND_OF_CLASS[(v("class") or "").rsplit("#", 1)[-1]],
            actor=v("actor"), actor_label=v("actorLabel"), actor_kind=v("actorKind"),
            item=v("item"), heading=v("heading"), topic=v("topic"), topic_label=v("topicLabel"),
            meeting=v("meeting") or "", meeting_label=v("meetingLabel") or "",
            date=date.fromisoformat(day) if day else None, body=v("body"), stance=v("stance"),
            decision_type=v("dtype"), quote=v("quote") or "", document=v("document") or "",
            page=int(page) if page else None, due=v("due"), status=v("status")))
    return rows


@dataclass(frozen=True)
class Filters:
    """Filters every view accepts."""

    body: str | None = None
    since: date | None = None
    until: date | None = None
    topic: str | None = None
    actor: str | None = None
    kind: str | None = None
    stance: str | None = None
    min_weight: int = 1

    def keep(self, row: Row) -> bool:
        checks = [
            self.body is None or (row.body or "").rsplit("/", 1)[-1] == self.body
            or row.body == self.body,
            self.since is None or (row.date is not None and row.date >= self.since),
            self.until is None or (row.date is not None and row.date <= self.until),
            self.topic is None or self.topic.lower() in (row.heading or "").lower(),
            self.actor is None or _actor_matches(self.actor, row),
            self.kind is None or row.kind == self.kind,
            self.stance is None or row.stance == self.stance,
        ]
        return all(checks)


def _actor_matches(wanted: str, row: Row) -> bool:
    wanted = wanted.lower()
    return bool(row.actor) and (wanted == (row.actor or "").rsplit("/", 1)[-1]
                                or wanted == (row.actor or "").lower()
                                or wanted in (row.actor_label or "").lower())


def _add_node(graph: nx.Graph, node: str, label: str, kind: str, **attrs: object) -> None:
    if node not in graph:
        graph.add_node(node, label=label, kind=kind, weight=0, **attrs)
    graph.nodes[node]["weight"] += 1


def _add_edge(graph: nx.Graph, a: str, b: str, kind: str, row: Row, **attrs: object) -> None:
    key = (a, b, kind, attrs.get("stance"))
    if isinstance(graph, nx.MultiDiGraph):
        for _, _, _k, data in graph.edges(a, keys=True, data=True):
            if data.get("_key") == key:
                data["weight"] += 1
                data["evidence"].append(row.evidence())
                return
        graph.add_edge(a, b, kind=kind, weight=1, evidence=[row.evidence()], _key=key, **attrs)
        return
    if graph.has_edge(a, b):
        graph.edges[a, b]["weight"] += 1
        graph.edges[a, b]["evidence"].append(row.evidence())
    else:
        graph.add_edge(a, b, kind=kind, weight=1, evidence=[row.evidence()], **attrs)


def actor_topic_view(rows: list[Row]) -> nx.MultiDiGraph:
    """Actors to topics; edges by statement kind and stance."""
    graph = nx.MultiDiGraph(view="actor-topic")
    for row in rows:
        if not row.actor or not row.topic:
            continue
        _add_node(graph, row.actor, row.actor_label or row.actor, "actor",
                  actor_kind=row.actor_kind)
        _add_node(graph, row.topic, row.topic_label or row.heading or row.topic, "topic")
        _add_edge(graph, row.actor, row.topic, row.kind, row,
                  stance=row.stance or row.decision_type or row.status)
    return graph


def meeting_view(rows: list[Row]) -> nx.MultiDiGraph:
    """Meetings, their agenda items, and the actors of each item's statements."""
    graph = nx.MultiDiGraph(view="meeting")
    for row in rows:
        _add_node(graph, row.meeting, row.meeting_label, "meeting")
        if row.item:
            _add_node(graph, row.item, row.heading or row.item, "agenda-item")
            _add_edge(graph, row.meeting, row.item, "agenda", row)
            if row.actor:
                _add_node(graph, row.actor, row.actor_label or row.actor, "actor",
                          actor_kind=row.actor_kind)
                _add_edge(graph, row.actor, row.item, row.kind, row,
                          stance=row.stance or row.decision_type or row.status)
    return graph


VIEWS: dict[str, Callable[[list[Row]], nx.Graph]] = {
    "actor-topic": actor_topic_view,
    "meeting": meeting_view,
}


def build_view(store: EmbeddedStore, view: str = "actor-topic", **filters: object) -> nx.Graph:
    """A filtered networkx view by name."""
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}'", hint="views: " + ", ".join(sorted(VIEWS)))
    spec = Filters(**{k: v for k, v in filters.items() if v is not None})  # type: ignore[arg-type]
    rows = [row for row in statement_rows(store) if spec.keep(row)]
    graph = VIEWS[view](rows)
    if spec.min_weight > 1:
        weak = [(a, b, k) for a, b, k, w in graph.edges(keys=True, data="weight")
                if w < spec.min_weight]
        graph.remove_edges_from(weak)
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph
