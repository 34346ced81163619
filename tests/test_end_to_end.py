"""The seed minutes end to end: triple-level assertions on the store, SHACL, idempotence."""

from __future__ import annotations

from pathlib import Path

import overleg
import pyoxigraph as ox
import pytest
from overleg.ingest.cleantext import fold_plain

MTG = "https://w3id.org/overleg/ontology#"
BASE = "https://w3id.org/overleg/id/"
PREFIXES = f"""PREFIX mtg: <{MTG}>
PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


@pytest.fixture(scope="module")
def store(seed_store: Path):
    kg = overleg.open(seed_store, read_only=True)
    yield kg
    kg.close()


def ask(kg, body: str) -> bool:
    return kg.sparql(PREFIXES + "ASK { " + body + " }").rows[0]["result"]


def select(kg, body: str) -> list[dict]:
    return kg.sparql(PREFIXES + body).to_dicts()


def test_meeting_is_lovp_on_2017_04_10_linked_to_its_document(store) -> None:
    meeting = f"<{BASE}meeting/lovp/2017-04-10>"
    assert ask(store, f"""{meeting} a mtg:Meeting ; schema:startDate "2017-04-10"^^<http://www.w3.org/2001/XMLSchema#date> ;
                         mtg:heldBy <{BASE}actor/lovp> ; mtg:reportedIn ?doc .
                         ?doc a mtg:SourceDocument ; mtg:sourceName "lovp-2017-04-10.txt" ;
                              mtg:documentKind "bestuurlijke terugkoppeling" ; mtg:sha256 ?sha""")


def test_eleven_agenda_items_in_document_order(store, seed_gold: dict) -> None:
    rows = select(store, f"""SELECT DISTINCT ?pos ?title WHERE {{
        ?item a mtg:AgendaItem ; mtg:meeting <{BASE}meeting/lovp/2017-04-10> ;
              schema:position ?pos ; dcterms:title ?title }} ORDER BY ?pos""")
    assert [r["pos"] for r in rows] == list(range(1, 12))
    for row, topic in zip(rows, seed_gold["topics"], strict=True):
        assert topic["label"].lower()[:12] in row["title"].lower() or \
            row["title"].lower() in topic["heading"].lower()


def test_actors_are_typed_and_labelled(store) -> None:
    assert ask(store, f"<{BASE}actor/burgemeesters> a mtg:Group ; skos:prefLabel ?l ; mtg:actorKind 'group'")
    assert ask(store, f"<{BASE}actor/politie> a org:Organization")
    assert ask(store, f"<{BASE}actor/minister-defensie> a org:Post ; org:heldBy <{BASE}actor/hennis-plasschaert>")


def test_every_kind_of_statement_is_present(store) -> None:
    rows = select(store, """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?s a mtg:Statement ; a ?class . FILTER(?class != mtg:Statement) } GROUP BY ?class""")
    counts = {r["class"].rsplit("#", 1)[-1]: r["n"] for r in rows}
    assert counts["Position"] >= 7 and counts["Commitment"] >= 7 and counts["Decision"] >= 4


def test_every_statement_carries_quote_offsets_rule_confidence(store, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    rows = select(store, """SELECT DISTINCT ?s ?quote ?exact ?start ?end ?rule ?conf WHERE {
        ?s a mtg:Statement ; mtg:quote ?quote ; mtg:rule ?rule ; mtg:confidence ?conf ;
           mtg:evidence/oa:hasTarget ?t .
        ?t oa:hasSource ?doc ; oa:hasSelector ?q , ?p .
        ?q a oa:TextQuoteSelector ; oa:exact ?exact .
        ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        ?s prov:wasDerivedFrom ?doc }""")
    assert len(rows) >= 20
    for row in rows:
        assert row["quote"] == row["exact"]
        assert fold_plain(text[row["start"]:row["end"]]) == row["quote"]
        assert 0 < row["conf"] <= 1
        assert row["rule"].count(":") >= 2


def test_positions_have_stances_and_commitments_due_dates(store) -> None:
    assert ask(store, f"""?p a mtg:Position ; mtg:stance mtg:conditional ; mtg:holder <{BASE}actor/burgemeesters> ;
                         mtg:quote ?q . FILTER(CONTAINS(?q, "mits"))""")
    assert ask(store, f"""?c a mtg:Commitment ; mtg:committedBy <{BASE}actor/korpschef> ;
                         mtg:dueText "na de zomer" ; mtg:dueDate ?d ; mtg:status mtg:open""")
    assert ask(store, """?d a mtg:Decision ; mtg:decisionType mtg:adopted ; mtg:quote ?q .
                         FILTER(CONTAINS(?q, "jaarverantwoording"))""")


def test_seed_conforms_to_the_shapes(store) -> None:
    report = store.validate()
    assert report.conforms, report.text[:2000]


def test_shapes_catch_a_broken_statement(tmp_path: Path) -> None:
    kg = overleg.open(tmp_path / "s")
    graph = f"{BASE}graph/broken"
    kg.store.replace_graphs({graph: [ox.Quad(ox.NamedNode(f"{BASE}x"),
                                             ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                             ox.NamedNode(MTG + "Position"), ox.NamedNode(graph))]})
    report = kg.validate()
    kg.close()
    assert not report.conforms and report.violations >= 1


def _all_quads(kg) -> set[str]:
    return {str(q) for q in kg.store.quads()}


def test_same_bytes_twice_changes_nothing(tmp_path: Path, seed_path: Path) -> None:
    kg = overleg.open(tmp_path / "s")
    kg.ingest(seed_path)
    before = _all_quads(kg)
    report = kg.ingest(seed_path)
    assert report.unchanged == [str(seed_path)] and not report.ingested
    assert _all_quads(kg) == before
    forced = kg.ingest(seed_path, force=True)
    assert forced.ingested and _all_quads(kg) == before
    kg.close()


def test_changed_document_replaces_its_graph(tmp_path: Path, seed_path: Path) -> None:
    copy = tmp_path / "lovp-2017-04-10.txt"
    copy.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    kg = overleg.open(tmp_path / "s")
    kg.ingest(copy)
    assert ask(kg, '?d a mtg:Decision ; mtg:quote ?q . FILTER(CONTAINS(?q, "jaarverantwoording"))')
    copy.write_text(seed_path.read_text(encoding="utf-8").replace(
        "De jaarverantwoording politie 2016 is vastgesteld.", "De begroting is besproken."), encoding="utf-8")
    report = kg.ingest(copy)
    assert report.ingested == [str(copy)]
    assert not ask(kg, '?d a mtg:Decision ; mtg:quote ?q . FILTER(CONTAINS(?q, "jaarverantwoording"))')
    docs = select(kg, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a mtg:SourceDocument }")
    assert docs[0]["n"] == 1
    kg.close()
