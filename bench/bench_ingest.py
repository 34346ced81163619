"""Ingest benchmark: throughput, peak memory, store size and query latency.

Each size runs in a fresh child process (so peak RSS is that run's alone) on a
synthetic corpus from bench/synthetic.py, once per `--jobs` value, and beside
it rdflib in memory loads the same quads and answers the same queries, in the
same run, so the ratios hold on this machine today. Prints a table and,
with `--json FILE`, the raw figures. `--profile` writes a cProfile of one
ingest and prints the hot spots.

    python bench/bench_ingest.py --sizes 10,100,1000 --jobs 1,2
    python bench/bench_ingest.py --sizes 1000,10000 --jobs 2 --modes bulk --rdflib-max 1000
    python bench/bench_ingest.py --sizes 200 --profile /tmp/ingest.prof
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

QUERIES = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "commitments-by-actor": """PREFIX mtg: <https://w3id.org/overleg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label (COUNT(?c) AS ?n) WHERE { ?c a mtg:Commitment ; mtg:committedBy ?a .
          { SELECT DISTINCT ?a ?label WHERE { ?a skos:prefLabel ?label } } }
        GROUP BY ?label ORDER BY DESC(?n)""",
    # the same without DISTINCT: labels repeat in every document graph, so in the union default
    # graph this join multiplies rows (and counts) by the number of documents naming the actor
    "commitments-by-actor-naive": """PREFIX mtg: <https://w3id.org/overleg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label (COUNT(?c) AS ?n) WHERE { ?c a mtg:Commitment ; mtg:committedBy ?a .
          ?a skos:prefLabel ?label } GROUP BY ?label ORDER BY DESC(?n)""",
    "positions-on-topic": """PREFIX mtg: <https://w3id.org/overleg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?p ?quote WHERE { ?p a mtg:Position ; mtg:agendaItem ?i ; mtg:quote ?quote .
          ?i dcterms:title ?t FILTER(CONTAINS(LCASE(STR(?t)), "ondermijning")) }""",
    "item-path": """PREFIX mtg: <https://w3id.org/overleg/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?s mtg:agendaItem/mtg:meeting/mtg:heldBy ?b }""",
}


def child(store: str, corpus: str, jobs: int, profile: str | None, bulk: bool = False) -> dict:
    """One ingest in this process; returns timings, sizes and peak memory."""
    import overleg

    files = sorted(Path(corpus).glob("*.txt"))
    started = time.perf_counter()
    kg = overleg.open(store)
    opened = time.perf_counter()
    stamps: list[float] = []
    progress = {"on_progress": lambda _path: stamps.append(time.perf_counter())}
    load = os.getloadavg()[0]
    workers = _DescendantCpu()
    cpu = time.process_time()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        report = profiler.runcall(kg.ingest, corpus, jobs=jobs, bulk=bulk, **progress)
        profiler.dump_stats(profile)
    else:
        report = kg.ingest(corpus, jobs=jobs, bulk=bulk, **progress)
    ingested = time.perf_counter()
    parent_cpu, worker_cpu = time.process_time() - cpu, workers.stop()
    # steady state: after the first document (which pays for loading spaCy and the gazetteer)
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else None
    quads = len(kg.store)
    relinked = time.perf_counter()
    kg.link()     # the link stage alone (ingest ran it once already): its share of ingest_s
    link_s = time.perf_counter() - relinked
    latency = {name: _latency(lambda q=q: list(kg.store.query(q))) for name, q in QUERIES.items()}
    kg.close()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"documents": len(files), "bytes": sum(f.stat().st_size for f in files),
            "failed": len(report.failed), "open_s": opened - started, "ingest_s": ingested - opened,
            "steady_docs_s": steady, "link_s": link_s,
            "first_doc_s": (stamps[0] - opened) if stamps else None,
            "quads": quads, "store_bytes": _du(Path(store)), "peak_rss_mb": self_rss / 1024,
            "peak_worker_rss_mb": child_rss / 1024, "query_ms": latency,
            "parent_cpu_s": parent_cpu, "worker_cpu_s": worker_cpu, "load_avg": load}


class _DescendantCpu:
    """CPU seconds of this process's descendants (the workers), polled from /proc while they live:
    the workers are the fork server's children, so RUSAGE_CHILDREN never sees them. On a shared
    machine CPU per document is the steadier figure; wall time depends on the neighbours."""

    def __init__(self) -> None:
        import threading

        self.seen: dict[int, float] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def stop(self) -> float | None:
        self.done.set()
        self.thread.join()
        return sum(self.seen.values()) if Path("/proc/self/stat").exists() else None

    def _poll(self) -> None:
        tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        while not self.done.wait(0.2):
            for pid in _descendants(os.getpid()):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.seen[pid] = (int(fields[11]) + int(fields[12])) / tick


def _descendants(pid: int) -> list[int]:
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return children + [d for c in children for d in _descendants(c)]


def rdflib_side(store: str) -> dict:
    """rdflib in memory: load the same quads, answer the same queries."""
    import pyoxigraph as ox
    from rdflib import Dataset

    source = ox.Store.read_only(store)
    data = ox.serialize(source, format=ox.RdfFormat.N_QUADS)
    del source
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    loaded = time.perf_counter() - started
    latency = {name: _latency(lambda q=q: list(dataset.query(q)), repeat=1)
               for name, q in QUERIES.items()}
    return {"load_s": loaded, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "query_ms": latency}


