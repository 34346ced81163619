"""The review file: a researcher's corrections, kept apart and applied after every ingest.

Extraction is rules, so a researcher confirms, rejects or corrects statements
and merges or splits actors in a YAML file that lives beside the corpus (see
README, "Across meetings"). Applying it writes `BASE/graph/review`: the
current review status of each reviewed statement, corrections as
`mtg:Correction` nodes (the source graph keeps what was extracted), and
`owl:sameAs` for merged actors. The file's path is recorded there, so every
later ingest re-reads and re-applies it before the link stage runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from .errors import InputError
from .ontology.terms import (
    COMMITMENT_STATUSES,
    DCTERMS,
    DECISION_TYPES,
    MTG,
    OWL,
    RDF,
    REVIEW_STATUSES,
    SKOS,
    STANCES,
    XSD,
)
from .queries.binding import inline_values
from .store.embedded import EmbeddedStore
from .visualise.statement_scope import actor_labels

FIELDS = {"status": (MTG.status, COMMITMENT_STATUSES), "stance": (MTG.stance, STANCES),
          "decision_type": (MTG.decisionType, DECISION_TYPES), "due": (MTG.dueDate, None),
          "task": (MTG.task, None), "actor": (MTG.actor, None)}
RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"


def review_graph(base: str) -> str:
    return f"{base}graph/review"


@dataclass(frozen=True)
class StatementReview:
    """One statement's review: status, note, reviewer and corrected fields."""

    statement: str
    status: str
    note: str | None = None
    by: str | None = None
    corrections: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReviewFile:
    """A parsed review file with IRIs made absolute."""

    path: Path
    statements: list[StatementReview] = field(default_factory=list)
    merges: dict[str, str] = field(default_factory=dict)          # actor -> canonical actor
    splits: list[tuple[str, str, list[str]]] = field(default_factory=list)  # from, into, statements


def _iri(ref: str, base: str, kind: str = "") -> str:
    ref = str(ref).strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref):
        return ref
    if kind and "/" not in ref:
        ref = f"{kind}/{ref}"
    return base + ref.lstrip("/")


def load_review_file(path: str | Path, base: str) -> ReviewFile:
    """Parse and check a review file; InputError names the file and what is wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the review file: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "a review file is a mapping with 'statements' and/or 'actors'")
    review = ReviewFile(path)
    for n, entry in enumerate(data.get("statements") or [], 1):
        review.statements.append(_statement(entry, n, path, base))
    actors = data.get("actors") or {}
    for entry in actors.get("merge") or []:
        into = _iri(_need(entry, "into", path, "actors.merge"), base, "actor")
        sources = entry.get("from") or []
        for source in [sources] if isinstance(sources, str) else sources:
            review.merges[_iri(source, base, "actor")] = into
    for entry in actors.get("split") or []:
        review.splits.append((_iri(_need(entry, "from", path, "actors.split"), base, "actor"),
                              _iri(_need(entry, "into", path, "actors.split"), base, "actor"),
                              [_iri(s, base) for s in entry.get("statements") or []]))
    return review


def _need(entry: Any, key: str, path: Path, where: str) -> Any:
    if not isinstance(entry, dict) or not entry.get(key):
        raise InputError(str(path), f"every entry of {where} needs '{key}'")
    return entry[key]


def _statement(entry: Any, n: int, path: Path, base: str) -> StatementReview:
    where = f"statements entry {n}"
    iri = _iri(_need(entry, "id", path, "statements"), base)
    status = str(entry.get("review") or ("corrected" if entry.get("set") else "confirmed"))
    if status not in REVIEW_STATUSES or status == "unreviewed":
        raise InputError(str(path), f"{where}: review must be confirmed, rejected or corrected, "
                                    f"not '{status}'")
    corrections = dict(entry.get("set") or {})
    for key, value in corrections.items():
        if key not in FIELDS:
            raise InputError(str(path), f"{where}: cannot set '{key}'; one of {', '.join(FIELDS)}")
        allowed = FIELDS[key][1]
        if allowed is not None and value not in allowed:
            raise InputError(str(path), f"{where}: {key} must be one of {', '.join(allowed)}")
        if key == "due" and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", str(value)):
            raise InputError(str(path), f"{where}: due must be YYYY-MM-DD or YYYY-MM")
    if corrections and status != "corrected":
        raise InputError(str(path), f"{where}: 'set' needs review: corrected")
    if "actor" in corrections:
        values = corrections["actor"]
        corrections["actor"] = [_iri(a, base, "actor") for a in ([values] if isinstance(values, str)
                                                                  else values)]
    return StatementReview(iri, status, entry.get("note"), entry.get("by"), corrections)


def review_quads(review: ReviewFile, base: str, graph: str) -> list[ox.Quad]:
    """The review graph's content."""
    g = ox.NamedNode(graph)

    def q(s: str, p: object, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o, g)

    out = [q(graph, DCTERMS.source, ox.Literal(str(review.path.resolve())))]
    for r in review.statements:
        out.append(q(r.statement, MTG.currentReviewStatus, ox.NamedNode(str(REVIEW_STATUSES[r.status]))))
        if r.note:
            out.append(q(r.statement, "http://www.w3.org/2000/01/rdf-schema#comment", ox.Literal(r.note)))
        if r.by:
            out.append(q(r.statement, DCTERMS.contributor, ox.Literal(str(r.by))))
        for key, value in r.corrections.items():
            for n, term in enumerate(_terms(key, value)):
                node = f"{r.statement}/correction/{key}/{n}"
                out += [q(r.statement, MTG.correction, ox.NamedNode(node)),
                        q(node, RDF.type, ox.NamedNode(str(MTG.Correction))),
                        q(node, RDF_PREDICATE, ox.NamedNode(str(FIELDS[key][0]))), q(node, RDF_OBJECT, term)]
    for source, into in review.merges.items():
        out.append(q(source, OWL.sameAs, ox.NamedNode(into)))
    for source, into, statements in review.splits:
        for s in statements:
            out += [q(s, MTG.currentReviewStatus, ox.NamedNode(str(MTG.corrected)))]
            node = f"{s}/correction/actor/split"
            out += [q(s, MTG.correction, ox.NamedNode(node)),
                    q(node, RDF.type, ox.NamedNode(str(MTG.Correction))),
                    q(node, RDF_PREDICATE, ox.NamedNode(str(MTG.actor))),
                    q(node, RDF_OBJECT, ox.NamedNode(into)), q(node, DCTERMS.replaces, ox.NamedNode(source))]
    return list(dict.fromkeys(out))


