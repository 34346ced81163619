"""overleg stats: what the store holds."""

from __future__ import annotations

import argparse
import json

from ._common import open_graph, store_exists

NAME = "stats"
HELP = "Count documents, meetings, agenda items, statements, actors and triples in the store."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args, read_only=store_exists(args))
    try:
        stats = kg.stats()
    finally:
        kg.close()
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key:<14}{value:>10}")
    return 0
