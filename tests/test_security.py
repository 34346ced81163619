"""Security: user SPARQL is read-only, offline and time-limited; parameters are bound;
parsers resolve no external entities; HTML escapes hostile names and quotes; output
paths stay in their folder."""

from __future__ import annotations

from pathlib import Path

import make_fixtures as fx
import overleg
import pytest
from overleg.commands._common import contained_path, write_file, write_output
from overleg.errors import InputError, QueryError, UnsafeQueryError, UsageError
from overleg.ingest.read import read_bytes
from overleg.queries.safety import check_query

HOSTILE = '" } ; DROP ALL ; #'
QUOTE_MARK = "XSS-QUOTE-7"
ACTOR_MARK = "XSS-ACTOR-7"
HOSTILE_MINUTES = fx.MINUTES + (
    f'\n3. Veiligheid\nDe minister zal <script>alert("{QUOTE_MARK}")</script> voor 1 juli '
    "een brief sturen.\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with `<script>` in a quote (from the minutes) and in an actor's names."""
    root = tmp_path_factory.mktemp("hostile")
    source = root / "hostile.txt"
    source.write_text(HOSTILE_MINUTES, encoding="utf-8")
    with overleg.open(root / "store") as kg:
        assert kg.ingest(source).ok
        actor = f"{kg.base}actor/minister-venj"
        name = f'<script>alert("{ACTOR_MARK}")</script> Minister'
        for predicate in ("http://www.w3.org/2000/01/rdf-schema#label",
                          "http://www.w3.org/2004/02/skos/core#prefLabel",
                          "http://xmlns.com/foaf/0.1/name"):
            kg.store.oxigraph.update(
                f'DELETE {{ GRAPH ?g {{ <{actor}> <{predicate}> ?n }} }} '
                f'INSERT {{ GRAPH ?g {{ <{actor}> <{predicate}> {_literal(name)} }} }} '
                f'WHERE {{ GRAPH ?g {{ <{actor}> <{predicate}> ?n }} }}')
    return root / "store"


def _literal(text: str) -> str:
    import pyoxigraph as ox

    return str(ox.Literal(text))


@pytest.fixture()
def hkg(hostile: Path):
    graph = overleg.open(hostile)
    yield graph
    graph.close()


def dump(kg) -> list[str]:
    return sorted(str(q) for q in kg.store.quads())


@pytest.mark.parametrize("update", [
    "DROP ALL", "CLEAR ALL", "INSERT DATA { <http://x/s> <http://x/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }", "LOAD <http://example.org/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <http://x/g>",
])
def test_user_sparql_cannot_write(hkg, update: str) -> None:
    before = dump(hkg)
    with pytest.raises(QueryError):
        hkg.sparql(update)
    assert dump(hkg) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://example.org/q> { ?a ?x ?y } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/q> { ?s ?p ?o } } } }",
    "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/remote.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_network_access_is_refused_unless_allowed(hkg, query: str) -> None:
    with pytest.raises(UnsafeQueryError):
        hkg.sparql(query)
    assert check_query(query, allow_network=True) == "SELECT"


def test_cli_refuses_network_and_updates(cli, hostile: Path) -> None:
    service = cli("query", "--store", hostile, "--sparql",
                  "SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")
    assert service.code == 2 and "SERVICE" in service.err
    drop = cli("query", "--store", hostile, "--sparql", "DROP ALL")
    assert drop.code == 2
    count = cli("query", "--store", hostile, "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv")
    assert count.code == 0 and int(count.out.splitlines()[1]) > 100


HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


def test_a_runaway_query_is_stopped_at_the_time_limit(hkg) -> None:
    with pytest.raises(QueryError, match="time limit"):
        hkg.sparql(HEAVY, timeout=0.5)
    assert hkg.sparql("ASK { ?s ?p ?o }", timeout=5).rows[0]["result"] is True


def test_cli_time_limit_comes_from_the_environment(cli, hostile: Path, monkeypatch) -> None:
    monkeypatch.setenv("OVERLEG_QUERY_TIMEOUT", "0.5")
    result = cli("query", "--store", hostile, "--sparql", HEAVY)
    assert result.code == 2 and "time limit" in result.err


def test_row_cap_stops_huge_results(hkg) -> None:
    with pytest.raises(QueryError, match="more than 10 rows"):
        hkg.sparql("SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(hkg.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 10", max_rows=10)) == 10


