"""Pages of the row-heavy stored queries, and following them to the last row.

A query that can return thousands of rows declares a parameter `after` and a
result column `rank` (app/link_pages.py writes the ranks): each run returns
the rows of the next PAGE_SIZE ranks after `after`, in rank order, so a page
costs the same at any depth and any SPARQL endpoint returns the same pages.
Ranks rise in the query's order but are not contiguous (they are dated, so
that a new minute moves few of them), which is why a page is never "ranks
after + 1 to after + 100". `all_pages` runs a query page after page and joins the rows:
what a user who wants every row asks for, without writing the loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .catalogue import StoredQuery
from .results import QueryResult

PAGE_SIZE = 100
"""The LIMIT inside every paged query's subquery (a LIMIT cannot be a bound parameter)."""
AFTER, RANK = "after", "rank"
_PAGE_LINE = re.compile(rf"^(\s*\}} ORDER BY \?\w+) LIMIT {PAGE_SIZE}( \}})[ \t]*$", re.MULTILINE)


def is_paged(stored: StoredQuery) -> bool:
    return stored.parameter(AFTER) is not None and RANK in stored.returns


def next_after(stored: StoredQuery, page: QueryResult) -> int | None:
    """The `after` of the next page, or None when this page was the last one."""
    if not is_paged(stored):
        return None
    ranks = {row[RANK] for row in page.rows}
    if len(ranks) < PAGE_SIZE:
        return None
    return max(int(rank) for rank in ranks)  # type: ignore[arg-type]


def whole(stored: StoredQuery) -> StoredQuery | None:
    """The query without its page, when the page is made by `} ORDER BY ?x LIMIT 100 }` lines
    (subqueries) alone: every row in one run, where page after page would repeat the selection."""
    text, found = _PAGE_LINE.subn(r"\1\2", stored.sparql)
    return replace(stored, sparql=text) if found else None


def all_pages(stored: StoredQuery, params: dict[str, object],
              run: Callable[[StoredQuery, dict[str, object]], QueryResult]) -> QueryResult:
    """Every row: the query without its page where LIMIT lines alone make it, else one page after
    another."""
    if is_paged(stored) and (unpaged := whole(stored)) is not None:
        return run(unpaged, params)
    page = run(stored, params)
    if not is_paged(stored):
        return page
    rows = list(page.rows)
    while (after := next_after(stored, page)) is not None:
        page = run(stored, {**params, AFTER: after})
        rows += page.rows
    return QueryResult(page.columns, tuple(rows))
