"""Helpers shared by command modules: opening the store, writing output.

Output files are written atomically (a temporary file in the same folder,
then a rename), so an interrupted command never leaves half a report. When a
command writes several files into a folder the user chose, names go through
`contained_path`, which refuses any name that would land outside that folder
(`..`, absolute paths, symlinks pointing out).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from ..api import KnowledgeGraph
from ..errors import UsageError


def open_graph(args: argparse.Namespace, read_only: bool = False) -> KnowledgeGraph:
    """The store of `args`. One whose query index an older overleg made is opened writable once
    first, which remakes the index (a read-only command would otherwise read the old layout)."""
    options = {"base_iri": args.base_iri, "query_dirs": tuple(getattr(args, "query_dir", None) or ())}
    kg = KnowledgeGraph(args.store, read_only=read_only, **options)
    if read_only and kg.index_outdated():
        kg.close()
        print(f"overleg: {kg.settings.store}: remaking the query index (an older overleg made it); "
              "this happens once", file=sys.stderr)
        KnowledgeGraph(args.store, **options).close()
        kg = KnowledgeGraph(args.store, read_only=True, **options)
    return kg


def store_exists(args: argparse.Namespace) -> bool:
    """Whether the store of `args` holds anything: commands that only read open it read-only then, so
    they run beside 'overleg serve' and each other (a writable open takes the store for itself)."""
    from ..store.embedded import default_store_path

    path = Path(args.store) if args.store else default_store_path()
    return path.is_dir() and any(path.iterdir())


LARGE_STORE = 20_000
"""Statements above which reading every one is slow enough (~0.4 ms each on disk) to say so."""
STATEMENT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/overleg/ontology#Statement> }"


def warn_if_everything(kg: KnowledgeGraph, narrowed: bool, what: str) -> None:
    """A line on stderr before a command reads every statement of a large store, saying which
    options would narrow it (they are pushed into the store's query: visualise/statement_scope.py)."""
    if narrowed:
        return
    count = int(next(iter(kg.store.query(STATEMENT_COUNT)))["n"].value)
    if count > LARGE_STORE:
        print(f"overleg: {what} reads all {count:,} statements (about {count * 0.4 / 1000:.0f} s); "
              "--since/--until, --body or --meeting narrow it", file=sys.stderr)


def contained_path(folder: str | Path, name: str | Path) -> Path:
    """`folder/name`, refused if it resolves outside `folder` (after following symlinks)."""
    root = Path(folder).resolve()
    relative = Path(name)
    if relative.is_absolute() or relative.drive or ".." in relative.parts:
        raise UsageError(f"output name '{name}' must stay inside {folder}",
                         hint="give a plain file name without '..' or a leading '/'")
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise UsageError(f"output name '{name}' leads outside {folder} (through a symlink)")
    return target


def write_file(path: str | Path, text: str) -> Path:
    """Write text atomically: readers see the old file or the new one, never half."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(text: str, output: str | None, folder: str | Path | None = None) -> None:
    """Write to a file (inside `folder` when given), or to stdout when no file is given."""
    if output:
        path = contained_path(folder, output) if folder is not None else Path(output)
        write_file(path, text)
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