def _terms(key: str, value: Any) -> list[ox.NamedNode | ox.Literal]:
    mapping = FIELDS[key][1]
    if mapping is not None:
        return [ox.NamedNode(str(mapping[value]))]
    if key == "actor":
        return [ox.NamedNode(a) for a in value]
    if key == "due":
        text = value.isoformat() if isinstance(value, date) else str(value)
        dtype = XSD.gYearMonth if len(text) == 7 else XSD.date
        return [ox.Literal(text, datatype=ox.NamedNode(str(dtype)))]
    return [ox.Literal(str(value))]


def apply_review(store: EmbeddedStore, base: str, path: str | Path) -> tuple[int, list[str]]:
    """Write the review graph from a file; returns (statements reviewed, ids not in the store)."""
    review = load_review_file(path, base)
    known = {row["s"].value for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{MTG.Statement}> }}")}
    wanted = [r.statement for r in review.statements] + [s for _f, _i, ss in review.splits for s in ss]
    missing = [iri for iri in wanted if iri not in known]
    store.replace_graphs({review_graph(base): review_quads(review, base, review_graph(base))})
    return len(review.statements), missing


def recorded_review_file(store: EmbeddedStore, base: str) -> Path | None:
    """The review file applied last time, if it still exists."""
    graph = ox.NamedNode(review_graph(base))
    for quad in store.oxigraph.quads_for_pattern(graph, ox.NamedNode(str(DCTERMS.source)), None, graph):
        path = Path(quad.object.value)
        return path if path.is_file() else None
    return None


@dataclass
class ReviewState:
    """The review graph as the link stage needs it."""

    rejected: set[str] = field(default_factory=set)
    statuses: dict[str, str] = field(default_factory=dict)      # commitment -> corrected status
    tasks: dict[str, str] = field(default_factory=dict)
    due: dict[str, str] = field(default_factory=dict)
    actors: dict[str, set[str]] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)


STATE = f"""PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?s ?status ?p ?o WHERE {{ {{ ?s mtg:currentReviewStatus ?status }}
  UNION {{ ?s mtg:correction ?c . ?c <{RDF_PREDICATE}> ?p ; <{RDF_OBJECT}> ?o }} }}"""


def load_review_state(store: EmbeddedStore, base: str) -> ReviewState:
    state = ReviewState()
    graph = ox.NamedNode(review_graph(base))
    if not store.oxigraph.contains_named_graph(graph):
        return state
    names = {str(COMMITMENT_STATUSES[k]): k for k in COMMITMENT_STATUSES}
    for row in store.oxigraph.query(STATE, default_graph=graph):
        s = row["s"].value
        if row["status"] is not None and row["status"].value == str(MTG.rejectedByReview):
            state.rejected.add(s)
        predicate = row["p"].value if row["p"] is not None else None
        if predicate == str(MTG.status):
            state.statuses[s] = names[row["o"].value]
        elif predicate == str(MTG.task):
            state.tasks[s] = row["o"].value
        elif predicate == str(MTG.dueDate):
            state.due[s] = row["o"].value
        elif predicate == str(MTG.actor):
            state.actors.setdefault(s, set()).add(row["o"].value)
    for quad in store.oxigraph.quads_for_pattern(None, ox.NamedNode(str(OWL.sameAs)), None, graph):
        state.same_as[quad.subject.value] = quad.object.value
    return state


@dataclass(frozen=True)
class ReviewItem:
    """Something a researcher should look at, and why."""

    kind: str        # statement | follow-up | actor-merge | minted-topic
    subject: str
    text: str
    reason: str


