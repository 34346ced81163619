"""Batches: folders and globs, bad files reported by name while the rest goes in,
nothing stored is lost for a failed file, and --jobs gives the same graphs."""

from __future__ import annotations

from pathlib import Path

import make_fixtures as fx
import overleg
import pytest
from overleg.ingestion import IngestReport, Prepared
from overleg.ontology.terms import DEFAULT_BASE_IRI
from overleg.writer import GroupWriter


def graph_dump(kg, graph: str) -> list[str]:
    return sorted(f"{q.subject} {q.predicate} {q.object}" for q in kg.store.quads(graph))


def graph_of(path: Path) -> str:
    from overleg.ingest.emit import source_id_for

    return f"{DEFAULT_BASE_IRI}graph/{source_id_for(str(path))}"


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """A folder of good minutes in four formats and one of each kind of bad file."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(fx.MINUTES, encoding="utf-8")
    (folder / "sub" / "good.pdf").write_bytes(fx.pdf_bytes([fx.MINUTES, fx.PAGE_TWO]))
    (folder / "good.docx").write_bytes(fx.docx_bytes(fx.MINUTES.splitlines()))
    (folder / "good.html").write_text(f"<html><body><pre>{fx.MINUTES}</pre></body></html>")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 4)
    (folder / "locked.pdf").write_bytes(fx.pdf_bytes(["x"], owner_password="o", user_password="u"))
    (folder / "half.docx").write_bytes(fx.truncated(fx.docx_bytes(["Een zin."])))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.txt").write_text("verborgen")
    return folder


GOOD = {"good.txt", "good.pdf", "good.docx", "good.html"}
BAD = {"empty.txt": "empty", "binary.md": "binary", "locked.pdf": "encrypted",
       "half.docx": "truncated DOCX"}


def test_batch_goes_on_past_bad_files(kg, mixed: Path) -> None:
    report = kg.ingest(mixed)
    assert {Path(p).name for p in report.ingested} == GOOD
    assert {Path(p).name: r for p, r in report.failed.items()}.keys() == BAD.keys()
    for path, reason in report.failed.items():
        assert reason.startswith(path) and BAD[Path(path).name] in reason
    assert any("photo.jpg" in w and "unsupported" in w for w in report.warnings)
    assert not any(".hidden" in p for p in [*report.ingested, *report.failed])
    assert set(kg.store.named_graphs()) >= {graph_of(Path(p)) for p in report.ingested}
    assert not report.ok


def test_cli_reports_one_line_per_problem_and_exits_1(cli, mixed: Path, tmp_path: Path) -> None:
    result = cli("ingest", mixed, "--store", tmp_path / "store", "--progress", "off")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD)
    for name, reason in BAD.items():
        assert any(name in line and reason in line for line in errors)
    assert "ingested 4, unchanged 0, failed 4" in result.out


def test_all_good_batch_exits_0_and_second_run_is_unchanged(cli, tmp_path: Path) -> None:
    paths = fx.variants(3, tmp_path / "in")
    store = tmp_path / "store"
    first = cli("ingest", str(tmp_path / "in" / "*.txt"), "--store", store)
    assert first.code == 0 and "ingested 3, unchanged 0, failed 0" in first.out
    paths[1].write_text(paths[1].read_text() + "\nDe VNG zal reageren.\n", encoding="utf-8")
    second = cli("ingest", tmp_path / "in", "--store", store)
    assert second.code == 0 and "ingested 1, unchanged 2, failed 0" in second.out


def test_failed_reingest_keeps_what_was_stored(kg, tmp_path: Path) -> None:
    path = tmp_path / "verslag.pdf"
    path.write_bytes(fx.pdf_bytes([fx.MINUTES, fx.PAGE_TWO]))
    assert kg.ingest(path).ok
    before = graph_dump(kg, graph_of(path))
    total = len(kg.store)
    path.write_bytes(fx.truncated(path.read_bytes(), 0.7))
    report = kg.ingest(path)
    assert list(report.failed) == [str(path)] and "truncated" in report.failed[str(path)]
    assert graph_dump(kg, graph_of(path)) == before
    assert len(kg.store) == total


def test_two_files_with_the_same_name_do_not_overwrite_each_other(kg, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "verslag.txt", tmp_path / "b" / "verslag.txt"
    for path, extra in ((a, "De VNG zal bellen."), (b, "De politie zal schrijven.")):
        path.parent.mkdir()
        path.write_text(fx.MINUTES + extra, encoding="utf-8")
    report = kg.ingest(a, b)
    assert report.ingested == [str(a)]
    assert "same file name" in report.failed[str(b)]


def test_minutes_without_date_or_body_warn_by_name(kg, tmp_path: Path) -> None:
    path = tmp_path / "los.txt"
    path.write_text("Er werd gesproken over het weer.\nDe voorzitter zal het nagaan.\n")
    report = kg.ingest(path)
    assert report.ingested == [str(path)]
    assert any(w.startswith(str(path)) and "no meeting date" in w for w in report.warnings)


def test_a_glob_that_matches_nothing_warns(kg, tmp_path: Path) -> None:
    report = kg.ingest(str(tmp_path / "*.pdf"))
    assert report.ingested == [] and any("no file matches" in w for w in report.warnings)


def test_missing_named_file_fails_by_name(kg, tmp_path: Path) -> None:
    report = kg.ingest(tmp_path / "weg.txt")
    assert "no such file" in report.failed[str(tmp_path / "weg.txt")]


@pytest.mark.slow
def test_jobs_2_gives_the_same_graphs_as_jobs_1(tmp_path: Path, mixed: Path) -> None:
    fx.variants(4, mixed / "more")
    dumps = []
    for jobs in (1, 2):
        with overleg.open(tmp_path / f"store{jobs}") as kg:
            report = kg.ingest(mixed, jobs=jobs)
            dumps.append((sorted(report.ingested), sorted(report.failed.items()),
                          {g: graph_dump(kg, g) for g in kg.store.named_graphs()}))
    assert dumps[0] == dumps[1]
    assert len(dumps[0][0]) == len(GOOD) + 4


def test_progress_bar_counts_every_file_then_names_the_link_stage(cli, tmp_path: Path) -> None:
    fx.variants(3, tmp_path / "in")
    result = cli("ingest", tmp_path / "in", "--store", tmp_path / "s", "--progress", "on")
    assert "3/3" in result.err and result.code == 0
    assert result.err.index("3/3") < result.err.index("linking meetings")
    quiet = cli("ingest", tmp_path / "in", "--store", tmp_path / "s2", "--progress", "off")
    assert quiet.code == 0 and "linking" not in quiet.err


def test_the_api_reports_the_link_stage_after_the_last_file(tmp_path: Path) -> None:
    fx.variants(3, tmp_path / "in")
    events: list[str] = []
    with overleg.open(tmp_path / "s") as kg:
        kg.ingest(tmp_path / "in", on_progress=lambda p: events.append("file"), on_stage=events.append)
        assert events == ["file", "file", "file", "link"]
        events.clear()
        kg.ingest(tmp_path / "in", on_progress=lambda p: events.append("file"), on_stage=events.append)
    assert "link" not in events, "nothing new: no link stage to wait for"


def test_a_group_that_fails_is_retried_document_by_document(kg) -> None:
    report = IngestReport()
    writer = GroupWriter(kg.store, report, kg.base)
    good = Prepared("good.txt", "ready", "http://example.org/g/good",
                    b'<http://example.org/s> <http://example.org/p> "ok" <http://example.org/g/good> .\n',
                    triples=1)
    bad = Prepared("bad.txt", "ready", "http://example.org/g/bad", b"this is not N-Quads", triples=1)
    writer.add(good)
    writer.add(bad)
    writer.flush()
    assert report.ingested == ["good.txt"]
    assert list(report.failed) == ["bad.txt"] and report.failed["bad.txt"].startswith("bad.txt")
    assert "http://example.org/g/good" in kg.store.named_graphs()
    assert "http://example.org/g/bad" not in kg.store.named_graphs()


def test_negative_jobs_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("ingest", "--examples", "--jobs", "-1", "--store", tmp_path / "s")
    assert result.code == 2 and "--jobs" in result.err


def test_without_jobs_a_large_batch_gets_a_worker_per_core(monkeypatch) -> None:
    """`jobs=None` (the default): small batches run in this process (starting workers costs
    seconds), batches of AUTO_JOBS_FROM files or more get one worker per core."""
    from overleg import ingestion

    monkeypatch.setattr(ingestion.os, "cpu_count", lambda: 4)
    small, large = ingestion.AUTO_JOBS_FROM - 1, ingestion.AUTO_JOBS_FROM
    assert ingestion._jobs_for(None, small) == 1 and ingestion._jobs_for(None, large) == 4
    assert ingestion._jobs_for(0, 3) == 3, "never more workers than files"
    assert ingestion._jobs_for(2, large) == 2 and ingestion._jobs_for(1, large) == 1, "a number is kept"


def test_the_default_jobs_reach_the_pool(tmp_path: Path, monkeypatch) -> None:
    """From the API with no `jobs`, a batch at the threshold goes to worker processes."""
    from overleg import ingestion

    monkeypatch.setattr(ingestion, "AUTO_JOBS_FROM", 3)
    seen = []
    in_pool = ingestion._in_pool
    monkeypatch.setattr(ingestion, "_in_pool", lambda tasks, jobs: seen.append(jobs) or in_pool(tasks, jobs))
    fx.variants(3, tmp_path / "in")
    with overleg.open(tmp_path / "s") as kg:
        report = kg.ingest(tmp_path / "in")
    assert len(report.ingested) == 3 and not report.failed
    assert seen == [min(3, ingestion.os.cpu_count() or 1)] or (ingestion.os.cpu_count() or 1) == 1
