"""Commitment status as of a date: "overdue" is derived, never stored.

The store keeps what the minutes say (open, fulfilled, withdrawn, superseded)
and the normalised due date (`xsd:date`, or `xsd:gYearMonth` for "eind mei",
or a year). A commitment is overdue on a day when it is still open and its due
period has ended before that day; one without a due date is never overdue.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

STATUS_ORDER = ("overdue", "open", "fulfilled", "withdrawn", "superseded")
_YEAR, _MONTH = re.compile(r"^(\d{4})$"), re.compile(r"^(\d{4})-(\d{2})$")


def due_deadline(due: str | None) -> date | None:
    """The last day of the due period: a date, the end of a month, or the end of a year."""
    if not due:
        return None
    text = due.strip()
    try:
        if m := _MONTH.match(text):
            year, month = int(m.group(1)), int(m.group(2))
            return date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(text):
            return date(int(m.group(1)), 12, 31)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def status_as_of(stored: str | None, due: str | None, as_of: date) -> str:
    """open/overdue for open commitments, the stored status otherwise."""
    status = stored or "open"
    if status != "open":
        return status
    deadline = due_deadline(due)
    return "overdue" if deadline is not None and deadline < as_of else "open"


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)
