"""overleg export: the store (or one document's graph) in an RDF format."""

from __future__ import annotations

import argparse

from ..visualise.export import RDF_FORMATS
from ._common import open_graph, write_output

NAME = "export"
HELP = "Export the graph as Turtle, N-Quads, TriG, JSON-LD, N-Triples or RDF/XML."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=sorted(RDF_FORMATS), default="ttl")
    parser.add_argument("--graph", help="only this named graph (IRI)")
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    try:
        text = kg.export(args.format, graph=args.graph)
    finally:
        kg.close()
    write_output(text, args.output)
    return 0
