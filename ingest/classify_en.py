"""English cue decisions on one sentence or clause: which cue fires, and clause splitting.

Pure functions of text (no spaCy, no records), split from rules_en so the
extractor keeps to orchestration: which decision, commitment or stance cue
applies to a sentence, and where a sentence splits into clauses.
"""

from __future__ import annotations

import re

from . import cues_en as cues


def decision_cue(sentence: str) -> cues.Cue | None:
    if cues.PROCEDURE.search(sentence) or cues.SHARED_VIEW.search(sentence):
        return None
    for cue in cues.DECISION_TRIGGERS:
        match = cue[0].search(sentence)
        if match is None:
            continue
        if cue[1] == "passive" and (cues.EARLIER_DECISION.search(sentence)
                                    or cues.SPEAKER_FRAME.search(sentence[:match.start()])
                                    or re.search(r"\b(?:before|until|once|unless|whether|when|if)\b",
                                                 sentence[max(0, match.start() - 25):match.start()])):
            continue
        if cue[1] not in {"resolved", "marker"} and cues.EARLIER_DECISION.search(sentence[:match.start()]):
            continue
        return cue
    return None


def first_decision_type(sentence: str) -> str | None:
    for pattern, label, _ in cues.DECISION_TYPES:
        if pattern.search(sentence):
            return label
    return None


def commitment_cue(clause: str, decision: cues.Cue | None) -> cues.Cue | None:
    if cues.ANNOUNCEMENT.search(clause):
        return None
    if cues.CALLED_OFF.search(clause):
        # "confirmed that he would not stock ...": a promise to refrain binds; other "will not"s call off.
        return next((cue for cue in cues.COMMITMENT_CUES
                     if cue[1] == "reported-undertaking" and cue[0].search(clause)), None)
    for cue in cues.COMMITMENT_CUES:
        match = cue[0].search(clause)
        if match is None:
            continue
        if cue[1] == "undertook" and decision is not None and decision[1] == "body-concluded":
            return None  # "The Board agreed to approve ..." is the meeting deciding
        blocked = cues.NOT_AN_UNDERTAKING.search(clause[:match.end()]) if cue[1] == "will" else None
        if blocked and not (blocked.group(0).startswith("that ")
                            and cues.REPORTING_THAT.search(clause[:blocked.start()].rstrip())):
            continue
        if decision is not None and decision[1] in {"resolved", "resolution-clause"} and cue[1] not in {
                "action", "asked-to"}:
            continue
        return cue
    return None


def stance_cue(clause: str, has_decision: bool) -> cues.Cue | None:
    if has_decision and not cues.SPEAKER_FRAME.search(clause):
        return None
    question = cues.INDIRECT_QUESTION.search(clause) and not cues.POLITE_REQUEST.search(clause)
    if (question or cues.GREETING.search(clause)
            or cues.DOCUMENT_SUBJECT.match(clause) or cues.VOTE_PROCEDURE.search(clause)
            or cues.PASSIVE_ASK.search(clause)):
        return None
    if cues.STANCE_CUES[0][0].search(clause):
        return cues.STANCE_CUES[0]
    best: tuple[int, int, cues.Cue] | None = None
    for rank, cue in enumerate(cues.STANCE_CUES):
        match = cue[0].search(clause)
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
