"""The link stage: what holds across meetings, recomputed over the whole store.

Document graphs hold what one set of minutes says and stay replaceable; what
only follows from several of them (topic concepts, follow-ups, deferred items
returning, commitment lifecycle) is derived after each ingest batch into one
graph of its own, `BASE/graph/links`, of which only the difference is written
(app/link_write.py). The review graph (app/review.py) is read first, so a
rejected statement drops out and a corrected status or due date counts.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .ingest.emit import document_iri, source_id_for
from .ingest.read import read_path
from .ingest.records import Segmented
from .ingest.segment import segment
from .link_facts import encode_facts, facts_of, merged, open_cache
from .link_followups import (
    FULFILLED,
    WITHDRAWN,
    Commitment,
    ReportRow,
    find_supersessions,
    match_reports,
    report_quads,
    scan_reports,
)
from .link_index import index_parts
from .link_lifecycle import current_statuses, find_deferrals
from .link_text import iri, line, literal, term, typed
from .link_topics import link_topics
from .link_write import LinksWrite
from .ontology.terms import COMMITMENT_STATUSES, DCTERMS, MTG, RDF, SKOS, XSD
from .review import load_review_state
from .store.embedded import EmbeddedStore

PREFIXES = """PREFIX mtg: <https://w3id.org/overleg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
ITEMS = PREFIXES + """SELECT ?item ?title ?topic ?meeting ?date ?body WHERE {
  ?item a mtg:AgendaItem ; dcterms:title ?title ; mtg:meeting ?meeting .
  OPTIONAL { ?item mtg:topic ?topic } OPTIONAL { ?meeting dcterms:date ?date }
  OPTIONAL { ?meeting mtg:heldBy ?body } }"""
COMMITMENTS = PREFIXES + """SELECT ?c ?item ?task ?stated ?actor WHERE {
  ?c a mtg:Commitment . OPTIONAL { ?c mtg:agendaItem ?item } OPTIONAL { ?c mtg:task ?task }
  OPTIONAL { ?c mtg:status ?stated } OPTIONAL { ?c mtg:committedBy ?actor } }"""
REPORTS = PREFIXES + """SELECT ?r ?item ?quote ?status WHERE {
  ?r a mtg:ProgressReport ; mtg:agendaItem ?item ; mtg:quote ?quote ; mtg:reportedStatus ?status }"""
DEFERRED = PREFIXES + """SELECT DISTINCT ?item WHERE {
  ?d a mtg:Decision ; mtg:decisionType mtg:deferred ; mtg:agendaItem ?item }"""


def links_graph(base: str) -> str:
    return f"{base}graph/links"


def reports_graph(base: str, source: str) -> str:
    return f"{base}graph/reports/{source_id_for(source)}"


def reports_graph_of(base: str, document_graph: str) -> str:
    """The reports graph beside a document graph (both named after the same source)."""
    return f"{base}graph/reports/{document_graph.removeprefix(f'{base}graph/')}"


@dataclass
class LinkSummary:
    """What one run of the link stage found."""

    items_linked: int = 0
    concepts_minted: int = 0
    follow_ups: int = 0
    superseded: int = 0
    deferrals: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    changed: int = 0
    """Triples of the links graph deleted or inserted by this run."""

    def summary(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()))
        return (f"linked {self.items_linked} agenda items to topic concepts "
                f"({self.concepts_minted} minted), {self.follow_ups} follow-ups, "
                f"{self.superseded} superseded, {self.deferrals} deferrals; commitments: {statuses}")


def reports_for(segmented: Segmented, base: str) -> tuple[str, list[ox.Quad]]:
    """The reports graph of one processed document, for callers that already hold its Segmented.

    app/ingestion.prepare can call this on `result.resolved.segmented` and write the graph in the
    same transaction as the document graph (in the worker, so it runs in parallel with --jobs);
    then record_reports, which reads and segments each file a second time, is not needed.
    """
    document = segmented.document
    graph = reports_graph(base, document.source)
    return graph, report_quads(scan_reports(segmented), document_iri(base, document.sha256), graph)


