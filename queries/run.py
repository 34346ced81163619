"""Run stored or ad-hoc SPARQL on the embedded store or a remote endpoint, parameters bound.

The same text goes to both targets: the stored query with its parameters as
a VALUES block (see binding.py). Results are converted to the same Python
values on both, so a query gives the same rows locally and remotely.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..ontology.terms import DEFAULT_BASE_IRI
from ..store.embedded import EmbeddedStore
from ..store.remote import RemoteEndpoint
from .binding import bind, inline_values
from .catalogue import StoredQuery, get_query
from .paging import all_pages
from .results import QueryResult, from_oxigraph, from_sparql_json, python_value
from .safety import check_query

Target = EmbeddedStore | RemoteEndpoint


def run_stored(target: Target, name: str, params: Mapping[str, object] | None = None,
               base: str = DEFAULT_BASE_IRI, query_dirs: tuple[Path, ...] = (),
               every_page: bool = False) -> QueryResult:
    """Run a named query from the catalogue with its parameters bound; with `every_page`,
    a paged query (see paging.py) page after page until its last row."""
    stored = get_query(name, query_dirs)
    if every_page:
        return all_pages(stored, dict(params or {}),
                         lambda query, values: run_bound(target, query, values, base))
    return run_bound(target, stored, dict(params or {}), base)


def run_bound(target: Target, stored: StoredQuery, params: dict[str, object],
              base: str = DEFAULT_BASE_IRI) -> QueryResult:
    text = bound_text(stored, params, base)
    if isinstance(target, RemoteEndpoint):
        return from_sparql_json(target.select(text))
    return _as_result(target.query(text))


def bound_text(stored: StoredQuery, params: dict[str, object], base: str = DEFAULT_BASE_IRI) -> str:
    """The stored query with its parameters as a VALUES block: what is sent to any target."""
    return inline_values(stored.sparql, bind(stored, params, base))


def run_sparql(target: Target, sparql: str, params: Mapping[str, ox.Term] | None = None,
               allow_network: bool = False) -> QueryResult:
    """Run a user's SPARQL after the safety check (no SERVICE, no FROM, no updates)."""
    form = check_query(sparql, allow_network=allow_network)
    if isinstance(target, RemoteEndpoint):
        if params:
            raise QueryError("parameters for ad-hoc SPARQL are only supported on the embedded store")
        if form in {"CONSTRUCT", "DESCRIBE"}:
            return _triples(target.construct(sparql))
        return from_sparql_json(target.select(sparql))
    return _as_result(target.query(sparql, dict(params or {})))


def _as_result(raw: object) -> QueryResult:
    if isinstance(raw, ox.QuerySolutions):
        return from_oxigraph(raw)
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(("result",), ({"result": bool(raw)},))
    if isinstance(raw, ox.QueryTriples):
        return _triples(raw)
    raise QueryError(f"unexpected result type {type(raw).__name__}")


def _triples(triples) -> QueryResult:
    rows = tuple({"subject": python_value(t.subject), "predicate": python_value(t.predicate),
                  "object": python_value(t.object)} for t in triples)
    return QueryResult(("subject", "predicate", "object"), rows)
