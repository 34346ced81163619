"""overleg link: what holds across meetings (topic timelines, commitment lifecycle)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from datetime import date

from ..errors import UsageError
from ._common import open_graph

NAME = "link"
HELP = ("Link meetings: recompute topic concepts, follow-ups, deferrals and commitment lifecycle; "
        "show a topic's timeline or commitments (open, overdue) as of a date.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeline", metavar="TOPIC",
                        help="agenda items on a topic concept (label text or concept IRI), oldest first")
    parser.add_argument("--commitments", action="store_true",
                        help="list commitments with their current status")
    parser.add_argument("--status", choices=("open", "fulfilled", "withdrawn", "superseded"),
                        help="only commitments with this status")
    parser.add_argument("--overdue", action="store_true", help="only open commitments past their due date")
    parser.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                        help="date for overdue (default: today)")
    parser.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError as exc:
        raise UsageError(f"--as-of '{args.as_of}' is not a date; give YYYY-MM-DD") from exc
    kg = open_graph(args, read_only=bool(args.timeline or args.commitments or args.overdue))
    try:
        if args.timeline:
            _print(kg.topic_timeline(args.timeline), args.format)
        elif args.commitments or args.overdue or args.status:
            rows = kg.commitment_status(as_of, status=args.status, overdue=args.overdue)
            _print([asdict(r) for r in rows], args.format)
        else:
            print(kg.link().summary())
    finally:
        kg.close()
    return 0


def _print(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print("(no rows)", file=sys.stderr)
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return
    keys = [k for k in rows[0] if k not in ("meeting", "item", "concept", "commitment", "evidence")]
    print("  ".join(keys))
    for row in rows:
        print("  ".join(_cell(row[k]) for k in keys))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
