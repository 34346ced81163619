"""Safe parameter binding: values become typed RDF terms, never query text.

Each value is converted to an RDF term of its declared type and handed to
SPARQL as a VALUES block at the top of the WHERE group, the binding SPARQL
1.1 itself offers. The terms are serialised by pyoxigraph, which escapes
them, so a hostile value stays one literal. The same block works on the
embedded store and on any endpoint, so both return the same rows.
(pyoxigraph's `substitutions` would need every parameter in the SELECT
projection, which would leak parameters into the result columns.)
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ..errors import QueryError
from ..ontology.terms import DEFAULT_BASE_IRI, XSD
from .catalogue import Parameter, StoredQuery

_IRI_OK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def to_term(parameter: Parameter, value: object, base: str = DEFAULT_BASE_IRI) -> ox.Term:
    """Convert a user value to the RDF term its declared type asks for."""
    kind, text = parameter.type, str(value)
    try:
        if kind == "iri" or (kind == "actor" and ":" in text and _IRI_OK.match(text)):
            if not _IRI_OK.match(text):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(text)
        if kind == "actor":
            slug = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
            if not slug:
                raise ValueError("empty actor key")
            return ox.NamedNode(f"{base}actor/{slug}")
        if kind == "date":
            return ox.Literal(date.fromisoformat(text).isoformat(),
                              datatype=ox.NamedNode(str(XSD.date)))
        if kind == "integer":
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(str(XSD.integer)))
        if kind == "decimal":
            return ox.Literal(str(Decimal(text)), datatype=ox.NamedNode(str(XSD.decimal)))
        if kind == "boolean":
            if text.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError("expected true or false")
            flag = "true" if text.lower() in {"true", "1", "yes"} else "false"
            return ox.Literal(flag, datatype=ox.NamedNode(str(XSD.boolean)))
        return ox.Literal(text)
    except (ValueError, InvalidOperation, SyntaxError) as exc:
        raise QueryError(f"parameter '{parameter.name}': '{text}' is not a valid {kind} ({exc})"
                         ) from exc


def bind(query: StoredQuery, values: dict[str, object], base: str = DEFAULT_BASE_IRI
         ) -> dict[str, ox.Term]:
    """Check names against the declaration and convert every value."""
    known = {p.name for p in query.parameters}
    unknown = sorted(set(values) - known)
    if unknown:
        raise QueryError(f"query '{query.name}' has no parameter {', '.join(unknown)}",
                         hint=_valid(query))
    bound: dict[str, ox.Term] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None or value == "":
            if not parameter.optional:
                raise QueryError(f"query '{query.name}' needs parameter '{parameter.name}'",
                                 hint=_valid(query))
            continue
        bound[parameter.name] = to_term(parameter, value, base)
    return bound


def _valid(query: StoredQuery) -> str:
    if not query.parameters:
        return "it takes no parameters"
    return "valid: " + ", ".join(
        f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in query.parameters)


def values_block(bindings: dict[str, ox.Term]) -> str:
    """A VALUES clause for endpoints; each term serialised by pyoxigraph."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def values_rows(name: str, terms: list[ox.Term]) -> str:
    """A VALUES clause with one row per term (a set of IRIs to join on), each serialised by pyoxigraph."""
    return f"VALUES ?{name} {{ {' '.join(str(term) for term in terms)} }}"


PARAMETERS_HERE = "#@parameters"
"""A line of only this marks a group (a subquery) that needs the parameters too: a subquery is
evaluated on its own, so a page of rows chosen in one (ORDER BY ... LIMIT) sees only its values."""


def inline_values(sparql: str, bindings: dict[str, ox.Term]) -> str:
    """Put the VALUES block first inside the outermost WHERE group and at every marker line."""
    block = values_block(bindings)
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if match is None:
        if not block:
            return sparql
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    marker = re.compile(rf"^[ \t]*{PARAMETERS_HERE}[ \t]*$", re.MULTILINE)
    marked = marker.sub(lambda _: block, sparql[match.end():])
    if not block:
        return sparql[:match.end()] + marked
    return f"{sparql[:match.end()]}\n  {block}\n{marked}"
