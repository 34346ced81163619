"""The embedded store: Oxigraph on disk, one named graph per source document.

Writes go through SPARQL Update requests, which Oxigraph applies as one
transaction: replacing a document's graph (DROP then INSERT DATA) is all or
nothing, so a crash leaves either the old or the new graph, never half.
The data is serialised N-Triples (Oxigraph's own escaping), not user text.

Concurrency. Inside one process, reads are snapshot-isolated: a query that
runs while an ingest writes sees each document graph either before or after
its update, never half. Across processes, Oxigraph allows one read-write
opener (RocksDB's own lock) and calls a read-only open during a write
undefined behaviour, so this module adds an advisory `overleg.lock` in the
store folder: a writer holds it exclusively, read-only openers share it, and
an open that would overlap a writer fails at once with a clear StoreError.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..ontology.terms import MTG

ONTOLOGY_GRAPH_SUFFIX = "graph/ontology"
LOCK_NAME = "overleg.lock"
_HASHES = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?document <{MTG.sha256}> ?h }} }}"


class EmbeddedStore:
    """A persistent (or in-memory) Oxigraph store holding the knowledge graph."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = None
        if self.path is not None:
            if read_only and not (self.path / "CURRENT").exists():
                raise StoreError(f"no store at {self.path}", hint="ingest something first")
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock = lock_store(self.path, exclusive=not read_only)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = _open_read_only(self.path, self)
            else:
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            self._release()
            raise StoreError(f"cannot open the store at {self.path}: {exc}",
                             hint="is another overleg process or 'overleg serve' using it?"
                             ) from exc
        self.read_only = read_only

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def graph_hashes(self) -> dict[str, str]:
        """Named graph IRI -> SHA-256 of the document it holds. By SPARQL rather than
        `quads_for_pattern`: half the time (0.4 s against 0.7-1.0 s for 10,000 documents), as no
        subject is decoded."""
        return {row["g"].value: row["h"].value for row in self._store.query(_HASHES)
                if isinstance(row["g"], ox.NamedNode)}

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Replace several named graphs in one transaction."""
        self.replace_serialised({graph: ntriples_body(quads) for graph, quads in graphs.items()})

    def replace_serialised(self, graphs: dict[str, str], add: dict[str, str] | None = None) -> None:
        """Replace named graphs given as N-Triples text (and add to `add`), in one SPARQL update.

        One update is one Oxigraph transaction: after a crash every graph in
        it is either old or new. The N-Triples come from `ntriples_body`
        (pyoxigraph's serialisation), so no user text is formatted into it.
        """
        if self.read_only:
            raise StoreError("the store is open read-only")
        parts = []
        for graph, body in graphs.items():
            name = str(ox.NamedNode(graph))
            parts.append(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        for graph, body in (add or {}).items():  # added to, not replaced, in the same transaction
            parts.append(f"INSERT DATA {{ GRAPH {ox.NamedNode(graph)} {{\n{body}\n}} }}")
        if parts:
            try:
                self._store.update(" ;\n".join(parts))
            except (OSError, SyntaxError, ValueError) as exc:
                raise StoreError(f"writing {len(parts)} graph(s) failed: {exc}") from exc

    def write_nquads(self, graphs: list[str], nquads: bytes) -> None:
        """Write N-Quads in one transaction, replacing `graphs` (the graphs it fills) first.

        When none of them exists yet (a first ingest), Oxigraph parses and
        loads the bytes itself (`Store.load`, one transaction, no Python
        object per triple); otherwise they go through `replace_serialised`,
        one `DROP GRAPH; INSERT DATA` update. Graphs in the data that are not
        in `graphs` are added to (the ingest's pending-links record).
        """
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            if not any(self._store.contains_named_graph(ox.NamedNode(g)) for g in graphs):
                # lenient (no IRI re-validation, ~10% faster): the writer's bytes come from
                # ox.serialize; broken syntax is still refused
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
                return
            by_graph: dict[str, list[ox.Quad]] = {g: [] for g in graphs}
            added: dict[str, list[ox.Quad]] = {}
            for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
                name = quad.graph_name.value
                (by_graph[name] if name in by_graph else added.setdefault(name, [])).append(quad)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"writing {len(graphs)} graph(s) failed: {exc}") from exc
        self.replace_serialised({g: ntriples_body(q) for g, q in by_graph.items()},
                                {g: ntriples_body(q) for g, q in added.items()})

    def drop_graphs(self, graphs: list[str]) -> None:
        """Drop several named graphs (absent ones are fine) in one transaction."""
        if graphs:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs))

    def remove_graph(self, graph: str) -> bool:
        node = ox.NamedNode(graph)
        if not self._store.contains_named_graph(node):
            return False
        self._store.update(f"DROP GRAPH {node}")
        return True

    def load_turtle(self, graph: str, data: str) -> None:
        """Replace a graph with parsed Turtle (used for the ontology and reference data)."""
        node = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, node)
                 for q in ox.parse(data.encode("utf-8"), format=ox.RdfFormat.TURTLE)]
        self.replace_graphs({graph: quads})

    def query(self, sparql: str, substitutions: dict[str, ox.Term] | None = None,
              union_default: bool = True) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=union_default,
                                 substitutions=subs or None)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        node = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, node)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def size_on_disk(self) -> int:
        if self.path is None:
            return 0
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            self.flush()
            del self._store
            self._store = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the descriptor drops the flock
            self._lock = None


UNFINISHED_STORE = ("Column family not found", "Inserts are only possible on read-write instances")
"""What opening a store read-only says when its creation was interrupted."""


def _open_read_only(path: Path, store: EmbeddedStore) -> ox.Store:
    """`Store.read_only`, completing first a store whose creation was interrupted.

    A process killed while RocksDB creates a new store leaves it without all its
    column families, or without Oxigraph's version record (a reader then fails
    trying to write it); a writer completes both on open, a reader cannot. So when
    no writer holds the folder, the reader opens it for writing once, then reads.
    """
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        if not any(sign in str(exc) for sign in UNFINISHED_STORE):
            raise
    store._release()
    writer_lock = lock_store(path, exclusive=True)  # StoreError when other readers hold it
    try:
        writer = ox.Store(str(path))  # RocksDB creates the missing column families
        writer.flush()
        del writer
    finally:
        writer_lock.close()
    store._lock = lock_store(path, exclusive=False)
    return ox.Store.read_only(str(path))


def ntriples_body(quads: Iterable[ox.Quad]) -> str:
    """Triples of quads as N-Triples lines (pyoxigraph escapes every term)."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def lock_store(path: Path, exclusive: bool):
    """Advisory lock on the store folder: one writer, or any number of readers.

    Returns an open handle; the lock lasts until it is closed. Anything that
    opens the folder outside EmbeddedStore (e.g. `oxigraph serve-read-only`)
    should hold `lock_store(path, exclusive=False)` while it runs."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: rely on RocksDB's own writer lock
        return None
    handle = (path / LOCK_NAME).open("a+")
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        doing = "writing" if not exclusive else "using"
        raise StoreError(f"the store at {path} is in use by another process",
                         hint=f"another overleg process is {doing} it; wait until it finishes "
                              "(reads during an ingest work through the same process, see "
                              "docs/reliability.md)") from exc
    return handle


def default_store_path() -> Path:
    """`OVERLEG_STORE`, else ./overleg-data."""
    return Path(os.environ.get("OVERLEG_STORE", "overleg-data"))
