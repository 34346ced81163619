"""Page furniture: running headers, footers and page numbers in extracted text.

A line counts as furniture when it is a page number ("Pagina 1 van 2",
"- 3 -", "Page 2 of 5") or a short line repeated on several pages. The
ranges are masked, not deleted, so offsets into the original stay valid.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:pagina|page|blz\.?|p\.)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?|-?\s*\d{1,3}\s*-?|"
    r"\d+\s*(?:/|van|of)\s*\d+)\s*$", re.IGNORECASE)


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are page furniture, not content."""
    lines = list(_lines(text))
    # once per line: counted, then looked up. Digit runs never span a line break, so one
    # substitution over the whole text gives each line's `_key` (one regex call, not one a line).
    keys = [" ".join(line.split()).lower() for line in _DIGITS.sub("#", text).split("\n")]
    counts = Counter(key for key in keys if key)
    ranges: list[tuple[int, int]] = []
    for (start, end, line), key in zip(lines, keys, strict=True):
        if not key:
            continue
        repeated = counts[key] >= 2 and len(key) <= 90 and not key.endswith((".", ":"))
        if _PAGE_NUMBER.match(line) or (repeated and _is_page_edge(text, start, end)):
            ranges.append((start, end))
    return ranges


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, offset + len(line), line
        offset += len(line) + 1


_DIGITS = re.compile(r"\d+")


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def _is_page_edge(text: str, start: int, end: int) -> bool:
    """Repeated lines only count near a form feed, a blank-line run or the ends."""
    before = text[max(0, start - 6):start]
    after = text[end:end + 6]
    return (start < 3 or end > len(text) - 3 or "\f" in before + after
            or "\n\n" in before or "\n\n" in after)
