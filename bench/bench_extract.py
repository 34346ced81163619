"""Extraction benchmark: documents, pages and characters per second per core.

Runs the pure ingest stages (segment -> extract -> resolve, no store) on the
bundled seed, the Dutch test corpus (tests/corpus/nl) and synthetic minutes
from bench/synthetic.py, in one process (one core), after a warm-up that
loads spaCy and the gazetteer (reported apart: it is paid once per process).
A page is counted as 3,000 characters of text, about one printed page of
minutes. With `--jobs N` the synthetic set is also run in N worker
processes to show how throughput scales with cores.

    python bench/bench_extract.py                 # defaults: 200 synthetic documents
    python bench/bench_extract.py --synthetic 1000 --jobs 2 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from overleg.config import examples_dir  # noqa: E402
from overleg.ingest.extract import extract  # noqa: E402
from overleg.ingest.read import read_bytes  # noqa: E402
from overleg.ingest.resolve import resolve  # noqa: E402
from overleg.ingest.segment import segment  # noqa: E402

CHARS_PER_PAGE = 3000
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "nl"


def run_stages(texts: list[tuple[str, str]]) -> dict[str, float]:
    """Time each stage over all texts; returns seconds per stage and counts."""
    timings = {"segment": 0.0, "extract": 0.0, "resolve": 0.0}
    statements = 0
    for name, text in texts:
        document = read_bytes(text.encode("utf-8"), name)
        started = time.perf_counter()
        segmented = segment(document)
        timings["segment"] += time.perf_counter() - started
        started = time.perf_counter()
        extraction = extract(segmented)
        timings["extract"] += time.perf_counter() - started
        started = time.perf_counter()
        resolved = resolve(extraction)
        timings["resolve"] += time.perf_counter() - started
        statements += len(resolved.statements)
    return {**timings, "statements": statements, "documents": len(texts),
            "chars": sum(len(t) for _, t in texts)}


def _worker(texts: list[tuple[str, str]]) -> dict[str, float]:
    run_stages(texts[:1])  # warm-up inside the worker
    return run_stages(texts)


def report(label: str, result: dict[str, float], wall: float, cores: int = 1) -> dict[str, float]:
    seconds = wall
    row = {"set": label, "cores": cores, "documents": result["documents"], "chars": result["chars"],
           "statements": result["statements"], "seconds": round(seconds, 3),
           "docs_per_s_per_core": round(result["documents"] / seconds / cores, 2),
           "pages_per_s_per_core": round(result["chars"] / CHARS_PER_PAGE / seconds / cores, 2),
           "chars_per_s_per_core": round(result["chars"] / seconds / cores),
           **{f"{stage}_share": round(result[stage] / max(seconds, 1e-9), 2)
              for stage in ("segment", "extract", "resolve") if stage in result}}
    print(f"{label:<22}{cores:>5}{row['documents']:>7}{row['statements']:>8}{seconds:>9.2f}"
          f"{row['docs_per_s_per_core']:>10.1f}{row['pages_per_s_per_core']:>10.1f}"
          f"{row['chars_per_s_per_core']:>12,}")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=200, help="number of synthetic minutes")
    parser.add_argument("--jobs", type=int, default=1, help="also run the synthetic set in N processes")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    run_stages([("warm.txt", "Verslag LOVP d.d. 1 mei 2019\n\n1. Punt\nDe minister zal terugkomen.\n")])
    warm_up = time.perf_counter() - started
    print(f"warm-up (spaCy blank nl, lookup lemmas, gazetteer, matchers): {warm_up:.2f} s\n")
    print(f"{'set':<22}{'cores':>5}{'docs':>7}{'stmts':>8}{'seconds':>9}{'docs/s':>10}{'pages/s':>10}"
          f"{'chars/s':>12}")

    sets = {
        "seed": [(p.name, p.read_text(encoding="utf-8")) for p in sorted(examples_dir().glob("*.txt"))],
        "corpus/nl": [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))],
        "synthetic": [(f"s{i}.txt", m.text) for i, m in enumerate(synthetic.meetings(args.synthetic))],
    }
    rows = []
    for label, texts in sets.items():
        if not texts:
            continue
        started = time.perf_counter()
        result = run_stages(texts)
        rows.append(report(label, result, time.perf_counter() - started))
    if args.jobs > 1:
        texts = sets["synthetic"]
        chunks = [texts[i::args.jobs] for i in range(args.jobs)]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            parts = list(pool.map(_worker, chunks))
        wall = time.perf_counter() - started
        merged = {key: sum(p[key] for p in parts) for key in ("documents", "chars", "statements")}
        rows.append(report(f"synthetic x{args.jobs} procs", merged, wall, cores=args.jobs))
    print(f"\nmachine: {os.cpu_count()} cores visible; a page is {CHARS_PER_PAGE:,} characters")
    if args.json:
        args.json.write_text(json.dumps({"warm_up_s": round(warm_up, 3), "rows": rows}, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
