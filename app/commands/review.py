"""overleg review: what needs a researcher's eye, and applying the review file."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

import yaml

from ..errors import ProblemsFound
from ._common import open_graph, write_output

NAME = "review"
HELP = ("List what needs review (low-confidence statements, weak follow-up links, look-alike actors, "
        "minted topics), or apply a review YAML file (re-applied on every later ingest).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--apply", metavar="FILE", help="apply this review file and relink")
    parser.add_argument("--min-confidence", type=float, default=0.75,
                        help="list unreviewed statements below this confidence (default 0.75)")
    parser.add_argument("--limit", type=int, default=50, help="show at most N items (0: all)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--template", metavar="FILE",
                        help="write a review file skeleton for the listed statements")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args, read_only=not args.apply)
    try:
        if args.apply:
            reviewed, missing = kg.review(args.apply)
            print(f"applied {args.apply}: {reviewed} statements reviewed")
            if missing:
                raise ProblemsFound(f"{len(missing)} ids in {args.apply} are not in the store: "
                                    + ", ".join(missing[:5]), hint="check the ids with 'overleg review'")
            return 0
        items = kg.needs_review(min_confidence=args.min_confidence)
    finally:
        kg.close()
    shown = items if args.limit == 0 else items[: args.limit]
    if args.template:
        write_output(_template(shown), args.template)
    if args.json:
        print(json.dumps([asdict(i) for i in shown], indent=2, ensure_ascii=False))
    else:
        for item in shown:
            print(f"{item.kind:<13}{item.subject}\n{'':<13}{item.text}\n{'':<13}({item.reason})")
        more = f", {len(shown)} shown" if len(shown) < len(items) else ""
        print(f"{len(items)} items need review{more}")
    return 0


def _template(items) -> str:
    statements = [{"id": i.subject, "review": "confirmed", "note": i.reason}
                  for i in items if i.kind in ("statement", "follow-up")]
    merges = [{"from": [i.subject], "into": i.reason.rsplit("merge into ", 1)[-1].rstrip("?")}
              for i in items if i.kind == "actor-merge"]
    header = ("# overleg review file: set review to confirmed, rejected or corrected (with 'set:');\n"
              "# delete entries you did not check. Applied with: overleg review --apply FILE\n")
    body = {"statements": statements, "actors": {"merge": merges}}
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
