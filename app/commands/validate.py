"""overleg validate: check the store against the SHACL shapes."""

from __future__ import annotations

import argparse

from ..errors import EXIT_OK, EXIT_PROBLEMS
from ._common import open_graph, store_exists

NAME = "validate"
HELP = "Validate the store against ontology/shapes.ttl (SHACL); exit 1 if it does not conform."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verbose", "-v", action="store_true", help="print the full report")


def run(args: argparse.Namespace) -> int:
    kg = open_graph(args, read_only=store_exists(args))
    try:
        report = kg.validate()
    finally:
        kg.close()
    if report.conforms:
        print("conforms: the store satisfies every shape")
        return EXIT_OK
    print(f"does not conform: {report.violations} violation(s)")
    if args.verbose:
        print(report.text)
    return EXIT_PROBLEMS
