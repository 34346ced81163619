"""Typed records passed between the ingest stages.

read -> Document; segment -> Segmented; extract -> Extraction;
resolve -> Resolved; emit -> quads. Every record is a frozen dataclass so a
stage cannot change what an earlier stage produced, and every character
offset refers to `Document.text`, the text as read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

StatementKind = Literal["position", "commitment", "decision"]
ActorKind = Literal["person", "organisation", "post", "group"]


@dataclass(frozen=True)
class Page:
    """A page of the source: 1-based number and its character range in the text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A source file as read: decoded text plus what is needed to cite it."""

    source: str
    text: str
    media_type: str
    sha256: str
    size: int
    pages: tuple[Page, ...] = ()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page number holding `offset`, or None for formats without pages."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return self.pages[index].number


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class MeetingInfo:
    """Meeting metadata found in the document."""

    body_label: str | None = None
    body_acronym: str | None = None
    date: date | None = None
    date_text: str | None = None
    kind: str | None = None
    title: str | None = None
    language: str = "nl"


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item: heading as written and the span of its body text."""

    order: int
    heading: str
    heading_span: Span
    span: Span
    number: str | None = None


@dataclass(frozen=True)
class Segmented:
    """A document split into meeting metadata and agenda items.

    `clean` is the text with page furniture, hyphenation and white-space runs
    folded away, and `clean_offsets[i]` is the offset in `document.text` of
    `clean[i]`; extractors work on the clean text and map back through it.
    """

    document: Document
    meeting: MeetingInfo
    items: tuple[AgendaItem, ...]
    clean: str
    clean_offsets: tuple[int, ...]
    warnings: tuple[str, ...] = ()

    def to_original(self, clean_start: int, clean_end: int) -> Span:
        """Map a clean-text range back to a range in the original text."""
        start = self.clean_offsets[clean_start]
        end = self.clean_offsets[clean_end - 1] + 1 if clean_end > clean_start else start
        return Span(start, end)

    def original_bounds(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """`to_original` as a (start, end) pair: the rules ask it thousands of times per
        document only to compare offsets, and a Span record costs more than the lookup."""
        offsets = self.clean_offsets
        start = offsets[clean_start]
        return start, offsets[clean_end - 1] + 1 if clean_end > clean_start else start

    def to_clean(self, original: int) -> int:
        """The first clean offset at or after an original offset."""
        return bisect.bisect_left(self.clean_offsets, original)

    def item_at(self, original: int) -> AgendaItem | None:
        """The agenda item whose heading or body holds an original offset."""
        for item in self.items:
            if item.heading_span.start <= original < item.span.end:
                return item
        return None


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: offsets into Document.text and the quote there."""

    start: int
    end: int
    quote: str
    rule: str
    confidence: float
    page: int | None = None


@dataclass(frozen=True)
class ActorMention:
    """A surface form of an actor in the text, perhaps linked to reference data."""

    text: str
    start: int
    end: int
    kind: ActorKind
    key: str | None = None
    label: str | None = None
    rule: str = "gazetteer"


@dataclass(frozen=True)
class Statement:
    """A position, commitment or decision found in one agenda item."""

    kind: StatementKind
    item_order: int | None
    evidence: Evidence
    actors: tuple[ActorMention, ...] = ()
    stance: str | None = None
    decision_type: str | None = None
    status: str | None = None
    task: str | None = None
    due_text: str | None = None


@dataclass(frozen=True)
class Extraction:
    segmented: Segmented
    mentions: tuple[ActorMention, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Actor:
    """A resolved actor with a stable key (the slug in its IRI)."""

    key: str
    label: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    held_by: str | None = None


@dataclass(frozen=True)
class ResolvedStatement:
    statement: Statement
    actor_keys: tuple[str, ...]
    due: date | None = None
    due_precision: Literal["day", "month", None] = None


@dataclass(frozen=True)
class Resolved:
    """Everything emit needs: actors deduplicated, statements tied to actor keys."""

    segmented: Segmented
    body: Actor | None
    actors: tuple[Actor, ...]
    statements: tuple[ResolvedStatement, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
