"""Remote SPARQL endpoints against a real Oxigraph server on 127.0.0.1.

The server is `oxigraph serve` from the PyPI package `oxigraph` (test extra).
Without the binary these tests skip, unless OVERLEG_REQUIRE_SERVER=1 (set by
.ci/run), where they fail.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import overleg
import psutil
import pyoxigraph as ox
import pytest
from overleg.commands.serve import free_port, oxigraph_binary, start_oxigraph
from overleg.errors import StoreError, UnsafeQueryError, UsageError
from overleg.queries.catalogue import catalogue
from overleg.store.remote import Credentials, RemoteEndpoint

pytestmark = pytest.mark.server
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _require_binary() -> None:
    try:
        oxigraph_binary()
    except UsageError:
        if os.environ.get("OVERLEG_REQUIRE_SERVER") == "1":
            pytest.fail("the oxigraph server binary is missing (pip install oxigraph)")
        pytest.skip("the oxigraph server binary is missing")


@pytest.fixture(scope="module")
def server():
    """A fresh in-memory read-write Oxigraph server; yields its base URL."""
    _require_binary()
    port = free_port()
    process = start_oxigraph("serve", port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(server: str, seed_store: Path) -> str:
    with overleg.open(seed_store, read_only=True) as kg:
        report = kg.push(f"{server}/update")
        assert report.graphs == len(kg.store.named_graphs()) and report.triples == len(kg.store)
    return server


@pytest.fixture(scope="module")
def seed(seed_store: Path):
    graph = overleg.open(seed_store, read_only=True)
    yield graph
    graph.close()


def _param_sets(kg) -> dict[str, list[dict[str, str]]]:
    """Parameters drawn from the seed itself, so every query has rows to compare."""
    actor = kg.query("actors").to_dicts()[0]["actor"]
    statement = kg.query("statements").to_dicts()[0]
    meeting = kg.query("meetings").to_dicts()[0]
    word = statement["heading"].split()[0]
    values = {"actor": actor, "statement": statement["statement"], "topic": word,
              "text": statement["quote"].split()[1], "as_of": "2017-12-31", "meeting": meeting["meeting"],
              "body": meeting["held_by"], "since": "2017-01-01", "until": "2017-12-31",
              "of_kind": "group", "kind": "position", "type": "agreed", "below": "0.8",
              "after": "1"}
    sets: dict[str, list[dict[str, str]]] = {}
    for name, query in catalogue().items():
        required = {p.name: values[p.name] for p in query.parameters if not p.optional}
        sets[name] = [required] + [{**required, p.name: values[p.name]}
                                   for p in query.parameters if p.optional]
    return sets


def _canonical(rows: list[dict]) -> list[tuple]:
    """Order-free rows; concatenated lists compared as sets (GROUP_CONCAT has no order)."""
    def value(v):
        if isinstance(v, str) and ("; " in v or ", " in v):
            return tuple(sorted(v.replace(", ", "; ").split("; ")))
        return v if not isinstance(v, float) else round(v, 6)

    return sorted((tuple((k, value(v)) for k, v in sorted(r.items())) for r in rows), key=repr)


def test_every_named_query_returns_the_same_rows_remotely(pushed: str, seed):
    compared = nonempty = 0
    for name, param_sets in _param_sets(seed).items():
        for params in param_sets:
            local = seed.query(name, params)
            remote = seed.query(name, params, endpoint=f"{pushed}/query")
            assert remote.columns == local.columns, name
            assert _canonical(remote.to_dicts()) == _canonical(local.to_dicts()), (name, params)
            compared += 1
            nonempty += bool(local.rows)
    assert compared >= len(catalogue()) and nonempty >= len(catalogue()) - 2


def test_push_replaces_graphs_and_never_duplicates(server: str, seed_store: Path, tmp_path: Path):
    endpoint = RemoteEndpoint(f"{server}/query")
    with overleg.open(seed_store, read_only=True) as kg:
        kg.push(f"{server}/update")
        kg.push(f"{server}/update")  # twice: replace, not add
        total = len(kg.store)
        graph = next(g for g in kg.store.named_graphs() if not g.endswith("/ontology"))
    assert endpoint.select(COUNT)["results"]["bindings"][0]["n"]["value"] == str(total)
    # a changed document replaces its graph there, the other graphs stay
    other = overleg.open(tmp_path / "other")
    try:
        tiny = [ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                        ox.Literal("changed"), ox.NamedNode(graph))]
        other.store.replace_graphs({graph: tiny})
        report = other.push(f"{server}/store", protocol="gsp", graphs=[graph])
        assert (report.graphs, report.triples) == (1, 1)
    finally:
        other.close()
    rows = endpoint.select(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["changed"]
    with overleg.open(seed_store, read_only=True) as kg:
        kg.push(f"{server}/store", protocol="gsp")
    assert endpoint.select(COUNT)["results"]["bindings"][0]["n"]["value"] == str(total)


def test_cli_query_push_and_errors(cli, pushed: str, seed_store: Path, seed):
    out = cli("query", "decisions", "--endpoint", f"{pushed}/query", "-f", "json")
    assert out.code == 0, out.err
    assert [r["decision"] for r in json.loads(out.out)["rows"]] == [
        r["decision"] for r in seed.query("decisions").to_dicts()]
    sparql = cli("query", "--sparql", "ASK { ?s a <https://w3id.org/overleg/ontology#Meeting> }",
                 "--endpoint", f"{pushed}/query", "-f", "json")
    assert json.loads(sparql.out)["rows"] == [{"result": True}]
    refused = cli("query", "--sparql", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }",
                  "--endpoint", f"{pushed}/query")
    assert refused.code == 2 and "SERVICE" in refused.err
    nobody = f"http://127.0.0.1:{free_port()}/query"
    down = cli("query", "actors", "--endpoint", nobody)
    assert down.code == 2 and nobody in down.err
    unknown = cli("push", "--store", seed_store, "--endpoint", f"{pushed}/update", "--graph", "https://x.org/g")
    assert unknown.code == 2 and "https://x.org/g" in unknown.err
    pushed_cli = cli("push", "--store", seed_store, "--endpoint", f"{pushed}/update", "-q")
    assert pushed_cli.code == 0 and "pushed" in pushed_cli.out


def test_remote_sparql_is_checked_before_it_is_sent(pushed: str, seed):
    with pytest.raises(UnsafeQueryError):
        seed.sparql("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", endpoint=f"{pushed}/query")
    rows = seed.sparql("CONSTRUCT { ?m a ?t } WHERE { ?m a ?t . FILTER(?t = "
                       "<https://w3id.org/overleg/ontology#Meeting>) }", endpoint=f"{pushed}/query")
    assert rows.columns == ("subject", "predicate", "object")
    assert {r["subject"] for r in rows.to_dicts()} == {r["meeting"] for r in seed.query("meetings").to_dicts()}


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append(dict(self.headers))
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    try:
        monkeypatch.setenv("OVERLEG_ENDPOINT_TOKEN", "s3cret")
        RemoteEndpoint(url).select("SELECT ?x WHERE { }")
        monkeypatch.delenv("OVERLEG_ENDPOINT_TOKEN")
        monkeypatch.setenv("OVERLEG_ENDPOINT_USER", "ann")
        monkeypatch.setenv("OVERLEG_ENDPOINT_PASSWORD", "pw")
        RemoteEndpoint(url).select("SELECT ?x WHERE { }")
        monkeypatch.delenv("OVERLEG_ENDPOINT_USER")
        RemoteEndpoint(url).select("SELECT ?x WHERE { }")
    finally:
        httpd.shutdown()
    auth = [h.get("Authorization") for h in _Recorder.seen]
    assert auth == ["Bearer s3cret", Credentials("ann", "pw").header(), None]
    assert auth[1] == "Basic YW5uOnB3"


def test_serve_exposes_the_store_read_only(tmp_path: Path, seed_store: Path, seed):
    _require_binary()
    store = tmp_path / "served"
    shutil.copytree(seed_store, store, ignore=shutil.ignore_patterns("LOCK", "*.lock"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "overleg.cli", "serve", "--store", str(store),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, process.stderr.read() if process.poll() else line
        remote = seed.query("actors", endpoint=f"http://127.0.0.1:{port}/query")
        assert _canonical(remote.to_dicts()) == _canonical(seed.query("actors").to_dicts())
        with pytest.raises(Exception):  # noqa: B017 (any refusal will do: the server is read-only)
            RemoteEndpoint(f"http://127.0.0.1:{port}/update").update("INSERT DATA { <x:a> <x:b> <x:c> }")
        children = psutil.Process(process.pid).children(recursive=True)
        assert any("oxigraph" in c.name() for c in children)
        # while the server reads the folder, a writer is refused instead of corrupting it
        with pytest.raises(StoreError, match="in use by another process"):
            overleg.open(store)
    finally:
        process.terminate()
        process.wait(timeout=15)
    _, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, "overleg serve left the Oxigraph server running after SIGTERM"


def test_start_oxigraph_reports_a_server_that_cannot_start(tmp_path: Path):
    _require_binary()
    not_a_store = tmp_path / "minutes.txt"
    not_a_store.write_text("not a store", encoding="utf-8")
    with pytest.raises(StoreError, match="stopped at once"):
        start_oxigraph("serve-read-only", free_port(), location=not_a_store, wait=10)
