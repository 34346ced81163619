"""Wiring ingest output into the store: batches, skip-unchanged, progress.

Each document is processed by the pure ingest pipeline, then its named
graph is replaced in one store transaction. A bad file is reported by name
and reason and the batch goes on; nothing already stored is touched for it.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, OverlegError
from .ingest.emit import source_id_for
from .ingest.pipeline import process_document
from .ingest.read import SUPPORTED, read_path
from .store.embedded import EmbeddedStore


@dataclass
class IngestReport:
    """What a batch did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    statements: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"ingested {len(self.ingested)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}, warnings {len(self.warnings)}, "
                f"statements {self.statements}")


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files, folders (recursively, supported types only) and glob patterns."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file()
                            and p.suffix.lower() in SUPPORTED and not p.name.startswith("."))
        elif any(ch in str(item) for ch in "*?["):
            found += sorted(Path(p) for p in glob.glob(str(item), recursive=True)
                            if Path(p).is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def ingest_paths(store: EmbeddedStore, paths: list[Path], base: str,
                 on_progress: Callable[[Path], None] | None = None,
                 force: bool = False) -> IngestReport:
    """Ingest files one transaction each; unchanged bytes are skipped."""
    report = IngestReport()
    known = store.graph_hashes()
    for path in paths:
        try:
            _ingest_one(store, path, base, known, report, force)
        except OverlegError as exc:
            report.failed[str(path)] = str(exc.message if isinstance(exc, InputError) else exc)
        finally:
            if on_progress:
                on_progress(path)
    return report


def _ingest_one(store: EmbeddedStore, path: Path, base: str, known: dict[str, str],
                report: IngestReport, force: bool) -> None:
    graph = f"{base}graph/{source_id_for(str(path))}"
    if not force and path.is_file() and known.get(graph) == _sha256(path):
        report.unchanged.append(str(path))
        return
    document = read_path(path)
    result = process_document(document, base)
    store.replace_graphs({result.graph: result.quads})
    known[result.graph] = document.sha256
    report.ingested.append(str(path))
    report.warnings.extend(result.warnings)
    report.statements += len(result.resolved.statements)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
