"""New documents' N-Quads kept on disk until a bulk group is full (`overleg ingest --bulk`).

Every call of Oxigraph's bulk loader writes new sorted files into RocksDB,
which its background threads then compact into the files already there. At
250,000 triples a call, that compaction cost more CPU than the loading itself
at a few thousand minutes and grew with the store; a call per million triples
(the loader's own batch size) costs about a quarter less in all (bench/bench_ingest.py).
Holding a million triples of N-Quads in memory would be ~250 MB more for the
writer, so the group's bytes are appended to a file in the store folder and
the loader reads that file; only the documents' small records stay in memory.

The file is scratch: a crash leaves it behind and the next spool overwrites it.
What a crash does to the store is handled by the writer's journal (app/writer.py).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .ingestion import Prepared

FILE_NAME = "bulk-spool-{slot}.nq"
"""Two files take turns: one group is loaded from one while the next fills the other."""


class BulkSpool:
    """One bulk group: its documents (without their bytes) and their N-Quads in a file.

    A store in memory has no folder: its group's bytes stay in memory."""

    def __init__(self, folder: Path | None, slot: int = 0) -> None:
        self.slot = slot % 2
        self.path = folder / FILE_NAME.format(slot=self.slot) if folder is not None else None
        self.members: list[Prepared] = []
        self.triples = 0
        self.since = time.monotonic()
        self._spans: list[tuple[int, int]] = []
        self._size = 0
        self._handle: BinaryIO | None = None
        self._chunks: list[bytes] = []

    def __len__(self) -> int:
        return len(self.members)

    def add(self, prepared: Prepared) -> None:
        if not prepared.nquads.endswith(b"\n"):  # its last line must not run into the next document's
            prepared = dataclasses.replace(prepared, nquads=prepared.nquads + b"\n")
        if not self.members:
            self.since = time.monotonic()
            if self.path is not None:
                self._handle = self.path.open("wb")
        if self._handle is not None:
            self._handle.write(prepared.nquads)
        else:
            self._chunks.append(prepared.nquads)
        self._spans.append((self._size, self._size + len(prepared.nquads)))
        self._size += len(prepared.nquads)
        self.members.append(dataclasses.replace(prepared, nquads=b""))
        self.triples += prepared.triples

    def source(self) -> dict[str, object]:
        """The keyword arguments that hand the group to `Store.bulk_load`."""
        if self._handle is not None:
            self._handle.close()
            return {"path": str(self.path)}
        return {"input": b"".join(self._chunks)}

    def documents(self) -> list[Prepared]:
        """The group's documents with their bytes again (to write them one by one)."""
        if self.path is None:
            return [dataclasses.replace(p, nquads=chunk)
                    for p, chunk in zip(self.members, self._chunks, strict=True)]
        with self.path.open("rb") as handle:
            data = handle.read()
        return [dataclasses.replace(p, nquads=data[start:end])
                for p, (start, end) in zip(self.members, self._spans, strict=True)]

    def clear(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self.path is not None:
            self.path.unlink(missing_ok=True)
        self.members, self.triples, self._spans, self._size, self._chunks = [], 0, [], 0, []


class BulkLoad(threading.Thread):
    """One bulk load in its own thread (Oxigraph loads without the GIL); `result` waits for it
    and raises what it raised."""

    def __init__(self, load: Callable[[BulkSpool], None], spool: BulkSpool) -> None:
        super().__init__(name="overleg-bulk-load", daemon=True)
        self._load, self._spool = load, spool
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self._load(self._spool)
        except BaseException as exc:  # handed to the writer's thread by result()
            self.error = exc

    def result(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error
