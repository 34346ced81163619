"""Link-stage benchmark: a first link, an unchanged relink and a relink after one changed minute.

Ingests a synthetic corpus (bench/synthetic.py) without linking, then times
`kg.link()` three times in one child process per size: right after the
ingest (no links graph yet: the bulk-loaded first link), again with nothing
changed, and after one minute was edited and re-ingested. Prints wall and CPU
seconds, how many triples of the links graph changed and the peak RSS; with
`--json FILE` the raw figures. `--store` links an existing store instead (a
copy of it: the original is never written), e.g. one ingested without linking.

    python bench/bench_link.py --sizes 100,1000
    python bench/bench_link.py --store /tmp/s10k-without-links
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


def _timed(kg) -> dict:
    from overleg.writer import done_links

    wall, cpu = time.perf_counter(), time.process_time()
    summary = kg.link()
    done_links(kg.store, kg.base)
    return {"seconds": round(time.perf_counter() - wall, 2), "cpu": round(time.process_time() - cpu, 2),
            "changed": getattr(summary, "changed", None),  # None: a version before LinkSummary.changed
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def child(store: str, corpus: str | None) -> dict:
    """Ingest `corpus` into `store` (when given) without linking, then link three times."""
    import overleg
    from overleg.ingestion import expand, ingest_paths

    out: dict = {}
    with overleg.open(store) as kg:
        files = expand([corpus]).paths if corpus else []
        if files:
            started = time.perf_counter()
            ingest_paths(kg.store, files, kg.base, jobs=2, bulk=True)
            out["ingest_seconds"] = round(time.perf_counter() - started, 1)
        out["first"] = _timed(kg)
        out["relink"] = _timed(kg)
        if files:
            edited = Path(files[len(files) // 2])
            added = "\nActie: de voorzitter stuurt de notulen rond.\n"
            edited.write_text(edited.read_text(encoding="utf-8") + added, encoding="utf-8")
            ingest_paths(kg.store, [edited], kg.base, jobs=1)
            out["one_changed"] = _timed(kg)
    return out


def run(size: int | None, work: Path, store: str | None) -> dict:
    folder = Path(tempfile.mkdtemp(dir=work))
    try:
        if store:
            shutil.copytree(store, folder / "store")
            corpus = None
        else:
            corpus = str(folder / "corpus")
            synthetic.generate(size, corpus)
        result = subprocess.run([sys.executable, __file__, "--child", str(folder / "store"), corpus or ""],
                                check=True, capture_output=True, text=True)
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--store", help="link a copy of this store instead of ingesting a corpus")
    parser.add_argument("--work", default=tempfile.gettempdir(), help="folder for corpora and stores")
    parser.add_argument("--json", help="write the raw figures here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1] or None)))
        return
    runs = {args.store: run(None, Path(args.work), args.store)} if args.store else {
        str(n): run(n, Path(args.work), None) for n in (int(s) for s in args.sizes.split(","))}
    print(f"{'corpus':>10} {'link':>12} {'seconds':>8} {'cpu':>7} {'changed':>9} {'peak MB':>8}")
    for name, result in runs.items():
        for step in ("first", "relink", "one_changed"):
            if step in result:
                r = result[step]
                changed = "?" if r["changed"] is None else r["changed"]
                print(f"{Path(name).name:>10} {step:>12} {r['seconds']:>8} {r['cpu']:>7} {changed:>9} "
                      f"{r['peak_mb']:>8}")
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
