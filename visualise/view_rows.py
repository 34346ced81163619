"""The flat statement table every view is built from, and the filters all views share.

One SPARQL query returns one row per statement-actor pair (a statement with
two actors gives two rows, a decision without an actor one row with none), so
each view is a pure function of a list of `Row`s and filtering happens once,
in Python, the same way for every view.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..store.embedded import EmbeddedStore

if TYPE_CHECKING:
    from .statement_scope import Scope

KIND_OF_CLASS = {"Position": "position", "Commitment": "commitment", "Decision": "decision"}
STATEMENT_KINDS = ("position", "commitment", "decision")
STANCES = ("support", "oppose", "conditional", "concern", "request")


@dataclass(frozen=True)
class Row:
    """One statement-actor pair, flattened for building views."""

    statement: str
    kind: str
    actor: str | None
    actor_label: str | None
    actor_kind: str | None
    item: str | None
    heading: str | None
    topic: str | None
    topic_label: str | None
    meeting: str
    meeting_label: str
    date: date | None
    body: str | None
    stance: str | None
    decision_type: str | None
    quote: str
    document: str
    page: int | None
    due: str | None
    status: str | None
    task: str | None = None
    body_label: str | None = None

    def evidence(self) -> dict[str, object]:
        """What a viewer shows for this statement: the quote and where it comes from."""
        return {"quote": self.quote, "document": self.document, "page": self.page,
                "date": self.date.isoformat() if self.date else None,
                "meeting": self.meeting_label, "kind": self.kind, "stance": self.stance,
                "statement": self.statement, "heading": self.heading, "status": self.status,
                "due": self.due, "decision_type": self.decision_type}

    @property
    def qualifier(self) -> str | None:
        """Stance of a position, type of a decision, status of a commitment."""
        return self.stance or self.decision_type or self.status


def statement_rows(store: EmbeddedStore, scope: Scope | None = None) -> list[Row]:
    """Every statement-actor pair in the store (or in `scope`), sorted by date, meeting and statement.

    Built from the statement records (export_statements), which read actor and
    body labels in a separate step: joining labels into one statement query
    multiplies its rows by the number of documents describing each actor (the
    union default graph repeats a triple once per graph) and took minutes on a
    few hundred documents.
    """
    from .export_statements import actor_names, statement_records
    from .report_rows import rows_from_records

    rows = rows_from_records(statement_records(store, scope))
    bodies = actor_names(store, {row.body for row in rows if row.body})
    return [dataclasses.replace(row, body_label=bodies[row.body][0]) if row.body in bodies else row
            for row in rows]


@dataclass(frozen=True)
class Filters:
    """Filters every view accepts; text filters match keys, IRIs or label substrings."""

    body: str | None = None
    since: date | None = None
    until: date | None = None
    topic: str | None = None
    actor: str | None = None
    kind: str | None = None
    stance: str | None = None
    min_weight: int = 1
    meeting: str | None = None

    @classmethod
    def from_options(cls, options: dict[str, object]) -> Filters:
        """Filters from keyword options (None means unset); unknown names are a usage error."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - names)
        if unknown:
            raise UsageError(f"unknown filter(s): {', '.join(unknown)}",
                             hint="filters: " + ", ".join(sorted(names)))
        values = {k: v for k, v in options.items() if v is not None}
        for key in ("since", "until"):
            if isinstance(values.get(key), str):
                values[key] = _parse_date(key, str(values[key]))
        if values.get("kind") not in (None, *STATEMENT_KINDS):
            raise UsageError(f"unknown statement kind '{values['kind']}'",
                             hint="kinds: " + ", ".join(STATEMENT_KINDS))
        return cls(**values)  # type: ignore[arg-type]

    def keep(self, row: Row) -> bool:
        checks = [
            self.body is None or (row.body or "").rsplit("/", 1)[-1] == self.body
            or row.body == self.body,
            self.since is None or (row.date is not None and row.date >= self.since),
            self.until is None or (row.date is not None and row.date <= self.until),
            self.topic is None or self.topic.lower() in (row.heading or "").lower()
            or self.topic == row.topic,
            self.actor is None or _actor_matches(self.actor, row),
            self.kind is None or row.kind == self.kind,
            self.stance is None or row.stance == self.stance,
            self.meeting is None or _meeting_matches(self.meeting, row),
        ]
        return all(checks)


def _parse_date(name: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{name} '{text}' is not a date", hint="write YYYY-MM-DD") from None


def _actor_matches(wanted: str, row: Row) -> bool:
    wanted = wanted.lower()
    return bool(row.actor) and (wanted == (row.actor or "").rsplit("/", 1)[-1]
                                or wanted == (row.actor or "").lower()
                                or wanted in (row.actor_label or "").lower())


def _meeting_matches(wanted: str, row: Row) -> bool:
    """A meeting by IRI, by date (YYYY-MM-DD) or by a piece of its label."""
    return (wanted == row.meeting or (row.date is not None and wanted == row.date.isoformat())
            or wanted.lower() in row.meeting_label.lower())