LOW_CONFIDENCE = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?s ?quote ?conf WHERE { ?s a mtg:Statement ; mtg:quote ?quote ; mtg:confidence ?conf .
  FILTER(?conf < ?threshold) FILTER NOT EXISTS { ?s mtg:currentReviewStatus ?r } } ORDER BY ?conf ?s"""
LOW_CONFIDENCE_RANKED = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?s ?quote ?conf WHERE { GRAPH ?links { ?s mtg:reviewRank ?rank } FILTER(?rank < ?until)
  ?s mtg:confidence ?conf ; mtg:quote ?quote .
  FILTER(?conf < ?threshold) FILTER NOT EXISTS { ?s mtg:currentReviewStatus ?r } } ORDER BY ?rank"""
"""The same statements by the query index's review keys (app/link_pages.py): only the keys below the
threshold's run are looked up, not every statement (12 s for 56,000 of 230,000 statements at 10,000
minutes, against 4 s); lowest confidence first, then in date order."""
WEAK_FOLLOW_UPS = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
SELECT ?c ?quote ?conf WHERE { ?r mtg:reportsOn ?c ; mtg:quote ?quote ; mtg:confidence ?conf .
  FILTER(?conf < ?threshold) FILTER NOT EXISTS { ?c mtg:currentReviewStatus ?x } } ORDER BY ?conf"""
MINTED = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?label WHERE { ?c skos:inScheme mtg:topicConcepts ; skos:prefLabel ?label ; skos:note ?n }"""


def needs_review(store: EmbeddedStore, base: str, min_confidence: float = 0.75,
                 follow_up_confidence: float = 0.8) -> list[ReviewItem]:
    """Unreviewed low-confidence statements, weak follow-up links, look-alike actors, minted topics."""
    from rapidfuzz import fuzz, process

    def threshold(value: float) -> dict[str, ox.Term]:
        return {"threshold": ox.Literal(f"{value:.2f}", datatype=ox.NamedNode(str(XSD.decimal)))}

    items = [ReviewItem("statement", s["s"].value, s["quote"].value,
                        f"confidence {float(s['conf'].value):.2f} < {min_confidence:.2f}")
             for s in store.query(_low_confidence_query(store, base, threshold(min_confidence)))]
    items += [ReviewItem("follow-up", s["c"].value, s["quote"].value,
                         f"follow-up matched with score {float(s['conf'].value):.2f}; check the link")
              for s in store.query(inline_values(WEAK_FOLLOW_UPS, threshold(follow_up_confidence)))]
    # actors named in statements with their smallest labels (visualise/statement_scope.py): joining
    # every statement's actor to its labels in every graph took over ten minutes at 10,000 minutes
    actors = {a: label for a, label in actor_labels(store).items() if label is not None}
    state_same = {q.subject.value for q in store.oxigraph.quads_for_pattern(
        None, ox.NamedNode(str(OWL.sameAs)), None, ox.NamedNode(review_graph(base)))}
    # reference actors are curated as distinct (V&J and JenV ministers read alike but are not one)
    curated = {q.subject.value for q in store.oxigraph.quads_for_pattern(
        None, ox.NamedNode(str(SKOS.prefLabel)), None, ox.NamedNode(f"{base}graph/ontology"))}
    from .link_topics import normalise

    iris, labels = list(actors), [normalise(actors[a]) for a in actors]
    for i, j, score in _pairs(process, fuzz, labels):
        if iris[i] in state_same or iris[j] in state_same or (iris[i] in curated and iris[j] in curated):
            continue
        items.append(ReviewItem("actor-merge", iris[i], f"{actors[iris[i]]} ~ {actors[iris[j]]}",
                                f"labels {score:.0f}% alike; merge into {iris[j]}?"))
    items += [ReviewItem("minted-topic", s["c"].value, s["label"].value,
                         "topic concept minted for a recurring heading; name it or map it in topics.ttl")
              for s in store.query(MINTED)]
    return items


def _low_confidence_query(store: EmbeddedStore, base: str, threshold: dict[str, ox.Term]) -> str:
    """The low-confidence statements by the query index's review keys where the store has a current
    index, else by reading every statement (a store not linked yet, or graphs loaded by hand)."""
    from .link_index import index_current
    from .link_pages import REVIEW_GAP
    from .linking import links_graph

    links = links_graph(base)
    if not index_current(store, base, links):
        return inline_values(LOW_CONFIDENCE, threshold)
    # keys up to the end of the threshold's own run (a key's run is its confidence rounded to
    # thousandths); the query's confidence filter then drops what lies at or above the threshold
    until = (math.ceil(float(threshold["threshold"].value) * 1000) + 1) * REVIEW_GAP
    return inline_values(LOW_CONFIDENCE_RANKED, {**threshold, "links": ox.NamedNode(links),
                                                 "until": ox.Literal(until)})


def _pairs(process, fuzz, labels: list[str], cutoff: float = 88.0) -> list[tuple[int, int, float]]:
    if len(labels) < 2:
        return []
    matrix = process.cdist(labels, labels, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return [(i, j, float(matrix[i][j])) for i in range(len(labels)) for j in range(i + 1, len(labels))
            if matrix[i][j] >= cutoff]