def record_reports(store: EmbeddedStore, base: str, paths: Iterable[str | Path], batch: int = 200) -> int:
    """Scan ingested files for progress reports into their own graphs; returns how many."""
    pending: dict[str, list[ox.Quad]] = {}
    count = 0
    for path in paths:
        document = read_path(path)
        # segmenting again is the cost here: skip it when no sentence could be a report
        maybe = FULFILLED.search(document.text) or WITHDRAWN.search(document.text)
        reports = scan_reports(segment(document)) if maybe else []
        count += len(reports)
        doc_iri = document_iri(base, document.sha256)
        graph = reports_graph(base, str(path))
        pending[graph] = report_quads(reports, doc_iri, graph)
        if len(pending) >= batch:
            store.replace_graphs(pending)
            pending = {}
    store.replace_graphs(pending)
    return count


def _value(term: ox.Term | None) -> str | None:
    return None if term is None else term.value


def _rows(store: EmbeddedStore, query: str) -> list[dict[str, str | None]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return [{n: _value(s[n]) for n in names} for s in solutions]


def link(store: EmbeddedStore, base: str) -> LinkSummary:
    """Recompute the links graph from the document, reports and review graphs."""
    with _collector_paused():
        return _link(store, base)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The stage holds every document's fact rows (millions of dicts and strings at 10,000
    minutes) and makes no reference cycles: each full pass of Python's cycle collector walked
    them all again, a quarter of the stage's CPU there; refcounting frees them afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _link(store: EmbeddedStore, base: str) -> LinkSummary:
    review = load_review_state(store, base)
    facts = _facts(store, base)
    items = {r["item"]: {**r, "body": r["body"] or "unknown", "date": r["date"] or ""}
             for r in sorted(facts["items"], key=lambda r: r["item"])}
    matches, minted = link_topics(list(items.values()), _curated(store, base), base)
    with LinksWrite(store, links_graph(base)) as graph:
        # the query index first (app/link_index.py): it needs only the topics, so in a first link
        # the store loads it while the follow-ups below are computed; a batch at a time, so the
        # index is never held whole
        subjects = {item: match.concept for item, match in matches.items()}
        for part in index_parts(store, base, subjects, facts, review.rejected):
            graph.add(part)
        graph.flush()
        for key in ("statements", "named", "positions", "headings", "actors", "dates"):
            facts.pop(key, None)  # the index's rows (most of the facts): room for the loader
        commitments = _commitments(facts["commitments"], items, matches, review)
        reports = [ReportRow(r["r"], items[r["item"]]["body"], items[r["item"]]["date"],
                             _concept(matches, r["item"]), r["quote"], r["status"].rsplit("#", 1)[-1])
                   for r in facts["reports"] if r["item"] in items]
        followed = match_reports(reports, commitments)
        replaced = find_supersessions(commitments)
        status_of = {r.iri: r.status for r in reports}
        report_status = {c: status_of[rep] for rep, (c, _s) in followed.items()}
        statuses = current_statuses(commitments, report_status, replaced, review.statuses)
        deferrals = find_deferrals(sorted(set(facts["deferred"])), items, matches)
        graph.add(_lines(items, matches, minted, followed, replaced, statuses, deferrals))
        del facts, items, commitments, reports  # ~1 GB at 10,000 minutes: room for comparing the graph
        changed = graph.finish()
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    return LinkSummary(len(matches), len(minted), len(followed), len(replaced), len(deferrals), counts,
                       changed)


def _facts(store: EmbeddedStore, base: str) -> dict[str, list]:
    """Every document's link facts: from the cache beside the store (app/link_facts.py),
    where it lacks a document or holds an older version, from that document's graphs."""
    documents = {g: sha for g, sha in store.graph_hashes().items() if g != f"{base}graph/ontology"}
    cache = open_cache(store.path)
    if cache is None or _foreign_graphs(store, base, documents):
        return rows_from_store(store)
    try:
        found = cache.current(documents)
        fresh = {g: facts_of([*store.quads(g), *store.quads(reports_graph_of(base, g))])
                 for g in sorted(set(documents) - set(found))}
        cache.save((g, documents[g], encode_facts(f)) for g, f in fresh.items())
    except sqlite3.Error:
        return rows_from_store(store)
    finally:
        cache.close()
    found.update(fresh)
    return merged([found[g] for g in sorted(documents)])


def _foreign_graphs(store: EmbeddedStore, base: str, documents: dict[str, str]) -> bool:
    """Named graphs the ingest did not write (loaded by hand): only the store itself has their facts."""
    derived = ("ontology", "links", "review", "pending-links", "bulk-journal")
    ours = {f"{base}graph/{name}" for name in derived}
    ours |= set(documents) | {reports_graph_of(base, g) for g in documents}
    return any(g not in ours for g in store.named_graphs())


