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

import marshal
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
_TITLE, _MEETING = str(DCTERMS.title), str(MTG.Meeting)


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

    Runs in the worker for every document (~700 look-ups each), so a look-up is a
    dict get: one value needs no sort, several are sorted once and kept. Subjects
    with a given predicate are listed in one pass instead of asking every subject."""

    def __init__(self, quads: Iterable[ox.Quad], props: dict[str, dict[str, list]] | None = None,
                 extra: dict[str, dict[str, list]] | None = None) -> None:
        self.props: dict[str, dict[str, list[ox.Term]]] = props if props is not None else {}
        props = self.props
        for q in quads:
            subject = q.subject.value
            by_predicate = props.get(subject)
            if by_predicate is None:
                by_predicate = props[subject] = {}
            by_predicate.setdefault(q.predicate.value, []).append(q.object)
        for subject, values in (extra or {}).items():
            by_predicate = props.setdefault(subject, {})
            for predicate, terms in values.items():
                by_predicate.setdefault(predicate, []).extend(terms)
        self.typed: dict[str, list[str]] = defaultdict(list)
        for subject, values in props.items():
            for kind in values.get(_TYPE, ()):
                self.typed[kind.value].append(subject)
        self._sorted: dict[tuple[str, str], list[str]] = {}

    def all(self, subject: str | None, predicate: object) -> list[str]:
        """The values of `predicate` on `subject`, sorted (a new list when there are fewer than two)."""
        if not subject:
            return []
        if type(predicate) is not str:
            predicate = str(predicate)  # rdflib: URIRef != str
        terms = self.props.get(subject, _NONE).get(predicate)
        if not terms:
            return []
        if len(terms) == 1:
            return [terms[0].value]
        key = (subject, predicate)
        values = self._sorted.get(key)
        if values is None:
            values = self._sorted[key] = sorted(t.value for t in terms)
        return values

    def terms(self, subject: str, predicate: str) -> list[ox.Term]:
        return self.props.get(subject, {}).get(predicate, [])

    def first(self, subject: str | None, predicate: object) -> str | None:
        """The least value (what `all(...)[0]` gives), None when there is none."""
        if not subject:
            return None
        terms = self.props.get(subject, _NONE).get(predicate if type(predicate) is str else str(predicate))
        if not terms:
            return None
        return terms[0].value if len(terms) == 1 else min(t.value for t in terms)

    def having(self, predicate: str) -> list[str]:
        """The subjects that have `predicate`, sorted: what `sorted(props)` filtered by `all` gives."""
        return sorted(s for s, values in self.props.items() if s and values.get(predicate))


_NONE: dict[str, list] = {}


def facts_of(quads: Iterable[ox.Quad]) -> dict[str, list]:
    """The link stage's rows for one document, from its own quads (document and reports graph).

    Keys and rows match the queries in app/linking.py (items, commitments, reports,
    deferred) and app/link_index.py (statements, named, actors, dates, positions): what
    those give over the whole store is these rows of every document, one after another."""
    doc = _Document(quads)
    return {"v": VERSION, **_link_rows(doc), **_index_rows(doc)}


def facts_of_emitted(props: dict[str, dict[str, list]], quads: Iterable[ox.Quad],
                     extra: dict[str, dict[str, list]] | None = None) -> dict[str, list]:
    """`facts_of` for a document emitted as text (ingest/emit.py `Emitted.props`, objects with
    `.value` and `.language`) plus some quads or, as `extra`, more triples by subject (its
    reports graph, app/link_followups.report_text): the ingest workers then make no pyoxigraph
    object per triple of the document. `props` is extended in place."""
    doc = _Document(quads, props, extra)
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
    first, every = doc.first, doc.all
    statements = [{"s": s, "class": kind, "meeting": meeting, "item": item,
                   "confidence": _number(first(s, _MTG.confidence)),
                   "stance": first(s, _MTG.stance), "dtype": first(s, _MTG.decisionType),
                   "quote": first(s, _MTG.quote)}
                  for kind in _KINDS for s in sorted(doc.typed[kind])
                  for meeting in every(s, _MTG.meeting) for item in every(s, _MTG.agendaItem) or [None]]
    headings = [{"item": item, "meeting": meeting, "title": title.value, "lang": title.language}
                for item in sorted(doc.typed[_ITEM]) for meeting in every(item, _MTG.meeting)
                for title in sorted(doc.terms(item, _TITLE), key=lambda t: t.value)]
    named = [{"s": s, "actor": a} for s in doc.having(_MTG.actor) for a in every(s, _MTG.actor)]
    actors = sorted({(row["actor"], label, kind) for row in named
                     for label in every(row["actor"], _SKOS.prefLabel)
                     for kind in every(row["actor"], _MTG.actorKind)})
    dates = [{"meeting": m, "date": d} for m in sorted(doc.typed[_MEETING])
             for d in every(m, _SCHEMA.startDate)]
    return {"statements": statements, "named": named, "dates": dates, "positions": _positions(doc),
            "headings": headings,
            "actors": [{"actor": a, "label": label, "kind": kind} for a, label, kind in actors]}


def _positions(doc: _Document) -> list[dict]:
    every, positions = doc.all, []
    for p in doc.having(_MTG.holder):
        for actor in every(p, _MTG.holder):
            for stance, item in product(every(p, _MTG.stance), every(p, _MTG.agendaItem)):
                titles = sorted((t.value, t.language) for t in doc.terms(item, _TITLE))
                positions += [{"p": p, "actor": actor, "stance": stance, "item": item, "topic": topic,
                               "title": title}
                              for topic in every(item, _MTG.topic) for title in titles or [None]]
    return positions


def _number(text: str | None) -> float | None:
    """A decimal as a number: the store keeps its canonical form ("0.7" for "0.70")."""
    return float(text) if text else None


FORMAT = f"marshal-{marshal.version}-python-{sys.version_info[0]}.{sys.version_info[1]}"
"""How the cache stores facts: a file written in another format (an older JSON cache, another Python)
is emptied when opened, and the link stage reads those documents' graphs again (once)."""


