"""overleg report: a relationship report with every claim cited."""

from __future__ import annotations

import argparse
from datetime import date

from ..visualise.report import FORMATS, REPORT_KINDS
from ._common import open_graph, write_output

NAME = "report"
HELP = "Write a report on an actor, topic or meeting, or a commitments tracker."
EPILOG = "Example: overleg report actor burgemeesters --format html -o burgemeesters.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=REPORT_KINDS)
    parser.add_argument("name", nargs="?", help="actor key or label, topic text, meeting date")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md")
    parser.add_argument("--as-of", type=date.fromisoformat, help="date for open/overdue")
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    try:
        text = kg.report(args.kind, args.name, fmt=args.format, as_of=args.as_of)
    finally:
        kg.close()
    write_output(text, args.output)
    return 0
