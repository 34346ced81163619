"""Wiring ingest output into the store: batches, skip-unchanged, parallel workers.

The ingest stages are pure (bytes in, quads out), so reading, extraction
and the N-Triples serialisation run in worker processes (`jobs`); only the
parent writes to the store, which Oxigraph allows one process to do. Each
write is one SPARQL update (one transaction) holding whole documents only,
so a crash at any moment leaves every document either fully in or fully
out, and running the batch again completes it (unchanged files are skipped
by their SHA-256). A bad file is reported by name and reason and the batch
goes on; nothing is written for it, so what is already stored stays.
"""

from __future__ import annotations

import gc
import glob
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OverlegError, StoreError
from .ingest.emit import document_iri, source_id_for
from .ingest.read import MAX_BYTES, SUPPORTED, read_path
from .link_facts import encode_facts, facts_of_emitted
from .store.embedded import EmbeddedStore
from .writer import BackgroundWriter, GroupWriter, failure_reason, repair_interrupted


@dataclass
class IngestReport:
    """What a batch did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    statements: int = 0
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"ingested {len(self.ingested)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}, warnings {len(self.warnings)}, "
                f"statements {self.statements}")


@dataclass(frozen=True)
class Expanded:
    """The files a list of inputs names, and what was skipped on the way."""

    paths: list[Path]
    warnings: list[str]


@dataclass(frozen=True)
class Task:
    path: str
    graph: str
    known_sha: str | None
    base: str
    max_bytes: int


@dataclass(frozen=True)
class Prepared:
    """A worker's answer for one file; picklable (N-Quads bytes, not quads).

    The quads are serialised by pyoxigraph in the worker and parsed by Oxigraph
    in the parent's `Store.load`, so no Python object is made per triple on
    either side of the process boundary."""

    path: str
    status: str  # "ready", "unchanged", "failed", or "warning" (about the batch, no path)
    graph: str = ""
    nquads: bytes = b""
    reason: str = ""
    warnings: tuple[str, ...] = ()
    statements: int = 0
    triples: int = 0
    derived: tuple[str, ...] = ()
    """Graphs that follow from this document alone (its progress reports), written with it."""
    sha256: str = ""
    facts: bytes = b""
    """What the link stage needs from this document (app/link_facts.py), as JSON."""


def expand(inputs: Iterable[str | Path]) -> Expanded:
    """Files, folders (recursively) and glob patterns, in a stable order.

    Inside folders, hidden files are ignored and unsupported types are
    skipped with a warning; a file named explicitly is always attempted, so
    an unsupported one fails by name.
    """
    found: list[Path] = []
    warnings: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in SUPPORTED:
                    found.append(child)
                else:
                    warnings.append(f"{child}: skipped, unsupported file type "
                                    f"'{child.suffix or '(none)'}'")
        elif not path.exists() and any(ch in str(item) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True)
                             if Path(p).is_file())
            found += matches
            if not matches:
                warnings.append(f"{item}: no file matches this pattern")
        else:
            found.append(path)
    return Expanded(list(dict.fromkeys(found)), warnings)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Only the paths of `expand` (kept for callers that need no warnings)."""
    return expand(inputs).paths


def ingest_paths(store: EmbeddedStore, paths: list[Path], base: str,
                 on_progress: Callable[[Path], None] | None = None,
                 force: bool = False, jobs: int | None = None, max_bytes: int | None = None,
                 bulk: bool = False) -> IngestReport:
    """Ingest files; unchanged bytes are skipped, each document all-or-nothing.

    With `bulk`, new documents go through Oxigraph's bulk loader (app/writer.py):
    faster, and an interrupted group is undone and redone by the next ingest."""
    report = IngestReport()
    if redo := repair_interrupted(store, base):
        report.warnings.append(f"{len(redo)} document(s) of an interrupted bulk ingest were removed "
                               "and are ingested again when named")
    tasks = _tasks(store, paths, base, force, max_bytes or MAX_BYTES, report, on_progress)
    writer = BackgroundWriter(GroupWriter(store, report, base, bulk=bulk, expected=len(tasks)))
    try:
        for prepared in _prepare_all(tasks, jobs):
            _record(prepared, writer, report)
            if on_progress and prepared.path:
                on_progress(Path(prepared.path))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    report.failed = dict(sorted(report.failed.items()))
    return report


def _tasks(store: EmbeddedStore, paths: list[Path], base: str, force: bool, max_bytes: int,
           report: IngestReport, on_progress: Callable[[Path], None] | None) -> list[Task]:
    """One task per file; two files that would share a graph are not both ingested."""
    known = store.graph_hashes()
    owners: dict[str, str] = {}
    tasks: list[Task] = []
    for path in paths:
        graph = f"{base}graph/{source_id_for(str(path))}"
        if graph in owners:
            report.failed[str(path)] = (f"{path}: has the same file name as {owners[graph]} in "
                                        "this batch; both would be graph " + graph)
            if on_progress:
                on_progress(path)
            continue
        owners[graph] = str(path)
        tasks.append(Task(str(path), graph, None if force else known.get(graph), base, max_bytes))
    return tasks


