"""The link stage: topic concepts, follow-ups, deferrals and commitment lifecycle across meetings."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import overleg
import pytest
from overleg.link_followups import Commitment, find_supersessions
from overleg.link_lifecycle import current_statuses, due_end, is_overdue
from overleg.link_topics import TopicMatcher, link_topics, mint_concepts, normalise

MINUTES = {
    "lovp-a.txt": """Verslag Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017

Begroting politie: De minister zal voor 1 juli een brief over de begroting aan de Tweede Kamer sturen.
De burgemeesters hebben aangegeven dat de middelen onvoldoende zijn.

Screening van ketenpartners/VOG: Het onderwerp wordt aangehouden tot de volgende vergadering.

Meldkamers: De korpschef zal na de zomer een evaluatie van de meldkamers opstellen.
""",
    "lovp-b.txt": """Verslag Landelijk Overleg Veiligheid en Politie d.d. 12 juni 2017

Politiebegroting: De brief over de begroting is aan de Kamer gestuurd.

VOG politiegegevens: De burgemeesters hebben aangegeven akkoord te zijn, mits de gemeenten worden betrokken.
""",
    "lovp-c.txt": """Verslag Landelijk Overleg Veiligheid en Politie d.d. 9 oktober 2017

Meldkamerdomein: De evaluatie van de meldkamers komt te vervallen.
""",
}


@pytest.fixture()
def linked(tmp_path: Path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name, text in MINUTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    kg = overleg.open(tmp_path / "store")
    report = kg.ingest(folder)
    assert report.ok, report.failed
    yield kg
    kg.close()


def test_normalise_folds_case_accents_numbering_and_punctuation():
    assert normalise("3. Begroting  Politie:") == "begroting politie"
    assert normalise("Financiën van de politie") == "financien politie"
    assert normalise("Veiligheid rond AZC's") == normalise("veiligheid rond azc’s")


def test_matcher_exact_close_and_no_subset_match():
    matcher = TopicMatcher({"c:budget": ["Begroting politie", "Politiebegroting"],
                            "c:ondermijning": ["Aanpak ondermijnende criminaliteit"]})
    assert matcher.match("Politiebegroting").how == "exact"
    close = matcher.match("Aanpak ondermijnende criminalitiet")
    assert close.concept == "c:ondermijning" and close.how == "close" and close.score < 100
    assert matcher.match("Politie") is None          # a shared word is not the same topic


def test_recurring_unmatched_headings_are_minted_once_per_topic():
    items = [{"item": f"i{n}", "title": title, "meeting": meeting}
             for n, (title, meeting) in enumerate([("Wapenbezit jongeren", "m1"),
                                                   ("Wapenbezit van jongeren", "m2"),
                                                   ("Eenmalig onderwerp", "m1")])]
    found, minted = link_topics(items, {}, "https://x.org/")
    assert [c.label for c in minted] == ["Wapenbezit jongeren"]
    assert found["i0"].concept == found["i1"].concept == minted[0].iri
    assert "i2" not in found
    assert mint_concepts({"once": {"m1"}}, {"once": Counter({"Once": 1})}, "https://x.org/") == []


def test_lifecycle_priority_review_then_report_then_superseded():
    def c(iri: str, stated: str = "open") -> Commitment:
        return Commitment(iri, "b", "2017-01-01", "t", "task", frozenset({"a"}), stated)

    got = current_statuses([c("r"), c("f"), c("s"), c("o"), c("w", "withdrawn")],
                           reported={"r": "fulfilled", "f": "fulfilled"},
                           replaced={"s": "x", "r": "x"}, reviewed={"r": "withdrawn"})
    assert got == {"r": "withdrawn", "f": "fulfilled", "s": "superseded", "o": "open", "w": "withdrawn"}


def test_repeated_commitment_by_same_actor_supersedes_the_older():
    old = Commitment("old", "b", "2017-01-01", "t", "brief over de begroting sturen", frozenset({"a"}), "open")
    new = Commitment("new", "b", "2017-03-01", "t", "de brief over de begroting sturen", frozenset({"a"}), "open")
    other = Commitment("other", "b", "2017-05-01", "t", "de brief over de begroting sturen",
                       frozenset({"z"}), "open")
    assert find_supersessions([new, old, other]) == {"old": "new"}


def test_overdue_uses_end_of_month_and_only_open():
    assert due_end("2017-05") == date(2017, 5, 31)
    assert is_overdue("open", "2017-05", date(2017, 6, 1))
    assert not is_overdue("open", "2017-05", date(2017, 5, 31))
    assert not is_overdue("fulfilled", "2017-05", date(2018, 1, 1))
    assert not is_overdue("open", None, date(2018, 1, 1))


def test_headings_of_different_meetings_share_a_concept(linked):
    rows = linked.topic_timeline("begroting")
    assert [r["heading"] for r in rows] == ["Begroting politie", "Politiebegroting"]
    assert rows[0]["date"] < rows[1]["date"]
    assert len({r["concept"] for r in rows}) == 1


def test_follow_up_fulfils_and_withdrawal_closes_earlier_commitments(linked):
    rows = {r.task: r for r in linked.commitment_status(as_of="2018-01-01")}
    letter = next(r for t, r in rows.items() if "brief" in (t or ""))
    assert letter.status == "fulfilled"
    assert "aan de Kamer gestuurd" in letter.evidence
    assert not letter.overdue
    evaluation = next(r for t, r in rows.items() if "evaluatie" in (t or ""))
    assert evaluation.status == "withdrawn"


def test_follow_up_links_only_go_back_in_time_within_the_body(linked):
    rows = linked.sparql("""PREFIX mtg: <https://w3id.org/overleg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?later ?earlier WHERE { ?r mtg:reportsOn ?c ; mtg:agendaItem/mtg:meeting ?m2 .
          ?c mtg:meeting ?m1 . ?m1 dcterms:date ?earlier . ?m2 dcterms:date ?later }""").to_dicts()
    assert rows and all(str(r["earlier"]) < str(r["later"]) for r in rows)


def test_deferred_item_links_to_the_meeting_where_it_returns(linked):
    rows = linked.sparql("""PREFIX mtg: <https://w3id.org/overleg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title ?date WHERE { ?i mtg:deferredTo ?m ; dcterms:title ?title . ?m dcterms:date ?date }
        """).to_dicts()
    assert [(r["title"], str(r["date"])) for r in rows] == [("Screening van ketenpartners/VOG", "2017-06-12")]


def test_links_live_in_their_own_graph_and_relinking_is_stable(linked):
    graph = f"{linked.base}graph/links"
    before = sorted(str(q) for q in linked.store.quads(graph))
    assert before
    linked.link()
    assert sorted(str(q) for q in linked.store.quads(graph)) == before
    doc_graphs = [g for g in linked.store.named_graphs() if "/graph/lovp" in g]
    assert doc_graphs and not any("currentStatus" in str(q) for g in doc_graphs for q in linked.store.quads(g))


def test_cli_overdue_and_timeline(linked, cli):
    store = str(linked.store.path)
    linked.close()
    overdue = cli("link", "--store", store, "--overdue", "--as-of", "2017-12-01", "-f", "json")
    assert overdue.code == 0, overdue.err
    assert "brief" not in overdue.out       # fulfilled in June, so never overdue
    timeline = cli("link", "--store", store, "--timeline", "meldkamer", "-f", "csv")
    assert timeline.code == 0 and timeline.out.count("Meldkamer") >= 2
    bad = cli("link", "--store", store, "--overdue", "--as-of", "gisteren")
    assert bad.code == 2


@pytest.mark.slow
def test_synthetic_corpus_follow_ups_match_the_planted_truth(tmp_path: Path):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("synthetic_for_linking",
                                                  Path(__file__).resolve().parents[1] / "bench" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synthetic
    spec.loader.exec_module(synthetic)
    meetings = list(synthetic.meetings(24, seed=11))
    synthetic.generate(24, tmp_path / "minutes", seed=11)
    planted_closed = sum(len(m.follow_ups) + len(m.withdrawals) for m in meetings)
    returned = sum(len(m.returned) for m in meetings)
    with overleg.open(tmp_path / "store") as kg:
        assert kg.ingest(tmp_path / "minutes").ok
        summary = kg.link()
        rows = kg.commitment_status(as_of="2030-01-01")
    closed = sum(1 for r in rows if r.status in ("fulfilled", "withdrawn") and r.evidence)
    assert 0.7 * planted_closed <= closed <= planted_closed
    assert summary.deferrals >= 0.6 * returned
    assert all(r.date < "2030" for r in rows)


def test_reports_for_a_processed_document_equal_what_ingest_recorded(linked, tmp_path):
    from overleg.ingest.read import read_path
    from overleg.ingest.segment import segment
    from overleg.linking import reports_for

    path = next(p for p in (tmp_path / "minutes").iterdir() if p.name == "lovp-b.txt")
    graph, quads = reports_for(segment(read_path(path)), linked.base)
    stored = sorted(str(q) for q in linked.store.quads(graph))
    assert stored and stored == sorted(str(q) for q in quads)
    assert any("aan de Kamer gestuurd" in str(q.object) for q in quads)
