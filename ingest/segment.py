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
from .furniture import furniture_ranges
from .headings import derive_heading, split_heading
from .metadata import meeting_info
from .records import AgendaItem, Document, Segmented, Span
from .tables import agenda_rows

_META_HEADINGS = re.compile(
    r"^(aanwezig|afwezig|afgemeld|present|apologies|attendees|in attendance|notulist|"
    r"verslaglegging|voorzitter|chair|datum|date|tijd|time|locatie|plaats|location|venue|"
    r"kenmerk|ref|van|aan|cc)\b", re.IGNORECASE)
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
    masked = list(text)
    for start, end in furniture:
        for i in range(start, min(end, len(text))):
            if masked[i] != "\n":
                masked[i] = " "
    view = "".join(masked)
    blocks: list[Paragraph] = []
    for match in re.finditer(r"\S(?:.*?)(?=\n[ \t\f]*\n|\s*\Z)", view, re.DOTALL):
        blocks.append(Paragraph(match.start(), match.end(), match.group(0)))
    merged: list[Paragraph] = []
    for block in blocks:
        if merged and _continues(merged[-1].text, block.text):
            last = merged[-1]
            merged[-1] = Paragraph(last.start, block.end, view[last.start:block.end])
        else:
            merged.append(block)
    return merged


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
    explicit = any(split_heading(p.text) is not None for i, p in enumerate(paragraphs)
                   if not (i == 0 and title is not None and _is_title(p, date_text)))
    for index, para in enumerate(paragraphs):
        if index == 0 and title is not None and _is_title(para, date_text):
            continue
        if _META_HEADINGS.match(para.text.strip()) and not items:
            continue
        table = agenda_rows(para.text)
        if table:
            for row in table:
                items.append(AgendaItem(
                    order=len(items) + 1, heading=row.topic.text, number=row.number,
                    heading_span=Span(para.start + row.topic.start, para.start + row.topic.end),
                    span=Span(para.start + row.outcome.start, para.start + row.outcome.end)))
            continue
        found = split_heading(para.text)
        if found is not None:
            heading, number, h_start, h_end, body_start, inline = found
            inline_style = inline_style or inline
            items.append(AgendaItem(
                order=len(items) + 1, heading=heading, number=number,
                heading_span=Span(para.start + h_start, para.start + h_end),
                span=Span(para.start + body_start, para.end)))
            continue
        if items and explicit and not inline_style:
            last = items[-1]
            items[-1] = AgendaItem(last.order, last.heading, last.heading_span,
                                   Span(last.span.start, para.end), last.number)
            continue
        heading, h_start, h_end = derive_heading(para.text)
        items.append(AgendaItem(
            order=len(items) + 1, heading=heading,
            heading_span=Span(para.start + h_start, para.start + h_end),
            span=Span(para.start, para.end)))
    return items


def _is_title(para: Paragraph, date_text: str | None) -> bool:
    first_line = para.text.strip().splitlines()[0] if para.text.strip() else ""
    if date_text and date_text in para.text and len(para.text) < 400:
        return True
    return bool(re.search(r"\b(verslag|notulen|besluitenlijst|terugkoppeling|minutes|"
                          r"agenda)\b", first_line, re.IGNORECASE)) and ":" not in first_line


def _whole_text_item(paragraphs: list[Paragraph], length: int) -> AgendaItem:
    start = paragraphs[0].start if paragraphs else 0
    end = paragraphs[-1].end if paragraphs else length
    return AgendaItem(order=1, heading="(geen kop)", heading_span=Span(start, start),
                      span=Span(start, end))


def is_closing_heading(heading: str) -> bool:
    """Items such as 'Rondvraag' and 'Sluiting' that rarely carry statements."""
    return bool(_CLOSING.match(heading))
