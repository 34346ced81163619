"""Extraction benchmark: ms per document per stage, documents and pages per second per core.

Runs the pure ingest stages (read -> segment -> language -> extract ->
resolve -> emit, no store, as ingest/pipeline.py chains them) on the bundled
seed, the Dutch and English test corpora (tests/corpus/nl, tests/corpus/en)
and synthetic minutes from bench/synthetic.py, in one process (one core),
after a warm-up that loads spaCy, lingua and the gazetteer (reported apart:
it is paid once per process). Each set runs `--repeat` times and the median
of each figure is printed; single-process figures are CPU time of the
process, since the machine is shared (the `--jobs` row is wall time). A page is counted as
3,000 characters of text, about one printed page of minutes. With `--jobs N`
the synthetic set is also run in N worker processes to show how throughput
scales with cores. What the rules remember of the sentences they read
(ingest/text_memo.py) is forgotten before each run, so a repeat does not
time lookups of the run before.

    python bench/bench_extract.py                 # defaults: 200 synthetic documents, 3 repeats
    python bench/bench_extract.py --synthetic 1000 --jobs 2 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from overleg.config import examples_dir  # noqa: E402
from overleg.ingest.emit import emit, source_id_for  # noqa: E402
from overleg.ingest.extract import extract  # noqa: E402
from overleg.ingest.language import with_language  # noqa: E402
from overleg.ingest.read import read_bytes  # noqa: E402
from overleg.ingest.resolve import resolve  # noqa: E402
from overleg.ingest.segment import segment  # noqa: E402
from overleg.ingest.text_memo import forget  # noqa: E402

CHARS_PER_PAGE = 3000
CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpus"
BASE = "https://example.org/overleg/"
STAGES = ("read", "segment", "language", "extract", "resolve", "emit")


def _read(data: bytes, source: str):
    return read_bytes(data, source)


def _emit(resolved, source: str):
    return emit(resolved, BASE, source_id_for(source))


def run_stages(texts: list[tuple[str, str]]) -> dict[str, float]:
    """Time each stage over all texts; returns seconds per stage and counts."""
    timings = dict.fromkeys(STAGES, 0.0)
    statements = 0
    for name, text in texts:
        value: object = text.encode("utf-8")
        functions = (partial(_read, source=name), segment, with_language, extract, resolve,
                     partial(_emit, source=name))
        for stage, function in zip(STAGES, functions, strict=True):
            started = time.process_time()
            value = function(value)
            timings[stage] += time.process_time() - started
            if stage == "resolve":
                statements += len(value.statements)
    return {**timings, "statements": statements, "documents": len(texts),
            "chars": sum(len(t) for _, t in texts)}


def _worker(texts: list[tuple[str, str]]) -> dict[str, float]:
    run_stages(texts[:1])  # warm-up inside the worker
    forget()
    return run_stages(texts)


def report(label: str, result: dict[str, float], wall: float, cores: int = 1) -> dict[str, float]:
    docs = result["documents"]
    row = {"set": label, "cores": cores, "documents": docs, "chars": result["chars"],
           "statements": result["statements"], "seconds": round(wall, 3),
           "ms_per_doc": round(1000 * wall * cores / docs, 2),
           "docs_per_s_per_core": round(docs / wall / cores, 2),
           "pages_per_s_per_core": round(result["chars"] / CHARS_PER_PAGE / wall / cores, 2),
           **{f"{stage}_ms_per_doc": round(1000 * result[stage] / docs, 2)
              for stage in STAGES if stage in result}}
    stages = "".join(f"{row.get(f'{s}_ms_per_doc', float('nan')):>9.2f}" for s in STAGES)
    print(f"{label:<20}{cores:>5}{docs:>6}{row['statements']:>7}{row['ms_per_doc']:>9.2f}"
          f"{row['docs_per_s_per_core']:>9.1f}{row['pages_per_s_per_core']:>9.1f}{stages}")
    return row


def _median_run(texts: list[tuple[str, str]], repeat: int, stat: str = "median"
                ) -> tuple[dict[str, float], float]:
    """Median (or least) CPU time and per-stage CPU seconds over `repeat` runs.

    CPU time of this process, not wall time: on a shared machine other
    processes stretch the wall clock but not the work this one does. They
    still slow it (shared caches and cores), so on a busy machine the least
    of several runs (`--stat min`) is the steadier figure."""
    pick = min if stat == "min" else statistics.median
    runs = []
    for _ in range(repeat):
        forget()  # each run reads the minutes as new: the cue readings are not remembered from the last
        started = time.process_time()
        result = run_stages(texts)
        runs.append((result, time.process_time() - started))
    merged = dict(runs[0][0])
    for stage in STAGES:
        merged[stage] = pick(r[stage] for r, _ in runs)
    return merged, pick(w for _, w in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=200, help="number of synthetic minutes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per set; medians are printed")
    parser.add_argument("--stat", choices=("median", "min"), default="median",
                        help="figure printed over the runs (min: steadier on a busy machine)")
    parser.add_argument("--jobs", type=int, default=1, help="also run the synthetic set in N processes")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    run_stages([("warm.txt", "Verslag LOVP d.d. 1 mei 2019\n\n1. Punt\nDe minister zal terugkomen.\n"),
                ("warm-en.txt", "Minutes of the board held on 1 May 2019\n\n1. Budget\n"
                                "The chair said that the board will review the budget next month.\n")])
    warm_up = time.perf_counter() - started
    print(f"warm-up (spaCy blank nl/en, lingua, gazetteer, matchers): {warm_up:.2f} s\n")
    print(f"{'set':<20}{'cores':>5}{'docs':>6}{'stmts':>7}{'ms/doc':>9}{'docs/s':>9}{'pages/s':>9}"
          + "".join(f"{s:>9}" for s in STAGES))

    sets = {
        "seed": [(p.name, p.read_text(encoding="utf-8")) for p in sorted(examples_dir().glob("*.txt"))],
        **{f"corpus/{lang}": [(p.name, p.read_text(encoding="utf-8"))
                              for p in sorted((CORPORA / lang).glob("*.txt"))] for lang in ("nl", "en")},
        "synthetic": [(f"s{i}.txt", m.text) for i, m in enumerate(synthetic.meetings(args.synthetic))],
    }
    rows = []
    for label, texts in sets.items():
        if texts:
            result, wall = _median_run(texts, args.repeat, args.stat)
            rows.append(report(label, result, wall))
    if args.jobs > 1:
        texts = sets["synthetic"]
        chunks = [texts[i::args.jobs] for i in range(args.jobs)]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            parts = list(pool.map(_worker, chunks))
        wall = time.perf_counter() - started
        merged = {key: sum(p[key] for p in parts) for key in ("documents", "chars", "statements")}
        rows.append(report(f"synthetic x{args.jobs} procs", merged, wall, cores=args.jobs))
    print(f"\nstage columns: CPU ms per document ({args.stat} of {args.repeat}); machine: "
          f"{os.cpu_count()} cores visible; a page is {CHARS_PER_PAGE:,} characters")
    if args.json:
        args.json.write_text(json.dumps({"warm_up_s": round(warm_up, 3), "rows": rows}, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
