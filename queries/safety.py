"""Guard user SPARQL: read-only, no network, unless the user allows it.

Both rdflib and pyoxigraph execute SERVICE (a network request) and rdflib
loads FROM <url>; neither has a switch to turn that off. So a user query is
parsed with rdflib and its algebra walked before it runs: SERVICE, dataset
clauses (FROM / FROM NAMED) and any update form are refused. Updates
(including LOAD, which reads files and URLs) cannot run anyway: user text
only ever reaches `Store.query`, which accepts no update.

Time limit. pyoxigraph cannot cancel a running query, so a user query on an
on-disk store runs in a child process over a point-in-time checkpoint of the
store (`Store.backup`: hard links, tens of milliseconds) and the child is
killed at the limit: a hard stop that frees the core at once, and the
checkpoint is also a consistent snapshot (whole documents only) while an
ingest writes. Cost: about 0.3 s a query (checkpoint, interpreter start).
An in-memory store cannot be checkpointed; there the query runs in a helper
thread the caller stops waiting for at the limit (pyoxigraph releases the
GIL), the thread stops at its next row, and a query busy before its first
row keeps one core until the engine returns. Results are capped at
`max_rows` in both cases.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

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

_CHILD = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
result = store.query(sys.stdin.read(), use_default_graph_as_union=True)
with open(sys.argv[2], "wb") as out:
    if isinstance(result, ox.QueryTriples):
        out.write(b"T")
        result.serialize(out, format=ox.RdfFormat.N_TRIPLES)
    else:
        out.write(b"R")
        result.serialize(out, format=ox.QueryResultsFormat.JSON)
"""


def run_limited(store, sparql: str, *, allow_network: bool = False,
                timeout: float | None = None, max_rows: int | None = None):
    """Check, then run a user query with a time limit and a row cap; a QueryResult."""
    check_query(sparql, allow_network=allow_network)
    limit = float(os.environ.get("OVERLEG_QUERY_TIMEOUT", DEFAULT_TIMEOUT)) if timeout is None \
        else float(timeout)
    cap = int(os.environ.get("OVERLEG_QUERY_MAX_ROWS", DEFAULT_MAX_ROWS)) if max_rows is None \
        else int(max_rows)
    if getattr(store, "path", None) is None:
        return _in_thread(store, sparql, limit, cap)
    return _in_child(store, sparql, limit, cap)


def _timed_out(limit: float) -> QueryError:
    return QueryError(f"the query ran longer than the {limit:g} s time limit and was stopped",
                      hint="narrow it with LIMIT or more specific patterns, or raise the limit "
                           "with timeout=... or OVERLEG_QUERY_TIMEOUT")


def _in_child(store, sparql: str, limit: float, cap: int):
    """Run in a child process over a checkpoint; kill it at the limit."""
    work = Path(tempfile.mkdtemp(prefix=".overleg-query-", dir=store.path.parent))
    try:
        source = store.path
        if not store.read_only:  # a writer may be active: query a consistent checkpoint
            source = work / "snapshot"
            store.oxigraph.backup(str(source))
        output = work / "result"
        try:
            done = subprocess.run([sys.executable, "-I", "-c", _CHILD, str(source), str(output)],
                                  input=sparql.encode("utf-8"), capture_output=True,
                                  timeout=limit if limit > 0 else None, check=False)
        except subprocess.TimeoutExpired as exc:  # run() has killed the child
            raise _timed_out(limit) from exc
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"SPARQL error: {lines[-1] if lines else done.returncode}")
        return _parse_child_output(output.read_bytes(), cap)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _parse_child_output(data: bytes, cap: int):
    from .results import QueryResult, from_oxigraph

    kind, body = data[:1], data[1:]
    if kind == b"T":
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        rows = tuple({"subject": str(t.subject), "predicate": str(t.predicate),
                      "object": str(t.object)} for t in _Capped(triples, threading.Event(), cap))
        return QueryResult(("subject", "predicate", "object"), rows)
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(("result",), ({"result": bool(parsed)},))
    return from_oxigraph(_Capped(parsed, threading.Event(), cap))


def _in_thread(store, sparql: str, limit: float, cap: int):
    """In-memory stores: evaluate in a helper thread and stop waiting at the limit."""
    stop = threading.Event()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, sparql, stop, cap)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    helper = threading.Thread(target=work, name="overleg-user-query", daemon=True)
    helper.start()
    helper.join(limit if limit > 0 else None)
    if helper.is_alive():
        stop.set()
        raise _timed_out(limit)
    error = box.get("error")
    if isinstance(error, QueryError):
        raise error
    if isinstance(error, (SyntaxError, ValueError, OSError)):
        raise QueryError(f"SPARQL error: {error}") from error
    if error is not None:
        raise error  # type: ignore[misc]
    return box["result"]


def _evaluate(store, sparql: str, stop: threading.Event, cap: int):
    from .results import QueryResult, from_oxigraph

    raw = store.query(sparql)
    if isinstance(raw, ox.QuerySolutions):
        return from_oxigraph(_Capped(raw, stop, cap))
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(("result",), ({"result": bool(raw)},))
    rows = tuple({"subject": str(t.subject), "predicate": str(t.predicate),
                  "object": str(t.object)} for t in _Capped(raw, stop, cap))
    return QueryResult(("subject", "predicate", "object"), rows)


class _Stopped(Exception):
    """Raised inside the helper thread when the caller gave up waiting."""


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
                                 hint="add LIMIT, or raise max_rows or OVERLEG_QUERY_MAX_ROWS")
            yield item
