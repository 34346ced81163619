"""Shared fixtures: the bundled seed, a store with the seed ingested, the CLI in-process."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import overleg
import pytest
from overleg.cli import main
from overleg.config import examples_dir

SEED = "lovp-2017-04-10"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return examples_dir() / f"{SEED}.txt"


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((examples_dir() / f"{SEED}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A store folder with the seed ingested once per session (read it, don't write)."""
    path = tmp_path_factory.mktemp("seed") / "store"
    with overleg.open(path) as kg:
        report = kg.ingest(seed_path)
        assert report.ok, report.failed
    return path


@pytest.fixture()
def kg(tmp_path: Path):
    """A fresh, empty knowledge graph on disk."""
    graph = overleg.open(tmp_path / "store")
    yield graph
    graph.close()


@pytest.fixture()
def seed_kg(tmp_path: Path, seed_path: Path):
    """A fresh knowledge graph with the seed ingested (safe to modify)."""
    graph = overleg.open(tmp_path / "store")
    graph.ingest(seed_path)
    yield graph
    graph.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture()
def cli():
    """Run the CLI in-process: cli('stats', '--store', path) -> CliResult."""

    def run(*argv: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exc:  # argparse --help and usage errors
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run