def rows_from_store(store: EmbeddedStore) -> dict[str, list]:
    """The link facts of the whole store by SPARQL: the same rows as `link_facts.facts_of`."""
    grouped: dict[str, dict] = {}
    for row in _rows(store, COMMITMENTS):
        entry = grouped.setdefault(row["c"], {**row, "actors": set()})
        if row["actor"]:
            entry["actors"].add(row["actor"])
    commitments = [{"c": c, "item": r["item"], "task": r["task"], "stated": r["stated"],
                    "actors": sorted(r["actors"])} for c, r in sorted(grouped.items())]
    return {"items": _rows(store, ITEMS), "commitments": commitments, "reports": _rows(store, REPORTS),
            "deferred": [r["item"] for r in _rows(store, DEFERRED)]}


def _curated(store: EmbeddedStore, base: str) -> dict[str, list[str]]:
    """Concepts of the curated scheme (ontology graph), not the ones minted last time."""
    concepts: dict[str, list[str]] = {}
    graph = ox.NamedNode(f"{base}graph/ontology")
    query = PREFIXES + "SELECT ?c ?label WHERE { ?c skos:inScheme mtg:topicConcepts ; " \
                       "skos:prefLabel|skos:altLabel ?label }"
    for s in store.oxigraph.query(query, default_graph=graph):
        concepts.setdefault(s["c"].value, []).append(s["label"].value)
    return concepts


def _concept(matches, item: str | None) -> str | None:
    match = matches.get(item) if item else None
    return match.concept if match else None


def _commitments(rows: list[dict], items: dict, matches, review) -> list[Commitment]:
    """Commitments with body, date and topic concept, after review (rejected ones dropped)."""
    out = []
    for row in sorted(rows, key=lambda r: r["c"]):
        iri = row["c"]
        if iri in review.rejected:
            continue
        item = items.get(row["item"] or "", {"body": "unknown", "date": ""})
        actors = {review.same_as.get(a, a) for a in review.actors.get(iri, row["actors"])}
        stated = (row["stated"] or str(MTG.open)).rsplit("#", 1)[-1]
        out.append(Commitment(iri, item["body"], item["date"], _concept(matches, row["item"]),
                              review.tasks.get(iri, row["task"] or ""), frozenset(actors), stated))
    return out


def _decimal(value: float) -> str:
    """Two decimals in Oxigraph's canonical form ("0.5", "1"), the form the store gives back: so
    the difference writer (app/link_write.py) sees an unchanged confidence as unchanged."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _lines(items, matches, minted, followed, replaced, statuses, deferrals) -> list[str]:
    """The links themselves (topics, follow-ups, supersessions, statuses, deferrals) as N-Triples lines."""
    out = []
    for concept in minted:
        out += [line(concept.iri, term(RDF.type), term(SKOS.Concept)),
                line(concept.iri, term(SKOS.inScheme), term(MTG.topicConcepts)),
                line(concept.iri, term(SKOS.prefLabel), literal(concept.label)),
                line(concept.iri, term(SKOS.note),
                     literal("minted by the link stage for a recurring heading", "en"))]
    subject, exact, close = term(DCTERMS.subject), term(SKOS.exactMatch), term(SKOS.closeMatch)
    for item, match in matches.items():
        out.append(line(item, subject, iri(match.concept)))
        if topic := items[item].get("topic"):
            out.append(line(topic, exact if match.how != "close" else close, iri(match.concept)))
    reports_on, confidence = term(MTG.reportsOn), term(MTG.confidence)
    for report, (commitment, score) in followed.items():
        out += [line(report, reports_on, iri(commitment)),
                line(report, confidence, typed(_decimal(score / 100), XSD.decimal))]
    for old, new in replaced.items():
        out += [line(old, term(DCTERMS.isReplacedBy), iri(new)), line(new, term(MTG.followsUp), iri(old))]
    current = term(MTG.currentStatus)
    for commitment, status in statuses.items():
        out.append(line(commitment, current, iri(COMMITMENT_STATUSES[status])))
    for item, meeting in deferrals.items():
        out.append(line(item, term(MTG.deferredTo), iri(meeting)))
    return out
