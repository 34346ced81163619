"""The ingest worker's per-document cost: ms of CPU per document for `prepare` and its parts.

`app/ingestion.prepare` runs once per file in the worker processes (`--jobs`):
read, the extraction stages and emit (`process_document`), the progress reports
graph (`reports`), the link stage's rows (`facts`) and the bytes handed to the
parent (`encoding`: N-Quads and JSON). This prints the CPU time of each part and
of `prepare` as a whole, per document, on N synthetic minutes (bench/synthetic.py)
or a folder of minutes, after one warm-up document (spaCy, lingua, gazetteer).
CPU time of the process, not wall time: the machine is shared. The median of
`--repeat` runs is printed. What the rules remember of the sentences they
read (ingest/text_memo.py) is forgotten before each pass over the documents,
so every pass times a first reading, as an ingest of new minutes does.

    python bench/bench_prepare.py                      # 300 synthetic minutes, 3 repeats
    python bench/bench_prepare.py --corpus /tmp/c3000 --n 600
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from overleg.ingest.emit import source_id_for  # noqa: E402
from overleg.ingest.pipeline import process_document  # noqa: E402
from overleg.ingest.read import MAX_BYTES, read_path  # noqa: E402
from overleg.ingest.text_memo import forget  # noqa: E402
from overleg.ingestion import Task, expand, prepare  # noqa: E402
from overleg.link_facts import facts_of_emitted  # noqa: E402
from overleg.linking import reports_graph  # noqa: E402

BASE = "https://overleg.example/"
PARTS = ("read", "process_document", "reports", "facts", "encoding")


def _reports(segmented, base: str):
    """The reports graph as `prepare` makes it: N-Quads text and the rows `facts` reads."""
    from overleg import link_followups as followups

    document = segmented.document
    graph = reports_graph(base, document.source)
    found = followups.scan_reports(segmented)
    doc_iri = f"{base}doc/{document.sha256[:20]}"
    if hasattr(followups, "report_text"):  # the text writer; the code before it is timed too
        text, props = followups.report_text(found, doc_iri, graph)
        return text, (), props
    import pyoxigraph as ox  # before it: quads, serialised

    quads = followups.report_quads(found, doc_iri, graph)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS), quads, None


def _encoded(facts: dict) -> bytes:
    from overleg import link_facts

    encode = getattr(link_facts, "encode_facts", None)  # marshal; JSON before it
    return encode(facts) if encode else json.dumps(facts).encode("utf-8")


def parts(task: Task, timings: dict[str, float]) -> None:
    """One document through prepare's steps, each step's CPU time added to `timings`."""
    clock = time.process_time
    t0 = clock()
    document = read_path(Path(task.path), max_bytes=task.max_bytes)
    t1 = clock()
    result = process_document(document, task.base)
    t2 = clock()
    text, quads, props = _reports(result.resolved.segmented, task.base)
    t3 = clock()
    facts = facts_of_emitted(result.emitted.props, quads, props) if props is not None else \
        facts_of_emitted(result.emitted.props, quads)  # the code before report_text
    t4 = clock()
    result.emitted.nquads.encode("utf-8") + text
    _encoded(facts)
    t5 = clock()
    for name, start, end in zip(PARTS, (t0, t1, t2, t3, t4), (t1, t2, t3, t4, t5), strict=True):
        timings[name] += end - start


def run(tasks: list[Task]) -> dict[str, float]:
    """ms per document: `prepare` as a whole, then each part."""
    timings = dict.fromkeys(PARTS, 0.0)
    forget()  # every pass reads the minutes as new: nothing remembered from the pass before
    started = time.process_time()
    for task in tasks:
        prepared = prepare(task)
        if prepared.status != "ready":
            raise SystemExit(f"{task.path}: {prepared.reason}")
    whole = time.process_time() - started
    forget()
    for task in tasks:
        parts(task, timings)
    n = len(tasks)
    return {"prepare": whole / n * 1000, **{k: v / n * 1000 for k, v in timings.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300,
                        help="documents (synthetic, or the first N of --corpus)")
    parser.add_argument("--corpus", type=Path, help="a folder of minutes instead of synthetic ones")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or Path(tmp)
        if args.corpus is None:
            synthetic.generate(args.n, folder)
        paths = [str(p) for p in expand([folder]).paths[: args.n]]
        tasks = [Task(p, f"{BASE}graph/{source_id_for(p)}", None, BASE, MAX_BYTES) for p in paths]
        prepare(tasks[0])  # warm-up: models and gazetteer load once per process
        gc.freeze()
        runs = [run(tasks) for _ in range(args.repeat)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"{len(tasks)} documents, median of {args.repeat} runs, ms CPU per document")
    for key, value in median.items():
        print(f"  {key:<17} {value:7.2f}")
    print(f"  {'(sum of parts)':<17} {sum(median[k] for k in PARTS):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
