"""Dates as Dutch and English minutes write them.

Used for the meeting date (segment) and for due dates normalised against
the meeting date (resolve). Vague periods resolve to the last day they name,
so "overdue" is never claimed too early.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .regex_trie import lowered_twin

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "mar": 3, "oct": 10,
}
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

DATE_PATTERNS = [
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|e)?\s+(?P<m>{MONTH_NAMES})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<m>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
]

# The same patterns for lower-cased ASCII text (see regex_trie.lowered_twin); the last two
# are not case-insensitive and stay as they are.
_LOWER_PATTERNS = [lowered_twin(pattern) or pattern for pattern in DATE_PATTERNS]


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str


def find_dates(text: str) -> list[FoundDate]:
    """Every full date in `text`, in order of position.

    Every pattern ends in a year written 19xx or 20xx: a text without "19" or "20" holds
    none, which two substring tests tell before four scans of it."""
    if "20" not in text and "19" not in text:
        return []
    # On ASCII text a case-insensitive match is a match of the lower-cased pattern in the
    # lower-cased text, at the same offsets; that regex the engine runs far faster (it can
    # skip ahead to the characters a date starts with). The text of a date is the original's.
    patterns, subject = (_LOWER_PATTERNS, text.lower()) if text.isascii() else (DATE_PATTERNS, text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in pattern.finditer(subject):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _to_date(match)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end(), text[match.start():match.end()]))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def _to_date(match: re.Match[str]) -> date | None:
    month_text = match.group("m").lower().rstrip(".")
    month = MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    try:
        return date(int(match.group("y")), int(month or 0), int(match.group("d")))
    except ValueError:
        return None


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
