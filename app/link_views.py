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
from .ontology.terms import COMMITMENT_STATUSES
from .queries.binding import inline_values, values_rows
from .review import load_review_state
from .store.embedded import EmbeddedStore

PREFIXES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# Labels are emitted in every document graph that mentions an actor, so joining labels in the
# union default graph multiplies rows by the number of documents: fetch them once, DISTINCT.
LABELS = PREFIXES + """SELECT DISTINCT ?x ?label WHERE { ?x skos:prefLabel ?label
  FILTER(LANG(?label) IN ("nl", "")) }"""
MEETINGS = PREFIXES + """SELECT DISTINCT ?meeting ?date ?body WHERE { ?meeting a mtg:Meeting .
  OPTIONAL { ?meeting dcterms:date ?date } OPTIONAL { ?meeting mtg:heldBy ?body } }"""
# the timeline's items and statements are found from its concepts (VALUES ?concept): only the rows
# on the topic are decoded, not every item and statement of the store (17 s at 10,000 minutes)
ITEMS_ON = PREFIXES + """SELECT ?item ?concept WHERE { #@concepts
  ?item dcterms:subject ?concept }"""
CONCEPTS = PREFIXES + """SELECT DISTINCT ?concept WHERE { ?concept skos:inScheme mtg:topicConcepts .
  OPTIONAL { ?concept skos:prefLabel|skos:altLabel ?l }
  FILTER(?concept = ?needleIri || CONTAINS(LCASE(STR(?l)), LCASE(?needle))) }"""
ITEMS = PREFIXES + """SELECT ?item ?heading ?meeting WHERE { #@concepts
  ?item dcterms:subject ?concept ; a mtg:AgendaItem ; dcterms:title ?heading ; mtg:meeting ?meeting }"""
STATEMENT_ITEMS = PREFIXES + """SELECT ?s ?kind ?item WHERE { #@concepts
  ?item dcterms:subject ?concept . ?s a mtg:Statement ; a ?kind ;
  mtg:agendaItem ?item FILTER(?kind IN (mtg:Position, mtg:Commitment, mtg:Decision)) }"""
# With a status asked for, every commitment query below is narrowed to it (#@values: a VALUES row for
# the status; #@status: that row and the commitment's current status): only the rows of the
# commitments listed are decoded, not every actor, report quote and item of the store (14.5 s for
# the overdue ones at 10,000 minutes, 1.8 s this way; #@items: their agenda items). Without a status
# nothing is joined: reading every item's topic is cheaper than joining each to its commitments.
STATUS_JOIN = " ?commitment mtg:currentStatus ?s ."
ITEM_JOIN = "?commitment mtg:agendaItem ?item ."
COMMITMENTS = PREFIXES + """SELECT ?commitment ?meeting ?s ?task ?due ?dueText ?item WHERE { #@values
  ?commitment a mtg:Commitment ; mtg:meeting ?meeting ; mtg:currentStatus ?s .
  OPTIONAL { ?commitment mtg:task ?task } OPTIONAL { ?commitment mtg:dueDate ?due }
  OPTIONAL { ?commitment mtg:dueText ?dueText } OPTIONAL { ?commitment mtg:agendaItem ?item } }"""
ACTORS = PREFIXES + """SELECT DISTINCT ?commitment ?actor WHERE { #@status
  ?commitment mtg:committedBy ?actor }"""
REPORTS = PREFIXES + """SELECT ?commitment ?quote WHERE { #@status
  ?r mtg:reportsOn ?commitment ; mtg:quote ?quote }"""
ITEM_TOPICS = PREFIXES + """SELECT ?item ?concept WHERE { #@status
  #@items
  ?item dcterms:subject ?concept }"""


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


