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

import pyoxigraph as ox

from .ontology.terms import DCTERMS, MTG, RDF, SCHEMA, SKOS

FILE_NAME = "link-facts.sqlite"
VERSION = 3
"""Bumped when the rows change: entries of another version count as missing."""
_TYPE, _ITEM, _COMMITMENT = str(RDF.type), str(MTG.AgendaItem), str(MTG.Commitment)
_REPORT, _DECISION, _DEFERRED = str(MTG.ProgressReport), str(MTG.Decision), str(MTG.deferred)
_KINDS = (str(MTG.Position), str(MTG.Commitment), str(MTG.Decision))


class _Document:
    """One document's quads by subject and predicate, for the row builders below."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.props: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
        for q in quads:
            self.props[q.subject.value][q.predicate.value].append(q.object)
        self.typed: dict[str, list[str]] = defaultdict(list)
        for subject, values in self.props.items():
            for kind in values.get(_TYPE, ()):
                self.typed[kind.value].append(subject)

    def all(self, subject: str | None, predicate: object) -> list[str]:
        return sorted(t.value for t in self.props[subject].get(str(predicate), ())) if subject else []

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


def _link_rows(doc: _Document) -> dict[str, list]:
    first = doc.first
    items = []
    for item in sorted(doc.typed[_ITEM]):
        meeting, title = first(item, MTG.meeting), first(item, DCTERMS.title)
        if meeting and title:
            items.append({"item": item, "title": title, "topic": first(item, MTG.topic), "meeting": meeting,
                          "date": first(meeting, DCTERMS.date), "body": first(meeting, MTG.heldBy)})
    commitments = [{"c": c, "item": first(c, MTG.agendaItem), "task": first(c, MTG.task),
                    "stated": first(c, MTG.status), "actors": doc.all(c, MTG.committedBy)}
                   for c in sorted(doc.typed[_COMMITMENT])]
    reports = [{"r": r, "item": first(r, MTG.agendaItem), "quote": first(r, MTG.quote),
                "status": first(r, MTG.reportedStatus)} for r in sorted(doc.typed[_REPORT])
               if first(r, MTG.agendaItem) and first(r, MTG.quote) and first(r, MTG.reportedStatus)]
    deferred = sorted({first(d, MTG.agendaItem) for d in doc.typed[_DECISION]
                       if _DEFERRED in doc.all(d, MTG.decisionType) and first(d, MTG.agendaItem)})
    return {"items": items, "commitments": commitments, "reports": reports, "deferred": deferred}


def _index_rows(doc: _Document) -> dict[str, list]:
    statements = [{"s": s, "class": kind, "meeting": meeting, "item": item,
                   "confidence": _number(doc.first(s, MTG.confidence))}
                  for kind in _KINDS for s in sorted(doc.typed[kind])
                  for meeting in doc.all(s, MTG.meeting) for item in doc.all(s, MTG.agendaItem) or [None]]
    headings = [{"item": item, "meeting": meeting, "title": title.value, "lang": title.language}
                for item in sorted(doc.typed[_ITEM]) for meeting in doc.all(item, MTG.meeting)
                for title in sorted(doc.props[item].get(str(DCTERMS.title), ()), key=lambda t: t.value)]
    named = [{"s": s, "actor": a} for s in sorted(doc.props) for a in doc.all(s, MTG.actor)]
    actors = sorted({(row["actor"], label, kind) for row in named
                     for label in doc.all(row["actor"], SKOS.prefLabel)
                     for kind in doc.all(row["actor"], MTG.actorKind)})
    dates = [{"meeting": m, "date": d} for m in sorted(doc.typed[str(MTG.Meeting)])
             for d in doc.all(m, SCHEMA.startDate)]
    positions = []
    for p in sorted(doc.props):
        for actor in doc.all(p, MTG.holder):
            for stance, item in product(doc.all(p, MTG.stance), doc.all(p, MTG.agendaItem)):
                titles = sorted((t.value, t.language) for t in doc.props[item].get(str(DCTERMS.title), ()))
                positions += [{"p": p, "actor": actor, "stance": stance, "item": item, "topic": topic,
                               "title": title}
                              for topic in doc.all(item, MTG.topic) for title in titles or [None]]
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
