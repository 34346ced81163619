"""The embedded store: Oxigraph on disk, one named graph per source document.

Writes go through SPARQL Update requests, which Oxigraph applies as one
transaction: replacing a document's graph (DROP then INSERT DATA) is all or
nothing, so a crash leaves either the old or the new graph, never half.
The data is serialised N-Triples (Oxigraph's own escaping), not user text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..ontology.terms import MTG

ONTOLOGY_GRAPH_SUFFIX = "graph/ontology"
_SHA = ox.NamedNode(str(MTG.sha256))


class EmbeddedStore:
    """A persistent (or in-memory) Oxigraph store holding the knowledge graph."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}",
                             hint="is another overleg process or 'overleg serve' using it?"
                             ) from exc
        self.read_only = read_only

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def graph_hashes(self) -> dict[str, str]:
        """Named graph IRI -> SHA-256 of the document it holds."""
        hashes: dict[str, str] = {}
        for quad in self._store.quads_for_pattern(None, _SHA, None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                hashes[quad.graph_name.value] = quad.object.value
        return hashes

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Replace several named graphs in one transaction."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        parts: list[str] = []
        for graph, quads in graphs.items():
            name = str(ox.NamedNode(graph))
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            parts.append(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        if parts:
            self._store.update(" ;\n".join(parts))

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
        self.flush()
        del self._store


def default_store_path() -> Path:
    """`OVERLEG_STORE`, else ./overleg-data."""
    return Path(os.environ.get("OVERLEG_STORE", "overleg-data"))
