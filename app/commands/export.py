"""overleg export: the graph (RDF or a network file) or the statements table."""

from __future__ import annotations

import argparse
from datetime import date

from ..errors import UsageError
from ..visualise.export import EXPORT_FORMATS, STATEMENT_FORMATS
from ..visualise.export_jsonld import CONTEXT_MODES
from ._common import open_graph, store_exists, warn_if_everything, write_output

NAME = "export"
HELP = ("Export the graph as Turtle, N-Quads, TriG, JSON-LD, N-Triples, RDF/XML, GraphML, GEXF "
        "or CSV, or (export statements) one record per statement as JSON or CSV.")
EPILOG = ("Examples: overleg export -f trig -o graph.trig; overleg export -f ttl --actor politie; "
          "overleg export -f gexf --view actor-actor -o net.gexf; "
          "overleg export statements -f json --since 2017-01-01")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", nargs="?", choices=("graph", "statements"), default="graph",
                        help="graph (default) or statements")
    parser.add_argument("--format", "-f", choices=sorted({*EXPORT_FORMATS, *STATEMENT_FORMATS}),
                        help="default: ttl for the graph, json for statements")
    parser.add_argument("--body", help="only meetings of this body (key or IRI)")
    parser.add_argument("--since", type=date.fromisoformat, help="only meetings on or after")
    parser.add_argument("--until", type=date.fromisoformat, help="only meetings on or before")
    parser.add_argument("--actor", help="only statements of this actor (key, IRI or label part)")
    parser.add_argument("--topic", help="only statements on agenda items matching this text")
    parser.add_argument("--graph", help="only this named graph (IRI)")
    parser.add_argument("--view", default="actor-topic", help="network view for graphml/gexf")
    parser.add_argument("--context", choices=CONTEXT_MODES, default="inline",
                        help="JSON-LD: embed the @context (default) or refer to its published URL")
    parser.add_argument("--output", "-o", help="file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    filters = {"body": args.body, "since": args.since, "until": args.until, "actor": args.actor,
               "topic": args.topic, "graph": args.graph}
    kg = open_graph(args, read_only=store_exists(args))
    try:
        if args.what == "statements":
            warn_if_everything(kg, any(v is not None for k, v in filters.items() if k != "graph"),
                               "the statements export")
            fmt = args.format or "json"
            if fmt not in STATEMENT_FORMATS:
                raise UsageError(f"statements export as {fmt}?", hint="use --format json or csv")
            text = kg.export_statements(fmt, **filters)
        else:
            fmt = args.format or "ttl"
            if fmt == "json":
                raise UsageError("the graph has no plain JSON export",
                                 hint="use -f jsonld, or 'overleg export statements -f json'")
            text = kg.export(fmt, view=args.view, context=args.context, **filters)
    finally:
        kg.close()
    write_output(text, args.output)
    return 0
