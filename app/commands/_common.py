"""Helpers shared by command modules: opening the store, writing output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..api import KnowledgeGraph
from ..errors import UsageError


def open_graph(args: argparse.Namespace, read_only: bool = False) -> KnowledgeGraph:
    return KnowledgeGraph(args.store, base_iri=args.base_iri, read_only=read_only,
                          query_dirs=tuple(getattr(args, "query_dir", None) or ()))


def write_output(text: str, output: str | None) -> None:
    """Write to a file, or to stdout when no file is given."""
    if output:
        path = Path(output)
        if path.is_dir():
            raise UsageError(f"{output} is a folder; give a file name")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise UsageError(f"--param '{pair}' is not KEY=VALUE")
        key, value = pair.split("=", 1)
        params[key.strip()] = value
    return params
