"""A folded view of the original text with a map back to it.

Extraction wants one sentence on one line: no hyphenation across line
breaks, no page furniture, one space for every run of white space. Offsets
into the original must survive, so every kept character remembers where it
came from (`offsets[i]` is the original offset of `clean[i]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n\s*(?=[a-zà-ÿ])")
# "GGZ-\ninstelling": a compound hyphen after a capital stays, only the line break goes.
_COMPOUND_BREAK = re.compile(r"(?<=[A-Z0-9]-)[ \t]*\n\s*(?=[a-zà-ÿ])")


def fold(text: str, drop: Iterable[tuple[int, int]] = ()) -> tuple[str, tuple[int, ...]]:
    """Fold white space, join hyphenated words and skip the `drop` ranges.

    Returns the clean text and, for each of its characters, the offset of the
    original character it stands for.
    """
    skip = bytearray(len(text))
    for start, end in drop:
        for i in range(max(0, start), min(len(text), end)):
            skip[i] = 1
    for pattern in (_HYPHEN_BREAK, _COMPOUND_BREAK):
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                skip[i] = 2  # a joined hyphenation leaves no space behind
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if skip[i]:
            if skip[i] == 1 and chars and pending_space < 0:
                pending_space = -2  # dropped furniture separates words like a space
            continue
        if ch.isspace():
            if chars and pending_space < 0:
                pending_space = i
            continue
        if pending_space != -1 and chars:
            if pending_space == -2:
                pending_space = max(0, i - 1)
            chars.append(" ")
            offsets.append(pending_space)
        pending_space = -1
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), tuple(offsets)


def fold_plain(text: str) -> str:
    """White-space folding alone, as the gold format defines quotes."""
    return " ".join(text.split())
