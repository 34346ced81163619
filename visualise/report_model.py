"""The typed data of a report: a Report has Sections, a Section has Claims, a Claim cites Sources.

Reports are built as data first and rendered afterwards, so the Python API, the
four output formats and the JSON schema (templates/report.schema.json) all see
the same thing. A claim never stands without at least one citation: the
source document, the meeting and its date, the page where known, the exact
quote and its character offsets in the original text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA_ID = "overleg-report/2"


@dataclass(frozen=True)
class Citation:
    """Where a claim comes from: one statement's evidence in one source document."""

    statement: str
    document: str
    meeting: str
    date: str | None
    page: int | None
    quote: str
    start: int | None = None
    end: int | None = None
    heading: str | None = None

    def short(self) -> str:
        """Human-readable source line (document, meeting date, page, offsets)."""
        parts = [self.document, f"meeting {self.date or 'undated'}"]
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.start is not None and self.end is not None:
            parts.append(f"chars {self.start}-{self.end}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Claim:
    """One thing a report says, with the statements that back it.

    `kind` is the statement kind (position, commitment, decision), or a derived
    claim (agenda-item, stance-history, agreement, disagreement) that cites the
    statements it was derived from.
    """

    kind: str
    text: str
    sources: tuple[Citation, ...]
    actors: tuple[str, ...] = ()
    topic: str | None = None
    stance: str | None = None
    decision_type: str | None = None
    status: str | None = None
    due: str | None = None
    due_text: str | None = None

    def __post_init__(self) -> None:
        if not self.sources:
            raise ValueError(f"claim without a source: {self.text!r}")


@dataclass
class Section:
    """A group of claims under a heading; `group` says what kind of group it is."""

    group: str
    heading: str
    claims: list[Claim] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    kind: str
    subject: str
    title: str
    sections: list[Section]
    as_of: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    figure: str | None = None  # a data: URI of the network picture, when one could be drawn

    def claims(self) -> list[Claim]:
        return [c for s in self.sections for c in s.claims]

    def citations(self) -> list[Citation]:
        return [src for c in self.claims() for src in c.sources]

    def to_dict(self) -> dict[str, object]:
        """The JSON form, as described by templates/report.schema.json."""
        return {
            "schema": SCHEMA_ID, "kind": self.kind, "subject": self.subject, "title": self.title,
            "as_of": self.as_of, "summary": dict(self.summary),
            "sections": [{"group": s.group, "heading": s.heading, "summary": dict(s.summary),
                          "claims": [_claim_dict(c) for c in s.claims]} for s in self.sections],
        }


def _claim_dict(claim: Claim) -> dict[str, object]:
    data = asdict(claim)
    data["actors"] = list(claim.actors)
    data["sources"] = [asdict(src) for src in claim.sources]
    return data
