"""Rows of action lists and commitment tables: who, what, by when.

Minutes often end with a `Toezeggingen` or `Actielijst` table. DOCX and HTML
readers flatten a table row to `cell | cell | cell`; PDF text and plain
minutes write lists (`- Politie: levert cijfers aan, gereed medio 2019`) or
action lines (`Actie: korpschef – rapportage, uiterlijk 1 mei`). This module
finds such rows and says which part names the actor, the task and the due
date, with offsets into the text it was given, so the rule extractor can
make one commitment per row. Header words are Dutch and English, so the
English rules can reuse it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .due import DUE_PATTERN

WHO_WORDS = {"wie", "door", "verantwoordelijk", "verantwoordelijke", "trekker", "eigenaar",
             "actiehouder", "actienemer", "uitvoerder", "portefeuillehouder", "owner", "who",
             "responsible", "lead", "by whom", "action by", "assigned to", "actor", "action owner",
             "lead officer", "responsible officer", "officer", "lead member", "trekker(s)"}
TASK_WORDS = {"toezegging", "toezeggingen", "actie", "acties", "afspraak", "afspraken",
              "omschrijving", "wat", "taak", "onderwerp", "actiepunt", "action", "actions",
              "task", "description", "commitment", "what", "item", "action point"}
DUE_WORDS = {"termijn", "deadline", "datum", "gereed", "wanneer", "planning", "streefdatum",
             "uiterlijk", "einddatum", "due", "due date", "by when", "date", "when",
             "target date", "target", "deadline date", "due by", "timescale", "timescales",
             "completion date", "target completion", "timeline", "deadline/termijn"}
TOPIC_WORDS = {"onderwerp", "agendapunt", "punt", "agenda-item", "subject", "item", "topic", "agenda item"}
OUTCOME_WORDS = {"besluit", "besluiten", "conclusie", "conclusies", "afspraak", "afspraken", "uitkomst",
                 "decision", "decisions", "outcome", "resolution", "resolved", "agreed"}
NUMBER_WORDS = {"nr", "nr.", "no", "no.", "#", "nummer", "ref", "id"}
STATUS_WORDS = {"status", "stand van zaken", "opmerking", "opmerkingen", "notes", "note",
                "comments", "progress"}
_EMPTY_CELL = re.compile(r"^\s*(?:-+|–|—|n\.?v\.?t\.?|nvt|n/a|tbd|nb|\?)?\s*$", re.IGNORECASE)
_LIST_ROW = re.compile(
    r"^(?P<lead>[ \t]*(?:[-•*–▪◦]|\d{1,2}[.)]|[a-z]\))[ \t]+)(?P<who>[^:\n]{2,60}?)[ \t]*:[ \t]*"
    r"(?P<task>\S[^\n]*)$", re.MULTILINE)
_DASH_ROW = re.compile(
    r"^(?P<lead>[ \t]*[-•*▪◦][ \t]+)(?P<who>[^\n–—]{2,50}?)[ \t]+[–—][ \t]+(?P<task>[^\n–—]+?)"
    r"(?:[ \t]+[–—][ \t]+(?P<due>[^\n–—]+?))?[ \t]*$", re.MULTILINE)
_ACTION_LINE = re.compile(
    r"^(?P<lead>[ \t]*(?:actie|acties|action|actions|toezegging|afspraak)[ \t]*:[ \t]*)"
    r"(?P<who>[^\n–—:]{2,60}?)[ \t]+[–—-][ \t]+(?P<task>\S[^\n]*)$", re.MULTILINE | re.IGNORECASE)

# "Actie 25-11: Regionaal communicatieplan" over "Eigenaar: gemeente X" / "Gereed: 1 december":
# an action written as a record, one field a line.
_RECORD_HEAD = re.compile(
    r"^[ \t]*(?:actie|actiepunt|toezegging|afspraak|action|action point)[ \t]*(?:[\w./-]*\d[\w./-]*)?"
    r"[ \t]*:[ \t]*(?P<task>\S[^\n]*)$", re.MULTILINE | re.IGNORECASE)
_FIELD_LINE = re.compile(r"[ \t]*(?P<label>[^\n:]{2,30}):[ \t]*(?P<value>[^\n]*)")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One commitment-like row: offsets are into the text given to `find_rows`."""

    start: int
    end: int
    task: Cell
    who: Cell | None = None
    due: Cell | None = None
    layout: str = "table"


