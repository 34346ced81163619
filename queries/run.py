"""Run stored or ad-hoc SPARQL on the embedded store, parameters bound."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..ontology.terms import DEFAULT_BASE_IRI
from ..store.embedded import EmbeddedStore
from .binding import bind, inline_values
from .catalogue import StoredQuery, get_query
from .results import QueryResult, from_oxigraph
from .safety import check_query


def run_stored(store: EmbeddedStore, name: str, params: Mapping[str, object] | None = None,
               base: str = DEFAULT_BASE_IRI, query_dirs: tuple[Path, ...] = ()) -> QueryResult:
    """Run a named query from the catalogue with its parameters bound."""
    stored = get_query(name, query_dirs)
    return run_bound(store, stored, dict(params or {}), base)


def run_bound(store: EmbeddedStore, stored: StoredQuery, params: dict[str, object],
              base: str = DEFAULT_BASE_IRI) -> QueryResult:
    bindings = bind(stored, params, base)
    return _as_result(store.query(inline_values(stored.sparql, bindings)))


def run_sparql(store: EmbeddedStore, sparql: str, params: Mapping[str, ox.Term] | None = None,
               allow_network: bool = False) -> QueryResult:
    """Run a user's SPARQL after the safety check (no SERVICE, no FROM, no updates)."""
    check_query(sparql, allow_network=allow_network)
    return _as_result(store.query(sparql, dict(params or {})))


def _as_result(raw: object) -> QueryResult:
    if isinstance(raw, ox.QuerySolutions):
        return from_oxigraph(raw)
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(("result",), ({"result": bool(raw)},))
    if isinstance(raw, ox.QueryTriples):
        rows = tuple({"subject": str(t.subject), "predicate": str(t.predicate),
                      "object": str(t.object)} for t in raw)
        return QueryResult(("subject", "predicate", "object"), rows)
    raise QueryError(f"unexpected result type {type(raw).__name__}")
