"""Reliability figures: user-query isolation cost, time-limit behaviour, crash points.

Prints, on this machine today:
- the cost of running user SPARQL isolated (checkpoint + child process) beside
  the same query in-process, on a store of N synthetic minutes;
- how long a runaway query takes to return at a given limit, and whether a
  core is still busy afterwards (child killed vs. helper thread left running);
- for K SIGKILLs at random moments of an ingest: how many documents were in,
  and that none was partial (the property tests/test_crash_safety.py asserts).

    python bench/bench_reliability.py --docs 40 --kills 6 --limit 1
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
SMALL = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"


def cpu_seconds() -> float:
    usage = os.times()
    return usage.user + usage.system


def isolation_cost(store: Path, repeats: int = 5) -> None:
    import overleg
    from overleg.queries.safety import run_limited

    with overleg.open(store) as kg:
        started = time.perf_counter()
        for _ in range(repeats):
            kg.store.query(SMALL)
        inproc = (time.perf_counter() - started) / repeats
        started = time.perf_counter()
        for _ in range(repeats):
            run_limited(kg.store, SMALL, timeout=60)
        child = (time.perf_counter() - started) / repeats
    print(f"user query, in-process: {inproc * 1000:8.1f} ms; isolated (checkpoint + child): "
          f"{child * 1000:8.1f} ms  (x{child / max(inproc, 1e-9):,.0f})")


def runaway(store: Path, limit: float) -> None:
    import overleg
    from overleg.errors import QueryError

    with overleg.open(store) as kg:
        started = time.perf_counter()
        try:
            kg.sparql(RUNAWAY, timeout=limit)
        except QueryError as exc:
            print(f"runaway query, on-disk store: returned after {time.perf_counter() - started:.2f} s "
                  f"at a {limit:g} s limit: {exc.message}")
        before = cpu_seconds()
        time.sleep(2)
        print(f"  process CPU in the 2 s after: {cpu_seconds() - before:.2f} s (child killed)")
    with overleg.open(in_memory=True) as memory:
        memory.store.oxigraph.extend(overleg.open(store, read_only=True).store.quads())
        started = time.perf_counter()
        try:
            memory.sparql(RUNAWAY, timeout=limit)
        except QueryError:
            print(f"runaway query, in-memory store: returned after "
                  f"{time.perf_counter() - started:.2f} s")
        before = cpu_seconds()
        time.sleep(2)
        print(f"  process CPU in the 2 s after: {cpu_seconds() - before:.2f} s "
              "(helper thread still evaluating)")


def crash_points(corpus: Path, work: Path, kills: int, seed: int) -> None:
    from overleg.store.embedded import EmbeddedStore

    command = [sys.executable, "-m", "overleg.cli", "ingest", str(corpus), "--progress", "off"]
    started = time.perf_counter()
    subprocess.run([*command, "--store", str(work / "ref")], check=True, capture_output=True)
    took = time.perf_counter() - started
    reference = _dumps(EmbeddedStore, work / "ref")
    rng = random.Random(seed)
    for n in range(kills):
        store = work / f"kill{n}"
        delay = rng.uniform(0.5, took)
        process = subprocess.Popen([*command, "--store", str(store)], start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        found = _dumps(EmbeddedStore, store)
        partial = [g for g, t in found.items() if t != reference.get(g)]
        print(f"kill {n} at {delay:5.2f} s of {took:.2f} s: {len(found):3d} of {len(reference)} "
              f"document graphs in, partial: {len(partial)}")


def _dumps(store_class, path: Path) -> dict[str, list[str]]:
    if not (path / "CURRENT").exists():
        return {}
    store = store_class(path, read_only=True)
    try:
        return {g: sorted(str(q) for q in store.quads(g)) for g in store.named_graphs()
                if "/graph/links" not in g and "/graph/reports" not in g}
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--limit", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import overleg

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        synthetic.generate(args.docs, work / "corpus", seed=args.seed)
        with overleg.open(work / "store") as kg:
            kg.ingest(work / "corpus")
        isolation_cost(work / "store")
        runaway(work / "store", args.limit)
        crash_points(work / "corpus", work, args.kills, args.seed)


if __name__ == "__main__":
    main()
