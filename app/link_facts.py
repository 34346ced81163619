"""What the link stage needs from each document, kept beside the store.

The link stage reads, for every document, its agenda items (heading, topic,
meeting, date, body), commitments (task, stated status, actors), progress
reports and deferred items. Asking Oxigraph for these over the whole store
costs 100-250 µs per row (every string is a lookup), seconds per thousand
minutes, on every ingest. The worker already holds each document's quads, so
it extracts the same rows there (`facts_of`), and the writer keeps them in a
small SQLite file in the store folder, keyed by named graph and SHA-256.

The file is only a cache: the link stage takes from it the documents whose
cached SHA-256 is the one in the store, and reads the others' graphs from the
store once (and caches them), so a crash between the two writes, an older
store or a deleted file cost time, never correctness. In-memory stores have
no folder and are read with SPARQL (`linking.rows_from_store`).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable
from itertools import product
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox

from .ontology.terms import DCTERMS, MTG, RDF, SCHEMA, SKOS

FILE_NAME = "link-facts.sqlite"
VERSION = 5
"""Bumped when the rows change: entries of another version count as missing."""
_TYPE, _ITEM, _COMMITMENT = str(RDF.type), str(MTG.AgendaItem), str(MTG.Commitment)
_REPORT, _DECISION, _DEFERRED = str(MTG.ProgressReport), str(MTG.Decision), str(MTG.deferred)
_KINDS = (str(MTG.Position), str(MTG.Commitment), str(MTG.Decision))
_TITLE = str(DCTERMS.title)


def _plain(namespace: object, *names: str) -> SimpleNamespace:
    """Predicates as plain strings: an rdflib Namespace attribute costs ~2 us, and the row
    builders below look up ~500 per document in the worker."""
    return SimpleNamespace(**{name: str(getattr(namespace, name)) for name in names})


_MTG = _plain(MTG, "actor", "actorKind", "agendaItem", "committedBy", "confidence", "decisionType", "heldBy",
              "holder", "meeting", "quote", "reportedStatus", "stance", "status", "task", "topic")
_DCTERMS, _SKOS = _plain(DCTERMS, "date", "title"), _plain(SKOS, "prefLabel")
_SCHEMA = _plain(SCHEMA, "startDate")


class _Document:
    """One document's quads by subject and predicate, for the row builders below.

    Runs in the worker for every document, so it builds Python strings once: each
    (subject, predicate) is sorted to values on first use and kept."""

    def __init__(self, quads: Iterable[ox.Quad], props: dict[str, dict[str, list]] | None = None) -> None:
        self.props: dict[str, dict[str, list[ox.Term]]] = props if props is not None else {}
        props = self.props
        for q in quads:
            subject = q.subject.value
            by_predicate = props.get(subject)
            if by_predicate is None:
                by_predicate = props[subject] = {}
            by_predicate.setdefault(q.predicate.value, []).append(q.object)
        self.typed: dict[str, list[str]] = defaultdict(list)
        for subject, values in props.items():
            for kind in values.get(_TYPE, ()):
                self.typed[kind.value].append(subject)
        self._sorted: dict[tuple[str, str], list[str]] = {}

    def all(self, subject: str | None, predicate: object) -> list[str]:
        if not subject:
            return []
        key = (subject, predicate if type(predicate) is str else str(predicate))  # rdflib: URIRef != str
        values = self._sorted.get(key)
        if values is None:
            terms = self.props.get(subject, {}).get(key[1], ())
            values = self._sorted[key] = sorted(t.value for t in terms)
        return values

    def terms(self, subject: str, predicate: str) -> list[ox.Term]:
        return self.props.get(subject, {}).get(predicate, [])

    def first(self, subject: str | None, predicate: object) -> str | None:
        values = self.all(subject, predicate)
        return values[0] if values else None


def facts_of(quads: Iterable[ox.Quad]) -> dict[str, list]:
    """The link stage's rows for one document, from its own quads (document and reports graph).

    Keys and rows match the queries in app/linking.py (items, commitments, reports,
    deferred) and app/link_index.py (statements, named, actors, dates, positions): what
    those give over the whole store is these rows of every document, one after another."""
    doc = _Document(quads)
    return {"v": VERSION, **_link_rows(doc), **_index_rows(doc)}


def facts_of_emitted(props: dict[str, dict[str, list]], quads: Iterable[ox.Quad]) -> dict[str, list]:
    """`facts_of` for a document emitted as text (ingest/emit.py `Emitted.props`, objects with
    `.value` and `.language`) plus some quads (its reports graph): the ingest workers then
    make no pyoxigraph object per triple of the document. `props` is extended in place."""
    doc = _Document(quads, props)
    return {"v": VERSION, **_link_rows(doc), **_index_rows(doc)}


def _link_rows(doc: _Document) -> dict[str, list]:
    first = doc.first
    items = []
    for item in sorted(doc.typed[_ITEM]):
        meeting, title = first(item, _MTG.meeting), first(item, _DCTERMS.title)
        if meeting and title:
            items.append({"item": item, "title": title, "topic": first(item, _MTG.topic), "meeting": meeting,
                          "date": first(meeting, _DCTERMS.date), "body": first(meeting, _MTG.heldBy)})
    commitments = [{"c": c, "item": first(c, _MTG.agendaItem), "task": first(c, _MTG.task),
                    "stated": first(c, _MTG.status), "actors": doc.all(c, _MTG.committedBy)}
                   for c in sorted(doc.typed[_COMMITMENT])]
    reports = [{"r": r, "item": first(r, _MTG.agendaItem), "quote": first(r, _MTG.quote),
                "status": first(r, _MTG.reportedStatus)} for r in sorted(doc.typed[_REPORT])
               if first(r, _MTG.agendaItem) and first(r, _MTG.quote) and first(r, _MTG.reportedStatus)]
    deferred = sorted({first(d, _MTG.agendaItem) for d in doc.typed[_DECISION]
                       if _DEFERRED in doc.all(d, _MTG.decisionType) and first(d, _MTG.agendaItem)})
    return {"items": items, "commitments": commitments, "reports": reports, "deferred": deferred}


def _index_rows(doc: _Document) -> dict[str, list]:
    statements = [{"s": s, "class": kind, "meeting": meeting, "item": item,
                   "confidence": _number(doc.first(s, _MTG.confidence)),
                   "stance": doc.first(s, _MTG.stance), "dtype": doc.first(s, _MTG.decisionType),
                   "quote": doc.first(s, _MTG.quote)}
                  for kind in _KINDS for s in sorted(doc.typed[kind])
                  for meeting in doc.all(s, _MTG.meeting) for item in doc.all(s, _MTG.agendaItem) or [None]]
    headings = [{"item": item, "meeting": meeting, "title": title.value, "lang": title.language}
                for item in sorted(doc.typed[_ITEM]) for meeting in doc.all(item, _MTG.meeting)
                for title in sorted(doc.terms(item, _TITLE), key=lambda t: t.value)]
    named = [{"s": s, "actor": a} for s in sorted(doc.props) for a in doc.all(s, _MTG.actor)]
    actors = sorted({(row["actor"], label, kind) for row in named
                     for label in doc.all(row["actor"], _SKOS.prefLabel)
                     for kind in doc.all(row["actor"], _MTG.actorKind)})
    dates = [{"meeting": m, "date": d} for m in sorted(doc.typed[str(MTG.Meeting)])
             for d in doc.all(m, _SCHEMA.startDate)]
    positions = []
    for p in sorted(doc.props):
        for actor in doc.all(p, _MTG.holder):
            for stance, item in product(doc.all(p, _MTG.stance), doc.all(p, _MTG.agendaItem)):
                titles = sorted((t.value, t.language) for t in doc.terms(item, _TITLE))
                positions += [{"p": p, "actor": actor, "stance": stance, "item": item, "topic": topic,
                               "title": title}
                              for topic in doc.all(item, _MTG.topic) for title in titles or [None]]
    return {"statements": statements, "named": named, "dates": dates, "positions": positions,
            "headings": headings,
            "actors": [{"actor": a, "label": label, "kind": kind} for a, label, kind in actors]}


def _number(text: str | None) -> float | None:
    """A decimal as a number: the store keeps its canonical form ("0.7" for "0.70")."""
    return float(text) if text else None


class FactsCache:
    """SQLite beside the store: graph -> (sha256, facts as JSON). None for in-memory stores."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / FILE_NAME)
        self.db.execute("CREATE TABLE IF NOT EXISTS facts (graph TEXT PRIMARY KEY, sha256 TEXT, data TEXT)")

    def save(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)",
                                [(g, sha, data.decode("utf-8")) for g, sha, data in rows])

    def current(self, hashes: dict[str, str]) -> dict[str, dict[str, list]]:
        """Facts of the graphs in `hashes` (graph -> sha256) whose cached hash is that one."""
        found = {}
        for graph, sha, data in self.db.execute("SELECT graph, sha256, data FROM facts"):
            if hashes.get(graph) == sha and (facts := json.loads(data)).get("v") == VERSION:
                found[graph] = _interned(facts)
        return found

    def close(self) -> None:
        self.db.close()


_IRI_FIELDS = ("s", "actor", "item", "meeting", "class", "c", "topic", "body", "stance", "status", "stated")


def _interned(facts: dict) -> dict:
    """IRIs recur across documents (actors, meetings, classes): one string object each, not one
    per row, which keeps the link stage's memory for 10,000 minutes down by hundreds of MB."""
    intern = sys.intern
    for rows in facts.values():
        if isinstance(rows, list):
            for row in rows:
                if isinstance(row, dict):
                    for key in _IRI_FIELDS:
                        if isinstance(value := row.get(key), str):
                            row[key] = intern(value)
    return facts


def open_cache(path: Path | None) -> FactsCache | None:
    try:
        return FactsCache(path) if path is not None else None
    except sqlite3.Error:  # a read-only folder or a damaged file: the store is read instead
        return None


def merged(facts: list[dict[str, list]]) -> dict[str, list]:
    """One document's facts after another: the rows the whole-store queries would give."""
    out: dict[str, list] = {key: [] for key in ("items", "commitments", "reports", "deferred")}
    for one in facts:
        for key, rows in one.items():
            if key != "v":
                out.setdefault(key, []).extend(rows)
    return out
