"""overleg query: run a stored query by name, or your own SPARQL."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..queries.results import FORMATS
from ._common import open_graph, parse_params, write_output

NAME = "query"
HELP = "Run a stored query by NAME (see 'overleg queries') or your own SPARQL with --sparql."
EPILOG = ("Examples:\n  overleg query commitments --param actor=politie --format csv\n"
          "  overleg query --sparql 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="stored query name")
    parser.add_argument("--param", "-p", action="append", metavar="KEY=VALUE",
                        help="query parameter (repeatable)")
    parser.add_argument("--sparql", metavar="FILE_OR_TEXT", help="run this SPARQL instead")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table")
    parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.add_argument("--allow-network", action="store_true",
                        help="allow SERVICE and FROM <url> in --sparql (off by default)")
    parser.add_argument("--query-dir", action="append", type=Path,
                        help="extra folder of NAME.rq files (repeatable)")


def run(args: argparse.Namespace) -> int:
    if bool(args.name) == bool(args.sparql):
        raise UsageError("give either a query NAME or --sparql")
    kg = open_graph(args, read_only=False)
    try:
        if args.sparql:
            text = args.sparql
            if len(text) < 4096 and Path(text).is_file():
                text = Path(text).read_text(encoding="utf-8")
            result = kg.sparql(text, allow_network=args.allow_network)
        else:
            result = kg.query(args.name, parse_params(args.param))
    finally:
        kg.close()
    write_output(result.render(args.format), args.output)
    return 0
