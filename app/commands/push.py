"""overleg push: copy the store to a SPARQL endpoint, one named graph per document."""

from __future__ import annotations

import argparse
import sys

from ..store.remote import PROTOCOLS
from ._common import open_graph

NAME = "push"
HELP = ("Load the store into a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, ...): every named "
        "graph replaces the graph of the same IRI there.")
EPILOG = ("Examples:\n  overleg push --endpoint http://127.0.0.1:7878/update\n"
          "  overleg push --protocol gsp --endpoint http://127.0.0.1:7878/store\n"
          "  overleg push --endpoint http://localhost:3030/ds/update   # Fuseki\n"
          "Credentials: OVERLEG_ENDPOINT_USER and OVERLEG_ENDPOINT_PASSWORD (Basic) or "
          "OVERLEG_ENDPOINT_TOKEN (Bearer).\nQueries then run there with "
          "'overleg query NAME --endpoint .../query' (the server must query the union of its graphs:\n"
          "'oxigraph serve --union-default-graph', Fuseki 'tdb2:unionDefaultGraph true').")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", required=True, metavar="URL",
                        help="SPARQL Update URL (protocol update) or Graph Store URL (protocol gsp)")
    parser.add_argument("--protocol", choices=PROTOCOLS, default="update",
                        help="update: DROP + INSERT DATA per graph (default); gsp: HTTP PUT per graph")
    parser.add_argument("--graph", action="append", metavar="IRI",
                        help="push only this named graph (repeatable; default: all)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args, read_only=True)

    def progress(graph: str, triples: int) -> None:
        if not args.quiet:
            print(f"  {graph}: {triples} triples", file=sys.stderr)

    try:
        report = kg.push(args.endpoint, args.protocol, graphs=args.graph, on_graph=progress)
    finally:
        kg.close()
    print(report.summary())
    return 0
