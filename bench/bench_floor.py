"""The floor under ingest throughput: what one minute costs the workers and what it costs Oxigraph.

An ingest spends CPU in two places: the worker stages (read, extract, resolve,
emit: `app/ingestion.prepare`) and the store (Oxigraph's bulk loader, then
RocksDB compacting what it loaded). This measures both on the same N minutes,
apart from everything else an ingest does (processes, queues, journal, link
stage), and prints the best throughput the two allow together:

    ceiling (minutes/s per core) = 1000 / (worker ms + loader ms + compaction ms)

No ingest can beat that ceiling on this machine with this graph, so it says
which goal a faster pipeline could still reach and which needs fewer quads or
another store. The store's part is loaded in groups of `--group` triples into a
fresh store on disk, as `overleg ingest --bulk` loads them, and its CPU is the
process's (every Oxigraph and RocksDB thread), counted until the background
compaction has stopped; the compaction threads (`rocksdb:*`) are also shown
apart. `--ingest` also runs `overleg ingest --jobs J --bulk` on the same files
and prints what it achieved against the ceiling.

    python bench/bench_floor.py                    # 1,000 synthetic minutes
    python bench/bench_floor.py --n 3000 --ingest  # and a real ingest beside it
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pyoxigraph as ox  # noqa: E402
import synthetic  # noqa: E402
from overleg.ingest.emit import source_id_for  # noqa: E402
from overleg.ingest.read import MAX_BYTES  # noqa: E402
from overleg.ingest.text_memo import forget  # noqa: E402
from overleg.ingestion import Task, expand, ingest_paths, prepare  # noqa: E402
from overleg.store.embedded import EmbeddedStore  # noqa: E402

BASE = "https://overleg.example/"
GOAL_PER_CORE = 100
"""Issue 8's goal: minutes per second per core."""
GOAL_10K_SECONDS = 180
"""Issue 8's goal: 10,000 minutes in under three minutes on two cores."""
SETTLED = 2.0
"""Seconds without CPU use after which the store's background compaction counts as done."""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _thread_cpu(prefix: str) -> float:
    """CPU seconds of this process's live threads whose name starts with `prefix` (from /proc)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name, fields = stat.split("(", 1)[1].rsplit(")", 1)
        if name.startswith(prefix):
            values = fields.split()
            total += (int(values[11]) + int(values[12])) / tick
    return total


def worker_pass(tasks: list[Task]) -> tuple[float, list[bytes]]:
    """CPU seconds of `prepare` over all tasks (one process, as a worker runs them), and their N-Quads."""
    forget()  # a first reading of every minute, as an ingest of new minutes does
    started = _cpu()
    out = []
    for task in tasks:
        prepared = prepare(task)
        if prepared.status != "ready":
            raise SystemExit(f"{task.path}: {prepared.status}: {prepared.reason}")
        out.append(prepared.nquads)
    return _cpu() - started, out


def _groups(nquads: list[bytes], group_triples: int) -> list[bytes]:
    """The documents' N-Quads cut into bulk groups of about `group_triples` lines, whole documents each."""
    groups, current, lines = [], [], 0
    for text in nquads:
        current.append(text)
        lines += text.count(b"\n")
        if lines >= group_triples:
            groups.append(b"".join(current))
            current, lines = [], 0
    if current:
        groups.append(b"".join(current))
    return groups


def store_pass(nquads: list[bytes], group_triples: int, folder: Path) -> dict[str, float]:
    """CPU seconds of bulk loading the groups into a fresh store in `folder`, until compaction settles."""
    store = ox.Store(str(folder))
    groups = _groups(nquads, group_triples)
    compaction_before = _thread_cpu("rocksdb")
    started = _cpu()
    for group in groups:
        store.bulk_load(group, format=ox.RdfFormat.N_QUADS, lenient=True)
    loaded = _cpu()
    last, quiet_since = loaded, time.monotonic()
    while time.monotonic() - quiet_since < SETTLED:
        time.sleep(0.25)
        now = _cpu()
        if now - last > 0.01:
            last, quiet_since = now, time.monotonic()
    quads = len(store)
    compaction = _thread_cpu("rocksdb") - compaction_before
    del store
    return {"total": last - started, "during loads": loaded - started, "compaction threads": compaction,
            "quads": quads, "groups": len(groups)}


