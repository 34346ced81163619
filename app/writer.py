"""The ingest's only writer: whole documents into the store, in groups.

Workers hand over each document as N-Quads bytes (`ingestion.Prepared`); this
module decides how they reach Oxigraph:

* transactional (the default): one `Store.load` per group, so after a crash
  every document is fully in or fully out, and readers never see half of one;
* bulk (`bulk=True`, `overleg ingest --bulk`): documents that are new to the
  store go through Oxigraph's bulk loader, which writes sorted files straight
  into RocksDB (about twice as fast, no memtable, no write-ahead log) but is
  not atomic. A journal written in a transaction before each bulk group names
  its graphs and is cleared after it, so a crash leaves a journal behind and
  the next writer drops those graphs (`repair_interrupted`) and ingests the
  files again. Until then readers may see part of those documents.

Both record every written file in the pending-links graph in the same step,
so the link stage runs for it even if the process dies right after.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
import time
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .bulk_spool import BulkLoad, BulkSpool
from .errors import StoreError, UsageError
from .link_facts import open_cache
from .store.embedded import EmbeddedStore

if TYPE_CHECKING:
    from .ingestion import IngestReport, Prepared

GROUP_TRIPLES = 50_000
"""Documents are written together until a group holds this many triples: one
transaction per document costs a disk sync each; a group is still all-or-nothing
for every document in it."""
GROUP_DOCUMENTS = 32
"""...or this many documents ($OVERLEG_INGEST_GROUP; 1 gives one transaction per document)."""
GROUP_SECONDS = 1.0
"""...and at least this often, so readers and a re-run after a crash see steady progress."""
BULK_TRIPLES, BULK_DOCUMENTS, BULK_SECONDS = 2_000_000, 4_000, 90.0
"""Bulk groups are much bigger ($OVERLEG_BULK_TRIPLES caps their triples): every bulk load
adds files that RocksDB compacts into the store, so fewer, larger loads cost less (10,000
minutes: 97 s of compaction CPU with loads of a million triples, 45 s with two million).
Oxigraph's loader holds a load in memory (the writer peaked at 2.4 GB with two million, 1.3 GB
with one), so machines with less than BULK_SMALL_MACHINE of memory get half; the group's bytes
wait on disk (app/bulk_spool.py), and a crash only costs the documents of the unfinished group,
which the next ingest redoes."""
BULK_SMALL_MACHINE = 8 << 30
BULK_MIN_TRIPLES, BULK_SHARE = 250_000, 4
"""But the last group is loaded after the workers are done, with nothing to overlap it: a
batch is cut into at least BULK_SHARE groups (of its expected triples, from the documents
seen so far), none smaller than BULK_MIN_TRIPLES, so a thousand minutes are not one
million-triple load at the end."""
BULK_TAIL_TRIPLES = 50_000
"""Towards the end of a batch a group is flushed once it holds what is still to come (but
at least this many triples): the groups halve, and the last load is a small one."""
FLUSH_BYTES = 32 << 20
"""RocksDB keeps every write in its memtables until they are flushed to disk, so without
a flush the writer's memory grows with the corpus (~0.7 MB per minutes document); flushing
after this many bytes of N-Quads keeps it flat (bench/bench_ingest.py shows the peak)."""
_PENDING = ox.NamedNode("https://w3id.org/overleg/ontology#pendingLinks")
_LOADING = ox.NamedNode("https://w3id.org/overleg/ontology#bulkLoading")


def _bulk_triples_here() -> int:
    """BULK_TRIPLES, or half of it on a machine with less than BULK_SMALL_MACHINE of memory."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not POSIX: assume the smaller machine
        memory = 0
    return BULK_TRIPLES if memory >= BULK_SMALL_MACHINE else max(1, BULK_TRIPLES // 2)


def _positive_int(variable: str, default: int) -> int:
    """A whole number from the environment, refused by name when it is not one."""
    text = os.environ.get(variable)
    if text is None or not text.strip():
        return default
    if not text.strip().isdigit() or int(text) < 1:
        raise UsageError(f"${variable} must be a positive whole number, not {text!r}")
    return int(text)


def pending_graph(base: str) -> str:
    return f"{base}graph/pending-links"


def journal_graph(base: str) -> str:
    return f"{base}graph/bulk-journal"


def pending_links(store: EmbeddedStore, base: str) -> list[str]:
    """Files written whose derived graphs were not made yet (e.g. after a crash), oldest first.

    The writer records each document here in the step that writes it;
    `done_links` clears the record once the link stage has run, so a kill in
    between is repaired by the next ingest, whatever it ingests."""
    node = ox.NamedNode(pending_graph(base))
    found = {q.object.value for q in store.oxigraph.quads_for_pattern(None, _PENDING, None, node)}
    return sorted(found)


def done_links(store: EmbeddedStore, base: str) -> None:
    store.remove_graph(pending_graph(base))


def repair_interrupted(store: EmbeddedStore, base: str) -> list[str]:
    """Drop the graphs of a bulk group that never finished; returns their files.

    Run by every ingest before it looks at what is stored, so those files count
    as new and are written again."""
    journal = ox.NamedNode(journal_graph(base))
    entries = list(store.oxigraph.quads_for_pattern(None, _LOADING, None, journal))
    if not entries:
        return []
    graphs = {q.object.value for q in entries if isinstance(q.object, ox.NamedNode)}
    store.drop_graphs([*sorted(graphs), journal.value])
    return sorted({q.subject.value for q in entries})


def _graphs(group: list[Prepared]) -> list[str]:
    """Each document's graph and the graphs derived from it alone: written together."""
    return [g for prepared in group for g in (prepared.graph, *prepared.derived)]


class GroupWriter:
    """Writes whole documents in groups; a failed group is retried one document at a time.

    With `bulk`, documents new to the store are gathered in a `BulkSpool` and go through
    the bulk loader; a document that replaces a stored graph is still written in a
    transaction (its old graph must go in the same step)."""

    def __init__(self, store: EmbeddedStore, report: IngestReport, base: str = "",
                 bulk: bool = False, expected: int = 0) -> None:
        self.store, self.report, self.base = store, report, base
        self.expected = expected
        """Documents this batch is expected to write (0: unknown), to size the bulk groups."""
        self.seen_documents = self.seen_triples = 0
        self.max_documents = _positive_int("OVERLEG_INGEST_GROUP", GROUP_DOCUMENTS)
        self.max_bulk_documents = _positive_int("OVERLEG_INGEST_GROUP", BULK_DOCUMENTS)
        self.max_bulk_triples = _positive_int("OVERLEG_BULK_TRIPLES", _bulk_triples_here())
        self.group: list[Prepared] = []
        self.triples = 0
        self.since = time.monotonic()
        self.unflushed = 0
        self.spool = BulkSpool(store.path) if bulk else None
        self.loading: tuple[BulkSpool, BulkLoad] | None = None
        """The bulk group being loaded in its own thread while the next one fills its spool."""

    def add(self, prepared: Prepared) -> None:
        self.seen_documents += 1
        self.seen_triples += prepared.triples
        if self.spool is not None and self._new(prepared):
            self.spool.add(prepared)
            if self.spool.triples >= self._bulk_triples() or len(self.spool) >= self.max_bulk_documents \
                    or time.monotonic() - self.spool.since >= BULK_SECONDS:
                self._flush_bulk()
            return
        if not self.group:
            self.since = time.monotonic()
        self.group.append(prepared)
        self.triples += prepared.triples
        if self.triples >= GROUP_TRIPLES or len(self.group) >= self.max_documents \
                or time.monotonic() - self.since >= GROUP_SECONDS:
            self._flush_group()

    def flush(self) -> None:
        self._flush_group()
        self._flush_bulk()
        self._await_bulk()

    def abandon(self) -> None:
        """Wait for a bulk load in progress and record nothing more (the caller is failing): its
        journal stays, so the next ingest removes those documents and writes them again."""
        if self.loading is not None:
            self.loading[1].join()
            self.loading = None

    def _bulk_triples(self) -> int:
        if not self.expected:
            return self.max_bulk_triples
        per_document = self.seen_triples // max(1, self.seen_documents)
        share = max(min(BULK_MIN_TRIPLES, self.max_bulk_triples),
                    min(self.max_bulk_triples, self.expected * per_document // BULK_SHARE))
        still_to_come = max(0, self.expected - self.seen_documents) * per_document
        return min(share, max(BULK_TAIL_TRIPLES, still_to_come))

    def _new(self, prepared: Prepared) -> bool:
        return not any(self.store.oxigraph.contains_named_graph(ox.NamedNode(g))
                       for g in (prepared.graph, *prepared.derived))

    def _flush_group(self) -> None:
        group, self.group, self.triples = self.group, [], 0
        if not group:
            return
        try:
            self._write(group)
        except StoreError:
            self._write_singly(group)

    def _flush_bulk(self) -> None:
        """Start loading the spooled group; the next group fills another file meanwhile.

        A load of a million triples takes ~10 s, longer than the writer's queue covers:
        loaded here, it stopped the workers for most of it. One load runs at a time, and
        each starts after the previous one's journal is cleared."""
        spool = self.spool
        if not spool:
            return
        self._await_bulk()
        self.spool = BulkSpool(self.store.path, slot=spool.slot + 1)
        self.store.write_nquads([journal_graph(self.base)], self._pending(spool.members)
                                + self._journal(spool.members))
        self.loading = spool, BulkLoad(self._bulk_load, spool)

    def _await_bulk(self) -> None:
        if self.loading is None:
            return
        spool, load = self.loading
        self.loading = None
        try:
            load.result()
            self.store.remove_graph(journal_graph(self.base))
            self._save_facts(spool.members)
            self._done(spool.members)
        except StoreError:
            self._write_singly(spool.documents())
        finally:
            spool.clear()

    def _write_singly(self, group: list[Prepared]) -> None:
        for prepared in group:  # find the bad one; the others still go in
            try:
                self._write([prepared])
            except StoreError as exc:
                self.report.failed[prepared.path] = failure_reason(prepared.path, str(exc))

    def _write(self, group: list[Prepared]) -> None:
        """One transaction for the group, replacing the graphs it fills."""
        data = b"\n".join(p.nquads for p in group) + b"\n"  # a document's last line stays its own
        self.store.write_nquads(_graphs(group), self._pending(group) + data)
        self.unflushed += len(data)
        if self.unflushed >= FLUSH_BYTES:
            self.store.flush()
            self.unflushed = 0
        self._save_facts(group)
        self._done(group)

    def _save_facts(self, group: list[Prepared]) -> None:
        """After the documents are in: their link facts into the cache beside the store."""
        cache = open_cache(self.store.path)
        if cache is None:
            return
        try:
            cache.save((p.graph, p.sha256, p.facts) for p in group if p.facts)
        except sqlite3.Error:  # only a cache: the link stage then reads the store
            pass
        finally:
            cache.close()

    def _bulk_load(self, spool: BulkSpool) -> None:
        """In the loader thread: the group's file into the store; on bad data what got in is undone."""
        try:
            # lenient: the bytes are the workers' own serialisation, valid by construction
            self.store.oxigraph.bulk_load(format=ox.RdfFormat.N_QUADS, lenient=True, **spool.source())
        except (OSError, SyntaxError, ValueError) as exc:  # bad data: undo what got in, retry singly
            repair_interrupted(self.store, self.base)
            raise StoreError(f"bulk loading {len(spool)} document(s) failed: {exc}") from exc

    def _pending(self, group: list[Prepared]) -> bytes:
        """The files whose derived graphs (link stage) are still to be made, as N-Quads."""
        graph = ox.NamedNode(pending_graph(self.base))
        quads = [ox.Quad(ox.NamedNode(p.graph), _PENDING, ox.Literal(p.path), graph) for p in group]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def _journal(self, group: list[Prepared]) -> bytes:
        """Document graph -> each graph bulk loaded for it (itself and its derived graphs)."""
        graph = ox.NamedNode(journal_graph(self.base))
        quads = [ox.Quad(ox.NamedNode(p.graph), _LOADING, ox.NamedNode(g), graph)
                 for p in group for g in (p.graph, *p.derived)]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def _done(self, group: list[Prepared]) -> None:
        for prepared in group:
            self.report.ingested.append(prepared.path)
            self.report.warnings.extend(prepared.warnings)
            self.report.statements += prepared.statements
            self.report.triples += prepared.triples


QUEUE_DOCUMENTS = 256
"""Documents handed over but not yet taken by the writer thread: bounds the parent's memory
(~0.25 MB of N-Quads and facts each, ~60 MB) and covers what two workers prepare while a
transactional group is written; during a bulk load (a million triples, ~10 s) they keep
filling it, and stop only when it is full."""


class BackgroundWriter:
    """A GroupWriter in its own thread, fed through a bounded queue.

    Oxigraph releases the GIL while it loads, so while a group is being written
    the parent keeps handing tasks to the workers and collecting their answers
    (with one job it keeps preparing the next documents); in the same thread the
    workers sat idle for every load. The writes themselves, their order and their
    transactions are the GroupWriter's, unchanged."""

    def __init__(self, writer: GroupWriter, depth: int = QUEUE_DOCUMENTS) -> None:
        self.writer = writer
        self.queue: queue.Queue[Prepared | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="overleg-writer", daemon=True)
        self.thread.start()

    def add(self, prepared: Prepared) -> None:
        self._raise()
        self.queue.put(prepared)

    def close(self) -> None:
        """Write what is left and wait for it; re-raises an error of the writer thread."""
        self.queue.put(None)
        self.thread.join()
        self._raise()

    def abort(self) -> None:
        """Stop after the write in progress (the caller is failing): the rest is not written."""
        self.stopping = True
        while True:
            try:
                self.queue.get_nowait()
            except queue.Empty:
                break
        self.queue.put(None)
        self.thread.join()
        self.writer.abandon()

    def _run(self) -> None:
        try:
            while (prepared := self.queue.get()) is not None:
                if not self.stopping:
                    self.writer.add(prepared)
            if not self.stopping:
                self.writer.flush()
        except BaseException as exc:  # handed to the caller's thread by _raise
            self.error, self.stopping = exc, True
            while self.queue.get() is not None:  # keep taking, so the caller never blocks
                pass

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


def failure_reason(path: str, message: str) -> str:
    return message if message.startswith(path) else f"{path}: {message}"
