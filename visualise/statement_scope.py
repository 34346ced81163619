"""Which statements a view, report or export reads: its filters, pushed into the store's query.

Oxigraph evaluates a query on its own term ids and decodes a term only to hand
it out, at 10-25 µs a term on disk (a RocksDB lookup for every IRI and string).
Reading every statement's record (25 fields) is therefore ~0.4 ms a statement:
over 3 minutes for the 230,000 statements of 10,000 minutes, for a view or a
report of one meeting. A `Scope` turns the filters into patterns the query
evaluates before it decodes anything, so only the statements in scope are
read. The scope may read more than the filters keep, never less: the
filters are still applied to the rows afterwards (view_rows.Filters), so
pushing one down changes how fast a view comes, never what it shows.

Text filters (an actor's label, a meeting's date or label, a body's key) are
resolved to IRIs first, against small lists read from the store (the actors
named in statements, the meetings, the bodies); a text that matches nothing
there leaves an empty scope. A topic stays a text test on the agenda item's
heading (thousands of matching items as VALUES rows joined slower than the
test). Values enter the query as VALUES rows of terms serialised by
pyoxigraph, never as text formatted into it. Large VALUES sets join slowly in
Oxigraph (4,000 rows: ~50 s at 10,000 minutes), so dates are the cheapest way
to narrow a big store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from ..ontology.terms import MTG
from ..queries.binding import values_rows
from ..store.embedded import EmbeddedStore
from .view_rows import KIND_OF_CLASS, Filters

KIND_CLASSES = {kind: str(MTG[name]) for name, kind in KIND_OF_CLASS.items()}
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
PREFIXES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ACTORS = PREFIXES + """SELECT ?a (MIN(?label) AS ?smallest) WHERE {
  { SELECT DISTINCT ?a WHERE { ?s mtg:actor ?a } } OPTIONAL { ?a skos:prefLabel ?label } } GROUP BY ?a"""
MEETINGS = PREFIXES + """SELECT ?m ?label ?date WHERE { { SELECT DISTINCT ?m WHERE { ?s mtg:meeting ?m } }
  OPTIONAL { ?m rdfs:label ?label } OPTIONAL { ?m schema:startDate ?date } }"""
BODIES = PREFIXES + "SELECT DISTINCT ?b WHERE { ?m mtg:heldBy ?b }"


@dataclass(frozen=True)
class Scope:
    """The statements to read: each set that is not None must hold the statement's value."""

    meetings: frozenset[str] | None = None
    actors: frozenset[str] | None = None
    bodies: frozenset[str] | None = None
    kinds: frozenset[str] | None = None      # class IRIs
    heading: str | None = None               # a piece of the item's heading, or its topic IRI (any case)
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return any(values is not None and not values
                   for values in (self.meetings, self.actors, self.bodies, self.kinds))

    def pattern(self) -> str:
        """SPARQL patterns over ?s and ?meeting (the statements query's variables) for this scope."""
        parts = []
        if self.meetings is not None:
            parts.append(values_rows("meeting", _iris(self.meetings)))
        if self.actors is not None:
            parts += [values_rows("scopeActor", _iris(self.actors)), "?s mtg:actor ?scopeActor ."]
        if self.kinds is not None:
            parts += [values_rows("scopeClass", _iris(self.kinds)), "?s a ?scopeClass ."]
        if self.bodies is not None:
            parts += [values_rows("scopeBody", _iris(self.bodies)), "?meeting mtg:heldBy ?scopeBody ."]
        if self.since is not None or self.until is not None:
            parts.append("?meeting schema:startDate ?scopeDate .")
            for name, day, test in (("scopeSince", self.since, ">="), ("scopeUntil", self.until, "<=")):
                if day is not None:
                    parts += [values_rows(name, [_day(day)]), f"FILTER(?scopeDate {test} ?{name})"]
        if self.heading is not None:  # a text test per item: a VALUES row per matching item was slower
            parts += [values_rows("scopeText", [ox.Literal(self.heading.strip().lower())]),
                      "?s mtg:agendaItem ?scopeItem . ?scopeItem dcterms:title ?scopeTitle . "
                      "FILTER(CONTAINS(LCASE(STR(?scopeTitle)), ?scopeText) "
                      "|| EXISTS { ?scopeItem mtg:topic ?scopeTopic "
                      "FILTER(LCASE(STR(?scopeTopic)) = ?scopeText) })"]
        return "\n  ".join(parts)


def _iris(values: frozenset[str]) -> list[ox.Term]:
    return [ox.NamedNode(iri) for iri in sorted(values)]


def _day(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=_XSD_DATE)


def scope_of(store: EmbeddedStore, filters: Filters, with_actor: bool = True) -> Scope:
    """The scope of `filters` (the actor filter only `with_actor`: a view of an actor and its
    neighbours needs the neighbours' statements too)."""
    return Scope(
        meetings=meetings_matching(store, filters.meeting) if filters.meeting else None,
        actors=actors_matching(store, filters.actor) if filters.actor and with_actor else None,
        bodies=bodies_matching(store, filters.body) if filters.body else None,
        kinds=frozenset({KIND_CLASSES[filters.kind]}) if filters.kind else None,
        heading=filters.topic, since=filters.since, until=filters.until)


def actor_labels(store: EmbeddedStore) -> dict[str, str | None]:
    """Every actor named in a statement -> its smallest label (the same on every run), or None: the
    actors first, then their labels, so no statement is joined to labels in every graph."""
    return {s["a"].value: s["smallest"].value if s["smallest"] is not None else None
            for s in store.query(ACTORS)}


def actor_catalogue(store: EmbeddedStore) -> dict[str, str]:
    """Every actor named in a statement -> its smallest label (its key when it has none)."""
    return {a: label if label is not None else a.rsplit("/", 1)[-1]
            for a, label in actor_labels(store).items()}


def actors_matching(store: EmbeddedStore, wanted: str) -> frozenset[str]:
    """Actors whose key or IRI is `wanted`, or whose label holds it (as view_rows._actor_matches)."""
    text = wanted.strip().lower()
    return frozenset(iri for iri, label in actor_catalogue(store).items()
                     if text in (iri.rsplit("/", 1)[-1].lower(), iri.lower()) or text in label.lower())


def meeting_catalogue(store: EmbeddedStore) -> list[tuple[str, str, str | None]]:
    """(meeting IRI, label, date) of every meeting a statement belongs to."""
    return [(s["m"].value, s["label"].value if s["label"] is not None else s["m"].value,
             s["date"].value if s["date"] is not None else None) for s in store.query(MEETINGS)]


def meetings_matching(store: EmbeddedStore, wanted: str) -> frozenset[str]:
    """Meetings by IRI, by date (YYYY-MM-DD) or by a piece of their label (as view_rows does)."""
    text = wanted.strip().lower()  # any case: as loose as every caller's own matching
    return frozenset(iri for iri, label, day in meeting_catalogue(store)
                     if text == iri.lower() or (day is not None and text == day[:10])
                     or text in label.lower())


def bodies_matching(store: EmbeddedStore, wanted: str) -> frozenset[str]:
    """Bodies (the meetings' mtg:heldBy) by key or IRI."""
    return frozenset(s["b"].value for s in store.query(BODIES)
                     if wanted in (s["b"].value, s["b"].value.rsplit("/", 1)[-1]))