def ingest_pass(paths: list[Path], jobs: int, folder: Path) -> float:
    """Wall seconds of `overleg ingest --jobs J --bulk` (no link stage) into a fresh store."""
    store = EmbeddedStore(str(folder))
    try:
        started = time.perf_counter()
        report = ingest_paths(store, paths, BASE, jobs=jobs, bulk=True)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    if len(report.ingested) != len(paths):
        raise SystemExit(f"ingest: {report.summary()}")
    return elapsed


def report(n: int, worker: float, store: dict[str, float], ingest: tuple[int, float] | None) -> None:
    per = {"workers": worker / n * 1000, "store": store["total"] / n * 1000}
    floor = per["workers"] + per["store"]
    ceiling = 1000 / floor
    print(f"{n} minutes, {store['quads']:,} quads ({store['quads'] / n:.0f} a minute), "
          f"{store['groups']} bulk groups; ms CPU per minute:")
    print(f"  workers (prepare)          {per['workers']:7.2f}")
    print(f"  store (load + compaction)  {per['store']:7.2f}   of which compaction threads "
          f"{store['compaction threads'] / n * 1000:.2f}, "
          f"{store['total'] / store['quads'] * 1e6:.1f} us a quad")
    print(f"  together                   {floor:7.2f}")
    print(f"ceiling: {ceiling:.1f} minutes/s per core; goal {GOAL_PER_CORE}: "
          f"{GOAL_PER_CORE / ceiling:.2f}x the ceiling")
    print(f"  the store alone allows {1000 / per['store']:.1f} minutes/s per core, the workers alone "
          f"{1000 / per['workers']:.1f}")
    ten_k = 10_000 * floor / 1000 / 2
    print(f"  10,000 minutes on 2 cores at the ceiling: {ten_k:.0f} s before the link stage "
          f"(goal {GOAL_10K_SECONDS} s with it; compaction grows with the store, so this is a lower bound)")
    if ingest is not None:
        jobs, seconds = ingest
        cores = min(jobs + 1, os.cpu_count() or 1)
        achieved = n / seconds / cores
        print(f"ingest --jobs {jobs} --bulk: {seconds:.1f} s, {n / seconds:.1f} minutes/s, "
              f"{achieved:.1f} per core on {cores} cores: {achieved / ceiling:.0%} of the ceiling")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="minutes (synthetic, or the first N of --corpus)")
    parser.add_argument("--corpus", type=Path, help="a folder of minutes instead of synthetic ones")
    parser.add_argument("--group", type=int, default=2_000_000,
                        help="triples per bulk load (the writer's cap, app/writer.py BULK_TRIPLES)")
    parser.add_argument("--ingest", action="store_true", help="also run a real ingest of the same minutes")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of that ingest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or Path(tmp) / "minutes"
        if args.corpus is None:
            synthetic.generate(args.n, folder)
        paths = expand([folder]).paths[: args.n]
        tasks = [Task(str(p), f"{BASE}graph/{source_id_for(str(p))}", None, BASE, MAX_BYTES) for p in paths]
        prepare(tasks[0])  # warm-up: models and gazetteer load once per process
        gc.freeze()
        worker, nquads = worker_pass(tasks)
        store = store_pass(nquads, args.group, Path(tmp) / "store")
        del nquads
        ingest = (args.jobs, ingest_pass(paths, args.jobs, Path(tmp) / "ingest")) if args.ingest else None
    report(len(tasks), worker, store, ingest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
