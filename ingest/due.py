"""Due dates: found as written, normalised against the meeting date.

"eind mei" in minutes of 10 April 2017 means 31 May 2017; "na de zomer"
means by the end of September; "Q3" the end of September of the meeting's
year (or the next year when Q3 has passed). The text as written is always
kept beside the normalised date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from .dates import MONTH_NAMES, MONTHS, end_of_month, find_dates
from .prefilter import caseless_literals
from .regex_trie import lowered_twin

Precision = Literal["day", "month", None]

COUNTS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "acht": 8, "tien": 10,
          "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6}
_COUNT_WORDS = "|".join(COUNTS)
DUE_PATTERN = re.compile(
    rf"\b(?:(?:uiterlijk|vóór|voor|op|per|by|before|no later than)\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th|e)?\s+(?:{MONTH_NAMES})\.?(?:\s+(?:19|20)\d\d)?\b"
    rf"|\b(?:eind|einde|begin|medio|half|midden|end of|mid|early|late|in|voor|vóór|uiterlijk|by)\s+"
    rf"(?:{MONTH_NAMES})\b(?:\s+(?:19|20)\d\d)?"
    rf"|\b(?:{MONTH_NAMES})\s+(?:19|20)\d\d\b"
    rf"|\b(?:na|voor|vóór|in|tijdens|after|before|over)\s+(?:de|het|the)\s+"
    rf"(?:zomer|zomerreces|kerst|kerstreces|najaar|voorjaar|winter|herfst|summer|autumn|spring|"
    rf"christmas|recess)\b(?:\s+van\s+(?:19|20)\d\d\b)?"
    rf"|\b(?:in het|this|next)\s+(?:najaar|voorjaar|autumn|spring)\b(?:\s+van\s+(?:19|20)\d\d\b)?"
    rf"|\b(?:eind|einde|begin|medio|end of|mid)\s+(?:dit jaar|(?:19|20)\d\d|het jaar|the year)\b"
    rf"|\b(?:end of\s+|in\s+|voor\s+|by\s+)?Q[1-4](?:\s+(?:19|20)\d\d)?\b"
    rf"|\b(?:(?:in|voor|vóór|uiterlijk|tijdens)\s+)?(?:het\s+)?(?:eerste|tweede|derde|vierde|laatste)\s+"
    rf"kwartaal(?:\s+(?:van\s+)?(?:19|20)\d\d)?"
    rf"|\b(?:binnen|within) (?:{_COUNT_WORDS}|\d{{1,3}}) (?:dag|dagen|week|weken|maand|maanden|day|days|"
    rf"weeks?|months?)\b"
    rf"|\b(?:(?:by|before) )?(?:the )?(?:end of|eind|einde)\s+(?:van\s+)?(?:the\s+|this\s+|de\s+|deze\s+|"
    rf"het\s+|dit\s+)(?:month|week|quarter|financial year|maand|week|kwartaal)\b"
    rf"|\b(?:next|volgende|komende) (?:week|month|maand)\b"
    rf"|\b(?:in|op|tijdens|voor) (?:de|het) (?:\w+ )?(?:vergadering|bijeenkomst|overleg|beraad|bestuur|"
    rf"stuurgroep|rbo|rvo|ab|db|lovp) (?:van|in) (?:{MONTH_NAMES})\b"
    rf"|\b(?:at|to|for|by) the meeting in (?:{MONTH_NAMES})\b"
    rf"|\b(?:at|to|for|by) the (?:{MONTH_NAMES}) (?:meeting|board|panel|committee|cabinet)\b"
    rf"|\b(?:(?:in|op|tijdens|at) )?(?:de |het |the )?(?:volgende|eerstvolgende|komende|next)\s+"
    rf"(?:vergadering|overleg|"
    rf"lovp|meeting)\b",
    re.IGNORECASE,
)

_DUE_WORDS = caseless_literals(DUE_PATTERN.pattern)
# For lower-cased ASCII text (see regex_trie.lowered_twin): about three times faster.
_DUE_LOWER = lowered_twin(DUE_PATTERN) or DUE_PATTERN

SEASON_END = {"zomer": 9, "zomerreces": 9, "summer": 9, "najaar": 12, "herfst": 12, "autumn": 12,
              "voorjaar": 6, "spring": 6, "winter": 3, "kerst": 12, "kerstreces": 12,
              "christmas": 12, "recess": 9}
BEFORE_SEASON = {"zomer": 7, "zomerreces": 7, "summer": 7, "kerst": 12, "kerstreces": 12,
                 "christmas": 12, "recess": 7}

# The patterns normalise_due tries, compiled once (they were formatted and looked up per call).
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th|e)?\s+({MONTH_NAMES})")
_WITHIN = re.compile(rf"\b(?:binnen|within) ({_COUNT_WORDS}|\d{{1,3}}) (dag|wee?k|maand|day|month)")
_THIS = r"(?:the|this|de|deze|het|dit)\s+"
_END_OF = {period: re.compile(rf"\b(?:end of|eind|einde)\s+(?:van\s+)?{_THIS}{words}")
           for period, words in (("financial year", "financial year"), ("month", r"(?:month|maand)\b"),
                                 ("week", r"week\b"), ("quarter", r"(?:quarter|kwartaal)\b"))}
_NEXT_WEEK = re.compile(r"\b(?:next|volgende|komende) week\b")
_NEXT_MONTH = re.compile(r"\b(?:next|volgende|komende) (?:month|maand)\b")
_MONTH_WORD = re.compile(rf"\b({MONTH_NAMES})\b")
_THIS_YEAR = re.compile(r"\b(dit jaar|het jaar|the year)\b")
_QUARTER = re.compile(r"q([1-4])|\b(eerste|tweede|derde|vierde|laatste) kwartaal")
_SEASON_WORDS = {season: re.compile(rf"\b{season}\b") for season in SEASON_END}
_BEFORE = re.compile(r"\b(voor|vóór|before)\b")
_MIDDLE = re.compile(r"\b(medio|mid|midden|half)\b")
_EARLY = re.compile(r"\b(begin|early)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def find_due(text: str) -> tuple[str, int, int] | None:
    """The first due expression in a clause: (text, start, end).

    The pattern is long and case-insensitive; on ASCII text a clause with none of the words
    a due expression needs (a month, a season, "kwartaal", "Q", ...) is ruled out first.
    """
    if _DUE_WORDS is not None and text.isascii():
        folded = text.lower()
        if not any(word in folded for word in _DUE_WORDS):
            return None
        match = _DUE_LOWER.search(folded)  # same offsets as DUE_PATTERN in the text
    else:
        match = DUE_PATTERN.search(text)
    if match is None:
        return None
    return text[match.start():match.end()], match.start(), match.end()


def normalise_due(written: str, meeting: date | None) -> tuple[date | None, Precision]:
    """The last day a due expression allows, and whether it names a day or a month."""
    if meeting is None:
        return _absolute(written)
    lowered = written.lower()
    full = find_dates(written)
    if full:
        return full[0].value, "day"
    day_month = _DAY_MONTH.search(lowered)
    if day_month:
        month = MONTHS[day_month.group(2)]
        year = _year(lowered) or _next_year_for(meeting, month, int(day_month.group(1)))
        try:
            return date(year, month, int(day_month.group(1))), "day"
        except ValueError:
            return None, None
    return _period(lowered, meeting)


def _within(lowered: str, meeting: date) -> date | None:
    """'binnen twee weken' after a meeting on 11 April is 25 April."""
    match = _WITHIN.search(lowered)
    if match is None:
        return None
    count = COUNTS.get(match.group(1)) or int(match.group(1))
    unit = match.group(2)
    if unit in {"maand", "month"}:
        month = meeting.month - 1 + count
        year, month = meeting.year + month // 12, month % 12 + 1
        return date(year, month, min(meeting.day, calendar.monthrange(year, month)[1]))
    return meeting + timedelta(days=count * (7 if unit.startswith("we") else 1))


def _relative(lowered: str, meeting: date) -> tuple[date | None, Precision]:
    """'by the end of the month', 'eind deze week', 'next month': counted from the meeting."""
    if _END_OF["financial year"].search(lowered):
        year = meeting.year if meeting.month <= 3 else meeting.year + 1
        return date(year, 3, 31), "day"  # a UK financial year ends on 31 March
    if _END_OF["month"].search(lowered):
        return end_of_month(meeting.year, meeting.month), "day"
    if _END_OF["week"].search(lowered):
        return meeting + timedelta(days=6 - meeting.weekday()), "day"
    if _END_OF["quarter"].search(lowered):
        return end_of_month(meeting.year, (meeting.month - 1) // 3 * 3 + 3), "day"
    if _NEXT_WEEK.search(lowered):
        return meeting + timedelta(days=13 - meeting.weekday()), "day"
    if _NEXT_MONTH.search(lowered):
        year, month = (meeting.year + 1, 1) if meeting.month == 12 else (meeting.year, meeting.month + 1)
        return end_of_month(year, month), "month"
    return None, None


_QUARTER_END = {"eerste": 3, "tweede": 6, "derde": 9, "vierde": 12, "laatste": 12}


def _period(lowered: str, meeting: date) -> tuple[date | None, Precision]:
    within = _within(lowered, meeting)
    if within is not None:
        return within, "day"
    relative = _relative(lowered, meeting)
    if relative[0] is not None:
        return relative
    month_word = _MONTH_WORD.search(lowered)
    if month_word and not _THIS_YEAR.search(lowered):
        month = MONTHS[month_word.group(1)]
        year = _year(lowered) or (meeting.year if month >= meeting.month else meeting.year + 1)
        return end_of_month(year, month), "month"
    quarter = _QUARTER.search(lowered)
    if quarter:
        month = int(quarter.group(1)) * 3 if quarter.group(1) else _QUARTER_END[quarter.group(2)]
        year = _year(lowered) or (meeting.year if month >= meeting.month else meeting.year + 1)
        return end_of_month(year, month), "month"
    for season, month in SEASON_END.items():
        if _SEASON_WORDS[season].search(lowered):
            before = _BEFORE.search(lowered)
            month = BEFORE_SEASON.get(season, month) if before else month
            year = _year(lowered) or (meeting.year if month >= meeting.month else meeting.year + 1)
            return end_of_month(year, month), "month"
    if _THIS_YEAR.search(lowered):
        return date(meeting.year, 12, 31), "month"
    year = _year(lowered)
    if year:
        month = 6 if _MIDDLE.search(lowered) else 12
        month = 3 if _EARLY.search(lowered) else month
        return end_of_month(year, month), "month"
    return None, None


def _absolute(written: str) -> tuple[date | None, Precision]:
    full = find_dates(written)
    return (full[0].value, "day") if full else (None, None)


def _year(lowered: str) -> int | None:
    match = _YEAR.search(lowered)
    return int(match.group(1)) if match else None


def _next_year_for(meeting: date, month: int, day: int) -> int:
    return meeting.year if (month, day) >= (meeting.month, meeting.day) else meeting.year + 1
