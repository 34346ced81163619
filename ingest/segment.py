"""Stage 2, segment: Document -> Segmented (meeting metadata and agenda items).

Minutes come in a few layouts: inline headings (`Onderwerp: tekst`),
numbered items (`3. Veiligheidsagenda`, `Agendapunt 3: ...`), heading lines
above paragraphs, besluitenlijst tables (`Nr | Onderwerp | Besluit`, one
item per row), and unheaded paragraphs (one item each). PDF extraction adds page furniture and page breaks in
mid-sentence. The segmenter works on paragraphs of the original text so
every span it returns points into `Document.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cleantext import fold
from .dates import find_dates
from .furniture import furniture_ranges
from .headings import derive_heading, split_heading
from .metadata import meeting_info
from .records import AgendaItem, Document, Segmented, Span
from .tables import agenda_rows

# Attendance lists ("Present:", "Also present:", "Officers:", "Aanwezig:") open minutes: no item.
_ATTENDANCE = re.compile(
    r"^(?:(?:also|tevens|voorts|ook)\s+)?(?:aanwezig|afwezig|afgemeld|verhinderd|deelnemers|genodigden|"
    r"present|apologies|apologies for absence|absent|attendees|attendance|in attendance|officers|"
    r"officers present|staff|clerk|observers|(?:members|trustees|governors|councillors|directors|board "
    r"members)\s+present|notulist|minute taker|secretariaat|griffier|commissiegriffier|secretaris|"
    r"secretary|voorzitter|chair|vice-chair|namens [^:\n]{2,40}|ambtelijke ondersteuning|gasten|guests|"
    r"verslag|verslaglegging)\b\s*(?:\([^)\n]*\))?\s*[:\-–]",
    re.IGNORECASE)
_META_HEADINGS = re.compile(
    r"^(aanwezig|afwezig|afgemeld|deelnemers|genodigden|present|apologies|attendees|in attendance|notulist|"
    r"verslaglegging|voorzitter|chair|datum|date|tijd|time|locatie|plaats|location|venue|"
    r"kenmerk|ref|van|aan|cc)\b", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"(?:verslag|notulist|kenmerk|datum|locatie|plaats|tijd|deelnemers|"
                          r"aanwezig|afwezig|afgemeld|voorzitter|secretaris|genodigden)\s*:", re.IGNORECASE)
_LABEL_LINE = re.compile(r"\s*(?:onderwerp|agendapunt|punt)\b[^\n]{0,10}:", re.IGNORECASE)
_CLOSING = re.compile(r"^(sluiting|rondvraag|wvttk|any other business|close of meeting)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str


def segment(document: Document) -> Segmented:
    """Split a document into meeting metadata and agenda items."""
    text = document.text
    furniture = furniture_ranges(text)
    paragraphs = _paragraphs(text, furniture)
    meeting = meeting_info(text, paragraphs[0].text if paragraphs else "")
    paragraphs = _split_title(paragraphs, meeting.date_text)
    items = _items(paragraphs, title=paragraphs[0] if paragraphs else None,
                   date_text=meeting.date_text)
    clean, offsets = fold(text, furniture)
    warnings: list[str] = []
    if meeting.date is None:
        warnings.append("no meeting date found")
    if meeting.body_label is None:
        warnings.append("no meeting body found")
    if not items:
        warnings.append("no agenda items found; the whole text is treated as one item")
        items = [_whole_text_item(paragraphs, len(text))]
    return Segmented(document=document, meeting=meeting, items=tuple(items), clean=clean,
                     clean_offsets=offsets, warnings=tuple(warnings))


def _paragraphs(text: str, furniture: list[tuple[int, int]]) -> list[Paragraph]:
    """Blocks between blank lines, with page breaks in mid-sentence healed."""
    view = _masked(text, furniture)
    blocks = [Paragraph(start, end, view[start:end]) for start, end in _blocks(view)]
    merged: list[Paragraph] = []
    for block in blocks:
        if merged and _continues(merged[-1].text, block.text):
            last = merged[-1]
            merged[-1] = Paragraph(last.start, block.end, view[last.start:block.end])
        else:
            merged.append(block)
    return [part for block in merged for part in _split_at_heading_lines(block, view)]


def _blocks(view: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text between blank lines, trailing white space excluded.

    The matches of `\\S(?:.*?)(?=\\n[ \\t\\f]*\\n|\\s*\\Z)` (DOTALL), found without that
    regex: its lazy part tried both lookaheads after every character of the text. A block
    starts at a non-space character and ends at the first blank line after it or where
    only white space is left, whichever comes first (`\\s` is `str.isspace`, as `rstrip` strips).
    """
    blanks = [match.start() for match in _BLANK_LINE.finditer(view)]
    last = len(view.rstrip())
    found: list[tuple[int, int]] = []
    index = position = 0
    while (start := _NON_SPACE.search(view, position)) is not None:
        first = start.start()
        while index < len(blanks) and blanks[index] <= first:
            index += 1  # blank lines before the block (their matches hold no non-space)
        position = min(blanks[index], last) if index < len(blanks) else last
        found.append((first, position))
    return found


