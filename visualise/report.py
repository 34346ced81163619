"""Relationship reports: every claim cites document, meeting date, page, quote and offsets.

A report is built as typed data first (report_model: Report, Section, Claim,
Citation) by one builder per kind (report_data, report_meeting), then rendered
as Markdown, HTML, CSV or JSON (report_render). This module is the front
door the CLI and the Python API use.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .export_statements import statement_records
from .report_claims import group_statements
from .report_data import actor_report, commitments_report, relations_report, topic_report
from .report_figure import figure_uri
from .report_meeting import meeting_report
from .report_model import Report
from .report_render import FORMATS, render
from .report_rows import rows_from_records
from .statement_scope import (
    KIND_CLASSES,
    Scope,
    actors_matching,
    meetings_matching,
    scope_of,
)
from .views import Filters

REPORT_KINDS = ("actor", "topic", "meeting", "commitments", "relations")
NEEDS_NAME = ("actor", "topic", "meeting")
FILTERS = ("body", "since", "until")

__all__ = ["FILTERS", "FORMATS", "REPORT_KINDS", "Report", "build_report", "render_report"]


def build_report(store: EmbeddedStore, kind: str, name: str | None = None,
                 as_of: date | str | None = None, figure: bool = False,
                 **filters: Any) -> Report:
    """The report as data. `as_of` (default today) decides open vs overdue commitments;
    filters (body, since, until) narrow the statements first. Statements rejected in review
    are left out; a commitment's status is the link stage's current one where known."""
    if kind not in REPORT_KINDS:
        raise UsageError(f"unknown report '{kind}'", hint="reports: " + ", ".join(REPORT_KINDS))
    if kind in NEEDS_NAME and not name:
        raise UsageError(f"the {kind} report needs a NAME",
                         hint=f"e.g. overleg report {kind} NAME")
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise UsageError(f"unknown report filter(s): {', '.join(unknown)}",
                         hint="filters: " + ", ".join(FILTERS))
    day = _as_of(as_of)
    spec = Filters(**{k: _date(k, v) for k, v in filters.items() if v is not None})
    filtered = scope_of(store, spec)
    records = {r.statement: r for r in statement_records(store, _report_scope(store, kind, name, filtered))}
    if kind in ("actor", "relations") and name:  # who the actor agrees with: others' positions there
        meetings = frozenset(r.meeting_iri for r in records.values() if r.kind == "position")
        records |= {r.statement: r for r in statement_records(store, replace(
            filtered, meetings=meetings, kinds=frozenset({KIND_CLASSES["position"]})))}
    elif kind == "commitments" and name:  # the totals count every commitment; the name, its actor
        records |= {r.statement: r for r in statement_records(store, replace(
            filtered, actors=actors_matching(store, name)))}
    rejected = {s for s, r in records.items() if r.review_status == "rejected"}
    all_rows = rows_from_records(list(records.values()))
    rows = [row for row in all_rows if spec.keep(row) and row.statement not in rejected]
    stmts = group_statements(rows, records)
    if kind == "actor":
        report = actor_report(rows, stmts, name or "", day)
    elif kind == "topic":
        report = topic_report(rows, stmts, name or "", day)
    elif kind == "meeting":
        report = meeting_report(store, rows, stmts, name or "", day)
    elif kind == "commitments":
        report = commitments_report(stmts, name, rows, day)
    else:
        report = relations_report(rows, stmts, name)
    report.as_of = day.isoformat()
    if figure:
        report.figure = figure_uri(store, all_rows, kind, name, filters)
    return report


def _report_scope(store: EmbeddedStore, kind: str, name: str | None, scope: Scope) -> Scope:
    """The statements a report reads (statement_scope.py): the scope of its filters, narrowed by its
    subject where that can be done; each builder still picks its statements from the rows as before."""
    if kind == "meeting":
        return replace(scope, meetings=meetings_matching(store, name or ""))
    if kind == "topic":
        return replace(scope, heading=name or "")
    if name and kind != "commitments":  # an actor, or the relations of one: every actor it may mean
        return replace(scope, actors=actors_matching(store, name))
    if kind == "commitments":
        return replace(scope, kinds=frozenset({KIND_CLASSES["commitment"]}))
    if kind == "relations":
        return replace(scope, kinds=frozenset({KIND_CLASSES["position"]}))
    return scope


def render_report(store: EmbeddedStore, kind: str, name: str | None = None, fmt: str = "md",
                  base: str | None = None, as_of: date | str | None = None,
                  **filters: Any) -> str:
    """The report as text in one of FORMATS."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}'", hint="formats: " + ", ".join(FORMATS))
    return render(build_report(store, kind, name, as_of, figure=fmt == "html", **filters), fmt)


def _as_of(value: date | str | None) -> date:
    if value is None:
        return date.today()
    return _date("as_of", value)


def _date(name: str, value: object) -> Any:
    if isinstance(value, str) and name in ("since", "until", "as_of"):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"{name} '{value}' is not a date", hint="write YYYY-MM-DD") from None
    return value
