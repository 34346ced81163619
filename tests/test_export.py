"""Exports read back by an independent parser: rdflib for what Oxigraph writes, Oxigraph and pyld
for the JSON-LD rdflib writes, networkx for GraphML and GEXF, jsonschema for statements."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import networkx as nx
import overleg
import pyoxigraph as ox
import pytest
import rdflib
from overleg.errors import UsageError
from overleg.ontology import data_path
from overleg.visualise.export_jsonld import CONTEXT_URL
from overleg.visualise.report_render import templates_dir
from pyld import jsonld

LATER = ("Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 12 maart 2018\n\n"
         "Politiebegroting: De burgemeesters hebben bezwaren tegen de bezuiniging. De politie steunt "
         "de bezuiniging. De minister zal voor 1 juli een brief sturen over de begroting.\n")
NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("decimal", "integer", "double", "float")}


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory, seed_path: Path):
    folder = tmp_path_factory.mktemp("later")
    (folder / "lovp-2018-03-12.txt").write_text(LATER, encoding="utf-8")
    graph = overleg.open(tmp_path_factory.mktemp("two") / "store")
    report = graph.ingest(seed_path, folder)
    assert report.ok, report.failed
    yield graph
    graph.close()


def _canon_ox(term) -> object:
    """A term as comparable value: numeric literals by value, everything else by N-Triples."""
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        return (term.datatype.value, Decimal(term.value))
    return str(term)


def _canon_rdflib(term) -> object:
    if isinstance(term, rdflib.Literal) and str(term.datatype or "") in NUMERIC:
        return (str(term.datatype), Decimal(str(term)))
    return term.n3()


def _store_quads(kg, graphs: bool = True) -> set:
    return {(_canon_ox(q.subject), _canon_ox(q.predicate), _canon_ox(q.object),
             str(q.graph_name) if graphs else None) for q in kg.store.quads()}


def _ox_quads(quads, graphs: bool = True) -> set:
    return {(_canon_ox(q.subject), _canon_ox(q.predicate), _canon_ox(q.object),
             str(q.graph_name) if graphs else None) for q in quads}


@pytest.mark.parametrize(("fmt", "rdflib_format", "dataset"), [
    ("ttl", "turtle", False), ("nt", "nt", False), ("rdfxml", "xml", False),
    ("nq", "nquads", True), ("trig", "trig", True)])
def test_rdf_written_by_oxigraph_reads_back_in_rdflib(two, fmt, rdflib_format, dataset):
    text = two.export(fmt)
    if dataset:
        parsed = rdflib.Dataset()
        parsed.parse(data=text, format=rdflib_format)
        got = {(_canon_rdflib(s), _canon_rdflib(p), _canon_rdflib(o), f"<{g}>")
               for s, p, o, g in parsed.quads((None, None, None, None)) if g is not None}
        assert got == _store_quads(two)
    else:
        parsed = rdflib.Graph()
        parsed.parse(data=text, format=rdflib_format)
        got = {(_canon_rdflib(s), _canon_rdflib(p), _canon_rdflib(o), None) for s, p, o in parsed}
        assert got == _store_quads(two, graphs=False)


def test_jsonld_written_by_rdflib_reads_back_in_oxigraph(two):
    text = two.export("jsonld")
    data = json.loads(text)
    assert isinstance(data["@context"], dict) and "quote" in data["@context"]
    assert '"quote"' in text  # compacted with the published context's short names
    quads = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD)
    assert _ox_quads(quads) == _store_quads(two)


def test_jsonld_with_the_published_context_url_expands_offline_in_pyld(two):
    data = json.loads(two.export("jsonld", context="url"))
    assert data["@context"] == CONTEXT_URL
    local = json.loads(data_path("context.jsonld").read_text(encoding="utf-8"))
    fetched = []

    def loader(url, options=None):
        fetched.append(url)
        if url != CONTEXT_URL:
            raise AssertionError(f"tried to fetch {url}")
        return {"contextUrl": None, "documentUrl": url, "document": local}

    nquads = jsonld.to_rdf(data, {"format": "application/n-quads", "documentLoader": loader})
    assert fetched == [CONTEXT_URL]
    quads = ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert _ox_quads(quads) == _store_quads(two)


def test_context_file_is_shipped_and_maps_every_statement_property():
    context = json.loads(data_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    for term in ("quote", "meeting", "agendaItem", "actor", "stance", "dueDate", "page", "start", "end",
                 "rule", "confidence", "evidence", "wasDerivedFrom"):
        assert term in context
    assert context["meeting"]["@type"] == "@id"


def _quads_of(text: str, fmt=ox.RdfFormat.N_QUADS) -> list[ox.Quad]:
    return list(ox.parse(text.encode("utf-8"), format=fmt))


def test_filter_by_date_keeps_whole_documents(two):
    quads = _quads_of(two.export("nq", since="2018-01-01"))
    graphs = {q.graph_name.value for q in quads}
    assert len(graphs) == 1 and graphs.pop().endswith("lovp-2018-03-12-txt")
    assert not _quads_of(two.export("nq", until="2000-01-01"))
    everything = {q.graph_name.value for q in _quads_of(two.export("nq"))}
    assert everything == set(two.store.named_graphs())


def test_filter_by_actor_keeps_its_statements_with_evidence(two):
    text = two.export("nq", actor="burgemeesters")
    quads = _quads_of(text)
    statement_type = ox.NamedNode("https://w3id.org/overleg/ontology#Statement")
    kept = {q.subject.value for q in quads if q.object == statement_type}
    expected = {r.statement for r in two.statements(actor="burgemeesters")}
    assert kept == expected and kept
    actor = "https://w3id.org/overleg/ontology#actor"
    for statement in kept:
        actors = {q.object.value.rsplit("/", 1)[-1] for q in quads
                  if q.subject.value == statement and q.predicate.value == actor}
        assert any("burgemeesters" in a for a in actors)
        # the evidence selectors (minted under the statement's IRI) travel with it
        assert any(q.subject.value == statement + "/evidence/position" for q in quads)
    # no evidence of dropped statements
    others = {r.statement for r in two.statements()} - kept
    assert not any(q.subject.value.startswith(tuple(o + "/" for o in others)) for q in quads)


def test_filter_by_topic_and_body(two):
    records = two.statements(topic="begroting")
    assert records and all("begroting" in (r.topic or "").lower() for r in records)
    turtle = two.export("ttl", topic="begroting")
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    statements = {str(s) for s in parsed.subjects(rdflib.RDF.type,
                                                  rdflib.URIRef("https://w3id.org/overleg/ontology#Statement"))}
    assert statements == {r.statement for r in records}
    assert not two.export("nq", body="no-such-body")
    assert two.export("nq", body="lovp") == two.export("nq", since="1900-01-01")


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_formats_read_back_in_networkx(two, tmp_path, fmt, reader):
    view = two.network("actor-topic")
    path = tmp_path / f"net.{fmt}"
    two.export(fmt, output=path, view="actor-topic")
    graph = reader(path)
    assert set(graph.nodes) == {str(n) for n in view.nodes}
    assert graph.number_of_edges() == view.number_of_edges()
    labels = {n: d.get("label") for n, d in graph.nodes(data=True)}
    assert labels == {str(n): d["label"] for n, d in view.nodes(data=True)}
    quotes = {r.quote for r in two.statements()}
    for _, _, data in graph.edges(data=True):
        evidence = json.loads(data["evidence"])
        assert evidence and all(e["quote"] in quotes for e in evidence)
        assert int(data["statements"]) == len(evidence)


def test_graph_export_filters_and_other_views(two):
    graph = nx.read_graphml(io.BytesIO(two.export("graphml", view="actor-topic",
                                                  actor="burgemeesters").encode()))
    actors = [d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "actor"]
    assert actors == ["Burgemeesters"]
    pairs = nx.read_gexf(io.BytesIO(two.export("gexf", view="actor-actor").encode()))
    assert pairs.number_of_nodes() > 1


@pytest.fixture(scope="module")
def schema() -> dict:
    full = json.loads((Path(str(templates_dir())) / "report.schema.json").read_text(encoding="utf-8"))
    return {**full, "$ref": "#/$defs/statementsExport", "required": [], "properties": {},
            "additionalProperties": True}


def test_statements_json_validates_and_holds_everything_issue_3_asks(two, schema, seed_path):
    data = json.loads(two.export_statements("json"))
    jsonschema.validate(data, schema)
    records = data["statements"]
    assert len(records) == len({r["statement"] for r in records}) == len(two.statements())
    text = seed_path.read_text(encoding="utf-8")
    seed = [r for r in records if r["document"] == seed_path.name]
    for r in seed:
        assert re.sub(r"\W+", "", text[r["start"]:r["end"]]) == re.sub(r"\W+", "", r["quote"])
        assert r["rule"] and 0 < r["confidence"] <= 1
    dated = [r for r in records if r["due"]]
    assert dated and all(r["due_text"] and r["kind"] == "commitment" for r in dated)
    assert any(len(r["actors"]) > 1 for r in records)


def test_statements_csv_is_one_row_per_statement(two):
    rows = list(csv.DictReader(io.StringIO(two.export_statements("csv"))))
    assert [r["statement"] for r in rows] == [r.statement for r in two.statements()]
    joint = next(r for r in two.statements() if len(r.actors) > 1)
    row = next(r for r in rows if r["statement"] == joint.statement)
    assert row["actors"].split("; ") == list(joint.actors)
    assert two.export("csv") == two.export_statements("csv")
    filtered = list(csv.DictReader(io.StringIO(two.export_statements("csv", since="2018-01-01"))))
    assert filtered and {r["date"] for r in filtered} == {"2018-03-12"}


def test_cli_export(cli, seed_store, tmp_path):
    out = tmp_path / "g.trig"
    result = cli("export", "-f", "trig", "-o", out, "--store", seed_store)
    assert result.code == 0 and len(rdflib.Dataset().parse(out, format="trig")) > 100
    result = cli("export", "statements", "-f", "csv", "--actor", "burgemeesters", "--store", seed_store)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert result.code == 0 and rows and all("Burgemeesters" in r["actors"].split("; ") for r in rows)
    result = cli("export", "statements", "--store", seed_store)
    assert result.code == 0 and json.loads(result.out)["schema"] == "overleg-statements/1"
    assert cli("export", "-f", "json", "--store", seed_store).code == 2
    assert cli("export", "statements", "-f", "ttl", "--store", seed_store).code == 2
    assert cli("export", "--since", "yesterday", "--store", seed_store).code == 2


def test_api_errors(two, tmp_path):
    with pytest.raises(UsageError, match="unknown export format"):
        two.export("xlsx")
    with pytest.raises(UsageError, match="unknown export filter"):
        two.export("ttl", colour="red")
    path = tmp_path / "graph.ttl"  # as `overleg run` uses it
    assert two.export("ttl", output=path) == path.read_text(encoding="utf-8")
