"""Named-query benchmark: every stored query on a synthetic corpus, embedded store beside rdflib.

The corpus is `--meetings` synthetic LOVP-style minutes from bench/synthetic.py
(1,000 meetings make about 0.93M quads), ingested once into an
embedded store under `--work` (kept and reused while its size matches). Each
named query runs with its parameters bound exactly as `overleg query` binds
them, on

  * the embedded store on disk (what `overleg query` uses),
  * Oxigraph in memory (the same engine without the disk, for reference),
  * rdflib in memory (a Dataset with the union default graph), in a child
    process, so a query that runs away can be stopped after `--rdflib-timeout`.

It prints the median latency of each (including the conversion of rows to
Python values on the embedded side) and the ratio rdflib / embedded, against
the goals: under 100 ms median, at least 10x faster than rdflib.

    python bench/bench_queries.py --meetings 1000 --repeat 5
    python bench/bench_queries.py --meetings 100 --json /tmp/q.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

GOAL_MS, GOAL_RATIO = 100.0, 10.0
ALL = " --all"  # suffix of the entry that takes every page of a paged query, beside its first page


def build_store(meetings: int, work: Path) -> Path:
    """Ingest the synthetic corpus once; reuse the store while the count matches."""
    import overleg

    store, marker = work / f"store-{meetings}", work / f"store-{meetings}.done"
    if marker.is_file():
        _ensure_index(store)
        return store
    corpus = work / f"corpus-{meetings}"
    synthetic.generate(meetings, corpus)
    started = time.perf_counter()
    with overleg.open(store) as kg:
        report = kg.ingest(corpus, jobs=2)
        print(f"ingested {len(report.ingested)} minutes in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    marker.write_text("ok", encoding="utf-8")
    return store


def _ensure_index(store: Path) -> None:
    """A store ingested before the link stage wrote the query index (app/link_index.py) is relinked once."""
    import overleg
    import pyoxigraph as ox

    rank = ox.NamedNode("https://w3id.org/overleg/ontology#itemRank")  # the newest part of the index
    if next(ox.Store.read_only(str(store)).quads_for_pattern(None, rank, None, None), None) is None:
        started = time.perf_counter()
        with overleg.open(store) as kg:
            kg.link()
        print(f"relinked (query index) in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def parameters(store: Path) -> dict[str, dict[str, str]]:
    """Representative values drawn from the corpus itself (most active actor, a real topic...)."""
    import overleg

    with overleg.open(store, read_only=True) as kg:
        actors = kg.query("actors").to_dicts()
        holder = max(actors, key=lambda r: r["positions"])["actor"]
        committer = max(actors, key=lambda r: r["commitments"])["actor"]
        meeting = kg.query("meetings").to_dicts()[0]
        statement = kg.sparql("PREFIX mtg: <https://w3id.org/overleg/ontology#> "
                              "SELECT ?s WHERE { ?s a mtg:Position } LIMIT 1").to_dicts()[0]["s"]
    values = {"actor": holder, "topic": "ondermijning", "statement": statement, "text": "capaciteit",
              "as_of": "2020-01-01", "body": meeting["held_by"] or "lovp", "meeting": meeting["meeting"]}
    from overleg.queries.catalogue import catalogue

    chosen = {"commitments": ("actor",), "open-commitments": ("actor", "as_of"),
              "decisions": ("meeting",), "meetings": ("body",), "decision-counts": ("body",)}
    out = {}
    for name, query in catalogue().items():
        names = {p.name for p in query.parameters if not p.optional} | set(chosen.get(name, ()))
        out[name] = {n: values[n] for n in names}
        if "commitments" in name and "actor" in out[name]:
            out[name]["actor"] = committer
    return out


def _median_ms(run, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def embedded_side(store: Path, texts: dict[str, str], params: dict, repeat: int) -> dict:
    import overleg
    import pyoxigraph as ox

    out: dict[str, dict] = {}
    with overleg.open(store, read_only=True) as kg:
        for name in texts:
            query, every = name.removesuffix(ALL), name.endswith(ALL)
            kg.query(query, params[name], all_pages=every)  # warm the caches once
            ms, rows = _median_ms(lambda q=query, n=name, e=every: len(kg.query(q, params[n], all_pages=e)),
                                  repeat)
            out[name] = {"disk_ms": ms, "rows": rows}
    memory = ox.Store()
    memory.bulk_extend(ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None))
    for name, text in texts.items():
        ms, _ = _median_ms(lambda t=text: sum(1 for _ in memory.query(
            t, use_default_graph_as_union=True)), repeat)
        out[name]["memory_ms"] = ms if not name.endswith(ALL) else float("nan")
    return out


def _rdflib_worker(nquads: bytes, inbox, outbox) -> None:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    outbox.send(("loaded", time.perf_counter() - started, len(dataset)))
    while True:
        message = inbox.recv()
        if message is None:
            return
        text, repeat = message
        try:
            outbox.send(_median_ms(lambda t=text: len(list(dataset.query(t))), repeat))
        except Exception as exc:  # rdflib fails on some valid queries: report, go on
            outbox.send((f"{type(exc).__name__}: {exc}"[:80], 0))


class RdflibSide:
    """rdflib in a child process: a runaway query is killed and the data loaded again."""

    def __init__(self, store: Path) -> None:
        import pyoxigraph as ox

        self.nquads = ox.serialize(ox.Store.read_only(str(store)), format=ox.RdfFormat.N_QUADS)
        self._start()

    def _start(self) -> None:
        context = mp.get_context("spawn")  # fork could inherit locks held by other threads
        self.to_child, child_inbox = context.Pipe()
        self.from_child, child_outbox = context.Pipe()
        self.process = context.Process(target=_rdflib_worker, args=(self.nquads, child_inbox, child_outbox),
                                       daemon=True)
        self.process.start()
        _, self.load_s, self.triples = self.from_child.recv()

    def run(self, text: str, repeat: int, timeout: float) -> float | str | None:
        """Median ms; an error message if rdflib failed; None if it ran out of time."""
        self.to_child.send((text, repeat))
        if self.from_child.poll(timeout * repeat):
            return self.from_child.recv()[0]
        self.process.kill()
        self.process.join()
        self._start()
        return None

    def close(self) -> None:
        self.to_child.send(None)
        self.process.join(timeout=10)


def _triples(store: Path) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(store)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on Oxigraph (median)")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query on rdflib")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0, help="seconds per rdflib run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/overleg-bench-queries"))
    parser.add_argument("--skip-rdflib", action="store_true", help="only the Oxigraph columns")
    parser.add_argument("--store", type=Path, help="use this already ingested store instead")
    parser.add_argument("--only", action="append", help="only this query (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    from overleg.queries.catalogue import catalogue
    from overleg.queries.paging import is_paged
    from overleg.queries.run import bound_text

    store = args.store or build_store(args.meetings, args.work)
    params = parameters(store)
    queries = dict(catalogue())
    for name, query in list(queries.items()):  # one page by default; every row too, for the record
        if is_paged(query) or query.parameter("limit") is not None:
            queries[name + ALL], params[name + ALL] = query, params[name]
    texts = {name: bound_text(q, params[name]) for name, q in queries.items()
             if not args.only or name.removesuffix(ALL) in args.only}
    figures = embedded_side(store, texts, params, args.repeat)
    triples = _triples(store)
    print(f"corpus: {args.meetings} meetings, {triples} triples")
    if args.skip_rdflib:
        for name in texts:
            figures[name]["rdflib_ms"] = "skipped"
    else:
        rdflib = RdflibSide(store)
        print(f"rdflib: {rdflib.triples} triples loaded in {rdflib.load_s:.0f} s")
        for name, text in texts.items():  # every page is outside the goal: rdflib runs the first
            figures[name]["rdflib_ms"] = ("skipped" if name.endswith(ALL) else
                                          rdflib.run(text, args.rdflib_repeat, args.rdflib_timeout))
        rdflib.close()
    report(figures, params, args.rdflib_timeout)
    if args.json:
        args.json.write_text(json.dumps({"meetings": args.meetings, "triples": triples,
                                         "params": params, "queries": figures}, indent=2))
    return 0


def report(figures: dict, params: dict, timeout: float) -> None:
    print(f"{'query':22} {'rows':>6} {'disk ms':>9} {'memory ms':>10} {'rdflib ms':>11} {'ratio':>8}  goal")
    for name, f in figures.items():
        rd = f["rdflib_ms"]
        ratio = rd / f["disk_ms"] if isinstance(rd, float) else None
        ok = f["disk_ms"] < GOAL_MS and (ratio is None or ratio >= GOAL_RATIO)
        if isinstance(rd, float):
            rd_text, ratio_text = f"{rd:11.0f}", f"{ratio:7.1f}x"
        elif rd is None:
            rd_text = f"{'>' + format(timeout, '.0f') + ' s':>11}"
            ratio_text = f"{'>' + format(timeout * 1000 / f['disk_ms'], '.0f') + 'x':>8}"
        else:
            rd_text, ratio_text = f"{'skipped' if rd == 'skipped' else 'failed':>11}", f"{'-':>8}"
        print(f"{name:22} {f['rows']:6d} {f['disk_ms']:9.1f} {f['memory_ms']:10.1f} {rd_text} {ratio_text}"
              f"  {'-' if name.endswith(ALL) else 'ok' if ok else 'MISSED'}  {params[name] or ''}")
    for name, f in figures.items():
        if isinstance(f["rdflib_ms"], str) and f["rdflib_ms"] != "skipped":
            print(f"rdflib failed on {name}: {f['rdflib_ms']}")
    print(f"paged queries return one page of 100 by default; 'NAME{ALL}' follows every page "
          "(kg.query(..., all_pages=True)), outside the goal")
    disk = [f["disk_ms"] for n, f in figures.items() if not n.endswith(ALL)]
    print(f"embedded store: median of medians {statistics.median(disk):.1f} ms, worst {max(disk):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
