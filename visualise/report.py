"""Relationship reports: every claim cites document, meeting date, page and quote.

A report is built as typed data first (Report, Section, Claim) and then
rendered as Markdown, HTML (Jinja2, autoescaped, self-contained), CSV (one
row per statement) or JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import resources

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import UsageError
from ..store.embedded import EmbeddedStore
from .views import Row, _actor_matches, statement_rows

REPORT_KINDS = ("actor", "topic", "meeting", "commitments")
FORMATS = ("md", "html", "csv", "json")


@dataclass(frozen=True)
class Claim:
    kind: str
    actors: str
    label: str
    quote: str
    document: str
    date: str | None
    page: int | None
    heading: str | None
    due: str | None = None
    status: str | None = None


@dataclass
class Section:
    heading: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Report:
    kind: str
    subject: str
    title: str
    sections: list[Section]

    def claims(self) -> list[Claim]:
        return [c for s in self.sections for c in s.claims]


def build_report(store: EmbeddedStore, kind: str, name: str | None,
                 as_of: date | None = None) -> Report:
    if kind not in REPORT_KINDS:
        raise UsageError(f"unknown report '{kind}'", hint="reports: " + ", ".join(REPORT_KINDS))
    rows = statement_rows(store)
    if kind != "commitments" and not name:
        raise UsageError(f"the {kind} report needs a NAME")
    selected = _select(kind, name or "", rows)
    if kind != "commitments" and not selected:
        raise UsageError(f"no statements found for {kind} '{name}'")
    claims = _claims(selected)
    grouping = {"actor": lambda c: c.heading or "(no agenda item)",
                "topic": lambda c: c.date or "(undated)",
                "meeting": lambda c: c.heading or "(no agenda item)",
                "commitments": lambda c: c.actors or "(unnamed)"}[kind]
    sections: dict[str, Section] = {}
    for claim in claims:
        sections.setdefault(grouping(claim), Section(grouping(claim))).claims.append(claim)
    subject = name or "all actors"
    return Report(kind=kind, subject=subject, title=f"{kind.capitalize()} report: {subject}",
                  sections=list(sections.values()))


def _select(kind: str, name: str, rows: list[Row]) -> list[Row]:
    wanted = name.lower()
    if kind == "actor":
        hits = {r.statement for r in rows if _actor_matches(name, r)}
        return [r for r in rows if r.statement in hits]
    if kind == "topic":
        return [r for r in rows if wanted in (r.heading or "").lower()
                or wanted in (r.topic_label or "").lower()]
    if kind == "meeting":
        return [r for r in rows if wanted in r.meeting_label.lower()
                or wanted == (r.date.isoformat() if r.date else "") or wanted == r.meeting]
    return [r for r in rows if r.kind == "commitment"]


def _claims(rows: list[Row]) -> list[Claim]:
    actors: dict[str, list[str]] = defaultdict(list)
    first: dict[str, Row] = {}
    for row in rows:
        first.setdefault(row.statement, row)
        if row.actor_label and row.actor_label not in actors[row.statement]:
            actors[row.statement].append(row.actor_label)
    claims = [Claim(kind=r.kind, actors=", ".join(actors[s]), quote=r.quote,
                    label=r.stance or r.decision_type or r.status or r.kind, document=r.document,
                    date=r.date.isoformat() if r.date else None, page=r.page, heading=r.heading,
                    due=r.due, status=r.status) for s, r in first.items()]
    return sorted(claims, key=lambda c: (c.date or "", c.heading or "", c.kind))


def render_report(store: EmbeddedStore, kind: str, name: str | None, fmt: str = "md",
                  base: str | None = None, as_of: date | None = None) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}'", hint="formats: " + ", ".join(FORMATS))
    report = build_report(store, kind, name, as_of)
    if fmt == "json":
        return json.dumps({"schema": "overleg-report/1", "kind": report.kind,
                           "subject": report.subject, "title": report.title,
                           "sections": [{"heading": s.heading,
                                         "claims": [asdict(c) for c in s.claims]}
                                        for s in report.sections]},
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        names = list(Claim.__dataclass_fields__)
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for claim in report.claims():
            writer.writerow(asdict(claim))
        return buffer.getvalue()
    env = Environment(loader=FileSystemLoader(str(resources.files(__package__) / "templates")),
                      autoescape=select_autoescape(["html", "j2"]) if fmt == "html" else False)
    return env.get_template(f"report.{fmt}.j2").render(report=report)
