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
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .ontology.terms import DCTERMS, MTG, RDF

FILE_NAME = "link-facts.sqlite"
_TYPE, _ITEM, _COMMITMENT = str(RDF.type), str(MTG.AgendaItem), str(MTG.Commitment)
_REPORT, _DECISION, _DEFERRED = str(MTG.ProgressReport), str(MTG.Decision), str(MTG.deferred)


def facts_of(quads: Iterable[ox.Quad]) -> dict[str, list]:
    """The link stage's rows for one document, from its own quads (document and reports graph).

    Row keys match the queries in app/linking.py (ITEMS, COMMITMENTS, REPORTS, DEFERRED)."""
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        props[q.subject.value][q.predicate.value].append(q.object.value)
    typed: dict[str, list[str]] = defaultdict(list)
    for subject, values in props.items():
        for kind in values.get(_TYPE, ()):
            typed[kind].append(subject)

    def first(subject: str | None, predicate: object) -> str | None:
        values = props[subject].get(str(predicate)) if subject else None
        return min(values) if values else None

    items = []
    for item in sorted(typed[_ITEM]):
        meeting, title = first(item, MTG.meeting), first(item, DCTERMS.title)
        if meeting and title:
            items.append({"item": item, "title": title, "topic": first(item, MTG.topic), "meeting": meeting,
                          "date": first(meeting, DCTERMS.date), "body": first(meeting, MTG.heldBy)})
    commitments = [{"c": c, "item": first(c, MTG.agendaItem), "task": first(c, MTG.task),
                    "stated": first(c, MTG.status), "actors": sorted(props[c].get(str(MTG.committedBy), []))}
                   for c in sorted(typed[_COMMITMENT])]
    reports = [{"r": r, "item": first(r, MTG.agendaItem), "quote": first(r, MTG.quote),
                "status": first(r, MTG.reportedStatus)} for r in sorted(typed[_REPORT])
               if first(r, MTG.agendaItem) and first(r, MTG.quote) and first(r, MTG.reportedStatus)]
    deferred = sorted({first(d, MTG.agendaItem) for d in typed[_DECISION]
                       if _DEFERRED in props[d].get(str(MTG.decisionType), ()) and first(d, MTG.agendaItem)})
    return {"items": items, "commitments": commitments, "reports": reports, "deferred": deferred}


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
            if hashes.get(graph) == sha:
                found[graph] = json.loads(data)
        return found

    def close(self) -> None:
        self.db.close()


def open_cache(path: Path | None) -> FactsCache | None:
    try:
        return FactsCache(path) if path is not None else None
    except sqlite3.Error:  # a read-only folder or a damaged file: the store is read instead
        return None


def merged(facts: list[dict[str, list]]) -> dict[str, list]:
    """One document's facts after another: the rows the whole-store queries would give."""
    out: dict[str, list] = {"items": [], "commitments": [], "reports": [], "deferred": []}
    for one in facts:
        for key in out:
            out[key] += one[key]
    return out