def encode_facts(facts: dict[str, list]) -> bytes:
    """One document's facts as the cache keeps them: marshal, with the recurring strings interned.

    JSON cost the link stage ~0.6 ms per document to decode plus ~0.3 ms to intern the strings
    again (3 s at 3,000 minutes); marshal decodes in C and interns as it reads, about 4x faster,
    in half the bytes. The cache is the store's own file, trusted like the store beside it."""
    return marshal.dumps(_interned(facts), 4)


class FactsCache:
    """SQLite beside the store: graph -> (sha256, `encode_facts` bytes). None for in-memory stores."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / FILE_NAME)
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS facts "
                            "(graph TEXT PRIMARY KEY, sha256 TEXT, data BLOB)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            stored = self.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if stored is None or stored[0] != FORMAT:
                self.db.execute("DELETE FROM facts")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))

    def save(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", rows)

    def current(self, hashes: dict[str, str]) -> dict[str, dict[str, list]]:
        """Facts of the graphs in `hashes` (graph -> sha256) whose cached hash is that one."""
        found = {}
        for graph, sha, data in self.db.execute("SELECT graph, sha256, data FROM facts"):
            if hashes.get(graph) == sha and (facts := _decoded(data)) is not None:
                found[graph] = facts
        return found

    def close(self) -> None:
        self.db.close()


def _decoded(data: object) -> dict | None:
    """An entry's facts; None for one that is not of this version (or not bytes at all)."""
    try:
        facts = marshal.loads(data) if isinstance(data, bytes) else None
    except (ValueError, EOFError, TypeError):
        return None
    return facts if isinstance(facts, dict) and facts.get("v") == VERSION else None


_INTERNED = ("s", "actor", "item", "meeting", "class", "c", "topic", "body", "stance", "status", "stated",
             "dtype", "date", "kind", "label", "lang", "title")


def _interned(facts: dict) -> dict:
    """IRIs, dates and headings recur across documents (actors, meetings, classes): one string
    object each, not one per row, which keeps the link stage's memory for 10,000 minutes down by
    hundreds of MB. Marshal writes interned strings as such and interns them again as it reads."""
    intern = sys.intern
    for rows in facts.values():
        if isinstance(rows, list):
            for row in rows:
                if isinstance(row, dict):
                    for key in _INTERNED:
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