@pytest.mark.parametrize("value", [HOSTILE, "x> } ; DROP ALL ; <y", "') } DROP ALL #",
                                   "\\\" } ; CLEAR ALL ; #"])
def test_hostile_parameter_values_stay_values(hkg, value: str) -> None:
    before = dump(hkg)
    result = hkg.query("search", text=value)
    assert len(result) == 0
    try:
        hkg.query("commitments", actor=value)
    except QueryError as exc:  # an actor key with no letters is refused, never run
        assert "actor" in str(exc)
    assert dump(hkg) == before


def test_bound_values_with_quotes_still_match(hkg) -> None:
    rows = hkg.query("search", text=f'alert("{QUOTE_MARK}")').to_dicts()
    assert rows and all(QUOTE_MARK in str(row.values()) for row in rows)


def test_cli_binds_hostile_values(cli, hostile: Path) -> None:
    result = cli("query", "search", "--store", hostile, "-p", f"text={HOSTILE}", "-f", "csv")
    assert result.code == 0 and len(result.out.strip().splitlines()) == 1  # header only
    count = cli("query", "--store", hostile, "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv")
    assert int(count.out.splitlines()[1]) > 100


def _assert_escaped(texts: list[str]) -> None:
    joined = "\n".join(texts)
    assert "<script>alert" not in joined
    assert ACTOR_MARK in joined and QUOTE_MARK in joined  # the hostile strings were shown


def test_network_html_escapes_names_and_quotes(hkg, tmp_path: Path) -> None:
    outputs = []
    for view in ("actor-topic", "commitments"):
        hkg.visualise(view, output=tmp_path / f"{view}.html")
        outputs.append((tmp_path / f"{view}.html").read_text(encoding="utf-8"))
    _assert_escaped(outputs)


def test_html_report_escapes_names_and_quotes(hkg) -> None:
    texts = [hkg.report("actor", "Minister", fmt="html"), hkg.report("commitments", None, fmt="html")]
    _assert_escaped(texts)


def test_cli_html_outputs_escape(cli, hostile: Path, tmp_path: Path) -> None:
    texts = []
    for view in ("actor-topic", "commitments"):
        out = tmp_path / f"{view}.html"
        assert cli("visualise", view, "--store", hostile, "-o", out).code == 0
        texts.append(out.read_text(encoding="utf-8"))
    report = cli("report", "commitments", "--store", hostile, "-f", "html")
    assert report.code == 0
    texts.append(report.out)
    _assert_escaped(texts)


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")
    data = fx.docx_with_entity(secret)
    try:
        text = read_bytes(data, "xxe.docx").text
    except InputError:
        return  # refused outright is fine too; the secret never reached the text
    assert "TOPSECRET" not in text


def test_html_entities_from_a_doctype_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-43")
    markup = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
              "<html><body><p>Verslag &xxe; einde</p></body></html>")
    text = read_bytes(markup.encode(), "xxe.html").text
    assert "TOPSECRET" not in text and "Verslag" in text


@pytest.mark.parametrize("name", ["../escape.html", "/etc/overleg.html", "a/../../x.html"])
def test_output_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="inside|outside"):
        contained_path(tmp_path / "out", name)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    with pytest.raises(UsageError, match="outside"):
        write_output("x", "link/report.html", folder=out)
    assert not (elsewhere / "report.html").exists()
    write_output("inside", "sub/report.html", folder=out)
    assert (out / "sub" / "report.html").read_text() == "inside"


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    target = write_file(tmp_path / "r.md", "first")
    write_file(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    mask = os.umask(0o022)
    try:
        target = write_file(tmp_path / "report.md", "shared")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
