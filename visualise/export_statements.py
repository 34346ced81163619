"""The statements export: one flat record per extracted statement, as JSON or CSV.

This is the table a researcher loads into a spreadsheet or pandas: what was
said (kind, stance, decision type, status), by whom (actor labels), on which
agenda topic, when it is due (normalised and as written), and exactly where it
stands in the source (quote, start and end offsets into the original text,
page), with the extraction rule and its confidence. Reports use the same
records to cite offsets.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields

import pyoxigraph as ox

from ..queries.binding import values_rows
from ..store.embedded import EmbeddedStore
from .statement_scope import Scope

STATEMENT_RECORDS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?s ?class ?document ?meeting ?meetingLabel ?date ?body ?item ?number ?heading ?topic ?actor
       ?stance ?dtype ?status ?current ?due ?dueText ?quote ?page ?rule ?confidence ?review
       ?reviewed
WHERE {
  #@scope
  ?s a mtg:Statement ; a ?class ; mtg:quote ?quote ; mtg:meeting ?meeting ;
     prov:wasDerivedFrom ?source . ?source mtg:sourceName ?document .
  FILTER(?class IN (mtg:Position, mtg:Commitment, mtg:Decision))
  OPTIONAL { ?meeting rdfs:label ?meetingLabel }
  OPTIONAL { ?meeting schema:startDate ?date }
  OPTIONAL { ?meeting mtg:heldBy ?body }
  OPTIONAL { ?s mtg:agendaItem ?item . ?item dcterms:title ?heading .
             OPTIONAL { ?item skos:notation ?number } OPTIONAL { ?item mtg:topic ?topic } }
  OPTIONAL { ?s mtg:actor ?actor }
  OPTIONAL { ?s mtg:stance ?stance }
  OPTIONAL { ?s mtg:decisionType ?dtype }
  OPTIONAL { ?s mtg:status ?status }
  OPTIONAL { ?s mtg:currentStatus ?current }
  OPTIONAL { ?s mtg:dueDate ?due }
  OPTIONAL { ?s mtg:dueText ?dueText }
  OPTIONAL { ?s mtg:rule ?rule }
  OPTIONAL { ?s mtg:confidence ?confidence }
  OPTIONAL { ?s mtg:reviewStatus ?review }
  OPTIONAL { ?s mtg:currentReviewStatus ?reviewed }
  OPTIONAL { ?s mtg:page ?page }
}
"""
STATEMENT_IDS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?s WHERE {
  #@scope
  ?s a mtg:Statement ; mtg:meeting ?meeting .
}
"""
CHUNK = 500
"""Statements read per records query, bound as VALUES rows. Oxigraph then looks each OPTIONAL up
per statement; past about a thousand rows it builds every OPTIONAL's whole right side in the store
instead (8,000 statements of one quarter at 10,000 minutes: 4 s in chunks of 250-1,000, 53 s as one
query, 476 s in chunks of 4,000)."""
OFFSETS = """
PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?s ?start ?end WHERE {
  #@scope
  ?s mtg:meeting ?meeting ; mtg:evidence ?evidence . ?evidence oa:hasTarget ?target .
  ?target oa:hasSelector ?sel . ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}
"""
# The offsets are read apart, in patterns rather than a property path: Oxigraph evaluated
# `OPTIONAL { ?s mtg:evidence/oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ... }` for every
# statement in the store before joining it, so one meeting's 200 statements took 20 s at 10,000
# minutes (0.1 s this way). The same scope narrows both queries.
# Actors are described again in every document that names them, and the union default graph
# repeats a triple once per graph: joining labels into the statement query multiplies its rows
# by the number of documents (350k rows for 3,400 statements over 150 minutes). Labels and kinds
# are therefore read once, apart.


INDEXED_NAMES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?label ?kind WHERE {
  #@actors
  GRAPH ?links { ?a mtg:statementCount ?n ; skos:prefLabel ?label . OPTIONAL { ?a mtg:actorKind ?kind } } }"""
"""The one label and kind per actor the link stage's query index keeps in the links graph (only there
has an actor a statement count: app/link_index.py)."""
LABELS = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a (MIN(?label) AS ?smallest) WHERE {
  #@actors
  ?a skos:prefLabel ?label } GROUP BY ?a"""
KINDS = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?a (MIN(?kind) AS ?smallest) WHERE {
  #@actors
  ?a mtg:actorKind ?kind } GROUP BY ?a"""


def actor_names(store: EmbeddedStore, actors: set[str]) -> dict[str, tuple[str, str | None]]:
    """Actor IRI -> (smallest label, kind) for the given actors: from the query index where it has
    them, else from the documents (each actor's own triples only: reading every label in the store
    and keeping the wanted ones took seconds at 10,000 minutes)."""
    if not actors:
        return {}
    found = {s["a"].value: (s["label"].value, s["kind"].value if s["kind"] is not None else None)
             for s in store.query(_with_actors(INDEXED_NAMES, actors))}
    rest = actors - set(found)
    if rest:
        labels = {s["a"].value: s["smallest"].value for s in store.query(_with_actors(LABELS, rest))}
        kinds = {s["a"].value: s["smallest"].value for s in store.query(_with_actors(KINDS, rest))}
        found |= {a: (labels.get(a) or _key(a) or a, kinds.get(a)) for a in rest}
    return found


def _with_actors(query: str, actors: set[str]) -> str:
    """The query with a VALUES row per actor."""
    return query.replace("#@actors", values_rows("a", [ox.NamedNode(a) for a in sorted(actors)]))


