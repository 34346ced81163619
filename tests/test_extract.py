"""Dutch rule extraction: floors on the seed and the own corpus, and the behaviours behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from overleg.config import examples_dir
from overleg.evaluation import KINDS, evaluate_directory
from overleg.ingest.pipeline import process_bytes
from overleg.ingest.tables import find_rows, header_lines
from overleg.ontology.terms import DEFAULT_BASE_IRI

CORPUS = Path(__file__).parent / "corpus" / "nl"


def statements(body: str, header: str = "Verslag Veiligheidsberaad d.d. 18 maart 2019\n\n"):
    result = process_bytes((header + body).encode("utf-8"), "minutes.txt", DEFAULT_BASE_IRI)
    return list(result.resolved.statements)


def only(found, kind: str):
    return [s for s in found if s.statement.kind == kind]


def test_seed_meets_the_floors() -> None:
    report = evaluate_directory(examples_dir())
    assert report.statements().f1 >= 0.90
    for kind in KINDS:
        assert report.total(kind).f1 >= 0.80, kind
    assert report.broken_gold == []


def test_own_corpus_meets_the_floors_per_document_and_kind() -> None:
    report = evaluate_directory(CORPUS)
    assert len(report.documents) >= 5
    assert report.statements().f1 >= 0.90
    for kind in KINDS:
        assert report.total(kind).f1 >= 0.80, kind
    for document in report.documents:
        total = sum((document.scores[k].tp for k in KINDS), 0)
        found = sum((document.scores[k].tp + document.scores[k].fp for k in KINDS), 0)
        wanted = sum((document.scores[k].tp + document.scores[k].fn for k in KINDS), 0)
        assert 2 * total / (found + wanted) >= 0.80, document.document
    assert report.broken_gold == []
    stance, compared = report.agreement("stance")
    assert compared and stance / compared >= 0.9


@pytest.mark.parametrize(("sentence", "stance"), [
    ("De politie heeft geen bezwaar tegen het voorstel.", "support"),
    ("De politiechef is niet akkoord met het voorstel.", "oppose"),
    ("De wethouder is er niet van overtuigd dat camera's helpen.", "oppose"),
    ("De burgemeester staat niet afwijzend tegenover een pilot.", "support"),
    ("De fractie van de SP steunt het voorstel niet, omdat de privacy onvoldoende is geborgd.", "oppose"),
    ("Het OM heeft geen bezwaar, mits de beelden kort worden bewaard.", "conditional"),
    ("De burgemeesters onderschrijven de richting, maar maken zich zorgen over de kosten.", "concern"),
    ("De burgemeesters willen graag betrokken worden bij de uitwerking.", "request"),
    ("De regioburgemeesters uiten hun zorg over de uitstroom.", "concern"),
])
def test_stances_and_negation(sentence: str, stance: str) -> None:
    positions = only(statements("1. Punt\n" + sentence + "\n"), "position")
    assert [p.statement.stance for p in positions] == [stance]
    assert positions[0].actor_keys  # the holder is named


def test_subject_not_object_holds_the_position() -> None:
    found = statements("1. Punt\nBurgemeester Aboutaleb vraagt de minister om structurele financiering.\n")
    assert [p.actor_keys for p in only(found, "position")] == [("aboutaleb",)]


def test_second_predicate_is_a_second_position_of_the_same_subject() -> None:
    found = statements("1. Punt\nBurgemeester Aboutaleb steunt het plan en vraagt de minister om geld.\n")
    positions = only(found, "position")
    assert [(p.statement.stance, p.actor_keys) for p in positions] == [
        ("support", ("aboutaleb",)), ("request", ("aboutaleb",))]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("De jaarrekening 2020 is goedgekeurd.", "adopted"),
    ("Besluit: het Veiligheidsberaad neemt kennis van de rapportage.", "noted"),
    ("Besluit: het voorstel wordt aangehouden tot het volgende overleg.", "deferred"),
    ("Het voorstel is door het Veiligheidsberaad afgewezen.", "rejected"),
    ("Het voorstel van de wethouder wordt niet overgenomen.", "rejected"),
    ("Het plan om een congres te organiseren wordt geschrapt.", "withdrawn"),
    ("Het Veiligheidsberaad stemt in met het draaiboek.", "agreed"),
    ("Conclusie: het jaarplan wordt vastgesteld in de volgende vergadering.", "deferred"),
])
def test_decision_types(sentence: str, kind: str) -> None:
    decisions = only(statements("1. Punt\n" + sentence + "\n"), "decision")
    assert [d.statement.decision_type for d in decisions] == [kind]


def test_an_earlier_decision_that_is_only_mentioned_is_not_a_decision() -> None:
    found = statements("1. Punt\nIn de vorige vergadering is al besloten dat de proef wordt verlengd.\n")
    assert only(found, "decision") == []


def test_consent_of_one_member_is_a_position_not_a_decision() -> None:
    found = statements("1. Punt\nHet college van Heerlen stemt niet in met de verhoging.\n")
    assert only(found, "decision") == []
    assert [p.statement.stance for p in only(found, "position")] == ["oppose"]


def test_a_plan_called_off_is_not_an_open_commitment() -> None:
    found = statements("1. Punt\nDe geplande informatieavond gaat niet door. De politie zal de cijfers leveren.\n")
    commitments = only(found, "commitment")
    assert [c.statement.evidence.quote for c in commitments] == ["De politie zal de cijfers leveren."]


def test_passive_agent_commits() -> None:
    found = statements("1. Punt\nEr zullen door politie gesprekken gevoerd worden met burgemeesters.\n")
    assert [c.actor_keys for c in only(found, "commitment")] == [("politie",)]


def test_agreement_that_someone_acts_is_a_decision_and_a_commitment() -> None:
    found = statements("1. Punt\nBesloten wordt dat de politie een plan opstelt.\n")
    assert len(only(found, "decision")) == 1
    assert [c.actor_keys for c in only(found, "commitment")] == [("politie",)]


def test_commitment_due_date_normalised_against_the_meeting() -> None:
    found = statements("1. Punt\nDe korpschef zal medio 2020 een model presenteren. De minister zegt toe "
                       "de Kamer voor 1 juli te informeren.\n")
    dues = [(c.statement.due_text, c.due.isoformat() if c.due else None) for c in only(found, "commitment")]
    assert dues == [("medio 2020", "2020-06-30"), ("voor 1 juli", "2019-07-01")]


def test_toezeggingen_table_rows_become_commitments() -> None:
    body = ("Toezeggingen\nNr | Toezegging | Wie | Termijn\n"
            "1 | Rapportage woninginbraken aanleveren | Politie | eind juni 2019\n"
            "2 | Evaluatie cameratoezicht | Gemeente Eindhoven | Q4 2019\n")
    commitments = only(statements(body), "commitment")
    assert [(c.actor_keys, c.statement.due_text, c.statement.task) for c in commitments] == [
        (("politie",), "eind juni 2019", "Rapportage woninginbraken aanleveren"),
        (("gemeente-eindhoven",), "Q4 2019", "Evaluatie cameratoezicht")]


def test_rows_in_english_and_text_lists() -> None:
    text = ("Action | Owner | By when\nCirculate the note | Clerk | 31 March\n\n"
            "- RIEC Oost-Brabant: stelt een beeld op, gereed medio 2019.\n"
            "• Politie – maandelijkse rapportage – vanaf 1 september\n"
            "Actie: korpschef – rapportage uitstroom, uiterlijk 1 mei 2023.\n")
    rows = find_rows(text)
    assert [(r.who.text if r.who else None, r.task.text, r.due.text if r.due else None) for r in rows] == [
        ("Clerk", "Circulate the note", "31 March"),
        ("RIEC Oost-Brabant", "stelt een beeld op, gereed medio 2019.", "medio 2019"),
        ("Politie", "maandelijkse rapportage", "vanaf 1 september"),
        ("korpschef", "rapportage uitstroom, uiterlijk 1 mei 2023.", "uiterlijk 1 mei 2023")]
    assert [text[s:e] for s, e in header_lines(text)] == ["Action | Owner | By when"]
    for row in rows:
        assert text[row.task.start:row.task.end] == row.task.text


def test_list_rows_outside_an_action_section_are_not_commitments() -> None:
    found = statements("1. Ondermijning\n- Burgemeesters: zijn tevreden over de aanpak.\n")
    assert only(found, "commitment") == []


def test_evidence_points_into_the_original_text() -> None:
    body = "1. Punt\nDe burgemeesters hebben aangegeven dat dit mooi is, maar nog een onvol-\ndoende oplossing is.\n"
    header = "Verslag LOVP d.d. 10 april 2017\n\n"
    result = process_bytes((header + body).encode("utf-8"), "m.txt", DEFAULT_BASE_IRI)
    text = result.resolved.segmented.document.text
    for statement in result.resolved.statements:
        evidence = statement.statement.evidence
        assert " ".join(text[evidence.start:evidence.end].replace("-\n", "").split()) == evidence.quote


def test_members_agreeing_take_a_position_the_body_agreeing_decides() -> None:
    member = statements("1. Begroting\nDe burgemeesters zijn akkoord met de begroting.\n")
    assert [(s.statement.kind, s.statement.stance, s.actor_keys) for s in member] == [
        ("position", "support", ("burgemeesters",))]
    body = statements("1. Begroting\nHet Veiligheidsberaad is akkoord met de begroting.\n")
    assert [(s.statement.kind, s.actor_keys) for s in body] == [("decision", ("veiligheidsberaad",))]


def test_the_body_asking_someone_to_act_decides_and_assigns() -> None:
    found = statements("1. Recherche\nHet Veiligheidsberaad verzoekt de korpschef om voor de zomer een "
                       "voorstel te doen.\n")
    assert sorted((s.statement.kind, s.actor_keys) for s in found) == [
        ("commitment", ("korpschef",)), ("decision", ("veiligheidsberaad",))]
    assert only(found, "commitment")[0].statement.due_text == "voor de zomer"
    member = statements("1. Recherche\nBurgemeester Halsema verzoekt de korpschef om een voorstel te doen.\n")
    assert [(s.statement.kind, s.statement.stance) for s in member] == [("position", "request")]


@pytest.mark.parametrize(("header", "row"), [
    ("Action owner | Action | Due by", "Clerk | Circulate the plan | 31 July 2024"),
    ("Action | Lead officer | Timescale", "Circulate the plan | Clerk | 31 July 2024"),
    ("Ref | Action | Responsible officer | Completion date", "A1 | Circulate the plan | Clerk | 31 July 2024"),
])
def test_english_action_table_header_words(header: str, row: str) -> None:
    text = f"{header}\n{row}\n"
    rows = find_rows(text)
    assert [text[s:e] for s, e in header_lines(text)] == [header]
    assert [(r.task.text, r.who.text if r.who else None, r.due.text if r.due else None) for r in rows] == [
        ("Circulate the plan", "Clerk", "31 July 2024")]


def test_no_questions_is_no_request() -> None:
    found = statements("1. Rondvraag en sluiting\nGeen vragen. De voorzitter sluit de vergadering.\n\n"
                       "2. Meldkamer\nDe burgemeesters vragen om een nieuwe planning.\n")
    assert [(s.statement.evidence.quote, s.statement.stance) for s in only(found, "position")] == [
        ("De burgemeesters vragen om een nieuwe planning.", "request")]