def _pairs(store: EmbeddedStore, query: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in store.query(query):
        out.setdefault(s[0].value, s[1].value)
    return out


def _meetings(store: EmbeddedStore) -> dict[str, tuple[str | None, str | None]]:
    return {s["meeting"].value: (_v(s["date"]), _v(s["body"])) for s in store.query(MEETINGS)}


def topic_timeline(store: EmbeddedStore, topic: str) -> list[dict[str, str | None]]:
    """Agenda items on a topic concept (label text or concept IRI), oldest first."""
    subs = {"needle": ox.Literal(topic), "needleIri": ox.NamedNode(topic) if ":" in topic
            else ox.NamedNode("urn:overleg:none")}
    concepts = {s["concept"].value for s in store.query(inline_values(CONCEPTS, subs))}
    if not concepts:
        return []
    on = values_rows("concept", [ox.NamedNode(c) for c in sorted(concepts)])
    wanted = _pairs(store, ITEMS_ON.replace("#@concepts", on))
    if not wanted:
        return []
    labels, meetings = _pairs(store, LABELS), _meetings(store)
    counts: dict[str, dict[str, int]] = {}
    for s in store.query(STATEMENT_ITEMS.replace("#@concepts", on)):  # the statements on its items
        kind = s["kind"].value.rsplit("#", 1)[-1].lower() + "s"
        bucket = counts.setdefault(s["item"].value, {})
        bucket[kind] = bucket.get(kind, 0) + 1
    rows, seen = [], set()
    for s in store.query(ITEMS.replace("#@concepts", on)):
        item = s["item"].value
        if item not in seen:
            seen.add(item)
            day, body = meetings.get(s["meeting"].value, (None, None))
            c = counts.get(item, {})
            rows.append({"date": day, "body": labels.get(body or "", body), "meeting": s["meeting"].value,
                         "item": item, "heading": s["heading"].value, "concept": wanted[item],
                         "conceptLabel": labels.get(wanted[item]), "positions": c.get("positions", 0),
                         "commitments": c.get("commitments", 0), "decisions": c.get("decisions", 0)})
    return sorted(rows, key=lambda r: (r["date"] or "", r["body"] or "", r["item"]))


def commitment_rows(store: EmbeddedStore, base: str, as_of: date | None = None,
                    status: str | None = None, overdue_only: bool = False) -> list[CommitmentRow]:
    """Every commitment with current status; overdue against `as_of` (default today)."""
    as_of = as_of or date.today()
    due_fix = load_review_state(store, base).due
    wanted = "open" if overdue_only else status  # only an open commitment can be overdue
    if wanted is not None and wanted not in COMMITMENT_STATUSES:
        return []
    block = values_rows("s", [ox.NamedNode(str(COMMITMENT_STATUSES[wanted]))]) if wanted else ""

    def listed(query: str) -> str:  # the commitments of that status, their items, actors or reports
        narrowed = {"#@values": block, "#@status": block + STATUS_JOIN, "#@items": ITEM_JOIN}
        for marker, text in narrowed.items():
            query = query.replace(marker, text if block else "")
        return query

    labels, meetings = _pairs(store, LABELS), _meetings(store)
    topics = _pairs(store, listed(ITEM_TOPICS))
    actors: dict[str, list[str]] = {}
    for s in store.query(listed(ACTORS)):
        actors.setdefault(s["commitment"].value, []).append(labels.get(s["actor"].value, s["actor"].value))
    reports = _pairs(store, listed(REPORTS))
    rows = []
    for s in store.query(listed(COMMITMENTS)):
        iri = s["commitment"].value
        due = due_fix.get(iri, _v(s["due"]))
        current = s["s"].value.rsplit("#", 1)[-1]
        day, body = meetings.get(s["meeting"].value, (None, None))
        topic = topics.get(_v(s["item"]) or "")
        row = CommitmentRow(iri, day, labels.get(body or "", body), labels.get(topic or "", topic),
                            "; ".join(sorted(actors.get(iri, []))) or None, _v(s["task"]), due,
                            _v(s["dueText"]), current, is_overdue(current, due, as_of), reports.get(iri))
        if (status is None or row.status == status) and (row.overdue or not overdue_only):
            rows.append(row)
    return sorted(rows, key=lambda r: (r.date or "", r.commitment))
