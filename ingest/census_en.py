"""The literal census (ingest.census) for the English cue lexicons, and its plain twin.

classify_en tries some forty cue regexes on every sentence and on each of its
clauses, and most of them find nothing. `sentence_census` scans a lower-cased,
white-space folded sentence once for the literals the cues need; a clause is a
piece of its sentence (`" ".join(piece.lower().split())` is a substring of the
same fold of the whole), so a cue whose literals the sentence lacks cannot match
in any clause of it and is not run, while a cue that passes is run itself, so
every answer is the cue's own. `PLAIN` answers as the cues do with no census at
all: the tests compare the two, and it is the path for text that is no piece of
a scanned sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TypeVar

from . import cues_en as cues
from .census import Census, CueIndex

T = TypeVar("T")


def _indexed() -> list:
    """The cues searched in lower-cased sentences and their pieces (not the case-blind ones)."""
    tables = (cues.DECISION_TRIGGERS, cues.DECISION_TYPES, cues.COMMITMENT_CUES, cues.STANCE_CUES)
    singles = (cues.PROCEDURE, cues.SHARED_VIEW, cues.EARLIER_DECISION, cues.SPEAKER_FRAME,
               cues.ANNOUNCEMENT, cues.CALLED_OFF, cues.NOT_AN_UNDERTAKING, cues.REPORTING_THAT,
               cues.INDIRECT_QUESTION, cues.POLITE_REQUEST, cues.GREETING, cues.DOCUMENT_SUBJECT,
               cues.VOTE_PROCEDURE, cues.PASSIVE_ASK)
    return [cue for table in tables for cue, _, _ in table] + list(singles)


INDEX = CueIndex(_indexed())
DECISION_TRIGGERS = INDEX.table(cues.DECISION_TRIGGERS, lambda row: row[0])
DECISION_TYPES = INDEX.table(cues.DECISION_TYPES, lambda row: row[0])
COMMITMENT_CUES = INDEX.table(cues.COMMITMENT_CUES, lambda row: row[0])
# Stance cues with their rank in the lexicon: ties between equally early matches go by rank.
STANCE_CUES = INDEX.table(enumerate(cues.STANCE_CUES), lambda row: row[1][0])


@lru_cache(maxsize=256)
def sentence_census(sentence: str) -> Census:
    """The census of a lower-cased, folded sentence. Kept per sentence: the extractor asks about a
    sentence and its clauses from several places (deciding a tally, a decision, its type)."""
    return INDEX.scan(sentence)


class Plain:
    """What `Census` answers, found by running every cue: the reference the census must equal."""

    def search(self, cue, text: str) -> re.Match[str] | None:
        return cue.search(text)

    def finditer(self, cue, text: str) -> Iterator[re.Match[str]]:
        return cue.finditer(text)

    def can_match(self, cue) -> bool:
        return True

    def candidates(self, table: tuple[tuple[T, int], ...]) -> list[T]:
        return [row for row, _ in table]


PLAIN = Plain()
