"""Writing the links graph: only its difference, from N-Triples lines, without reading it back.

The link stage recomputes `BASE/graph/links` (two million triples at 10,000
minutes, most of them the query index) and writes only what changed:
Oxigraph writes cost far more than reads, and deleting costs most (~100 µs a
triple). To know what changed, the graph as last written is kept beside the
store as N-Triples, `link-lines.nt` (its first line, a comment, names the
graph and how many triples it has): a relink compares the wanted lines
(app/link_text.py) with that file's as sets of lines, in C, and never reads
the graph (a dump of it cost 20-35 s at 10,000 minutes).

The file is only a cache. It is deleted before the store is written and
written anew after (to a temporary name, then renamed); one that is missing
(a crash in between, an in-memory store, an older store), of another graph,
cut short, or of another size than the graph in the store makes the stage
compare with a dump of the graph instead, as it did before.

A first link (no graph yet) compares nothing: its lines go to Oxigraph's bulk
loader, each large batch in a thread as soon as it is made (the loader runs
outside the GIL), so loading the query index overlaps computing follow-ups.
The bulk loader, like every write of more than BULK_FROM new triples, is not
one transaction: the ingest's pending-links record (app/writer.py) stays until
the stage returns, and a run killed half-way leaves no file, so the next run
repairs the graph from a dump.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .store.embedded import EmbeddedStore

FILE_NAME = "link-lines.nt"
FORMAT = "1"
"""Of the file's first line: a file of another format counts as missing."""
BULK_FROM = 20_000
"""From this many new triples on, they go to the bulk loader (not one transaction)."""


def _content(lines: Iterable[bytes]) -> bytes:
    text = b"\n".join(lines)
    return text + b"\n" if text else b""


class LinesFile:
    """The links graph as last written, beside the store: a header line, then its N-Triples lines."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def read(self, graph: str) -> tuple[int, set[bytes]] | None:
        """(size, lines) of `graph` as last written, or None when the file is missing or not of it."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        header, _, body = data.partition(b"\n")
        del data
        fields = header.decode("utf-8", "replace").split()
        if fields[:2] != ["#", "overleg-links"] or len(fields) != 5 or fields[2:4] != [FORMAT, graph]:
            return None
        lines = set(body.split(b"\n"))
        lines.discard(b"")
        return (int(fields[4]), lines) if fields[4].isdigit() and len(lines) == int(fields[4]) else None

    def stale(self) -> None:
        """Before the graph is written: a crash from here on leaves no file."""
        self.path.unlink(missing_ok=True)

    def save(self, graph: str, lines: set[bytes]) -> None:
        """After the graph is written: its lines, under a temporary name renamed into place."""
        partial = self.path.with_suffix(".partial")
        with partial.open("wb") as out:
            out.write(f"# overleg-links {FORMAT} {graph} {len(lines)}\n".encode())
            out.write(_content(lines))
        os.replace(partial, self.path)


class LinksWrite:
    """One write of the links graph: batches of lines in (`add`), the difference written (`finish`)."""

    def __init__(self, store: EmbeddedStore, graph: str) -> None:
        if store.read_only:
            raise StoreError("the store is open read-only")
        self.store, self.graph, self.node = store, graph, ox.NamedNode(graph)
        self.first = not store.oxigraph.contains_named_graph(self.node)
        self.file = LinesFile(store.path) if store.path is not None else None
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
        wanted: set[bytes] = set()
        for text in self._parts:  # in a first link, while the loader runs
            wanted.update(text.split(b"\n"))
        wanted.discard(b"")
        self._parts = []
        if self.first:
            for load in self._loads:
                load.result()  # the loader's error, if any, is raised here
            changed = len(wanted)
        else:
            changed = self._write(*self._difference(wanted))
        if self.file is not None and (changed or self.first or not self._file_current):
            self.file.save(self.graph, wanted)
        return changed

    def close(self) -> None:
        """Wait for the loader (also after an error: the store must not close under it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _load(self, text: bytes) -> None:
        if not self._loads and self.file is not None:
            self.file.stale()
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

    _file_current = False

    def _difference(self, wanted: set[bytes]) -> tuple[list[bytes], list[bytes]]:
        """The lines gone and new: against the file when it is current, else against a dump."""
        written = self.file.read(self.graph) if self.file is not None else None
        if written is not None and written[0] == self._count():
            self._file_current = True
            present = written[1]
        else:
            sink = _PresentLines()
            self.store.oxigraph.dump(sink, format=ox.RdfFormat.N_TRIPLES, from_graph=self.node)
            present = sink.close()
        return list(present - wanted), list(wanted - present)

    def _count(self) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {self.node} {{ ?s ?p ?o }} }}"
        return int(next(iter(self.store.oxigraph.query(query)))["n"].value)

    def _write(self, gone: list[bytes], new: list[bytes]) -> int:
        """Delete `gone` and insert `new`: one update, or for many new lines the bulk loader after it."""
        if not gone and not new:
            return 0
        if self.file is not None:
            self.file.stale()
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
