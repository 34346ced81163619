"""Read the links graph back: topic timelines, commitments with lifecycle and overdue.

Queries here follow the link stage's own terms (dcterms:subject to a topic
concept, mtg:currentStatus) with parameters bound through pyoxigraph
substitutions, never formatted into the text. Overdue needs an as-of date,
so it is computed here on the way out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from .link_lifecycle import is_overdue
from .queries.binding import inline_values
from .review import load_review_state
from .store.embedded import EmbeddedStore

PREFIXES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
TIMELINE = PREFIXES + """SELECT ?date ?body ?meeting ?item ?heading ?concept ?conceptLabel
  (COUNT(DISTINCT ?p) AS ?positions) (COUNT(DISTINCT ?c) AS ?commitments) (COUNT(DISTINCT ?d) AS ?decisions)
WHERE {
  ?concept skos:inScheme mtg:topicConcepts ; skos:prefLabel ?conceptLabel .
  FILTER(LANG(?conceptLabel) IN ("nl", ""))
  FILTER(?concept = ?needleIri || EXISTS { ?concept skos:prefLabel|skos:altLabel ?l .
         FILTER(CONTAINS(LCASE(STR(?l)), LCASE(?needle))) })
  ?item dcterms:subject ?concept ; dcterms:title ?heading ; mtg:meeting ?meeting .
  OPTIONAL { ?meeting dcterms:date ?date }
  OPTIONAL { ?meeting mtg:heldBy ?b . ?b skos:prefLabel ?body }
  OPTIONAL { ?p a mtg:Position ; mtg:agendaItem ?item }
  OPTIONAL { ?c a mtg:Commitment ; mtg:agendaItem ?item }
  OPTIONAL { ?d a mtg:Decision ; mtg:agendaItem ?item }
} GROUP BY ?date ?body ?meeting ?item ?heading ?concept ?conceptLabel ORDER BY ?date ?body"""
COMMITMENTS = PREFIXES + """SELECT ?commitment ?date ?body ?topic ?task ?due ?dueText ?status
  (GROUP_CONCAT(DISTINCT ?actorLabel; separator="; ") AS ?actors) ?report ?reportQuote
WHERE {
  ?commitment a mtg:Commitment ; mtg:meeting ?meeting ; mtg:currentStatus ?s .
  BIND(STRAFTER(STR(?s), "#") AS ?status)
  OPTIONAL { ?commitment mtg:task ?task } OPTIONAL { ?commitment mtg:dueDate ?due }
  OPTIONAL { ?commitment mtg:dueText ?dueText }
  OPTIONAL { ?meeting dcterms:date ?date }
  OPTIONAL { ?meeting mtg:heldBy ?b . ?b skos:prefLabel ?body }
  OPTIONAL { ?commitment mtg:agendaItem/dcterms:subject/skos:prefLabel ?topic .
             FILTER(LANG(?topic) IN ("nl", "")) }
  OPTIONAL { ?commitment mtg:committedBy/skos:prefLabel ?actorLabel }
  OPTIONAL { ?report mtg:reportsOn ?commitment ; mtg:quote ?reportQuote }
} GROUP BY ?commitment ?date ?body ?topic ?task ?due ?dueText ?status ?report ?reportQuote
ORDER BY ?date ?commitment"""


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment with its current status and, for an as-of date, whether it is overdue."""

    commitment: str
    date: str | None
    body: str | None
    topic: str | None
    actors: str | None
    task: str | None
    due: str | None
    due_text: str | None
    status: str
    overdue: bool
    evidence: str | None     # the later sentence that closed it, if any


def _v(term: ox.Term | None) -> str | None:
    return None if term is None else term.value


def topic_timeline(store: EmbeddedStore, topic: str) -> list[dict[str, str | None]]:
    """Agenda items on a topic concept (label text or concept IRI), oldest first."""
    subs = {"needle": ox.Literal(topic), "needleIri": ox.NamedNode(topic) if ":" in topic
            else ox.NamedNode("urn:overleg:none")}
    solutions = store.query(inline_values(TIMELINE, subs))
    names = [v.value for v in solutions.variables]
    return [{n: _v(s[n]) for n in names} for s in solutions]


def commitment_rows(store: EmbeddedStore, base: str, as_of: date | None = None,
                    status: str | None = None, overdue_only: bool = False) -> list[CommitmentRow]:
    """Every commitment with current status; overdue against `as_of` (default today)."""
    as_of = as_of or date.today()
    due_fix = load_review_state(store, base).due
    rows = []
    for s in store.query(COMMITMENTS):
        iri = s["commitment"].value
        due = due_fix.get(iri, _v(s["due"]))
        current = _v(s["status"]) or "open"
        row = CommitmentRow(iri, _v(s["date"]), _v(s["body"]), _v(s["topic"]), _v(s["actors"]) or None,
                            _v(s["task"]), due, _v(s["dueText"]), current, is_overdue(current, due, as_of),
                            _v(s["reportQuote"]))
        if (status is None or row.status == status) and (row.overdue or not overdue_only):
            rows.append(row)
    return rows
