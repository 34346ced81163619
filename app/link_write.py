"""Writing the links graph: only its difference, from N-Triples lines, without reading it back.

The link stage recomputes `BASE/graph/links` (two million triples at 10,000
minutes, most of them the query index) and writes only what changed:
Oxigraph writes cost far more than reads, and deleting costs most (~100 µs a
triple). To know what changed, the graph as last written is kept beside the
store as N-Triples, `link-lines.nt`, in the order the stage made the lines (its
last line, a comment, names the graph and how many triples it has). The stage
makes its lines in the same order from the same facts, so an unchanged relink
is one comparison of bytes; otherwise the old lines are made a set and the
new ones compared with it a piece at a time, in C. The graph itself is never
read (a dump of it cost 20-35 s at 10,000 minutes).

The file is only a cache. It is deleted before the store is written and
written anew after (under a temporary name, renamed); one that is missing (a
crash in between, an in-memory store, an older store), of another graph, cut
short, or of another size than the graph in the store makes the stage compare
with a dump of the graph instead, as it did before.

A first link (no graph yet) compares nothing: its lines go to Oxigraph's bulk
loader in a thread (the loader runs outside the GIL), from files of at most
LOAD_LINES lines, each loaded as soon as it is full or the caller `flush`es,
so loading the query index overlaps computing follow-ups, and neither Python
nor the loader ever holds the whole graph. The bulk loader, like
every write of more than BULK_FROM new triples, is not one transaction: the
ingest's pending-links record (app/writer.py) stays until the stage returns,
and a run killed half-way leaves no file, so the next run repairs the graph
from a dump.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store.embedded import EmbeddedStore

FILE_NAME = "link-lines.nt"
FORMAT = "2"
"""Of the file's last line: a file of another format counts as missing."""
BULK_FROM = 20_000
"""From this many new triples on, they go to the bulk loader (not one transaction)."""
CHUNK = 100_000
"""Lines encoded at a time (a batch of two million as one text would be ~0.7 GB more at its peak)."""
LOAD_LINES = 1_000_000
"""Lines per bulk load of a first link. Oxigraph's loader holds what one call loads in memory: two
million lines of the links graph took 1.6 GB at their peak, four loads of 500,000 lines 0.5 GB
but 18% more CPU (each load leaves RocksDB files to compact); a million is the middle."""
_MARK = b"# overleg-links "


