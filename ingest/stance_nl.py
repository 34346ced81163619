"""The stance of a Dutch clause that states a position: support, concern, oppose, conditional.

Taken out of the rule extractor (ingest.rules), which asks it once a clause
is known to hold a frame, a strong stance or an opinion. The cue searches go
through the sentence's census (ingest.census), which skips a cue none of
whose literals occurs in the sentence; the answers are the cues' own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import cues_nl as cues
from .census import Census, CueIndex

_NEGATION_BEFORE = re.compile(r"\b(?:niet|geen|nauwelijks|allerminst)\s+(?:\w+\s+)?$")
_NEGATION_AFTER = re.compile(r"(?:\s[\w'’-]+){0,3}\s(?:niet|allerminst)\b\s*(?:[.,;]|$)")


def stance(unit: str, census: Census) -> tuple[cues.Cue, int] | None:
    """The stance of a clause: negation flips support; `X, maar Y` after support is a reservation."""
    parts = cues.CONTRAST.split(unit, maxsplit=1)
    first = _stance_of(parts[0], census)
    second = _stance_of(parts[1], census) if len(parts) > 1 else None
    if first is None:
        return (second[0], second[1] + len(parts[0])) if second else None
    if len(parts) > 1 and first[0][1] == "support":
        if second is not None and second[0][1] == "conditional":
            return second[0], first[1]
        if not census.search(cues.WEAK_TURN, parts[1]):
            return _relabel(first[0], "concern"), first[1]
    return first


def _stance_of(text: str, census: Census) -> tuple[cues.Cue, int] | None:
    support = cues.STANCE_CUES[-1]
    negated = next((m for m in census.finditer(support[0], text) if _negated(text, m)), None)
    if negated is not None:
        return _relabel(support, "oppose"), negated.start()
    for cue in census.candidates(_stance_table(census.index)):
        match = census.search(cue[0], text)
        if match is None:
            continue
        if cue is cues.STANCE_CUES[-1] and _negated(text, match):
            return _relabel(cue, "oppose"), match.start()
        return cue, match.start()
    return None


@lru_cache(maxsize=4)
def _stance_table(index: CueIndex) -> tuple[tuple[cues.Cue, int], ...]:
    return index.table(cues.STANCE_CUES, lambda cue: cue[0])


def _negated(text: str, match: re.Match[str]) -> bool:
    """`niet positief`, `geen steun`, `steunt het voorstel niet`."""
    before = text[max(0, match.start() - 16):match.start()]
    after = text[match.end():match.end() + 40]
    return bool(_NEGATION_BEFORE.search(before) or _NEGATION_AFTER.match(after))


def _relabel(cue: cues.Cue, label: str) -> cues.Cue:
    return cue[0], label, cue[2]
