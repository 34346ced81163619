"""Action tables of English minutes: which rows count as actions, one commitment per row.

The table finder (ingest/tables.py, shared with the Dutch rules) finds `who | task | when` rows,
bulleted `who: task` lines and `Action:` lines; here an English item keeps those that are open
actions (under an action heading or with a due date, not closed, not a sentence with an owner
that the prose rules read), and each becomes one commitment whose owner cell names who and whose
due cell says when. The rule extractor (ingest/rules_en.py) blanks these lines before it reads
the item's sentences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import cues_en as cues
from .actors_en import Context, owner_mention
from .classify_en import MARKERS
from .due import find_due
from .records import ActorMention, Evidence, Statement
from .tables import TASK_WORDS, find_rows

if TYPE_CHECKING:
    from .rules_en import ItemText


def action_rows(original: str, heading: str) -> list:
    """The rows of an item's original text (line breaks intact) that are open actions."""
    return [r for r in find_rows(original) if _norm(r.task.text) not in TASK_WORDS
            and _is_action_row(r, heading, original) and not _closed(original[r.start:r.end])
            and not _prose_owner(r)]


def due_written(clause: str) -> tuple[str, int, int] | None:
    """The due date a clause writes (ingest/due.py), else an English `by the next meeting` kind."""
    found = find_due(clause)
    if found:
        return found
    match = cues.DUE_EXTRA.search(clause)
    return (match.group(0), match.start(), match.end()) if match else None


_ACTION_CONTEXT = re.compile(r"\baction|\bfollow[- ]?up|\bcommitments?\b|\bto do\b", re.IGNORECASE)


def _is_action_row(row, heading: str, original: str) -> bool:
    """Bulleted `who: task` lines count only under an action heading or with a due date.

    (`- Budget: the Committee noted the report` is a summary line, not an action.)
    """
    if row.layout != "list" or row.due is not None or _ACTION_CONTEXT.search(heading):
        return True
    before = original[max(0, row.start - 300):row.start]
    return bool(re.search(r"(?:^|\n)\s*(?:actions?|action points?|agreed actions?)\s*:?\s*\n",
                          before, re.IGNORECASE))


_CLOSED = re.compile(r"(?:\||\s[–—-]|:)\s*(?:action\s+)?(?:closed|complete|completed|done|discharged|"
                     r"achieved)\b[^|]*\|?\s*$", re.IGNORECASE)


def _prose_owner(row) -> bool:
    """`Action: AK to present the analysis – February`: an owner cell holding an infinitive is a
    sentence the prose rules read (with its owner), not a table row."""
    return (row.layout in {"list", "action-line"} and row.who is not None
            and (bool(re.search(r"\bto [a-z]{3,}", row.who.text)) or _norm(row.who.text) in MARKERS))


def _closed(line: str) -> bool:
    """An action-log row whose last cell says `Closed` or `Complete` records a task already done."""
    return bool(_CLOSED.search(line))


def _norm(text: str) -> str:
    return " ".join(text.lower().strip(" :*").split())


def pipe_lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"^[^\n]*\|[^\n]*\|[^\n]*$", text, re.MULTILINE)]


def mask(text: str, ranges: list[tuple[int, int]]) -> str:
    """Table lines blanked out (same length, so offsets hold) before sentence work."""
    chars = list(text)
    for start, end in ranges:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
        if end < len(chars):
            chars[end - 1 if end > start else end] = "."
    return "".join(chars)


def row_commitment(part: ItemText, row, base: int, context: Context
                    ) -> tuple[Statement, list[ActorMention]]:
    """One commitment per action-table row; the owner cell names who, the due cell when.

    Row offsets are relative to the item's original text, which starts at `base`.
    """
    owners: list[ActorMention] = []
    if row.who is not None:
        for match in re.finditer(r"[^/,&;]+", row.who.text):
            for piece in re.split(r"\s+and\s+", match.group(0).strip()):
                if piece:
                    at = base + row.who.start + row.who.text.find(piece, match.start())
                    owners.append(owner_mention(part.segmented.document.text, piece, at, context))
    due = None
    if row.due is not None:
        written = due_written(row.due.text)
        due = written[0] if written else row.due.text
    text = part.segmented.document.text
    start, end = base + row.start, base + row.end
    while end > start and text[end - 1] in " |\t":
        end -= 1
    evidence = Evidence(start=start, end=end, quote=" ".join(text[start:end].split()),
                        rule="en:commitment:action-table", confidence=0.85 if owners else 0.7,
                        page=part.segmented.document.page_at(start))
    return Statement(kind="commitment", item_order=part.order, evidence=evidence, actors=tuple(owners),
                     status="open", task=row.task.text, due_text=due), owners
