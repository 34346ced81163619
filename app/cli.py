"""The `overleg` command line: one sub-command per module in overleg.commands.

Built-in commands register through the same extension point a plugin
would: a module with NAME, HELP, add_arguments(parser) and run(args).
Exit codes are stable: 0 ok, 1 problems found, 2 usage or input error,
3 internal error. Tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from . import __version__, commands
from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, OverlegError


def command_modules() -> list[ModuleType]:
    """Every command module, in name order."""
    found = []
    for info in pkgutil.iter_modules(commands.__path__):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{commands.__name__}.{info.name}"))
    return sorted((m for m in found if hasattr(m, "NAME")), key=lambda m: m.NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="overleg",
        description="Turn meeting minutes into a knowledge graph of actors, agenda topics, "
                    "positions, commitments and decisions, each tied to its quote.")
    parser.add_argument("--version", action="version", version=f"overleg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        child = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                               formatter_class=argparse.RawDescriptionHelpFormatter,
                               epilog=getattr(module, "EPILOG", None))
        child.add_argument("--store", help="store folder (default: $OVERLEG_STORE or "
                                           "./overleg-data)")
        child.add_argument("--base-iri", help="base IRI for minted resources "
                                              "(default: $OVERLEG_BASE_IRI or w3id.org/overleg/id/)")
        child.add_argument("--debug", action="store_true", help="show tracebacks on errors")
        module.add_arguments(child)
        child.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except OverlegError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"overleg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("overleg: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # internal error: one line unless --debug
        if args.debug:
            traceback.print_exc()
        print(f"overleg: internal error: {type(exc).__name__}: {exc} (run with --debug for "
              "the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush cannot fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
