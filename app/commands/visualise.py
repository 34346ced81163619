"""overleg visualise: write an interactive offline HTML network, or a PNG/SVG picture, of a view."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..errors import UsageError
from ..visualise.view_rows import STANCES, STATEMENT_KINDS
from ..visualise.views import VIEW_SPECS
from ._common import open_graph, store_exists, warn_if_everything

NAME = "visualise"
HELP = "Write a view of the graph as an offline interactive HTML network, or a PNG/SVG picture."
EPILOG = ("views:\n" + "\n".join(f"  {s.name:<12} {s.description}" for s in VIEW_SPECS.values())
          + "\n\nThe output's extension chooses the format: .html (default), .png or .svg.\n"
          "Examples:\n  overleg visualise actor-topic --actor burgemeesters -o network.html\n"
          "  overleg visualise commitments --since 2017-01-01 -o commitments.svg")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write YYYY-MM-DD)") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("view", nargs="?", default="actor-topic", choices=sorted(VIEW_SPECS))
    parser.add_argument("-o", "--output", default="network.html",
                        help="file to write: .html (interactive), .png or .svg (picture)")
    parser.add_argument("--body", help="only meetings of this body (key, e.g. lovp)")
    parser.add_argument("--since", type=_date, help="from this date (YYYY-MM-DD)")
    parser.add_argument("--until", type=_date, help="up to this date (YYYY-MM-DD)")
    parser.add_argument("--topic", help="agenda headings containing this text")
    parser.add_argument("--actor", help="statements naming this actor (key or label); "
                        "in actor-actor: the actor and its neighbours")
    parser.add_argument("--meeting", help="one meeting: IRI, date (YYYY-MM-DD) or label text")
    parser.add_argument("--kind", choices=STATEMENT_KINDS, help="only this kind of statement")
    parser.add_argument("--stance", choices=STANCES, help="only positions with this stance")
    parser.add_argument("--min-weight", type=int, default=1,
                        help="drop edges with fewer statements (or topics) behind them")


def run(args: argparse.Namespace) -> int:
    suffix = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
    if suffix not in ("html", "htm", "png", "svg"):
        raise UsageError(f"cannot tell the format of {args.output}", hint="end it in .html, .png or .svg")
    if args.min_weight < 1:
        raise UsageError("--min-weight must be 1 or more")
    kg = open_graph(args, read_only=store_exists(args))
    try:
        actor = args.actor if not VIEW_SPECS[args.view].ego else None  # its neighbours need every statement
        warn_if_everything(kg, args.view == "meeting" or any((args.body, args.since, args.until, args.topic,
                                                               actor, args.meeting, args.kind)),
                           f"the {args.view} view")
        graph = kg.visualise(args.view, output=args.output, body=args.body, since=args.since,
                             until=args.until, topic=args.topic, actor=args.actor,
                             meeting=args.meeting, kind=args.kind, stance=args.stance,
                             min_weight=args.min_weight)
    finally:
        kg.close()
    print(f"wrote {args.output}: {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} edges", file=sys.stderr)
    if graph.number_of_nodes() == 0:
        print("no statements match these filters; the network is empty", file=sys.stderr)
    return 0
