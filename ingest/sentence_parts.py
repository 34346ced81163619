"""Where the rule extractor cuts an item's sentences: at markers and bullets, clauses, finer clauses.

Taken out of ingest.rules. `sentence_parts` cuts a sentence at `Besluit:` /
`Actie:` markers and at list bullets that start a line in the original;
`split` cuts a piece of text where a clause pattern matches and gives the
ranges either in the text or, with `at`, within the piece (the ranges the
rules remember by the piece's text, ingest.text_memo); `shifted` turns the
latter back into ranges of the text.
"""

from __future__ import annotations

import re

from .clause_actors import ItemContext
from .prefilter import compile as prefiltered

_MARKER_SPLIT = prefiltered(r"(?=\b(?:Besluit|Besluiten|Actie|Acties|Actiepunt|Afspraak|Afspraken|"
                           r"Toezegging|Conclusie)\s*(?:[A-Za-z]?-?\d[\w.-]*)?\s*:)")
_BULLET = prefiltered(r"\s*(?<![\w-])[-•*–▪◦](?=\s)\s*")


def sentence_parts(sentence: tuple[int, int], ctx: ItemContext) -> list[tuple[int, int]]:
    """Character ranges (within the item text) of a sentence split at Besluit:/Actie: markers
    and at list bullets that start a line in the original, without the bullet itself."""
    base, end = sentence
    text = ctx.text[base:end]
    cuts = [m.start() for m in _MARKER_SPLIT.finditer(text) if m.start() > 0]
    cuts += [m.start() for m in _BULLET.finditer(text) if _starts_line(ctx, base + m.start())]
    bounds = [0, *sorted(set(cuts)), len(text)]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        bullet = _BULLET.match(text, a)
        a = bullet.end() if bullet else a
        if text[a:b].strip():
            parts.append((base + a, base + b))
    return parts


def _starts_line(ctx: ItemContext, clean_index: int) -> bool:
    original = ctx.segmented.clean_offsets[ctx.clean_start + clean_index]
    before = ctx.segmented.document.text[max(0, original - 8):original]
    return "\n" in before and not before.split("\n")[-1].strip()


def shifted(parts: list[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    """Ranges within a piece that starts at `start` (as `split` gives them with `at=start`) as
    ranges of the text."""
    return [(start + a, start + b) for a, b in parts]


def split(text: str, start: int, end: int, pattern: re.Pattern[str],
          gate: re.Pattern[str] | None = None, at: int = 0) -> list[tuple[int, int]]:
    """Ranges of text[start:end] cut where `pattern` matches (not at 0), leading " ;," skipped,
    less `at` (the ranges within the piece when `at` is `start`); `gate` finds something every
    match needs, so without it there is nothing to cut."""
    bounds = [start]
    piece = text[start:end]
    for match in pattern.finditer(piece) if gate is None or gate.search(piece) else ():
        if match.start() > 0:
            bounds.append(start + match.start())
    if len(bounds) == 1 and start < end and text[start] not in " ;,":
        return [(start - at, end - at)]  # nothing cut, nothing skipped: the common case
    bounds.append(end)
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and text[a] in " ;,":
            a += 1
        if a < b:
            parts.append((a - at, b - at))
    return parts
