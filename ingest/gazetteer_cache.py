"""Indexes derived from the gazetteer, built once per loaded gazetteer instead of per call.

`load_gazetteer()` returns one object per process, but the alias index and
the body-alias patterns derived from it were rebuilt on every call (for
every mention in resolve, for every title in segment). `per_gazetteer`
caches a function's result for the gazetteer object it was computed from;
a different gazetteer object (a reload) gets a fresh result.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from ..ontology.reference import Gazetteer

T = TypeVar("T")


def per_gazetteer(function: Callable[[Gazetteer], T]) -> Callable[[Gazetteer], T]:
    """Cache `function(gazetteer)` for the last gazetteer object it was called with."""
    cache: list[tuple[Gazetteer, T]] = []

    @wraps(function)
    def cached(gazetteer: Gazetteer) -> T:
        if not cache or cache[0][0] is not gazetteer:
            cache[:] = [(gazetteer, function(gazetteer))]
        return cache[0][1]

    return cached


@per_gazetteer
def alias_index(gazetteer: Gazetteer) -> dict[str, str]:
    """`gazetteer.by_alias()`, built once (callers only read it)."""
    return gazetteer.by_alias()
