"""overleg report: a relationship report with every claim cited."""

from __future__ import annotations

import argparse
from datetime import date

from ..visualise.report import FORMATS, REPORT_KINDS
from ._common import open_graph, store_exists, warn_if_everything, write_output

NAME = "report"
HELP = ("Write a report on an actor, topic or meeting, a commitments tracker, or who agrees "
        "and disagrees with whom; every claim cites its source.")
EPILOG = ("Examples: overleg report actor burgemeesters --format html -o burgemeesters.html; "
          "overleg report commitments --as-of 2017-06-30 -f csv; overleg report relations -f json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=REPORT_KINDS)
    parser.add_argument("name", nargs="?",
                        help="actor key or label, topic text, meeting date or label "
                             "(optional for commitments and relations: one actor)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md")
    parser.add_argument("--as-of", type=date.fromisoformat,
                        help="day that decides open vs overdue commitments (default today)")
    parser.add_argument("--body", help="only meetings of this body (key or IRI)")
    parser.add_argument("--since", type=date.fromisoformat, help="only meetings on or after")
    parser.add_argument("--until", type=date.fromisoformat, help="only meetings on or before")
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args, read_only=store_exists(args))
    try:
        warn_if_everything(kg, args.kind in ("actor", "topic", "meeting") or bool(
            (args.kind == "relations" and args.name) or args.body or args.since or args.until),
            f"the {args.kind} report")
        text = kg.report(args.kind, args.name, fmt=args.format, as_of=args.as_of,
                         body=args.body, since=args.since, until=args.until)
    finally:
        kg.close()
    write_output(text, args.output)
    return 0
