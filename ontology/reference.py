"""Reference actors (the gazetteer) as typed records.

Read once from reference/actors.ttl with rdflib and cached: the ingest
stages match surface forms against the aliases and resolve offices to their
holders on a meeting date without touching RDF themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rdflib import Graph, URIRef

from . import data_path
from .terms import MTG, ORG, OWL, RDF, SCHEMA, SKOS

ACTOR_PREFIX = "https://w3id.org/overleg/id/actor/"


@dataclass(frozen=True)
class Tenure:
    person: str
    post: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class ReferenceActor:
    key: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    acronym: str | None = None
    wikidata: str | None = None
    start: date | None = None
    end: date | None = None
    successor: str | None = None
    chairs: tuple[str, ...] = ()

    def valid_on(self, day: date | None) -> bool:
        """Whether the body or office existed on a day (unknown dates count as yes)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, ReferenceActor]
    tenures: tuple[Tenure, ...]

    def holder(self, post_key: str, day: date | None) -> str | None:
        """The person holding an office on a day, where the data knows it."""
        if day is None:
            return None
        for tenure in self.tenures:
            if tenure.post == post_key and tenure.covers(day):
                return tenure.person
        return None

    def posts_of(self, person_key: str, day: date | None) -> tuple[str, ...]:
        """The offices a person held on a day, where the data knows it."""
        if day is None:
            return ()
        return tuple(t.post for t in self.tenures if t.person == person_key and t.covers(day))

    def chair(self, body_key: str | None, day: date | None) -> str | None:
        """The office chairing a body on a day."""
        body = self.actors.get(body_key or "")
        if body is None:
            return None
        valid = [key for key in body.chairs if self.actors[key].valid_on(day)]
        return valid[0] if valid else None

    def by_alias(self) -> dict[str, str]:
        """Lower-case alias -> actor key (labels and acronyms included)."""
        index: dict[str, str] = {}
        for actor in self.actors.values():
            for alias in (actor.label.lower(), *(a.lower() for a in actor.aliases)):
                index.setdefault(alias, actor.key)
            if actor.acronym:
                index.setdefault(actor.acronym.lower(), actor.key)
        return index


def _key(node: URIRef) -> str:
    return str(node)[len(ACTOR_PREFIX):]


def _date(graph: Graph, node: URIRef, prop: URIRef) -> date | None:
    value = graph.value(node, prop)
    return value.toPython() if value is not None else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Parse reference/actors.ttl once per process."""
    graph = Graph().parse(data_path("reference/actors.ttl"), format="turtle")
    actors: dict[str, ReferenceActor] = {}
    for node in set(graph.subjects(MTG.actorKind, None)):
        wikidata = graph.value(node, OWL.sameAs)
        successor = graph.value(node, MTG.succeededBy)
        actors[_key(node)] = ReferenceActor(
            key=_key(node),
            label=str(graph.value(node, SKOS.prefLabel)),
            kind=str(graph.value(node, MTG.actorKind)),
            aliases=tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel))),
            acronym=str(graph.value(node, MTG.acronym) or "") or None,
            wikidata=str(wikidata).rsplit("/", 1)[-1] if wikidata else None,
            start=_date(graph, node, SCHEMA.startDate),
            end=_date(graph, node, SCHEMA.endDate),
            successor=_key(successor) if successor else None,
            chairs=tuple(sorted(_key(c) for c in graph.objects(node, MTG.chair))),
        )
    tenures = tuple(
        Tenure(person=_key(graph.value(node, ORG.member)), post=_key(graph.value(node, ORG.role)),
               start=_date(graph, node, SCHEMA.startDate), end=_date(graph, node, SCHEMA.endDate))
        for node in graph.subjects(RDF.type, ORG.Membership)
    )
    return Gazetteer(actors=actors, tenures=tenures)
