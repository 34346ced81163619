"""Terms and triples of the links graph as N-Triples text, the way Oxigraph writes them.

The link stage writes ~200 triples per set of minutes into `BASE/graph/links`
(two million at 10,000 minutes, most of them the query index). Made as
pyoxigraph Quad objects they cost ~5 µs each and then had to be serialised
again for the store; as text they cost well under 1 µs, and the text goes to
the store's parser (`Store.bulk_load`, `INSERT DATA`) as it is.

The text is Oxigraph's own N-Triples form, so a line is also the identity of
its triple (app/link_write.py compares lines with what the store dumps): a
plain string that needs no escaping is written directly, anything else (a
quote, a backslash, a control character, an upper-case language tag) is
written by pyoxigraph itself. Literals the store would put in canonical form
(decimals, dates) must be given in that form by the caller, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from .ontology.terms import XSD

_ESCAPED = re.compile('[\x00-\x1f"\\\\\x7f]')
_INTEGER = f"^^<{XSD.integer}>"
_STRING = str(XSD.string)
_IRIS: dict[str, str] = {}


def iri(value: object) -> str:
    """`<value>`: IRIs in the store are valid, and Oxigraph writes them without escapes."""
    return f"<{value}>"


def term(value: object) -> str:
    """A predicate or class IRI that recurs millions of times: made once."""
    key = str(value)
    text = _IRIS.get(key)
    if text is None:
        text = _IRIS[key] = f"<{key}>"
    return text


def literal(text: str, language: str | None = None) -> str:
    """A plain or language-tagged literal."""
    if _ESCAPED.search(text) is None and (not language or language.islower()):
        return f'"{text}"@{language}' if language else f'"{text}"'
    return str(ox.Literal(text, language=language or None))


def typed(text: str, datatype: object) -> str:
    """A literal of a datatype (its lexical form as the store keeps it)."""
    if str(datatype) == _STRING:  # written as a plain literal
        return literal(text)
    if _ESCAPED.search(text) is None:
        return f'"{text}"^^<{datatype}>'
    return str(ox.Literal(text, datatype=ox.NamedNode(str(datatype))))


def integer(n: int) -> str:
    return f'"{n}"{_INTEGER}'


def numbered(pairs: Iterable[tuple[str, int]], predicate: str) -> list[str]:
    """`subject predicate n` for each (subject, n): the ranks, a million lines, without a call each."""
    return [f'<{s}> {predicate} "{n}"{_INTEGER} .\n' for s, n in pairs]


def line(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line: `subject` an IRI (bare), `predicate` from `term`, `obj` formatted."""
    return f"<{subject}> {predicate} {obj} .\n"
