"""Writing the links graph: only its difference, from N-Triples lines, without reading it back.

The link stage recomputes `BASE/graph/links` (two million triples at 10,000
minutes, most of them the query index) and writes only what changed:
Oxigraph writes cost far more than reads, and deleting costs most (~100 µs a
triple). To know what changed, the graph as last written is kept beside the
store, in `link-lines.sqlite`: its lines (app/link_text.py) in BUCKETS buckets
by a checksum of the line, each with a digest of its content. A relink
compares digests, reads the old lines of the buckets that differ only, and
deletes and inserts their difference; it never reads the graph (a dump of it
cost 20-35 s at 10,000 minutes).

The file is only a cache. It is marked stale before the store is written and
current after, together with the graph's size; a cache that is stale, of
another graph or size, or missing (an in-memory store, an older store, a
deleted file) makes the stage compare digests of the wanted lines with a dump
of the graph instead, as it did before, and then write the cache anew.

A first link (no graph yet) compares nothing: its lines go to Oxigraph's bulk
loader, each large batch in a thread as soon as it is made (the loader runs
outside the GIL), so loading the query index overlaps computing follow-ups.
The bulk loader, like every write of more than BULK_FROM new triples, is not
one transaction: the ingest's pending-links record (app/writer.py) stays until
the stage returns, and a run killed half-way leaves the cache stale, so the
next run repairs the graph from a dump.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store.embedded import EmbeddedStore

FILE_NAME = "link-lines.sqlite"
FORMAT = "1"
"""Of the cached lines and buckets: a cache of another format counts as missing."""
BUCKETS = 4096
BULK_FROM = 20_000
"""From this many new triples on, they go to the bulk loader (not one transaction)."""


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def bucketed(parts: Iterable[bytes]) -> list[list[bytes]]:
    """Lines (without their line break) by bucket, each once, in the order first given."""
    buckets: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    mask = BUCKETS - 1
    for text in parts:
        lines = text.split(b"\n")
        lines.pop()  # the text ends with a line break
        for one, check in zip(lines, map(zlib.crc32, lines), strict=True):
            buckets[check & mask].append(one)
    return [list(dict.fromkeys(b)) if b else b for b in buckets]


def _content(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


class LinesCache:
    """SQLite beside the store: the links graph as last written, by bucket."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / FILE_NAME)
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS buckets "
                            "(id INTEGER PRIMARY KEY, digest BLOB, lines BLOB)")

    def written(self, graph: str) -> int | None:
        """How many triples the graph had when last written, if the cache is current and of `graph`."""
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        if meta.get("state") != "current" or meta.get("graph") != graph or meta.get("format") != FORMAT:
            return None
        return int(meta["count"])

    def digests(self) -> dict[int, bytes]:
        return dict(self.db.execute("SELECT id, digest FROM buckets"))

    def lines(self, ids: list[int]) -> dict[int, list[bytes]]:
        out: dict[int, list[bytes]] = {}
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[start:start + 500]
            query = f"SELECT id, lines FROM buckets WHERE id IN ({','.join('?' * len(chunk))})"
            for bucket, data in self.db.execute(query, chunk):
                out[bucket] = zlib.decompress(data).split(b"\n")[:-1]
        return out

    def stale(self) -> None:
        """Before the graph is written: a crash from here on leaves the cache unused."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('state', 'stale')")

    def save(self, graph: str, count: int, buckets: dict[int, tuple[bytes, bytes]], everything: bool) -> None:
        """After the graph is written: these buckets (id -> digest, content), all of them or the changed."""
        rows = ((i, digest, zlib.compress(content, 1)) for i, (digest, content) in buckets.items())
        with self.db:
            if everything:
                self.db.execute("DELETE FROM buckets")
            self.db.executemany("INSERT OR REPLACE INTO buckets VALUES (?, ?, ?)", rows)
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("graph", graph), ("count", str(count)), ("format", FORMAT), ("state", "current")])

    def close(self) -> None:
        self.db.close()


def open_lines_cache(folder: Path | None) -> LinesCache | None:
    try:
        return LinesCache(folder) if folder is not None else None
    except sqlite3.Error:  # a read-only folder or a damaged file: the graph is compared by a dump
        return None


class LinksWrite:
    """One write of the links graph: batches of lines in (`add`), the difference written (`finish`)."""

    def __init__(self, store: EmbeddedStore, graph: str) -> None:
        if store.read_only:
            raise StoreError("the store is open read-only")
        self.store, self.graph, self.node = store, graph, ox.NamedNode(graph)
        self.first = not store.oxigraph.contains_named_graph(self.node)
        self.cache = open_lines_cache(store.path)
        self._parts: list[bytes] = []      # every batch, as N-Triples text
        self._unloaded: list[bytes] = []   # the batches of a first link not handed to the loader yet
        self._pool: ThreadPoolExecutor | None = None
        self._loads: list[Future] = []

    def __enter__(self) -> LinksWrite:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def add(self, lines: list[str]) -> None:
        """A batch of lines of the graph; in a first link a large one starts loading at once."""
        text = "".join(lines).encode("utf-8")
        self._parts.append(text)
        if self.first and len(lines) >= BULK_FROM:
            self._load(text)
        elif self.first:
            self._unloaded.append(text)

    def finish(self) -> int:
        """Make the graph hold exactly the lines added; returns how many triples changed."""
        if self.first:
            self._hand_over_rest()
        buckets = bucketed(self._parts)  # in a first link, while the loader runs
        self._parts = []
        count = sum(map(len, buckets))
        written = self.cache.written(self.graph) if self.cache is not None and not self.first else None
        if self.first:
            for load in self._loads:
                load.result()  # the loader's error, if any, is raised here
            changed, everything = count, range(BUCKETS)
        elif written is not None and written == self._count():
            gone, new, everything = self._compare_with_cache(buckets)
            changed = self._write(gone, new)
        else:
            gone, new = self._compare_with_dump(buckets)
            changed, everything = self._write(gone, new), range(BUCKETS)
        if self.cache is not None and everything:
            contents = {i: _content(buckets[i]) for i in everything}
            self.cache.save(self.graph, count, {i: (_digest(c), c) for i, c in contents.items()},
                            everything=len(contents) == BUCKETS)
        return changed

    def close(self) -> None:
        """Wait for the loader (also after an error: the store must not close under it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def _load(self, text: bytes) -> None:
        if not self._loads and self.cache is not None:
            self.cache.stale()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="links-load")
        self._loads.append(self._pool.submit(self.store.oxigraph.bulk_load, text,
                                             format=ox.RdfFormat.N_TRIPLES, to_graph=self.node, lenient=True))

    def _hand_over_rest(self) -> None:
        """The small batches of a first link: to the loader after the large ones, or, when the whole
        graph is small, in one update (one transaction)."""
        rest = b"".join(self._unloaded)
        self._unloaded = []
        if self._loads or rest.count(b"\n") >= BULK_FROM:
            if rest:
                self._load(rest)
        elif rest:
            self._write([], rest.split(b"\n")[:-1])

    def _count(self) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {self.node} {{ ?s ?p ?o }} }}"
        return int(next(iter(self.store.oxigraph.query(query)))["n"].value)

    def _compare_with_cache(self, buckets: list[list[bytes]]
                            ) -> tuple[list[bytes], list[bytes], list[int]]:
        """The lines gone and new, from the buckets whose digest differs from the cached one."""
        before = self.cache.digests()
        differ = [i for i, lines in enumerate(buckets) if before.get(i) != _digest(_content(lines))]
        old = self.cache.lines(differ)
        gone, new = [], []
        for i in differ:
            was, now = old.get(i, []), buckets[i]
            kept = set(now)
            gone += [one for one in was if one not in kept]
            was_set = set(was)
            new += [one for one in now if one not in was_set]
        return gone, new, differ

    def _compare_with_dump(self, buckets: list[list[bytes]]) -> tuple[list[bytes], list[bytes]]:
        """The lines gone and new by a dump of the graph: 16-byte digests of lines stand for triples
        (two million lines held twice would cost ~1 GB, their digests ~0.1 GB)."""
        wanted = {_digest(one): one for lines in buckets for one in lines}
        present = _PresentLines(wanted)
        self.store.oxigraph.dump(present, format=ox.RdfFormat.N_TRIPLES, from_graph=self.node)
        present.close()
        return present.gone, [one for key, one in wanted.items() if key not in present.digests]

    def _write(self, gone: list[bytes], new: list[bytes]) -> int:
        """Delete `gone` and insert `new`: one update, or for many new lines the bulk loader after it."""
        if not gone and not new:
            return 0
        if self.cache is not None:
            self.cache.stale()
        parts = [f"DELETE DATA {{ GRAPH {self.node} {{\n{_content(gone).decode()}}} }}"] if gone else []
        if len(new) >= BULK_FROM:
            if parts:
                self.store.oxigraph.update(parts[0])
            self.store.oxigraph.bulk_load(_content(new), format=ox.RdfFormat.N_TRIPLES, to_graph=self.node,
                                          lenient=True)
        else:
            if new:
                parts.append(f"INSERT DATA {{ GRAPH {self.node} {{\n{_content(new).decode()}}} }}")
            self.store.oxigraph.update(" ;\n".join(parts))  # one update: one transaction
        return len(gone) + len(new)


class _PresentLines:
    """A file-like sink for `Store.dump`: digests of the graph's lines, and the lines not wanted."""

    def __init__(self, wanted: dict[bytes, bytes]) -> None:
        self.wanted, self.digests, self.gone, self.rest = wanted, set(), [], b""

    def write(self, data: bytes) -> int:
        lines = (self.rest + bytes(data)).split(b"\n")
        self.rest = lines.pop()
        for one in lines:
            self._take(one)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.rest:
            self._take(self.rest)
            self.rest = b""

    def _take(self, one: bytes) -> None:
        key = _digest(one)
        self.digests.add(key)
        if key not in self.wanted:
            self.gone.append(one)
