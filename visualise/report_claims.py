"""From statement rows to cited claims: the shared vocabulary of every report kind.

`statement_rows` gives one row per statement-actor pair; a claim is about one
statement with all its actors, so rows are grouped by statement first. The
citation adds what rows do not carry (character offsets, the due date as
written) from the statements export records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import UsageError
from .export_statements import StatementRecord
from .report_model import Citation, Claim
from .report_status import status_as_of
from .views import Row


@dataclass(frozen=True)
class Statement:
    """One statement: its first row, every actor (IRI, label) and its export record."""

    row: Row
    actors: tuple[tuple[str, str], ...]
    record: StatementRecord | None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.actors)

    def sort_key(self) -> tuple[str, str, int, str]:
        start = self.record.start if self.record and self.record.start is not None else -1
        return (self.row.date.isoformat() if self.row.date else "", self.row.document, start,
                self.row.statement)


def group_statements(rows: list[Row], records: dict[str, StatementRecord]) -> list[Statement]:
    """Rows grouped per statement (rejected in review: left out), in date and text order."""
    first: dict[str, Row] = {}
    actors: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row.statement, row)
        named = actors.setdefault(row.statement, {})
        if row.actor:
            named.setdefault(row.actor, row.actor_label or row.actor.rsplit("/", 1)[-1])
    statements = [Statement(row, tuple(sorted(actors[s].items(), key=lambda kv: kv[1])),
                            records.get(s)) for s, row in first.items()
                  if not _rejected(records.get(s))]
    return sorted(statements, key=Statement.sort_key)


def _rejected(record: StatementRecord | None) -> bool:
    """A statement the researcher rejected in review is not reported."""
    return record is not None and record.review_status == "rejected"


def citation(row: Row, record: StatementRecord | None = None) -> Citation:
    return Citation(statement=row.statement, document=row.document, meeting=row.meeting_label,
                    date=row.date.isoformat() if row.date else None, page=row.page,
                    quote=row.quote, start=record.start if record else None,
                    end=record.end if record else None, heading=row.heading)


def statement_claim(st: Statement, as_of: date) -> Claim:
    """A position, commitment or decision as a one-line claim with its citation."""
    row = st.row
    who = ", ".join(st.labels) or "(no actor named)"
    topic = row.topic_label or row.heading
    on = f" on “{topic}”" if topic else ""
    status = due = due_text = None
    if row.kind == "position":
        text = f"{who}: {row.stance or 'position'}{on}"
    elif row.kind == "commitment":
        due_text = st.record.due_text if st.record else None
        due = row.due
        stored = (st.record.current_status or st.record.status) if st.record else row.status
        status = status_as_of(stored, due, as_of)
        when = f", due {due}" if due else ""
        text = f"{who} committed{on} ({status}{when})"
    else:
        text = f"{row.decision_type or 'decision'}{on}" + (f" by {who}" if st.labels else "")
    return Claim(kind=row.kind, text=text, sources=(citation(row, st.record),), actors=st.labels,
                 topic=topic, stance=row.stance, decision_type=row.decision_type, status=status,
                 due=due, due_text=due_text)


@dataclass(frozen=True)
class ActorRef:
    iri: str
    label: str


def resolve_actor(name: str, rows: list[Row]) -> ActorRef:
    """One actor by key, IRI or label; a part of a label must match exactly one actor."""
    wanted = name.strip().lower()
    known = {r.actor: r.actor_label or r.actor for r in rows if r.actor}
    for iri, label in known.items():
        if wanted in (iri.lower(), iri.rsplit("/", 1)[-1].lower(), label.lower()):
            return ActorRef(iri, label)
    partial = sorted((label, iri) for iri, label in known.items() if wanted in label.lower())
    if len(partial) == 1:
        return ActorRef(partial[0][1], partial[0][0])
    if not partial:
        raise UsageError(f"no actor '{name}' in the store",
                         hint="run 'overleg query actors' for keys and labels")
    options = "; ".join(f"{label} ({iri.rsplit('/', 1)[-1]})" for label, iri in partial[:10])
    raise UsageError(f"'{name}' matches several actors: {options}", hint="give the actor's key")
