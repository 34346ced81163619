"""Commitments from rows of action lists and commitment tables (one per row).

ingest.tables finds the rows and their who / what / due cells; this module
turns each row into a commitment of the actor in its who cell (a who cell
naming no known actor becomes a mention of its own), and says which parts of
an item the rows cover so sentence rules do not read them a second time.
"""

from __future__ import annotations

import re

from .actors import GENERIC_OFFICES, OFFICE_WORDS
from .clause_actors import ItemContext
from .due import find_due
from .records import ActorMention, AgendaItem, Evidence, Statement
from .tables import Row, find_rows, header_lines

ACTION_SECTION = re.compile(r"toezegging|actie|afspra|action|follow|besluiten- en", re.IGNORECASE)


def row_commitments(ctx: ItemContext, item: AgendaItem) -> tuple[list[Statement], list[tuple[int, int]]]:
    """One commitment per row; returns them and the original ranges they cover."""
    document = ctx.segmented.document
    base = item.span.start
    original = document.text[base:item.span.end]
    action_section = bool(ACTION_SECTION.search(item.heading))
    found: list[Statement] = []
    covered = [(base + s, base + e) for s, e in header_lines(original)]
    for row in find_rows(original):
        if not _is_commitment_row(row, action_section):
            continue
        actors = _row_actors(ctx, row, base)
        due_text = " ".join(row.due.text.split()) if row.due else None
        if due_text is None:
            due = find_due(row.task.text)
            due_text = due[0] if due else None
        evidence = Evidence(start=base + row.start, end=base + row.end,
                            quote=" ".join(original[row.start:row.end].split()),
                            rule=f"nl:commitment:row-{row.layout}",
                            confidence=0.85 if actors else 0.7, page=document.page_at(base + row.start))
        found.append(Statement(kind="commitment", item_order=ctx.order, evidence=evidence,
                               actors=actors, status="open", task=" ".join(row.task.text.split()),
                               due_text=due_text))
        covered.append((base + row.start, base + row.end))
    return found, covered


def _is_commitment_row(row: Row, action_section: bool) -> bool:
    if row.layout in {"action-line", "dash-row", "record"}:
        return True
    if row.layout == "table":
        return action_section or (row.who is not None and row.due is not None)
    return action_section


def _row_actors(ctx: ItemContext, row: Row, base: int) -> tuple[ActorMention, ...]:
    """Mentions in the who cell; a who cell naming no known actor becomes a mention itself."""
    if row.who is None:
        return ()
    start, end = base + row.who.start, base + row.who.end
    # a mention running past the cell ("gemeente Amersfoort\nGereed") is not the cell's actor
    inside = tuple(m for m in ctx.mentions if start <= m.start < end and m.end <= end)
    if inside:
        return inside[:1] if row.layout != "table" else inside
    text = ctx.segmented.document.text[start:end]
    first = text.split()[0].lower() if text.split() else ""
    kind = "post" if first in OFFICE_WORDS else "organisation"
    generic = GENERIC_OFFICES.get(text.lower()) or GENERIC_OFFICES.get("de " + text.lower())
    mention = ActorMention(text, start, end, kind,  # type: ignore[arg-type]
                           key=f"generic:{generic}" if generic else None,
                           rule="generic" if generic else "table-who")
    ctx.mentions.append(mention)
    return (mention,)


def is_covered(ctx: ItemContext, start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    if not covered:
        return False
    span = ctx.segmented.to_original(ctx.clean_start + start, ctx.clean_start + end)
    overlap = sum(max(0, min(e, span.end) - max(s, span.start)) for s, e in covered)
    return overlap * 2 >= span.end - span.start
