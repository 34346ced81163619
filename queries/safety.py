"""Guard user SPARQL: read-only, no network, unless the user allows it.

Both rdflib and pyoxigraph execute SERVICE (a network request) and rdflib
loads FROM <url>; neither has a switch to turn that off. So a user query is
parsed with rdflib and its algebra walked before it runs: SERVICE, dataset
clauses (FROM / FROM NAMED) and any update form are refused. Updates
(including LOAD, which reads files and URLs) cannot run anyway: user text
only ever reaches `Store.query`, which accepts no update.

Time limit. pyoxigraph cannot cancel a running query, but it releases the
GIL while it evaluates, so `run_limited` evaluates in a helper thread and
waits at most `timeout` seconds: the caller gets a QueryError at the limit.
The helper stops at the next solution it produces (checked per row), so a
query that streams rows stops at once; one that computes for long before its
first row (a big aggregate or ORDER BY) keeps one core busy in the
background until the engine returns it, and the CLI process simply exits.
Results are also capped at `max_rows` so a runaway query cannot fill memory.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from ..errors import QueryError, UnsafeQueryError

_PARSE_LOCK = threading.Lock()  # rdflib's pyparsing grammar is not thread-safe
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")


def check_query(sparql: str, allow_network: bool = False) -> str:
    """Return the query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or raise."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    with _PARSE_LOCK:
        try:
            prepared = prepareQuery(sparql)
        except ParseException as exc:
            if _looks_like_update(sparql):
                raise UnsafeQueryError("updates are not allowed here; the store is read-only "
                                       "for queries") from exc
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except Exception as exc:  # rdflib raises assorted errors for bad prefixes etc.
            raise QueryError(f"SPARQL error: {exc}") from exc
    algebra = prepared.algebra
    if not allow_network:
        if algebra.get("datasetClause"):
            raise UnsafeQueryError("FROM / FROM NAMED clauses are not allowed",
                                   hint="the query runs over the whole store; use GRAPH instead")
        if _contains(algebra, "ServiceGraphPattern"):
            raise UnsafeQueryError("SERVICE would send a request to another server",
                                   hint="pass --allow-network (allow_network=True) to permit it")
    return algebra.name.replace("Query", "").upper() or "SELECT"


def _looks_like_update(sparql: str) -> bool:
    words = {w.upper().strip("{};") for w in sparql.split()}
    return any(word in words for word in _UPDATE_WORDS)


def _contains(node: object, name: str, depth: int = 0) -> bool:
    """Whether the algebra tree holds a node called `name` (iterative-depth guard)."""
    if depth > 200:
        return False
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_contains(v, name, depth + 1) for v in node.values())
    if isinstance(node, list | tuple):
        return any(_contains(v, name, depth + 1) for v in node)
    return False


DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 1_000_000


class _Stopped(Exception):
    """Raised inside the helper thread when the caller gave up waiting."""


def run_limited(store, sparql: str, *, allow_network: bool = False,
                params: Mapping[str, ox.Term] | None = None, timeout: float | None = None,
                max_rows: int | None = None):
    """Check, then run a user query with a time limit and a row cap; a QueryResult."""
    check_query(sparql, allow_network=allow_network)
    limit = float(os.environ.get("OVERLEG_QUERY_TIMEOUT", DEFAULT_TIMEOUT)) if timeout is None \
        else float(timeout)
    cap = int(os.environ.get("OVERLEG_QUERY_MAX_ROWS", DEFAULT_MAX_ROWS)) if max_rows is None \
        else int(max_rows)
    stop = threading.Event()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, sparql, dict(params or {}), stop, cap)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    helper = threading.Thread(target=work, name="overleg-user-query", daemon=True)
    helper.start()
    helper.join(limit if limit > 0 else None)
    if helper.is_alive():
        stop.set()
        raise QueryError(f"the query ran longer than the {limit:g} s time limit and was stopped",
                         hint="narrow it (LIMIT, more specific patterns) or raise the limit "
                              "(timeout=..., OVERLEG_QUERY_TIMEOUT)")
    error = box.get("error")
    if isinstance(error, QueryError):
        raise error
    if isinstance(error, (SyntaxError, ValueError, OSError)):
        raise QueryError(f"SPARQL error: {error}") from error
    if error is not None:
        raise error  # type: ignore[misc]
    return box["result"]


def _evaluate(store, sparql: str, params: dict[str, ox.Term], stop: threading.Event, cap: int):
    from .results import QueryResult, from_oxigraph

    raw = store.query(sparql, params)
    if isinstance(raw, ox.QuerySolutions):
        return from_oxigraph(_Capped(raw, stop, cap))
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(("result",), ({"result": bool(raw)},))
    rows = tuple({"subject": str(t.subject), "predicate": str(t.predicate),
                  "object": str(t.object)} for t in _Capped(raw, stop, cap))
    return QueryResult(("subject", "predicate", "object"), rows)


class _Capped:
    """Solutions that stop when the caller gave up or the row cap is passed."""

    def __init__(self, raw, stop: threading.Event, cap: int) -> None:
        self._raw, self._stop, self._cap = raw, stop, cap
        self.variables = getattr(raw, "variables", ())

    def __iter__(self) -> Iterator[object]:
        for count, item in enumerate(self._raw, start=1):
            if self._stop.is_set():
                raise _Stopped()
            if count > self._cap:
                raise QueryError(f"the query returned more than {self._cap} rows",
                                 hint="add LIMIT or raise max_rows (OVERLEG_QUERY_MAX_ROWS)")
            yield item
