"""The faster ingest and link paths keep their meaning: the writer thread, the links difference."""

from __future__ import annotations

from pathlib import Path

import make_fixtures as fx
import overleg
import pyoxigraph as ox
import pytest
from overleg.ingestion import IngestReport, Prepared
from overleg.linking import _decimal, link
from overleg.store.embedded import EmbeddedStore
from overleg.writer import BackgroundWriter, GroupWriter


@pytest.fixture(autouse=True)
def _any_machine(monkeypatch) -> None:
    """Group sizes here follow BULK_TRIPLES as patched, whatever memory the machine running the
    tests has (below BULK_SMALL_MACHINE the default is halved)."""
    from overleg import writer

    monkeypatch.setattr(writer, "BULK_SMALL_MACHINE", 0)
    monkeypatch.delenv("OVERLEG_BULK_TRIPLES", raising=False)

G = "http://example.org/derived"
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.mark.parametrize("score", [0.0, 0.05, 0.1, 0.5, 0.85, 0.875, 1.0])
def test_confidences_are_written_in_the_form_the_store_gives_back(score: float) -> None:
    """Otherwise every relink deletes and re-inserts each confidence like 0.50."""
    store = EmbeddedStore()
    literal = ox.Literal(_decimal(score), datatype=XSD_DECIMAL)
    store.oxigraph.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                               literal, ox.NamedNode(G)))
    stored = next(iter(store.quads(G))).object
    assert stored.value == _decimal(score) and float(stored.value) == round(score + 1e-9, 2)


def test_relinking_an_unchanged_store_writes_nothing(seed_kg) -> None:
    before = sorted(map(str, seed_kg.store.quads(f"{seed_kg.base}graph/links")))
    assert link(seed_kg.store, seed_kg.base).changed == 0
    assert link(seed_kg.store, seed_kg.base).changed == 0
    assert sorted(map(str, seed_kg.store.quads(f"{seed_kg.base}graph/links"))) == before and before


def _prepared(name: str, nquads: bytes) -> Prepared:
    return Prepared(f"{name}.txt", "ready", f"http://example.org/g/{name}", nquads, triples=1)


def _good(name: str) -> Prepared:
    return _prepared(name, f'<http://example.org/s> <http://example.org/p> "{name}" '
                           f'<http://example.org/g/{name}> .\n'.encode())


def test_the_writer_thread_writes_every_document_in_order(kg) -> None:
    report = IngestReport()
    writer = BackgroundWriter(GroupWriter(kg.store, report, kg.base), depth=2)
    names = [f"d{i}" for i in range(7)]
    for name in names:
        writer.add(_good(name))
    writer.add(_prepared("bad", b"not N-Quads"))
    writer.close()
    assert report.ingested == [f"{n}.txt" for n in names]
    assert list(report.failed) == ["bad.txt"]
    assert {f"http://example.org/g/{n}" for n in names} <= set(kg.store.named_graphs())


def test_an_error_in_the_writer_thread_reaches_the_caller(kg, monkeypatch) -> None:
    def broken(self, group):
        raise OSError("disk full")

    monkeypatch.setattr(GroupWriter, "_write", broken)
    writer = BackgroundWriter(GroupWriter(kg.store, IngestReport(), kg.base), depth=1)
    with pytest.raises(OSError, match="disk full"):
        for i in range(200):  # the first group fails; a later add (or close) raises it here
            writer.add(_good(f"d{i}"))
        writer.close()
    writer.abort()  # and stopping afterwards does not hang


def test_an_aborted_writer_writes_nothing_more(kg) -> None:
    report = IngestReport()
    writer = BackgroundWriter(GroupWriter(kg.store, report, kg.base), depth=8)
    writer.writer.max_documents = 1000  # nothing is written before the end
    for i in range(5):
        writer.add(_good(f"d{i}"))
    writer.abort()
    assert report.ingested == []
    assert not any(g.startswith("http://example.org/g/") for g in kg.store.named_graphs())