def _content(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def _split(piece: bytes) -> list[bytes]:
    lines = piece.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _pieces(text: bytes, size: int = 1 << 24) -> Iterator[bytes]:
    """`text` (N-Triples lines) in pieces of about `size` bytes that end at a line's end."""
    start = 0
    while start < len(text):
        end = text.find(b"\n", start + size - 1)
        end = len(text) - 1 if end < 0 else end
        yield text[start:end + 1]
        start = end + 1


def _same(text: bytes, pieces: list[bytes]) -> bool:
    """Whether `pieces` joined are `text`, without joining them (200 MB at 10,000 minutes)."""
    if len(text) != sum(map(len, pieces)):
        return False
    view, at = memoryview(text), 0
    for piece in pieces:
        if view[at:at + len(piece)] != piece:
            return False
        at += len(piece)
    return True


def _line_set(pieces: Iterable[bytes]) -> set[bytes]:
    lines: set[bytes] = set()
    for piece in pieces:
        lines.update(_split(piece))
    return lines


def _difference(present: set[bytes], wanted: Iterable[bytes]) -> tuple[list[bytes], list[bytes]]:
    """(lines of `present` not wanted, wanted lines not present) from the set of the lines present
    and the wanted text in pieces. Only one side is a set (1.7 million byte strings at 10,000
    minutes, ~0.3 GB); the other is compared a piece at a time, in C. `present` is emptied."""
    new: list[bytes] = []
    for piece in wanted:
        lines = set(_split(piece))
        new += lines - present
        present -= lines
    return list(present), new


class LinesFile:
    """The links graph as last written, beside the store: its lines, then a line naming it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self.partial = folder / (FILE_NAME + ".partial")

    def read(self, graph: str) -> tuple[int, bytes] | None:
        """(size, lines) of `graph` as last written; None for a missing, cut or other graph's file."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        body, mark, last = data.rpartition(_MARK)
        fields = last.decode("utf-8", "replace").split()
        if (not mark or (body and not body.endswith(b"\n")) or not last.endswith(b"\n")
                or fields[:2] != [FORMAT, graph] or len(fields) != 3 or not fields[2].isdigit()
                or body.count(b"\n") != int(fields[2])):
            return None
        return int(fields[2]), body

    def stale(self) -> None:
        """Before the graph is written: a crash from here on leaves no file."""
        self.path.unlink(missing_ok=True)

    def close(self, graph: str, count: int) -> None:
        """After the graph is written: the partial file (all lines appended) named as the file."""
        with self.partial.open("ab") as out:
            out.write(_MARK + f"{FORMAT} {graph} {count}\n".encode())
        os.replace(self.partial, self.path)


class LinksWrite:
    """One write of the links graph: batches of lines in (`add`), the difference written (`finish`)."""

    def __init__(self, store: EmbeddedStore, graph: str) -> None:
        if store.read_only:
            raise StoreError("the store is open read-only")
        self.store, self.graph, self.node = store, graph, ox.NamedNode(graph)
        self.first = not store.oxigraph.contains_named_graph(self.node)
        self.file = LinesFile(store.path) if store.path is not None else None
        if self.file is not None:
            self.file.partial.write_bytes(b"")
        self.count = 0                     # lines added (each batch without repeats)
        self._parts: list[bytes] = []      # the lines of a relink, as N-Triples text
        self._spool: list[bytes] = []      # a first link's lines not handed to the loader yet
        self._spooled = 0                  # how many lines those are
        self._pool: ThreadPoolExecutor | None = None
        self._loads: list[Future] = []

    def __enter__(self) -> LinksWrite:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def add(self, lines: list[str]) -> None:
        """A batch of lines of the graph (none of them in another batch); in a first link every
        LOAD_LINES of them start loading at once."""
        unique = list(dict.fromkeys(lines))
        self.count += len(unique)
        for start in range(0, len(unique), CHUNK):
            part = unique[start:start + CHUNK]
            chunk = "".join(part).encode("utf-8")
            if not self.first:
                self._record([chunk])
                self._parts.append(chunk)
                continue
            self._spool.append(chunk)
            self._spooled += len(part)
            if self._spooled >= LOAD_LINES:
                self.flush()

    def flush(self) -> None:
        """A first link's lines so far to the loader, unless they are still few enough to be written
        in one transaction at `finish` (a small graph stays atomic)."""
        if self._spool and (self._loads or self._spooled >= BULK_FROM):
            self._load(self._spool)
            self._spool, self._spooled = [], 0

    def finish(self) -> int:
        """Make the graph hold exactly the lines added; returns how many triples changed."""
        if self.first:
            self.flush()
            if self._spool:  # a small first link: one update (one transaction)
                self._record(self._spool)
                self._write([], b"".join(self._spool).split(b"\n")[:-1])
            for load in self._loads:
                load.result()  # the loader's error, if any, is raised here
            changed = self.count
        else:
            changed = self._relink()
        if self.file is not None and self.file.partial.exists():
            self.file.close(self.graph, self.count)
        return changed

    def close(self) -> None:
        """Wait for the loader (also after an error: the store must not close under it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self.file is not None:
            self.file.partial.unlink(missing_ok=True)

    def _record(self, chunks: Iterable[bytes]) -> None:
        if self.file is not None:
            with self.file.partial.open("ab") as out:
                for chunk in chunks:
                    out.write(chunk)

    def _load(self, chunks: list[bytes]) -> None:
        """Bulk load a batch in the loader thread, after the batches before it: from a file beside
        the store, when there is one (the batch is also appended to the partial lines file)."""
        if not self._loads and self.file is not None:
            self.file.stale()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="links-load")
        if self.file is None:
            self._loads.append(self._pool.submit(self._bulk_load, b"".join(chunks)))
            return
        path = self.file.path.with_name(f"{FILE_NAME}.load-{len(self._loads)}")
        with path.open("wb") as load:
            for chunk in chunks:  # ~17 MB at a time: no copy of the whole batch in Python
                load.write(chunk)
        self._record(chunks)
        self._loads.append(self._pool.submit(self._bulk_load_file, path))

    def _bulk_load(self, text: bytes) -> None:
        self.store.oxigraph.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=self.node, lenient=True)

    def _bulk_load_file(self, path: Path) -> None:
        try:
            self.store.oxigraph.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=self.node,
                                          lenient=True)
        finally:
            path.unlink(missing_ok=True)

    def _relink(self) -> int:
        """Write the difference: none when the lines are those of the file, in the same order."""
        parts, self._parts = self._parts, []
        written = self.file.read(self.graph) if self.file is not None else None
        if written is not None and written[0] == self._count():
            if _same(written[1], parts):
                self.file.partial.unlink()  # the file stays as it is
                return 0
            present = _line_set(_pieces(written[1]))
        else:
            sink = _PresentLines()
            self.store.oxigraph.dump(sink, format=ox.RdfFormat.N_TRIPLES, from_graph=self.node)
            present = sink.close()
        del written
        gone, new = _difference(present, parts)
        del present, parts  # the lines in both, most of them in a relink, are freed before writing
        return self._write(gone, new)

    def _count(self) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {self.node} {{ ?s ?p ?o }} }}"
        return int(next(iter(self.store.oxigraph.query(query)))["n"].value)

    def _write(self, gone: list[bytes], new: list[bytes]) -> int:
        """Delete `gone` and insert `new`: one update (one transaction), or from BULK_FROM lines on
        either side updates of CHUNK deletions each, then bulk loads of LOAD_LINES lines.

        Oxigraph parses an update whole and holds its changes until it commits: remaking the index
        at 10,000 minutes (1.7 million lines gone, as many new) as one DELETE DATA took the link
        stage to ~4 GB."""
        if not gone and not new:
            return 0
        if self.file is not None:
            self.file.stale()
        if len(gone) < BULK_FROM and len(new) < BULK_FROM:
            parts = [self._update("DELETE", gone), self._update("INSERT", new)]
            self.store.oxigraph.update(" ;\n".join(part for part in parts if part))
            return len(gone) + len(new)
        for start in range(0, len(gone), CHUNK):
            self.store.oxigraph.update(self._update("DELETE", gone[start:start + CHUNK]))
        for start in range(0, len(new), LOAD_LINES):
            self._bulk_load(_content(new[start:start + LOAD_LINES]))
        return len(gone) + len(new)

    def _update(self, verb: str, lines: list[bytes]) -> str:
        """`DELETE DATA` or `INSERT DATA` of `lines` in the graph; "" for none."""
        return f"{verb} DATA {{ GRAPH {self.node} {{\n{_content(lines).decode()}}} }}" if lines else ""


class _PresentLines:
    """A file-like sink for `Store.dump`: the graph's lines as a set."""

    def __init__(self) -> None:
        self.lines: set[bytes] = set()
        self.rest = b""

    def write(self, data: bytes) -> int:
        lines = (self.rest + bytes(data)).split(b"\n")
        self.rest = lines.pop()
        self.lines.update(lines)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> set[bytes]:
        self.lines.add(self.rest)
        self.lines.discard(b"")
        return self.lines
