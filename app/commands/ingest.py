"""overleg ingest: read minutes into the store."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_PROBLEMS
from ._common import open_graph

NAME = "ingest"
HELP = "Ingest minutes (files, folders or glob patterns) into the store."
EPILOG = "Example: overleg ingest minutes/ 'archive/**/*.pdf' --store data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", help="files, folders or glob patterns")
    parser.add_argument("--examples", action="store_true", help="ingest the bundled example minutes")
    parser.add_argument("--force", action="store_true", help="re-ingest unchanged files too")
    parser.add_argument("--jobs", type=int, default=1, help="parallel workers (default 1)")
    parser.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                        help="show a progress bar (auto: when many files and a terminal)")


def run(args: argparse.Namespace) -> int:
    from ..ingestion import expand_inputs

    kg = open_graph(args)
    inputs = list(args.inputs)
    if args.examples:
        from ..config import examples_dir

        inputs += [str(p) for p in sorted(examples_dir().glob("*.txt"))]
    if not inputs:
        from ..errors import UsageError

        raise UsageError("nothing to ingest", hint="give files or folders, or --examples")
    paths = expand_inputs(inputs)
    show = args.progress == "on" or (args.progress == "auto" and len(paths) > 1
                                     and sys.stderr.isatty())
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="file", file=sys.stderr)
    try:
        report = kg.ingest(*paths, force=args.force, jobs=args.jobs,
                           on_progress=(lambda _p: bar.update(1)) if bar else None)
    finally:
        if bar:
            bar.close()
        kg.close()
    for source, reason in report.failed.items():
        print(f"error: {reason if reason.startswith(source) else f'{source}: {reason}'}",
              file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS
