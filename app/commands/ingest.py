"""overleg ingest: read minutes into the store."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from ._common import open_graph

NAME = "ingest"
HELP = "Ingest minutes (files, folders or glob patterns) into the store."
EPILOG = "Example: overleg ingest minutes/ 'archive/**/*.pdf' --store data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", help="files, folders or glob patterns")
    parser.add_argument("--examples", action="store_true", help="ingest the bundled example minutes")
    parser.add_argument("--force", action="store_true", help="re-ingest unchanged files too")
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help="worker processes for reading and extraction (0: one per core; "
                             "default: one per core from 1,000 files to ingest, else 1)")
    parser.add_argument("--bulk", action="store_true",
                        help="load new documents with Oxigraph's bulk loader: faster for a first "
                             "big corpus, not atomic (an interrupted group is redone by the next "
                             "ingest; readers may see part of it meanwhile)")
    parser.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                        help="show a progress bar (auto: when many files and a terminal)")


def run(args: argparse.Namespace) -> int:
    from ..ingestion import expand

    inputs = list(args.inputs)
    if args.examples:
        from ..config import examples_dir

        inputs += [str(p) for p in sorted(examples_dir().glob("*.txt"))]
    if not inputs:
        raise UsageError("nothing to ingest", hint="give files or folders, or --examples")
    if args.jobs is not None and args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    expanded = expand(inputs)
    kg = open_graph(args)
    bar = _progress_bar(args.progress, len(expanded.paths))
    try:
        report = kg.ingest(*expanded.paths, force=args.force, jobs=args.jobs, bulk=args.bulk,
                           on_progress=(lambda _p: bar.update(1)) if bar else None,
                           on_stage=(lambda stage: _stage(bar, stage)) if bar else None)
    finally:
        if bar:
            bar.close()
        kg.close()
    report.warnings[:0] = expanded.warnings
    for reason in report.failed.values():
        print(f"error: {reason}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _stage(bar, stage: str) -> None:
    """Every file is in: say what the wait that follows is for (the bar has nothing left to count)."""
    bar.close()
    if stage == "link":
        print("linking meetings: topics, follow-ups, commitment status, query index ...", file=sys.stderr,
              flush=True)


def _progress_bar(mode: str, total: int):
    """A tqdm bar on stderr: always with 'on', with 'auto' for several files on a terminal."""
    if mode == "off" or total == 0 or (mode == "auto" and (total < 2 or not sys.stderr.isatty())):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, desc="ingest")
