"""Meeting metadata: body (name and acronym), date, and kind of document.

The body is looked up among reference organisations first, then guessed
from the title line; the date is the first full date in the opening of the
document (`d.d. 10 april 2017`, `10-04-2017`).
"""

from __future__ import annotations

import re

from ..ontology.reference import load_gazetteer
from .dates import find_dates
from .records import MeetingInfo

KINDS = ("bestuurlijke terugkoppeling", "besluitenlijst", "conceptverslag", "verslag",
         "notulen", "actielijst", "samenvatting", "minutes", "decision notice", "action notes",
         "summary of decisions")
_BODY_WORDS = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){0,5}(?:Overleg|Beraad|Raad|Commissie|Panel|Council|Board|"
    r"Committee|Cabinet|Vergadering|Directieoverleg|Driehoek)(?:\s+(?:van|voor|en|of|for|"
    r"and|the|de|het)?\s*[A-Z][\w'’&-]*){0,5})")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)|\b([A-Z]{2,}[A-Za-z]*)\b")
OPENING = 1200


def meeting_info(text: str, title: str) -> MeetingInfo:
    """Metadata from the opening of the minutes."""
    opening = text[:OPENING]
    dates = find_dates(opening) or find_dates(text)
    found = dates[0] if dates else None
    label, acronym = _body(opening, title)
    lowered = opening.lower()
    kind = next((k for k in KINDS if k in lowered), None)
    return MeetingInfo(body_label=label, body_acronym=acronym,
                       date=found.value if found else None,
                       date_text=found.text if found else None, kind=kind,
                       title=" ".join(title.split())[:300] or None)


def _body(opening: str, title: str) -> tuple[str | None, str | None]:
    """The meeting body: a reference body named in the title, else a body-like phrase."""
    for where in (title, opening[:300]):
        known = _known_body(where)
        if known is not None:
            return known
    for where in (title, opening):
        match = _BODY_WORDS.search(" ".join(where.split()))
        if match is not None:
            label = " ".join(match.group(1).split())
            tail = " ".join(where.split())[match.end(): match.end() + 20]
            acronym = _ACRONYM.search(tail)
            return label, (acronym.group(1) or acronym.group(2)) if acronym else None
    return None, None


def _known_body(text: str) -> tuple[str, str | None] | None:
    """The earliest reference organisation named in `text`, longest alias first."""
    lowered = " ".join(text.split()).lower()
    best: tuple[int, int, str, str | None] | None = None
    for actor in load_gazetteer().actors.values():
        if actor.kind != "organisation":
            continue
        for alias in (actor.label.lower(), *(a.lower() for a in actor.aliases)):
            if len(alias) <= 2:
                continue
            match = re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", lowered)
            if match and (best is None or (match.start(), -len(alias)) < best[:2]):
                best = (match.start(), -len(alias), actor.label, actor.acronym)
    return (best[2], best[3]) if best else None
