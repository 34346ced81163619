"""overleg queries: list the stored queries with their parameters."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..queries.catalogue import catalogue

NAME = "queries"
HELP = "List every stored query with its description and parameters."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--query-dir", action="append", type=Path,
                        help="extra folder of NAME.rq files (repeatable)")
    parser.add_argument("--json", action="store_true", help="the catalogue as JSON")


def run(args: argparse.Namespace) -> int:
    queries = catalogue(tuple(args.query_dir or ())).values()
    if args.json:
        print(json.dumps([{"name": q.name, "title": q.title, "description": q.description,
                           "parameters": [{"name": p.name, "type": p.type, "optional": p.optional,
                                           "default": p.default, "description": p.description}
                                          for p in q.parameters],
                           "returns": list(q.returns)} for q in queries], indent=2))
        return 0
    for query in queries:
        print(f"{query.name}: {query.title}")
        if query.description:
            print(f"    {query.description}")
        for p in query.parameters:
            flag = f" (default {p.default})" if p.default is not None else (
                " (optional)" if p.optional else "")
            print(f"    --param {p.name}=<{p.type}>{flag}  {p.description}")
        if query.returns:
            print(f"    returns: {', '.join(query.returns)}")
    return 0