def test_a_bad_document_in_a_bulk_group_fails_alone(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    report = IngestReport()
    writer = BackgroundWriter(GroupWriter(store, report, "http://example.org/", bulk=True))
    writer.add(_good("a"))
    writer.add(_prepared("b", b"<broken"))
    writer.close()
    assert report.ingested == ["a.txt"] and list(report.failed) == ["b.txt"]
    store.close()


def test_the_link_stage_pauses_the_cycle_collector_and_restores_it(seed_kg, monkeypatch) -> None:
    import gc

    from overleg import linking

    seen = []
    topics = linking.link_topics
    monkeypatch.setattr(linking, "link_topics", lambda *a: seen.append(gc.isenabled()) or topics(*a))
    assert gc.isenabled()
    link(seed_kg.store, seed_kg.base)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        link(seed_kg.store, seed_kg.base)  # a caller that paused it keeps it paused
        assert not gc.isenabled()
    finally:
        gc.enable()


def _document_quads(path: Path) -> set[str]:
    with overleg.open(path) as kg:
        return {str(q) for q in kg.store.oxigraph
                if "/graph/" in q.graph_name.value and "journal" not in q.graph_name.value}


def test_a_bulk_ingest_that_also_replaces_documents_stores_what_a_transactional_one_does(
        tmp_path: Path, monkeypatch) -> None:
    """New files go through the spool and the bulk loader, a changed file replaces its graph
    in a transaction; both paths in one batch leave the same graphs as a plain ingest."""
    from overleg import bulk_spool, writer

    loads = []
    monkeypatch.setattr(writer, "BULK_TRIPLES", 1)  # every new document is its own bulk group
    spool_add = bulk_spool.BulkSpool.add
    monkeypatch.setattr(bulk_spool.BulkSpool, "add",
                        lambda self, p: loads.append(p.path) or spool_add(self, p))
    paths = fx.variants(4, tmp_path / "in")
    with overleg.open(tmp_path / "bulk") as kg:
        assert kg.ingest(*paths[:2], bulk=True).ok
        paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nDe VNG steunt dit.\n", encoding="utf-8")
        loads.clear()
        report = kg.ingest(*paths, bulk=True)
        assert report.ok and sorted(report.ingested) == sorted(map(str, paths[1:]))
        assert sorted(loads) == sorted(map(str, paths[2:]))  # the changed file was not spooled
        assert not list((tmp_path / "bulk").glob("bulk-spool*"))
    with overleg.open(tmp_path / "plain") as kg:
        assert kg.ingest(*paths).ok
    assert _document_quads(tmp_path / "bulk") == _document_quads(tmp_path / "plain")


def test_a_spooled_group_that_fails_is_written_one_document_at_a_time(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    report = IngestReport()
    group = GroupWriter(store, report, "http://example.org/", bulk=True)
    for name in ("a", "b", "c"):
        group.add(_good(name) if name != "b" else _prepared("b", b"<http://example.org/s> <broken"))
    assert list((tmp_path / "s").glob("bulk-spool*")) and report.ingested == []  # waiting on disk
    group.flush()
    assert report.ingested == ["a.txt", "c.txt"] and list(report.failed) == ["b.txt"]
    assert {q.graph_name.value for q in store.quads()} >= {"http://example.org/g/a", "http://example.org/g/c"}
    assert not list((tmp_path / "s").glob("bulk-spool*"))
    store.close()


@pytest.mark.parametrize("expected, loads", [(0, 1), (12, 5), (40, 3)])
def test_bulk_groups_are_a_share_of_the_expected_batch(tmp_path: Path, monkeypatch, expected: int,
                                                       loads: int) -> None:
    """The last bulk group is loaded with no extraction left to overlap it: a batch is cut
    into at least BULK_SHARE groups, none under BULK_MIN_TRIPLES, none over BULK_TRIPLES, and
    towards its end a group holds no more than what is still to come (12: 3, 3, 3, 2, 1)."""
    from overleg import writer

    monkeypatch.setattr(writer, "BULK_MIN_TRIPLES", 2)
    monkeypatch.setattr(writer, "BULK_TAIL_TRIPLES", 2)
    monkeypatch.setattr(writer, "BULK_TRIPLES", 4 if expected else 1_000)  # unknown: the largest groups
    calls = []
    bulk = GroupWriter._bulk_load
    monkeypatch.setattr(GroupWriter, "_bulk_load", lambda self, spool: calls.append(len(spool))
                        or bulk(self, spool))
    store = EmbeddedStore(tmp_path / "s")
    group = GroupWriter(store, IngestReport(), "http://example.org/", bulk=True, expected=expected)
    for i in range(12):
        group.add(_good(f"d{i}"))
    group.flush()
    assert len(calls) == loads and sum(calls) == 12 and calls[-1] == min(calls)
    store.close()


def test_overleg_bulk_triples_caps_the_bulk_groups(tmp_path: Path, monkeypatch) -> None:
    """$OVERLEG_BULK_TRIPLES bounds what one bulk load holds (Oxigraph keeps a load in memory):
    twelve documents of one triple under a cap of 5 are three loads, none over 5."""
    from overleg import writer

    monkeypatch.setattr(writer, "BULK_TRIPLES", 1_000)
    monkeypatch.setenv("OVERLEG_BULK_TRIPLES", "5")
    calls = []
    bulk = GroupWriter._bulk_load
    monkeypatch.setattr(GroupWriter, "_bulk_load", lambda self, spool: calls.append(len(spool))
                        or bulk(self, spool))
    store = EmbeddedStore(tmp_path / "s")
    group = GroupWriter(store, IngestReport(), "http://example.org/", bulk=True)
    for i in range(12):
        group.add(_good(f"d{i}"))
    group.flush()
    assert calls == [5, 5, 2]
    store.close()


def test_a_machine_with_less_memory_gets_half_the_bulk_group(tmp_path: Path, monkeypatch) -> None:
    from overleg import writer

    monkeypatch.setattr(writer, "BULK_TRIPLES", 8)
    store = EmbeddedStore(tmp_path / "s")
    assert GroupWriter(store, IngestReport(), "http://example.org/", bulk=True).max_bulk_triples == 8
    monkeypatch.setattr(writer, "BULK_SMALL_MACHINE", 1 << 62)  # more memory than any machine has
    assert GroupWriter(store, IngestReport(), "http://example.org/", bulk=True).max_bulk_triples == 4
    monkeypatch.setenv("OVERLEG_BULK_TRIPLES", "6")  # the variable wins
    assert GroupWriter(store, IngestReport(), "http://example.org/", bulk=True).max_bulk_triples == 6
    store.close()


@pytest.mark.parametrize("variable", ["OVERLEG_BULK_TRIPLES", "OVERLEG_INGEST_GROUP"])
@pytest.mark.parametrize("value", ["0", "-3", "lots", "1e6"])
def test_a_bad_group_size_is_refused_by_name(tmp_path: Path, monkeypatch, cli, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    (tmp_path / "m.txt").write_text("Verslag LOVP 12 maart 2024\n\n1. Opening\nDe voorzitter opent.\n")
    result = cli("ingest", str(tmp_path / "m.txt"), "--store", str(tmp_path / "s"), "--bulk")
    err = result.err.strip()
    assert result.code == 2 and variable in err and repr(value) in err and len(err.splitlines()) == 1


def test_the_next_bulk_group_fills_while_one_is_loading(tmp_path: Path, monkeypatch) -> None:
    """A bulk load runs in its own thread: documents keep arriving (and spooling) meanwhile,
    one load runs at a time, and every document is in once the writer is flushed."""
    import threading
    import time

    from overleg import writer

    monkeypatch.setattr(writer, "BULK_TRIPLES", 3)
    release, started, running = threading.Event(), [], []
    bulk = GroupWriter._bulk_load

    def slow(self, spool):
        running.append(1)
        assert len(running) == 1, "two bulk loads at once"
        started.append(len(spool))
        release.wait(10)
        bulk(self, spool)
        running.pop()

    monkeypatch.setattr(GroupWriter, "_bulk_load", slow)
    store = EmbeddedStore(tmp_path / "s")
    report = IngestReport()
    group = GroupWriter(store, report, "http://example.org/", bulk=True)
    for i in range(5):  # the first three start a load that waits; two more go to the next spool
        group.add(_good(f"d{i}"))
    for _ in range(500):  # the loader thread reports in
        if started:
            break
        time.sleep(0.01)
    assert started == [3] and len(group.spool) == 2 and report.ingested == []
    release.set()
    group.flush()
    assert sorted(report.ingested) == [f"d{i}.txt" for i in range(5)] and started == [3, 2]
    assert {f"http://example.org/g/d{i}" for i in range(5)} <= set(store.named_graphs())
    assert not list((tmp_path / "s").glob("bulk-spool*"))
    store.close()


def test_a_worker_freezes_its_long_lived_objects_after_its_first_document(seed_path: Path,
                                                                           monkeypatch) -> None:
    import gc

    from overleg import ingestion
    from overleg.ingest.emit import source_id_for

    base = "http://example.org/"
    task = ingestion.Task(str(seed_path), f"{base}graph/{source_id_for(str(seed_path))}", None, base, 1 << 26)
    monkeypatch.setattr(ingestion, "_WARM", [False])
    frozen = gc.get_freeze_count()
    try:
        assert ingestion._prepare_in_worker(task).status == "ready"
        after_first = gc.get_freeze_count()
        assert after_first > frozen
        ingestion._prepare_in_worker(task)
        assert gc.get_freeze_count() == after_first  # once per worker
    finally:
        gc.unfreeze()
