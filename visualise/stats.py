"""Counts of what the store holds, for `overleg stats`."""

from __future__ import annotations

from ..ontology.terms import MTG
from ..store.embedded import EmbeddedStore

_COUNTS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { mtg:SourceDocument mtg:Meeting mtg:AgendaItem mtg:Position mtg:Commitment
                  mtg:Decision mtg:Topic }
  ?x a ?class .
} GROUP BY ?class
"""
_ACTORS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?s mtg:actor ?a }
"""
_NAMES = {str(k): v for k, v in {
    MTG.SourceDocument: "documents", MTG.Meeting: "meetings", MTG.AgendaItem: "agenda_items",
          MTG.Position: "positions", MTG.Commitment: "commitments", MTG.Decision: "decisions",
          MTG.Topic: "topics"}.items()}


def store_stats(store: EmbeddedStore) -> dict[str, int]:
    """Documents, meetings, items, statements by kind, actors, triples and graphs."""
    stats = dict.fromkeys(_NAMES.values(), 0)
    for row in store.query(_COUNTS):
        stats[_NAMES[row["class"].value]] = int(row["n"].value)
    stats["actors"] = int(next(iter(store.query(_ACTORS)))["n"].value)
    stats["statements"] = stats["positions"] + stats["commitments"] + stats["decisions"]
    stats["triples"] = len(store)
    stats["named_graphs"] = len(store.named_graphs())
    return stats
