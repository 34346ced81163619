"""Guard user SPARQL: read-only, no network, unless the user allows it.

Both rdflib and pyoxigraph execute SERVICE (a network request) and rdflib
loads FROM <url>; neither has a switch to turn that off. So a user query is
parsed with rdflib and its algebra walked before it runs: SERVICE, dataset
clauses (FROM / FROM NAMED) and any update form are refused.
"""

from __future__ import annotations

import threading

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