def _latency(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(sizes: list[int], jobs: list[int], rdflib_max: int, work: Path,
          profile: str | None, modes: list[str]) -> list[dict]:
    rows = []
    for size in sizes:
        corpus = work / f"corpus-{size}"
        if not corpus.is_dir():
            synthetic.generate(size, corpus)
        for j, mode in [(j, m) for j in jobs for m in modes]:
            store = work / f"store-{size}-{j}-{mode}"
            shutil.rmtree(store, ignore_errors=True)
            row = {"size": size, "jobs": j, "mode": mode,
                   **_run_child("--child", str(store), str(corpus), str(j), profile or "", mode)}
            if size <= rdflib_max and (j, mode) == (jobs[0], modes[0]):
                row["rdflib"] = _run_child("--rdflib-child", str(store))
            rows.append(row)
            _print_row(row)
            shutil.rmtree(store, ignore_errors=True)
    return rows


def _print_row(row: dict) -> None:
    docs_s = row["documents"] / row["ingest_s"]
    line = (f"n={row['size']:>6} jobs={row['jobs']} {row['mode']:<13} ingest {row['ingest_s']:7.1f}s "
            f"(+open {row['open_s']:.1f}s)  {docs_s:6.1f} docs/s  {docs_s / row['jobs']:6.1f} docs/s/core  "
            f"steady {row['steady_docs_s'] or 0:6.1f} docs/s (first doc {row['first_doc_s'] or 0:.1f}s)  "
            f"{row['bytes'] / 1e6 / row['ingest_s']:.3f} MB/s  link stage {row['link_s']:.1f}s  "
            f"peak {row['peak_rss_mb']:.0f} MB "
            f"(workers {row['peak_worker_rss_mb']:.0f} MB)  store {row['store_bytes'] / 1e6:.1f} MB  "
            f"quads {row['quads']}  failed {row['failed']}")
    print(line, flush=True)
    if row.get("worker_cpu_s") is not None:
        per_doc = 1000 / row["documents"]
        print(f"    cpu per document: parent {row['parent_cpu_s'] * per_doc:.1f} ms (writer and link stage; "
              f"with jobs=1 also the stages) + workers {row['worker_cpu_s'] * per_doc:.1f} ms; "
              f"load average at start {row['load_avg']:.1f}", flush=True)
    queries = "  ".join(f"{k} {v:.1f}ms" for k, v in row["query_ms"].items())
    print(f"    oxigraph on disk: {queries}", flush=True)
    if "rdflib" in row:
        rd = row["rdflib"]
        ratios = "  ".join(f"{k} {v:.0f}ms (x{v / max(row['query_ms'][k], 0.01):.0f})"
                           for k, v in rd["query_ms"].items())
        print(f"    rdflib in memory: load {rd['load_s']:.1f}s, peak {rd['peak_rss_mb']:.0f} MB; "
              f"{ratios}", flush=True)


def _print_goals(rows: list[dict]) -> None:
    """The issue's goals beside what this run measured (ingest includes the link stage)."""
    for row in rows:
        per_core = row["documents"] / row["ingest_s"] / row["jobs"]
        verdict = "met" if per_core >= 100 else f"x{100 / per_core:.1f} short"
        print(f"goal n={row['size']} jobs={row['jobs']} {row['mode']}: {per_core:.1f} docs/s/core "
              f"(goal 100: {verdict})", end="")
        if row["size"] >= 10_000:
            print(f"; {row['ingest_s']:.0f} s for {row['size']} minutes (goal < 180 s)", end="")
        print()
    by_mode: dict[tuple[int, str], list[dict]] = {}
    for row in rows:
        by_mode.setdefault((row["jobs"], row["mode"]), []).append(row)
    for (jobs, mode), group in by_mode.items():
        if len(group) > 1:
            small, big = min(group, key=lambda r: r["size"]), max(group, key=lambda r: r["size"])
            print(f"memory jobs={jobs} {mode}: peak {small['peak_rss_mb']:.0f} MB at {small['size']} "
                  f"-> {big['peak_rss_mb']:.0f} MB at {big['size']} minutes "
                  f"(x{big['peak_rss_mb'] / small['peak_rss_mb']:.2f} for x{big['size'] / small['size']:.0f} "
                  "the corpus; flat is x1)")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], argv[2], int(argv[3]), argv[4] or None, argv[5] == "bulk")))
        return 0
    if argv[:1] == ["--rdflib-child"]:
        print(json.dumps(rdflib_side(argv[1])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to try, comma-separated")
    parser.add_argument("--rdflib-max", type=int, default=1000,
                        help="largest corpus also loaded into rdflib (it is slow and big)")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and stores")
    parser.add_argument("--modes", default="transactional",
                        help="write modes, comma-separated: transactional (default) and/or bulk "
                             "(overleg ingest --bulk)")
    parser.add_argument("--profile", default=None, help="write a cProfile of the ingest here")
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="overleg-bench-"))
    print(f"cpu cores {os.cpu_count()}, work {work}", flush=True)
    rows = bench([int(s) for s in args.sizes.split(",")], [int(j) for j in args.jobs.split(",")],
                 args.rdflib_max, work, args.profile, args.modes.split(","))
    _print_goals(rows)
    if args.profile:
        import pstats

        pstats.Stats(args.profile).sort_stats("tottime").print_stats(20)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
