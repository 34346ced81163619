"""overleg queries: list the stored queries with their parameters."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..queries.catalogue import catalogue

NAME = "queries"
HELP = "List every stored query with its description and parameters."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--query-dir", action="append", type=Path,
                        help="extra folder of NAME.rq files (repeatable)")


def run(args: argparse.Namespace) -> int:
    for query in catalogue(tuple(args.query_dir or ())).values():
        print(f"{query.name}: {query.title}")
        if query.description:
            print(f"    {query.description}")
        for p in query.parameters:
            flag = " (optional)" if p.optional else ""
            print(f"    --param {p.name}=<{p.type}>{flag}  {p.description}")
        if query.returns:
            print(f"    returns: {', '.join(query.returns)}")
    return 0
