"""The ingest stages wired in order: bytes in, records and quads out, no store.

Each stage is called through `_stage`, which turns an unexpected exception
into a StageError naming the stage and the file, so a broken rule never
passes as a generic crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..errors import OverlegError, StageError
from .emit import Emitted, emit_document, source_id_for
from .extract import extract
from .language import with_language
from .read import read_bytes, read_path
from .records import Document, Resolved
from .resolve import resolve
from .segment import segment

T = TypeVar("T")


@dataclass(frozen=True)
class IngestResult:
    """One document through every stage: its records, triples and warnings."""

    document: Document
    resolved: Resolved
    emitted: Emitted
    warnings: tuple[str, ...]

    @property
    def graph(self) -> str:
        return self.emitted.graph

    @cached_property
    def quads(self) -> list[ox.Quad]:
        """The triples as pyoxigraph quads, parsed from the text on first use (workers use the text)."""
        return list(ox.parse(self.emitted.nquads, format=ox.RdfFormat.N_QUADS))


def _stage(name: str, source: str, function: Callable[..., T], *args: object) -> T:
    try:
        return function(*args)
    except OverlegError:
        raise
    except Exception as exc:  # a stage broke its contract: say which one
        raise StageError(name, source, f"{type(exc).__name__}: {exc}") from exc


def process_document(document: Document, base: str, source_id: str | None = None,
                     extractors: Iterable[str] | None = None) -> IngestResult:
    """segment -> extract -> resolve -> emit for a document already read."""
    source = document.source
    segmented = _stage("segment", source, segment, document)
    segmented = _stage("language", source, with_language, segmented)
    extraction = _stage("extract", source, extract, segmented, extractors)
    resolved = _stage("resolve", source, resolve, extraction)
    sid = source_id or source_id_for(source)
    emitted = _stage("emit", source, emit_document, resolved, base, sid)
    warnings = tuple(f"{source}: {w}" for w in (*document.warnings, *segmented.warnings))
    return IngestResult(document, resolved, emitted, warnings)


def process_path(path: str | Path, base: str, extractors: Iterable[str] | None = None
                 ) -> IngestResult:
    document = _stage("read", str(path), read_path, path)
    return process_document(document, base, extractors=extractors)


def process_bytes(data: bytes, source: str, base: str,
                  extractors: Iterable[str] | None = None) -> IngestResult:
    document = _stage("read", source, read_bytes, data, source)
    return process_document(document, base, extractors=extractors)
