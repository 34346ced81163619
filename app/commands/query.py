"""overleg query: run a stored query by name, or your own SPARQL, locally or on an endpoint."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..queries.binding import bind
from ..queries.catalogue import get_query
from ..queries.paging import next_after
from ..queries.results import FORMATS
from ..queries.run import run_sparql, run_stored
from ..store.remote import RemoteEndpoint
from ._common import open_graph, parse_params, store_exists, write_output

NAME = "query"
HELP = "Run a stored query by NAME (see 'overleg queries') or your own SPARQL with --sparql."
EPILOG = ("Examples:\n  overleg query commitments --param actor=politie --format csv\n"
          "  overleg query overdue-commitments -p as_of=2018-01-01\n"
          "  overleg query search -p text=drugs --all --format csv\n"
          "  overleg query --sparql 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'\n"
          "  overleg query actors --endpoint http://127.0.0.1:7878/query\n"
          "Endpoint credentials: OVERLEG_ENDPOINT_USER and OVERLEG_ENDPOINT_PASSWORD (Basic) "
          "or OVERLEG_ENDPOINT_TOKEN (Bearer).")


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
    parser.add_argument("--endpoint", metavar="URL",
                        help="run on this SPARQL 1.1 query endpoint instead of the local store")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="give up after this many seconds")
    parser.add_argument("--all", action="store_true", dest="all_pages",
                        help="every row of a paged query (100 rows per page otherwise)")


def run(args: argparse.Namespace) -> int:
    if bool(args.name) == bool(args.sparql):
        raise UsageError("give either a query NAME or --sparql")
    if args.name and args.allow_network:
        raise UsageError("--allow-network applies to --sparql only")
    text = _sparql_text(args.sparql) if args.sparql else None
    stored = get_query(args.name, tuple(args.query_dir or ())) if args.name else None
    if args.endpoint:
        result = _run_remote(args, text)
    else:
        if stored is not None:  # name and parameters are checked before the store is opened
            bind(stored, parse_params(args.param))
        kg = open_graph(args, read_only=store_exists(args))
        try:
            if text is not None:
                result = kg.sparql(text, allow_network=args.allow_network, timeout=args.timeout)
            else:
                result = kg.query(args.name, parse_params(args.param), all_pages=args.all_pages)
        finally:
            kg.close()
    write_output(result.render(args.format), args.output)
    if stored is not None and not args.all_pages:
        _hint_next_page(stored, result)
    return 0


def _hint_next_page(stored, result) -> None:
    """On stderr, so the output stays one clean table, CSV or JSON document."""
    after = next_after(stored, result)
    if after is not None:
        print(f"overleg: one page of {stored.name}; next page: --param after={after}, every row: --all",
              file=sys.stderr)


def _sparql_text(value: str) -> str:
    if len(value) < 4096 and "\n" not in value and Path(value).is_file():
        return Path(value).read_text(encoding="utf-8")
    return value


def _run_remote(args: argparse.Namespace, text: str | None):
    """No local store is opened: the endpoint may be the only copy of the graph."""
    from ..config import Settings

    endpoint = RemoteEndpoint(args.endpoint, timeout=args.timeout or 120.0)
    if text is not None:
        return run_sparql(endpoint, text, allow_network=args.allow_network)
    base = args.base_iri or Settings().base_iri
    return run_stored(endpoint, args.name, parse_params(args.param), base,
                      tuple(args.query_dir or ()), every_page=args.all_pages)
