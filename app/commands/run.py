"""overleg run: the main job in one go.

Ingest the minutes (or the bundled examples), then leave behind the graph
(Turtle), a query result (CSV), an HTML network and a report, in one folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from ._common import contained_path, open_graph, write_file

NAME = "run"
HELP = ("Ingest minutes (or --examples) and write graph.ttl, commitments.csv, network.html "
        "and report.md into --out.")
EPILOG = "Example: overleg run --examples --out overleg-out"
OUTPUTS = ("graph.ttl", "commitments.csv", "network.html", "report.md")


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
    paths = {name: contained_path(out, name) for name in OUTPUTS}
    kg = open_graph(args)
    try:
        report = kg.ingest(*inputs)
        print(report.summary())
        write_file(paths["graph.ttl"], kg.export("ttl"))
        write_file(paths["commitments.csv"], kg.query("commitments", all_pages=True).render("csv"))
        kg.visualise("actor-topic", output=paths["network.html"])
        write_file(paths["report.md"], kg.report("commitments", None, fmt="md"))
        stats = kg.stats()
    finally:
        kg.close()
    for failed, reason in report.failed.items():
        print(f"error: {failed}: {reason}", file=sys.stderr)
    print(f"store: {kg.settings.store}  ({stats['statements']} statements, "
          f"{stats['triples']} triples)")
    for name in OUTPUTS:
        print(f"wrote {out / name}")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
