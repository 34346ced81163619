"""Commitment lifecycle and deferred items across meetings.

A commitment is open until later minutes report it done (fulfilled) or
dropped (withdrawn), or the same actor repeats it on the same topic
(superseded by the newer one). A reviewer's correction wins over all of
these. Overdue is not a status but a view: an open commitment whose due
date lies before an as-of date, so it is derived when asked, never stored.
"""

from __future__ import annotations

import bisect
import calendar
from collections import defaultdict
from datetime import date

from .link_followups import Commitment


def current_statuses(commitments: list[Commitment], reported: dict[str, str],
                     replaced: dict[str, str], reviewed: dict[str, str]) -> dict[str, str]:
    """Commitment IRI -> open | fulfilled | withdrawn | superseded."""
    out = {}
    for c in commitments:
        if c.iri in reviewed:
            out[c.iri] = reviewed[c.iri]
        elif c.iri in reported:
            out[c.iri] = reported[c.iri]
        elif c.iri in replaced:
            out[c.iri] = "superseded"
        else:
            out[c.iri] = c.stated if c.stated in ("open", "fulfilled", "withdrawn", "superseded") else "open"
    return out


def find_deferrals(deferred_items: list[str], items: dict[str, dict], matches) -> dict[str, str]:
    """Deferred agenda item -> the next meeting of the same body that has an item on its topic.

    Items are indexed by body and topic, sorted by date, so each deferral is one
    binary search: the stage stays linear in corpus size."""
    def topic_of(iri: str, row: dict) -> str | None:
        return matches[iri].concept if iri in matches else row.get("topic")

    later: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for iri, row in items.items():
        if key := topic_of(iri, row):
            later[(row["body"], key)].append((row["date"], row["meeting"]))
    for rows in later.values():
        rows.sort()
    out = {}
    for iri in deferred_items:
        row = items.get(iri)
        key = topic_of(iri, row) if row is not None else None
        if row is None or not key:
            continue
        rows = later[(row["body"], key)]
        for day, meeting in rows[bisect.bisect_right(rows, (row["date"], "\uffff")):]:
            if day > row["date"] and meeting != row["meeting"]:
                out[iri] = meeting
                break
    return out


def due_end(value: str | None) -> date | None:
    """The last day a due value allows: 2017-05 -> 2017-05-31; 2017-07-01 as is."""
    if not value:
        return None
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return date(year, month, calendar.monthrange(year, month)[1])
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_overdue(status: str, due: str | None, as_of: date) -> bool:
    end = due_end(due)
    return status == "open" and end is not None and end < as_of
