"""Answers of pure functions of a piece of text, remembered across documents.

The rule extractor reads every sentence, clause and finer clause with the cue
regexes (`rules._decision`, `_position`, `_commitment_cue`, the clause
splits, `due.find_due`). What these find depends on the text of the piece
alone (the census that spares cue searches is exact, so it changes how fast an
answer comes, never the answer), while who acts depends on the item around it
and is worked out afresh each time. Minutes repeat their sentences (`Het
overleg neemt kennis van de stand van zaken.`; a series repeats its
boilerplate from meeting to meeting), so each answer is kept under the text
it was read from and asked again only for a text not seen yet.

A table holds at most `limit` answers (a few MB) and is emptied when full:
forgetting only costs speed. The functions remembered must be pure (their
answers immutable values: tuples, ints, cue rows) and the key must hold
everything the answer depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
_MISSING = object()
_TABLES: list[Any] = []  # every table made, for `forget`


def remembered(table: T) -> T:
    """Register a table (anything with `clear()`) for `forget`; returns it."""
    _TABLES.append(table)
    return table


def forget() -> None:
    """Empty every table of remembered answers: the next documents are read as if first met
    (benchmarks that repeat a run over the same minutes call it, or they would time lookups)."""
    for table in _TABLES:
        table.clear()


class Memo:
    """A table of one pure function's answers, by key."""

    __slots__ = ("known", "limit")

    def __init__(self, limit: int = 20_000) -> None:
        self.known: dict[Hashable, Any] = {}
        self.limit = limit
        remembered(self)

    def get(self, key: Hashable, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)`, whose answer depends only on `key`, remembered under `key`."""
        found = self.known.get(key, _MISSING)
        if found is _MISSING:
            if len(self.known) >= self.limit:
                self.known.clear()
            found = self.known[key] = function(*args)
        return found  # type: ignore[return-value]

    def clear(self) -> None:
        self.known.clear()


class LazyCensus:
    """A sentence's census (census.CueIndex.scan of its lower-cased text), made when a reading
    not remembered needs it: when every reading of a sentence is remembered, none is made."""

    __slots__ = ("index", "text", "value")

    def __init__(self, index: Any, text: str) -> None:
        self.index, self.text, self.value = index, text, None

    def __call__(self) -> Any:
        if self.value is None:
            self.value = self.index.scan(self.text)
        return self.value
