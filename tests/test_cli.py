"""The CLI in-process: help and docs for every command, stable exit codes, the main job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from overleg.cli import command_modules

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [m.NAME for m in command_modules()]


def test_the_expected_commands_exist() -> None:
    for name in ("ingest", "query", "queries", "visualise", "report", "export", "validate",
                 "stats", "evaluate", "run"):
        assert name in COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(cli, name: str) -> None:
    result = cli(name, "--help")
    assert result.code == 0
    assert "usage: overleg " + name in result.out
    assert "--store" in result.out


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`overleg {name}" in readme, f"README has no row for 'overleg {name}'"


def test_no_command_prints_help_and_exits_2(cli) -> None:
    assert cli().code == 2


def test_run_examples_leaves_graph_query_network_and_report(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("run", "--examples", "--out", out, "--store", tmp_path / "store")
    assert result.code == 0, result.err
    assert "ingested 1" in result.out
    assert "mtg:Commitment" in (out / "graph.ttl").read_text() or \
        "ontology#Commitment" in (out / "graph.ttl").read_text()
    csv_lines = (out / "commitments.csv").read_text().splitlines()
    assert csv_lines[0].startswith("rank,commitment,") and len(csv_lines) > 5
    assert "<script" in (out / "network.html").read_text()
    assert "korpschef" in (out / "report.md").read_text().lower()


def test_ingest_reports_failures_and_exits_1(cli, tmp_path: Path, seed_path: Path) -> None:
    result = cli("ingest", seed_path, tmp_path / "missing.txt", "--store", tmp_path / "s")
    assert result.code == 1
    assert "missing.txt" in result.err and "no such file" in result.err
    assert "ingested 1" in result.out and "failed 1" in result.out


def test_query_exit_codes_and_formats(cli, seed_store: Path) -> None:
    ok = cli("query", "commitments", "-p", "actor=korpschef", "-f", "json", "--store", seed_store)
    assert ok.code == 0, ok.err
    rows = json.loads(ok.out)["rows"]
    assert len(rows) == 1 and rows[0]["due_text"] == "na de zomer"
    unknown = cli("query", "no-such-query", "--store", seed_store)
    assert unknown.code == 2 and "commitments" in unknown.err
    bad_param = cli("query", "commitments", "-p", "who=x", "--store", seed_store)
    assert bad_param.code == 2 and "who" in bad_param.err and "actor" in bad_param.err
    unsafe = cli("query", "--sparql", "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }",
                 "--store", seed_store)
    assert unsafe.code == 2 and "SERVICE" in unsafe.err


def test_validate_stats_and_export(cli, seed_store: Path, tmp_path: Path) -> None:
    assert cli("validate", "--store", seed_store).code == 0
    stats = cli("stats", "--json", "--store", seed_store)
    assert json.loads(stats.out)["documents"] == 1
    target = tmp_path / "g.nq"
    assert cli("export", "-f", "nq", "-o", target, "--store", seed_store).code == 0
    assert "graph/lovp-2017-04-10-txt>" in target.read_text()


def test_evaluate_prints_scores_and_checks_floor(cli) -> None:
    from overleg.config import examples_dir

    result = cli("evaluate", examples_dir(), "--json")
    assert result.code == 0
    assert json.loads(result.out)["total"]["f1"] >= 0.9
    assert cli("evaluate", examples_dir(), "--min-f1", "1.01").code == 1


def test_internal_errors_are_one_line_without_debug(cli, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store"
    bad.write_text("x")
    result = cli("stats", "--store", bad)
    assert result.code in (2, 3)
    assert "Traceback" not in result.err and result.err.count("\n") == 1