def find_rows(text: str) -> list[Row]:
    """Every table row, list row and `Actie: who – task` line in `text`, in order."""
    rows = _pipe_rows(text)
    taken = [(r.start, r.end) for r in rows]
    for row in _record_rows(text):
        if not any(s < row.end and row.start < e for s, e in taken):
            rows.append(row)
            taken.append((row.start, row.end))
    for pattern, layout in ((_ACTION_LINE, "action-line"), (_DASH_ROW, "dash-list"), (_LIST_ROW, "list")):
        for match in line_matches(pattern, text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            row = _line_row(match, layout)
            if row is not None:
                rows.append(row)
                taken.append((row.start, row.end))
    return sorted(rows, key=lambda r: r.start)


@dataclass(frozen=True)
class AgendaRow:
    """A row of a besluitenlijst table: the topic cell and the decision cell."""

    number: str | None
    topic: Cell
    outcome: Cell


def agenda_rows(text: str) -> list[AgendaRow]:
    """Rows of a `Nr | Onderwerp | Besluit` table: each is an agenda item with its decision."""
    found: list[AgendaRow] = []
    roles: dict[str, int] | None = None
    for _, _, cells in _pipe_lines(text):
        words = [_norm(c.text) for c in cells]
        if any(w in TOPIC_WORDS for w in words) and any(w in OUTCOME_WORDS for w in words):
            roles = {"topic": next(i for i, w in enumerate(words) if w in TOPIC_WORDS),
                     "outcome": next(i for i, w in enumerate(words) if w in OUTCOME_WORDS)}
            number = [i for i, w in enumerate(words) if w in NUMBER_WORDS]
            if number:
                roles["number"] = number[0]
            continue
        if roles is None or max(roles.values()) >= len(cells):
            continue
        number_cell = cells[roles["number"]].text if "number" in roles else None
        found.append(AgendaRow(number_cell, cells[roles["topic"]], cells[roles["outcome"]]))
    return found


def header_lines(text: str) -> list[tuple[int, int]]:
    """Ranges of pipe-table header lines (`Nr | Toezegging | Wie | Termijn`), not content."""
    return [(s, e) for s, e, cells in _pipe_lines(text) if _column_roles(cells) is not None]


def _pipe_lines(text: str) -> list[tuple[int, int, list[Cell]]]:
    if text.count("|") < 2:
        return []  # a table line holds two pipes: without them, no line to scan for
    lines = []
    for match in re.finditer(r"^[^\n]*\|[^\n]*\|[^\n]*$", text, re.MULTILINE):
        cells = []
        for cell in re.finditer(r"[^|]+", match.group(0)):
            stripped = cell.group(0).strip()
            left = cell.start() + len(cell.group(0)) - len(cell.group(0).lstrip())
            cells.append(Cell(stripped, match.start() + left, match.start() + left + len(stripped)))
        if cells and not all(re.fullmatch(r"[-:= ]*", c.text) for c in cells):
            lines.append((match.start(), match.end(), cells))
    return lines


def _pipe_rows(text: str) -> list[Row]:
    """Rows of pipe tables; a header row names the columns, else they are guessed per row."""
    rows: list[Row] = []
    roles: dict[str, int] | None = None
    previous_end = -2
    for start, end, cells in _pipe_lines(text):
        if start > previous_end + 1:
            roles = None  # a new table starts
        previous_end = end
        header = _column_roles(cells)
        if header is not None:
            roles = header
            continue
        row = _row_from_cells(cells, roles or _guess_roles(cells), start, end)
        if row is not None:
            rows.append(row)
    return rows


def _norm(text: str) -> str:
    return " ".join(text.lower().strip(" :*").split())


def _column_roles(cells: list[Cell]) -> dict[str, int] | None:
    """Column index per role when every non-empty cell is a header word."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        word = _norm(cell.text)
        for role, words in (("who", WHO_WORDS), ("task", TASK_WORDS), ("due", DUE_WORDS)):
            if word in words and role not in roles:
                roles[role] = index
                break
        else:
            if word and word not in NUMBER_WORDS | STATUS_WORDS:
                return None
    return roles if "task" in roles or ("who" in roles and "due" in roles) else None


def _guess_roles(cells: list[Cell]) -> dict[str, int]:
    """Without a header: the dated cell is due, the longest other cell the task, a short one who."""
    content = [i for i, c in enumerate(cells) if not re.fullmatch(r"\d{1,3}[.)]?", c.text)]
    roles: dict[str, int] = {}
    dated = [i for i in content if DUE_PATTERN.fullmatch(cells[i].text.strip(" .")) or
             re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", cells[i].text.strip())]
    if dated:
        roles["due"] = dated[-1]
    rest = [i for i in content if i not in roles.values()]
    if rest:
        roles["task"] = max(rest, key=lambda i: len(cells[i].text))
        short = [i for i in rest if i != roles["task"] and len(cells[i].text.split()) <= 5]
        if short:
            roles["who"] = short[0]
    return roles


def _row_from_cells(cells: list[Cell], roles: dict[str, int], start: int, end: int) -> Row | None:
    def cell(role: str) -> Cell | None:
        index = roles.get(role)
        if index is None or index >= len(cells) or _EMPTY_CELL.match(cells[index].text):
            return None
        return cells[index]

    task = cell("task")
    if task is None:
        return None
    return Row(start=start, end=end, task=task, who=cell("who"), due=cell("due"), layout="table")


def _record_rows(text: str) -> list[Row]:
    """Actions written as records: a task line, then field lines naming who and by when."""
    rows = []
    for head in line_matches(_RECORD_HEAD, text):
        task_text = head.group("task").rstrip()
        task = Cell(task_text, head.start("task"), head.start("task") + len(task_text))
        who = due = None
        end = task.end
        position = head.end() + 1
        while position < len(text):
            field = _FIELD_LINE.match(text, position)
            label = _norm(field.group("label")) if field else ""
            if field is None or label not in WHO_WORDS | DUE_WORDS | STATUS_WORDS:
                break
            value = field.group("value").rstrip()
            cell = Cell(value, field.start("value"), field.start("value") + len(value))
            if value and label in WHO_WORDS and who is None:
                who = cell
            elif value and label in DUE_WORDS and due is None:
                due = cell
            end = field.start("value") + len(value)
            position = field.end() + 1
        if who is not None or due is not None:
            rows.append(Row(start=head.start() + len(head.group(0)) - len(head.group(0).lstrip()),
                            end=end, task=task, who=who, due=due, layout="record"))
    return rows


def line_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`pattern.finditer(text)` for the line patterns above (MULTILINE, `^` first, no line break
    inside a match), tried only where a line starts: the regex engine tried `^` at every character.
    With `match` at a position after a line break `^` holds as it does in `finditer`."""
    found = []
    position = 0
    while True:
        match = pattern.match(text, position)
        if match is not None:
            found.append(match)  # it ends before the line break: the next line is free
        position = text.find("\n", position) + 1
        if position == 0:
            return found


def _line_row(match: re.Match[str], layout: str) -> Row | None:
    """`- Politie: levert cijfers aan, gereed medio 2019` or `Actie: korpschef – rapportage`."""
    who_text = match.group("who").strip()
    if len(who_text.split()) > 6 or who_text[:1].isdigit():
        return None
    who = Cell(who_text, match.start("who"), match.start("who") + len(who_text))
    task_text = match.group("task").rstrip()
    task = Cell(task_text, match.start("task"), match.start("task") + len(task_text))
    due_match = DUE_PATTERN.search(task_text)
    due = None
    end = task.end
    if "due" in match.groupdict() and match.group("due"):
        due_text = match.group("due").strip()
        due = Cell(due_text, match.start("due"), match.start("due") + len(due_text))
        end = due.end
        layout = "dash-row"
    elif due_match is not None:
        due = Cell(due_match.group(0), task.start + due_match.start(), task.start + due_match.end())
    start = match.start("lead") + len(match.group("lead")) - len(match.group("lead").lstrip())
    return Row(start=start, end=end, task=task, who=who, due=due, layout=layout)
