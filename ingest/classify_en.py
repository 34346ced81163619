"""English cue decisions on one sentence or clause: which cue fires, and clause splitting.

Pure functions of text (no spaCy, no records), split from rules_en so the
extractor keeps to orchestration: which decision, commitment or stance cue
applies to a sentence, and where a sentence splits into clauses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import census_en
from . import cues_en as cues
from .census import Census
from .census_en import PLAIN, Plain, sentence_census


@lru_cache(maxsize=1024)
def decision_cue(sentence: str) -> cues.Cue | None:
    """The decision cue a lower-cased, folded sentence holds. Kept per sentence: the extractor asks
    about each sentence twice (is it a vote tally before a resolution, then which decision), and
    the answer is a pure function of the text."""
    return find_decision_cue(sentence, sentence_census(sentence))


def find_decision_cue(sentence: str, census: Census | Plain) -> cues.Cue | None:
    """`census` is the sentence's (or PLAIN): it runs only the cues whose literals occur."""
    if census.search(cues.PROCEDURE, sentence) or census.search(cues.SHARED_VIEW, sentence):
        return None
    for cue in census.candidates(census_en.DECISION_TRIGGERS):
        match = census.search(cue[0], sentence)
        if match is None:
            continue
        if cue[1] == "passive" and (census.search(cues.EARLIER_DECISION, sentence)
                                    or census.search(cues.SPEAKER_FRAME, sentence[:match.start()])
                                    or re.search(r"\b(?:before|until|once|unless|whether|when|if)\b",
                                                 sentence[max(0, match.start() - 25):match.start()])):
            continue
        if cue[1] not in {"resolved", "marker"} and census.search(cues.EARLIER_DECISION,
                                                                   sentence[:match.start()]):
            continue
        return cue
    return None


def first_decision_type(sentence: str, census: Census | Plain | None = None) -> str | None:
    """The first decision type whose cue fits a lower-cased, folded sentence (or a piece of the
    sentence `census` was taken of)."""
    census = sentence_census(sentence) if census is None else census
    for pattern, label, _ in census.candidates(census_en.DECISION_TYPES):
        if census.search(pattern, sentence):
            return label
    return None


def commitment_cue(clause: str, decision: cues.Cue | None, census: Census | Plain = PLAIN) -> cues.Cue | None:
    """The commitment cue of a clause; `census` is that of the sentence the clause is a piece of."""
    if census.search(cues.ANNOUNCEMENT, clause):
        return None
    if census.search(cues.CALLED_OFF, clause):
        # "confirmed that he would not stock ...": a promise to refrain binds; other "will not"s call off.
        return next((cue for cue in census.candidates(census_en.COMMITMENT_CUES)
                     if cue[1] == "reported-undertaking" and census.search(cue[0], clause)), None)
    for cue in census.candidates(census_en.COMMITMENT_CUES):
        match = census.search(cue[0], clause)
        if match is None:
            continue
        if cue[1] == "undertook" and decision is not None and decision[1] == "body-concluded":
            return None  # "The Board agreed to approve ..." is the meeting deciding
        blocked = census.search(cues.NOT_AN_UNDERTAKING, clause[:match.end()]) if cue[1] == "will" else None
        if blocked and not (blocked.group(0).startswith("that ")
                            and census.search(cues.REPORTING_THAT, clause[:blocked.start()].rstrip())):
            continue
        if decision is not None and decision[1] in {"resolved", "resolution-clause"} and cue[1] not in {
                "action", "asked-to"}:
            continue
        return cue
    return None


def stance_cue(clause: str, has_decision: bool, census: Census | Plain = PLAIN) -> cues.Cue | None:
    """The stance cue of a clause; `census` is that of the sentence the clause is a piece of."""
    if has_decision and not census.search(cues.SPEAKER_FRAME, clause):
        return None
    question = census.search(cues.INDIRECT_QUESTION, clause) and not census.search(cues.POLITE_REQUEST,
                                                                                    clause)
    if (question or census.search(cues.GREETING, clause)
            or (census.can_match(cues.DOCUMENT_SUBJECT) and cues.DOCUMENT_SUBJECT.match(clause))
            or census.search(cues.VOTE_PROCEDURE, clause) or census.search(cues.PASSIVE_ASK, clause)):
        return None
    if census.search(cues.STANCE_CUES[0][0], clause):
        return cues.STANCE_CUES[0]
    best: tuple[int, int, cues.Cue] | None = None
    for rank, cue in census.candidates(census_en.STANCE_CUES):
        match = census.search(cue[0], clause)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, cue)
    return best[2] if best else None


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, a = [], start
    for match in cues.CLAUSE_SPLIT.finditer(text[start:end]):
        if match.start() > 0:
            parts.append((a, start + match.start()))
            a = start + match.end()
    parts.append((a, end))
    parts = [piece for a, b in parts for piece in colon_split(text, a, b)]
    trimmed = []
    for a, b in parts:
        while a < b and text[a] in " ;,\n":
            a += 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


MARKERS = {"action", "actions", "agreed", "resolved", "decision", "decided", "note", "noted", "conclusion",
            "point", "resolution"}


def colon_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`Application 23/018, Rose Cottage: the Council raised no objection` -> label, then the clause.

    Marker colons (`Action:`, `Agreed:`, `RESOLVED:`) stay: they are the cue.
    """
    colon = text.find(": ", start, end)
    if colon < 0:
        return [(start, end)]
    words = re.findall(r"[A-Za-z]+", text[start:colon])
    if not words or words[-1].lower() in MARKERS or len(words) > 12:
        return [(start, end)]
    return [(start, colon), (colon + 2, end)]
