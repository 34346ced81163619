"""Filters pushed into the statements query (visualise/statement_scope.py): views, reports and
exports read only the statements in scope, and show exactly what reading every statement showed."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import overleg
import pytest
from overleg.errors import UsageError
from overleg.visualise import export_select, report
from overleg.visualise.export import export_statements
from overleg.visualise.export_statements import actor_names, statement_records
from overleg.visualise.statement_scope import Scope, scope_of
from overleg.visualise.view_rows import Filters
from overleg.visualise.views import build_view, statement_rows, view_from_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic  # noqa: E402

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def corpus_kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("scope")
    synthetic.generate(30, root / "minutes")
    kg = overleg.open(root / "store")
    assert kg.ingest(root / "minutes", CORPUS / "nl").ok
    yield kg
    kg.close()


def _dates(kg) -> list[date]:
    return sorted({r.date for r in statement_rows(kg.store) if r.date})


def _same_graph(a: nx.Graph, b: nx.Graph) -> bool:
    def dump(graph: nx.Graph) -> str:
        return json.dumps(nx.node_link_data(graph, edges="links"), sort_keys=True, default=str)
    return dump(a) == dump(b)


def _filter_sets(kg) -> list[dict[str, object]]:
    days = _dates(kg)
    middle, late = days[len(days) // 3], days[2 * len(days) // 3]
    meeting = statement_rows(kg.store)[0]
    return [
        {"since": middle}, {"until": middle}, {"since": middle, "until": late},
        {"body": "lovp"}, {"body": "rbv-amsterdam", "since": middle},
        {"meeting": meeting.date.isoformat()}, {"meeting": meeting.meeting_label[3:12]},
        {"actor": "korpschef"}, {"actor": "Politie"}, {"actor": "burgemeesters", "kind": "commitment"},
        {"topic": "politie"}, {"topic": "MELDKAMER", "until": late}, {"kind": "decision"},
        {"stance": "oppose", "since": middle}, {"actor": "nobody-of-that-name"},
    ]


def test_views_with_filters_pushed_down_equal_views_of_every_statement(corpus_kg):
    every = statement_rows(corpus_kg.store)
    for filters in _filter_sets(corpus_kg):
        for view in ("actor-topic", "actor-actor", "commitments", "meeting", "topic-time"):
            pushed = build_view(corpus_kg.store, view, **filters)
            assert _same_graph(pushed, view_from_rows(every, view, **filters)), (view, filters)


def test_a_scope_reads_fewer_statements_and_never_misses_one_the_filters_keep(corpus_kg):
    every = statement_records(corpus_kg.store)
    rows = statement_rows(corpus_kg.store)
    for filters in _filter_sets(corpus_kg):
        wanted = Filters.from_options(filters)
        scoped = {r.statement for r in statement_records(corpus_kg.store, scope_of(corpus_kg.store, wanted))}
        kept = {r.statement for r in rows if wanted.keep(r)}
        assert kept <= scoped, filters
        assert len(scoped) < len(every), filters
    assert statement_records(corpus_kg.store, Scope(actors=frozenset())) == []


def test_the_meeting_view_finds_the_latest_meeting_its_filters_keep(corpus_kg):
    every = statement_rows(corpus_kg.store)
    latest_body = max(every, key=lambda r: (r.date, r.meeting)).body.rsplit("/", 1)[-1]
    other = next(r.body.rsplit("/", 1)[-1] for r in every if r.body.rsplit("/", 1)[-1] != latest_body)
    for filters in ({}, {"body": other}, {"body": other, "kind": "decision"}):
        pushed = build_view(corpus_kg.store, "meeting", **filters)
        assert pushed.number_of_nodes() > 0
        assert _same_graph(pushed, view_from_rows(every, "meeting", **filters)), filters


@pytest.mark.parametrize(("kind", "name", "filters"), [
    ("actor", "korpschef", {}), ("actor", "politie", {"since": "2019-01-01"}),
    ("topic", "politie", {}), ("topic", "meldkamer", {"body": "lovp"}),
    ("meeting", None, {}), ("commitments", None, {"until": "2020-12-31"}),
    ("commitments", "korpschef", {}), ("relations", None, {}), ("relations", "burgemeesters", {}),
])
def test_reports_read_their_scope_and_say_what_reading_every_statement_said(corpus_kg, monkeypatch,
                                                                            kind, name, filters):
    if kind == "meeting":
        name = statement_rows(corpus_kg.store)[-1].date.isoformat()
    as_of = "2021-06-30"
    try:
        pushed = report.render_report(corpus_kg.store, kind, name, "json", as_of=as_of, **filters)
    except UsageError as error:  # e.g. a name that means several actors
        pushed = f"error: {error}"
    monkeypatch.setattr(report, "_report_scope", lambda *args: Scope())
    try:
        everything = report.render_report(corpus_kg.store, kind, name, "json", as_of=as_of, **filters)
    except UsageError as error:
        everything = f"error: {error}"
    assert pushed == everything
    assert not pushed.startswith("error:") or kind == "actor"


def test_statement_exports_with_filters_read_their_scope_and_keep_the_same_records(corpus_kg, monkeypatch):
    day = _dates(corpus_kg)[len(_dates(corpus_kg)) // 2].isoformat()
    cases = [{"since": day}, {"actor": "korpschef"}, {"topic": "politie", "until": day}, {"body": "lovp"}]
    pushed = [export_statements(corpus_kg.store, "json", **case) for case in cases]
    monkeypatch.setattr(export_select, "scope_of", lambda *args, **kwargs: Scope())
    assert pushed == [export_statements(corpus_kg.store, "json", **case) for case in cases]
    assert all(json.loads(text)["statements"] for text in pushed)


def test_actor_names_come_from_the_index_or_the_documents_alike(corpus_kg, tmp_path: Path):
    actors = {r.actor for r in statement_rows(corpus_kg.store) if r.actor}
    indexed = actor_names(corpus_kg.store, actors)
    source = next((CORPUS / "nl").glob("*.txt"))
    with overleg.open(tmp_path / "unlinked") as kg:
        from overleg.ingestion import ingest_paths

        ingest_paths(kg.store, [source], kg.base)  # no link stage: no index to read names from
        named = {r.actor for r in statement_rows(kg.store) if r.actor}
        assert named and all(name[0] for name in actor_names(kg.store, named).values())
        assert {a: indexed[a] for a in named & actors} == {
            a: v for a, v in actor_names(kg.store, named).items() if a in actors}


def test_commands_that_read_every_statement_of_a_large_store_say_how_to_narrow_it(seed_store, cli,
                                                                                  tmp_path: Path, monkeypatch):
    from overleg.commands import _common

    monkeypatch.setattr(_common, "LARGE_STORE", 0)  # the seed's statements count as many
    runs = {
        ("visualise", "actor-topic", "-o", tmp_path / "a.html"): True,
        ("visualise", "actor-topic", "--since", "2017-01-01", "-o", tmp_path / "b.html"): False,
        ("visualise", "actor-actor", "--actor", "korpschef", "-o", tmp_path / "c.html"): True,  # neighbours
        ("visualise", "meeting", "-o", tmp_path / "d.html"): False,
        ("report", "commitments", "-o", tmp_path / "e.md"): True,
        ("report", "commitments", "--body", "lovp", "-o", tmp_path / "f.md"): False,
        ("export", "statements", "-o", tmp_path / "g.json"): True,
        ("export", "statements", "--actor", "korpschef", "-o", tmp_path / "h.json"): False,
    }
    for argv, says in runs.items():
        result = cli(*argv, "--store", seed_store)
        assert result.code == 0, (argv, result.err)
        assert ("reads all" in result.err and "--since/--until" in result.err) == says, argv
    monkeypatch.setattr(_common, "LARGE_STORE", 10**9)
    assert "reads all" not in cli("visualise", "actor-topic", "-o", tmp_path / "i.html", "--store", seed_store).err


def test_commitments_of_one_status_or_overdue_are_those_of_the_whole_list(corpus_kg):
    """`link --commitments --status S` and `--overdue` read only the commitments of that status; the
    rows are the whole list's rows of that status, field for field."""
    from overleg.link_views import commitment_rows

    as_of = date(2030, 1, 1)  # late enough for open commitments with a due date to be overdue
    every = commitment_rows(corpus_kg.store, corpus_kg.base, as_of)
    assert {r.status for r in every} >= {"open", "fulfilled"}
    for status in ("open", "fulfilled", "withdrawn", "superseded", "no-such-status"):
        assert commitment_rows(corpus_kg.store, corpus_kg.base, as_of, status=status) == \
            [r for r in every if r.status == status]
    overdue = commitment_rows(corpus_kg.store, corpus_kg.base, as_of, overdue_only=True)
    assert overdue and overdue == [r for r in every if r.overdue]