_BLANK_LINE = re.compile(r"\n[ \t\f]*\n")
_NON_SPACE = re.compile(r"\S")


def _masked(text: str, furniture: list[tuple[int, int]]) -> str:
    """The text with furniture blanked to spaces (line breaks kept), offsets unchanged."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted((max(0, s), min(e, len(text))) for s, e in furniture):
        start = max(start, position)
        if start >= end:
            continue
        pieces.append(text[position:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _split_at_heading_lines(block: Paragraph, view: str) -> list[Paragraph]:
    """Split a block where a line starts a new item, as in PDF text without blank lines:
    a numbered or `Onderwerp:` heading anywhere, an inline or line heading after a sentence end."""
    starts = [block.start]
    offset = block.start
    previous = ""
    in_meta = False  # inside "Aanwezig: ..." lines, a heading needs no sentence end before it
    in_list = False
    for line in block.text.split("\n"):
        stripped = line.strip()
        if offset > block.start and stripped and _starts_item(view[offset:block.end], previous,
                                                               in_meta, in_list):
            starts.append(offset)
            in_meta = in_list = False
        if stripped:
            # "Present:" on a line of its own: the lines below are its list, one name a line
            in_list = in_list or (stripped.endswith(":") and bool(_ATTENDANCE.match(stripped)))
            previous = stripped
            in_meta = in_meta or bool(_META_HEADINGS.match(stripped) or _LABEL_VALUE.match(stripped))
        offset += len(line) + 1
    ends = [*starts[1:], block.end]
    parts = []
    for start, end in zip(starts, ends, strict=True):
        text = view[start:end].rstrip()
        lead = len(text) - len(text.lstrip())
        if text.strip():
            parts.append(Paragraph(start + lead, start + len(text), text.strip()))
    return parts


def _split_title(paragraphs: list[Paragraph], date_text: str | None) -> list[Paragraph]:
    """Without blank lines the title runs into the minutes: cut it after the line with the date."""
    if not paragraphs or not date_text:
        return paragraphs
    first = paragraphs[0]
    lines = first.text.split("\n")
    dated = next((i for i, line in enumerate(lines[:5]) if date_text in line), None)
    if dated is None or dated == len(lines) - 1:
        return paragraphs
    cut = len("\n".join(lines[:dated + 1]))
    rest = first.text[cut:]
    lead = len(rest) - len(rest.lstrip())
    if not rest.strip():
        return paragraphs
    title = Paragraph(first.start, first.start + cut, first.text[:cut])
    remainder = Paragraph(first.start + cut + lead, first.end, rest.strip())
    return [title, remainder, *paragraphs[1:]]


def _starts_item(rest: str, previous: str, in_meta: bool = False, in_list: bool = False) -> bool:
    first = rest.split("\n", 1)[0].strip()
    if in_list:
        found = split_heading(rest)
        return found is not None and found[1] is not None
    if "|" in previous and "|" not in first:
        return True  # a table ends: what follows is a block of its own
    if "|" in first and "|" not in previous and (in_meta or previous.endswith((".", "!", "?"))):
        return True  # a table after prose starts a block (a heading line above it stays with it)
    if "|" in first or first.endswith(":"):
        return False  # table rows, and list labels such as "Actiepunten:", stay in their item
    found = split_heading(rest)
    if found is None:
        return False
    if found[1] is not None or _LABEL_LINE.match(rest):
        return True  # numbered heading or "Onderwerp: X"
    if previous.endswith((".", "!", "?", ":", ")")) or find_dates(previous):
        return True
    if not in_meta:
        return False
    # After "Aanwezig: ..." a short line may still be a wrapped name: it is a heading only
    # when the line after it is not itself a heading.
    following = rest.split("\n", 1)[1] if "\n" in rest else ""
    return found[5] or split_heading(following.lstrip()) is None


def _continues(previous: str, following: str) -> bool:
    """A block that starts in lower case after one that did not end a sentence."""
    head = following.lstrip()[:1]
    tail = previous.rstrip()[-1:]
    if not head:
        return False
    if head.islower() and tail not in {".", ":", "!", "?"}:
        return True
    return tail in {",", ";"} or (tail.isalpha() and tail.islower() and head.islower())


def _items(paragraphs: list[Paragraph], title: Paragraph | None,
           date_text: str | None) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    inline_style = False
    # With explicit headings a paragraph without one continues the item above;
    # in minutes without any headings each paragraph is an item of its own.
    headed = [split_heading(p.text) for p in paragraphs]
    explicit = any(found is not None and not _ATTENDANCE.match(p.text.strip())
                   for i, (p, found) in enumerate(zip(paragraphs, headed, strict=True))
                   if not (i == 0 and title is not None and _is_title(p, date_text)))
    numbered_later = [False] * (len(paragraphs) + 1)
    for i in range(len(paragraphs) - 1, -1, -1):
        numbered_later[i] = numbered_later[i + 1] or (headed[i] is not None and headed[i][1] is not None)
    for index, para in enumerate(paragraphs):
        if index == 0 and title is not None and (_is_title(para, date_text) or (
                numbered_later[1] and _is_name_line(para.text))):
            continue
        if not items and index <= 2 and numbered_later[index] and headed[index] is None \
                and _is_title(para, date_text):
            continue  # "WESTMOOR DISTRICT COUNCIL" above "Minutes of a meeting of ... held on <date>"
        if _META_HEADINGS.match(para.text.strip()) and not items:
            continue
        if _ATTENDANCE.match(para.text.strip()) and numbered_later[index] \
                and not any(item.number for item in items):
            continue  # the attendance lists before the first numbered item are preamble
        table = agenda_rows(para.text)
        if table:
            for row in table:
                items.append(AgendaItem(
                    order=len(items) + 1, heading=row.topic.text, number=row.number,
                    heading_span=Span(para.start + row.topic.start, para.start + row.topic.end),
                    span=Span(para.start + row.outcome.start, para.start + row.outcome.end)))
            continue
        found = headed[index]
        if found is None and items and para.text.lstrip().split("\n", 1)[0].count("|") >= 1:
            _extend_last(items, para)  # a table below an item's text is part of that item
            continue
        if found is not None:
            heading, number, h_start, h_end, body_start, inline = found
            inline_style = inline_style or inline
            items.append(AgendaItem(
                order=len(items) + 1, heading=heading, number=number,
                heading_span=Span(para.start + h_start, para.start + h_end),
                span=Span(para.start + body_start, para.end)))
            continue
        if items and explicit and (not inline_style or items[-1].number is not None):
            _extend_last(items, para)
            continue
        heading, h_start, h_end = derive_heading(para.text)
        items.append(AgendaItem(
            order=len(items) + 1, heading=heading,
            heading_span=Span(para.start + h_start, para.start + h_end),
            span=Span(para.start, para.end)))
    return items


def _is_name_line(text: str) -> bool:
    """'ASHCOMBE PARISH COUNCIL' above numbered items: the issuer's name, not an agenda item."""
    line = text.strip()
    return "\n" not in line and len(line) <= 80 and line.isupper() and not line.endswith((".", ":"))


def _extend_last(items: list[AgendaItem], para: Paragraph) -> None:
    last = items[-1]
    items[-1] = AgendaItem(last.order, last.heading, last.heading_span,
                           Span(last.span.start, para.end), last.number)


def _is_title(para: Paragraph, date_text: str | None) -> bool:
    first_line = para.text.strip().splitlines()[0] if para.text.strip() else ""
    if date_text and date_text in para.text and len(para.text) < 400:
        return True
    return bool(re.search(r"\b(verslag|notulen|besluitenlijst|terugkoppeling|minutes|samenvatting|"
                          r"actielijst|agenda)\b", first_line, re.IGNORECASE)) and ":" not in first_line


def _whole_text_item(paragraphs: list[Paragraph], length: int) -> AgendaItem:
    start = paragraphs[0].start if paragraphs else 0
    end = paragraphs[-1].end if paragraphs else length
    return AgendaItem(order=1, heading="(geen kop)", heading_span=Span(start, start),
                      span=Span(start, end))


def is_closing_heading(heading: str) -> bool:
    """Items such as 'Rondvraag' and 'Sluiting' that rarely carry statements."""
    return bool(_CLOSING.match(heading))
