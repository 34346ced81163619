"""Rendering a Report as Markdown, HTML, CSV or JSON.

Markdown and HTML come from the Jinja2 templates in templates/ (HTML is
autoescaped, self-contained and printable; Markdown escapes the characters
that would turn a quote into markup). CSV is tidy: one row per cited
statement, so a claim backed by two statements (an agreement) gives two rows
sharing a claim id. JSON follows templates/report.schema.json.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from importlib import resources

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import UsageError
from .report_model import Report

FORMATS = ("md", "html", "csv", "json")
CSV_COLUMNS = ("report", "subject", "as_of", "section_group", "section", "claim_id", "claim_kind",
               "claim", "actors", "topic", "stance", "decision_type", "status", "due", "due_text",
               "statement", "document", "meeting", "date", "page", "start", "end", "quote")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#~])")
_FIGURE = re.compile(r"^data:image/(svg\+xml|png);base64,[A-Za-z0-9+/=]+$")


def templates_dir():
    return resources.files(__package__) / "templates"


def md_escape(value: object) -> str:
    """Backslash-escape Markdown syntax so quotes and labels stay text."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


@cache
def _environment(fmt: str) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir())),
                      autoescape=select_autoescape(["html", "html.j2"]) if fmt == "html" else False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    return env


def render(report: Report, fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}'", hint="formats: " + ", ".join(FORMATS))
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return render_csv(report)
    figure = report.figure if report.figure and _FIGURE.match(report.figure) else None
    template = _environment(fmt).get_template(f"report.{fmt}.j2")
    return template.render(report=report, figure=figure)


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    claim_id = 0
    for section in report.sections:
        for claim in section.claims:
            claim_id += 1
            for src in claim.sources:
                writer.writerow({
                    "report": report.kind, "subject": report.subject, "as_of": report.as_of,
                    "section_group": section.group, "section": section.heading,
                    "claim_id": claim_id, "claim_kind": claim.kind, "claim": claim.text,
                    "actors": "; ".join(claim.actors), "topic": claim.topic, "stance": claim.stance,
                    "decision_type": claim.decision_type, "status": claim.status, "due": claim.due,
                    "due_text": claim.due_text, "statement": src.statement,
                    "document": src.document, "meeting": src.meeting, "date": src.date,
                    "page": src.page, "start": src.start, "end": src.end, "quote": src.quote})
    return buffer.getvalue()
