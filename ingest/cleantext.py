"""A folded view of the original text with a map back to it.

Extraction wants one sentence on one line: no hyphenation across line
breaks, no page furniture, one space for every run of white space. Offsets
into the original must survive, so every kept character remembers where it
came from (`offsets[i]` is the original offset of `clean[i]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HYPHEN_BREAK = re.compile(r"-(?<=[a-zà-ÿ]-)([ \t]*\n\s*)(?=[a-zà-ÿ])")
# "GGZ-\ninstelling": a compound hyphen after a capital stays, only the line break (group 1) goes.
# Both patterns open with the literal "-" so the regex engine can skip ahead to it.
_COMPOUND_BREAK = re.compile(r"-(?<=[A-Z0-9]-)([ \t]*\n\s*)(?=[a-zà-ÿ])")


def fold(text: str, drop: Iterable[tuple[int, int]] = ()) -> tuple[str, tuple[int, ...]]:
    """Fold white space, join hyphenated words and skip the `drop` ranges.

    Returns the clean text and, for each of its characters, the offset of the
    original character it stands for. Runs of words separated by single
    spaces map one to one, so they are copied whole (with a range of
    offsets) rather than character by character: the text between two kept
    characters becomes one space when it holds white space or dropped
    furniture, standing at the first white space character, else (only
    furniture) at the character before the next word; joined hyphenations
    leave nothing.
    """
    chars: list[str] = []
    offsets: list[int] = []
    pending = _NONE  # an original offset for the space owed before the next word, or a marker
    position = 0
    for start, end, kind in _skipped(text, drop):
        pending = _fold_piece(text, position, start, chars, offsets, pending)
        if kind == 1 and chars and pending < 0:
            pending = _FURNITURE  # dropped furniture separates words like a space
        position = end
    _fold_piece(text, position, len(text), chars, offsets, pending)
    return "".join(chars), tuple(offsets)


_NONE, _FURNITURE = -1, -2
_RUN = re.compile(r"\S+(?: \S+)*")


def _skipped(text: str, drop: Iterable[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Skipped ranges in order: 1 for dropped furniture, 2 for a joined hyphenation (which wins)."""
    dropped = [(max(0, start), min(len(text), end)) for start, end in drop]
    dropped = [(start, end) for start, end in dropped if start < end]
    joined = [match.span(group) for pattern, group in ((_HYPHEN_BREAK, 0), (_COMPOUND_BREAK, 1))
              for match in pattern.finditer(text)]
    if not dropped and not joined:
        return []  # nothing skipped: no need to mark and scan a byte per character
    skip = bytearray(len(text))
    for start, end in dropped:
        skip[start:end] = b"\x01" * (end - start)
    for start, end in joined:
        skip[start:end] = b"\x02" * (end - start)
    return [(m.start(), m.end(), m.group()[0]) for m in _SKIP_RUN.finditer(bytes(skip))]


_SKIP_RUN = re.compile(rb"\x01+|\x02+")


def _fold_piece(text: str, start: int, end: int, chars: list[str], offsets: list[int],
                pending: int) -> int:
    """Fold `text[start:end]` (nothing skipped in it) onto chars/offsets; returns the pending space."""
    for match in _RUN.finditer(text, start, end):
        if match.start() > start and chars and pending < 0:
            pending = start  # white space before this run: the space stands at its first character
        if chars and pending != _NONE:
            chars.append(" ")
            offsets.append(max(0, match.start() - 1) if pending == _FURNITURE else pending)
        chars.append(match.group())
        offsets.extend(range(match.start(), match.end()))
        pending, start = _NONE, match.end()
    if end > start and chars and pending < 0:
        pending = start
    return pending


def fold_plain(text: str) -> str:
    """White-space folding alone, as the gold format defines quotes."""
    return " ".join(text.split())
