"""overleg run: the main job in one go.

Ingest the minutes (or the bundled examples), then leave behind the graph
(Turtle), a query result (CSV), an HTML network and a report, in one folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from ._common import open_graph

NAME = "run"
HELP = ("Ingest minutes (or --examples) and write graph.ttl, commitments.csv, network.html "
        "and report.md into --out.")
EPILOG = "Example: overleg run --examples --out overleg-out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", help="files, folders or glob patterns")
    parser.add_argument("--examples", action="store_true", help="use the bundled example minutes")
    parser.add_argument("--out", default="overleg-out", help="output folder (default overleg-out)")


def run(args: argparse.Namespace) -> int:
    from ..config import examples_dir

    inputs = list(args.inputs)
    if args.examples:
        inputs += [str(p) for p in sorted(examples_dir().glob("*.txt"))]
    if not inputs:
        raise UsageError("nothing to ingest", hint="give files or folders, or --examples")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    kg = open_graph(args)
    try:
        report = kg.ingest(*inputs)
        print(report.summary())
        kg.export("ttl", output=out / "graph.ttl")
        (out / "commitments.csv").write_text(kg.query("commitments").render("csv"),
                                             encoding="utf-8")
        kg.visualise("actor-topic", output=out / "network.html")
        (out / "report.md").write_text(kg.report("commitments", None, fmt="md"), encoding="utf-8")
        stats = kg.stats()
    finally:
        kg.close()
    for failed, reason in report.failed.items():
        print(f"error: {failed}: {reason}", file=sys.stderr)
    print(f"store: {kg.settings.store}  ({stats['statements']} statements, "
          f"{stats['triples']} triples)")
    for name in ("graph.ttl", "commitments.csv", "network.html", "report.md"):
        print(f"wrote {out / name}")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
