"""overleg visualise: write an interactive, offline HTML network of a view."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..visualise.views import VIEWS
from ._common import open_graph

NAME = "visualise"
HELP = "Write a self-contained interactive HTML network of a view of the graph."
EPILOG = "Example: overleg visualise actor-topic --actor burgemeesters -o network.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("view", nargs="?", default="actor-topic", choices=sorted(VIEWS))
    parser.add_argument("-o", "--output", default="network.html", help="HTML file to write")
    parser.add_argument("--body", help="only meetings of this body (key, e.g. lovp)")
    parser.add_argument("--since", type=date.fromisoformat, help="from this date (YYYY-MM-DD)")
    parser.add_argument("--until", type=date.fromisoformat, help="up to this date (YYYY-MM-DD)")
    parser.add_argument("--topic", help="agenda headings containing this text")
    parser.add_argument("--actor", help="statements naming this actor (key or label)")
    parser.add_argument("--kind", choices=["position", "commitment", "decision"])
    parser.add_argument("--stance", choices=["support", "oppose", "conditional", "concern",
                                             "request"])
    parser.add_argument("--min-weight", type=int, default=1, help="drop weaker edges")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args)
    try:
        graph = kg.visualise(args.view, output=args.output, body=args.body, since=args.since,
                             until=args.until, topic=args.topic, actor=args.actor,
                             kind=args.kind, stance=args.stance, min_weight=args.min_weight)
    finally:
        kg.close()
    print(f"wrote {args.output}: {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} edges", file=sys.stderr)
    return 0