# Concept IRIs end in the key the ontology gives them (mtg:oppose, mtg:withdrawnDecision, ...).
_CONCEPT_KEYS = {"withdrawnDecision": "withdrawn", "rejectedByReview": "rejected"}


@dataclass(frozen=True)
class StatementRecord:
    """One statement, flat; field order is the CSV column order.

    `status` is what the minutes said; `current_status` what the link stage made
    of later minutes (fulfilled, superseded), when it knows more. `review_status`
    is the researcher's review (rejected statements stay in the export, marked).
    """

    statement: str
    document: str
    meeting: str
    date: str | None
    body: str | None
    kind: str
    stance: str | None
    decision_type: str | None
    status: str | None
    current_status: str | None
    item_number: str | None
    topic: str | None
    actors: tuple[str, ...]
    actor_iris: tuple[str, ...]
    actor_kinds: tuple[str | None, ...]
    due: str | None
    due_text: str | None
    quote: str
    start: int | None
    end: int | None
    page: int | None
    rule: str | None
    confidence: float | None
    review_status: str | None
    meeting_iri: str
    body_iri: str | None
    item: str | None
    topic_iri: str | None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["actors"], data["actor_iris"] = list(self.actors), list(self.actor_iris)
        data["actor_kinds"] = list(self.actor_kinds)
        return data


def statement_records(store: EmbeddedStore, scope: Scope | None = None) -> list[StatementRecord]:
    """Every statement in the store (or in `scope`: statement_scope.py), ordered by document and
    offset: the statements first, then their records CHUNK at a time."""
    if scope is not None and scope.is_empty():
        return []
    found = [s["s"] for s in store.query(STATEMENT_IDS.replace("#@scope", scope.pattern() if scope else ""))]
    merged: dict[str, dict] = {}
    for start in range(0, len(found), CHUNK):
        _read_chunk(store, found[start:start + CHUNK], merged)
    actors = actor_names(store, {a for v in merged.values() for a in v["actors"]})
    records = [_record(values, actors) for values in merged.values()]
    return sorted(records, key=lambda r: (r.document, r.start if r.start is not None else -1,
                                          r.statement))


def _read_chunk(store: EmbeddedStore, statements: list[ox.Term], merged: dict[str, dict]) -> None:
    """The records of these statements, added to `merged` (statement IRI -> values and actors)."""
    block = values_rows("s", statements)
    offsets = {s["s"].value: (s["start"].value, s["end"].value)
               for s in store.query(OFFSETS.replace("#@scope", block))}
    for solution in store.query(STATEMENT_RECORDS.replace("#@scope", block)):
        values = {v: (solution[v].value if solution[v] is not None else None) for v in _NAMES}
        values["start"], values["end"] = offsets.get(values["s"], (None, None))
        record = merged.setdefault(values["s"], {**values, "actors": set()})
        if values["actor"]:
            record["actors"].add(values["actor"])


_NAMES = ("s", "class", "document", "meeting", "meetingLabel", "date", "body", "item", "number", "heading",
          "topic", "actor", "stance", "dtype", "status", "current", "due", "dueText", "quote", "page",
          "rule", "confidence", "review", "reviewed")


def _record(v: dict, names: dict[str, tuple[str, str | None]]) -> StatementRecord:
    actors = sorted(v["actors"], key=lambda a: (names[a][0], a))
    return StatementRecord(
        statement=v["s"], document=v["document"], meeting=v["meetingLabel"] or v["meeting"],
        date=v["date"], body=_key(v["body"]), kind=(_key(v["class"]) or "").lower(),
        stance=_concept(v["stance"]), decision_type=_concept(v["dtype"]),
        status=_concept(v["status"]), current_status=_concept(v["current"]),
        item_number=v["number"], topic=v["heading"],
        actors=tuple(names[a][0] for a in actors), actor_iris=tuple(actors),
        actor_kinds=tuple(names[a][1] for a in actors),
        due=v["due"], due_text=v["dueText"], quote=v["quote"], start=_int(v["start"]),
        end=_int(v["end"]), page=_int(v["page"]), rule=v["rule"],
        confidence=float(v["confidence"]) if v["confidence"] else None,
        review_status=_concept(v["reviewed"] or v["review"]), meeting_iri=v["meeting"],
        body_iri=v["body"], item=v["item"], topic_iri=v["topic"])


def _key(iri: str | None) -> str | None:
    if not iri:
        return None
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _concept(iri: str | None) -> str | None:
    key = _key(iri)
    return _CONCEPT_KEYS.get(key, key) if key else None


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


CSV_COLUMNS = [f.name for f in fields(StatementRecord)]


def statements_json(records: Iterable[StatementRecord]) -> str:
    """`{"schema": "overleg-statements/1", "statements": [...]}` (see report.schema.json)."""
    return json.dumps({"schema": "overleg-statements/1",
                       "statements": [r.to_dict() for r in records]},
                      ensure_ascii=False, indent=2) + "\n"


def statements_csv(records: Iterable[StatementRecord]) -> str:
    """One row per statement; several actors joined with '; '."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = record.to_dict()
        row["actors"] = "; ".join(record.actors)
        row["actor_iris"] = "; ".join(record.actor_iris)
        row["actor_kinds"] = "; ".join(k or "" for k in record.actor_kinds)
        writer.writerow(row)
    return buffer.getvalue()