def _record(prepared: Prepared, writer: BackgroundWriter, report: IngestReport) -> None:
    if prepared.status == "warning":
        report.warnings.append(prepared.reason)
    elif prepared.status == "unchanged":
        report.unchanged.append(prepared.path)
    elif prepared.status == "failed":
        report.failed[prepared.path] = prepared.reason
    else:
        writer.add(prepared)


def prepare(task: Task) -> Prepared:
    """Read, process and serialise one file (runs in a worker; touches no store)."""
    from .ingest.pipeline import process_document
    from .link_followups import report_text, scan_reports
    from .linking import reports_graph

    try:
        path = Path(task.path)
        if task.known_sha is not None and path.is_file() and path.stat().st_size <= task.max_bytes \
                and _sha256(path) == task.known_sha:
            return Prepared(task.path, "unchanged")
        document = read_path(path, max_bytes=task.max_bytes)
        result = process_document(document, task.base)
        if result.graph and result.graph != task.graph:
            raise StoreError(f"{task.path}: emitted graph {result.graph}, expected {task.graph}")
        # the reports graph (linking.reports_for) as text too: no pyoxigraph object per triple
        graph = reports_graph(task.base, document.source)
        reports, report_props = report_text(scan_reports(result.resolved.segmented),
                                            document_iri(task.base, document.sha256), graph)
        emitted = result.emitted  # text: no pyoxigraph object per triple (ingest/emit.py)
        return Prepared(task.path, "ready", task.graph, emitted.nquads.encode("utf-8") + reports,
                        warnings=result.warnings, statements=len(result.resolved.statements),
                        triples=emitted.triples + reports.count(b"\n"), derived=(graph,),
                        sha256=document.sha256,
                        facts=encode_facts(facts_of_emitted(emitted.props, (), report_props)))
    except OverlegError as exc:
        return Prepared(task.path, "failed", reason=failure_reason(task.path, str(exc)))
    except Exception as exc:  # a reader or stage bug must not stop the batch
        return Prepared(task.path, "failed",
                        reason=f"{task.path}: internal error {type(exc).__name__}: {exc}")


AUTO_JOBS_FROM = 1_000
"""With `jobs=None`, batches of this many files or more get one worker per core, smaller ones
run in this process: starting a worker costs 1-2 s, and on 2 cores one worker beside the
writer was as fast up to about a thousand minutes (10,000: 155 s with two, 251 s with one)."""


def _jobs_for(jobs: int | None, tasks: int) -> int:
    """How many worker processes: `jobs` (0: one per core), or for None chosen by batch size."""
    if jobs is None:
        jobs = 0 if tasks >= AUTO_JOBS_FROM else 1
    return max(1, min(jobs if jobs > 0 else (os.cpu_count() or 1), tasks or 1))


def _prepare_all(tasks: list[Task], jobs: int | None) -> Iterator[Prepared]:
    """Prepared files in completion order; in-process when jobs is 1.

    If the worker pool breaks (a worker killed, or workers that cannot start,
    e.g. a script read from stdin), the files it held fail by name, a warning
    says so, and the rest is prepared in this process: the batch goes on.
    """
    jobs = _jobs_for(jobs, len(tasks))
    if jobs == 1:
        yield from (prepare(task) for task in tasks)
        return
    left = dict.fromkeys(tasks)  # insertion-ordered set of tasks not yet answered
    started = False
    try:
        for prepared, task in _in_pool(tasks, jobs):
            started = True
            left.pop(task, None)
            yield prepared
    except BrokenProcessPool as exc:
        yield Prepared("", "warning", reason=f"worker processes stopped ({exc}); the remaining "
                                             "files are read in this process")
        if started:  # workers ran, then one died: the files in flight are suspects
            for task in list(left)[:jobs * 4]:
                left.pop(task)
                yield Prepared(task.path, "failed", reason=f"{task.path}: a worker process died "
                               "while reading it or a file beside it (out of memory?)")
    yield from (prepare(task) for task in left)


def _in_pool(tasks: list[Task], jobs: int) -> Iterator[tuple[Prepared, Task]]:
    pending = iter(tasks)
    running: dict[Future[Prepared], Task] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context()) as pool:
        while True:
            for task in pending:
                running[pool.submit(_prepare_in_worker, task)] = task
                if len(running) >= jobs * 4:  # bound memory: results wait for the writer
                    break
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                task = running.pop(future)
                yield _outcome(future, task), task


_WARM = [False]


def _prepare_in_worker(task: Task) -> Prepared:
    """`prepare` in a worker process, whose long-lived objects are frozen after its first document.

    By then the extraction pipeline (spaCy vocabulary, matchers, compiled cues) is built;
    frozen, the cycle collector stops walking it again and again (~60% less collector time,
    ~3% of a worker's CPU)."""
    prepared = prepare(task)
    if not _WARM[0]:
        _WARM[0] = True
        gc.freeze()
    return prepared


def _worker_context():
    """Never plain fork: the parent holds an open RocksDB with its own threads.

    A fork server (POSIX) imports the pipeline once and forks every worker
    from that clean process, so N workers do not each pay the spaCy import;
    elsewhere, spawn.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["overleg.ingest.pipeline"])
        return context
    return multiprocessing.get_context("spawn")


def _outcome(future: Future[Prepared], task: Task) -> Prepared:
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # pickling or other pool trouble
        return Prepared(task.path, "failed",
                        reason=f"{task.path}: internal error {type(exc).__name__}: {exc}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
