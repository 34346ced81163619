"""overleg evaluate: score extraction against gold annotations."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import EXIT_OK, EXIT_PROBLEMS
from ._common import open_graph

NAME = "evaluate"
HELP = ("Score extraction against NAME.gold.json files in DIR (precision, recall, F1 per kind; "
        "exit 1 below --min-f1 or when a gold quote is not in its document).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", help="folder with minutes and their .gold.json files")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every miss and false hit with its quote")
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument("--min-f1", type=float, help="exit 1 when total F1 is below this")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..evaluation import evaluate_directory

    report = evaluate_directory(Path(args.directory))
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.render(args.verbose))
    for document, kind, quote in report.broken_gold:
        print(f"{document}: gold {kind} quote not found in the document: {quote!r}", file=sys.stderr)
    if report.broken_gold:
        return EXIT_PROBLEMS
    if args.min_f1 is not None and report.statements().f1 < args.min_f1:
        print(f"total F1 {report.statements().f1:.3f} is below --min-f1 {args.min_f1}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


__all__ = ["open_graph"]
