"""English minutes: cues, negation, actors, action tables and the scored corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from overleg.evaluation import evaluate_directory
from overleg.ingest.pipeline import process_bytes
from overleg.ingest.records import ResolvedStatement
from overleg.ontology.terms import DEFAULT_BASE_IRI

CORPUS = Path(__file__).parent / "corpus" / "en"
HEADER = ("Minutes of the meeting of the Scrutiny Committee held on 14 February 2024\n\n"
          "Present: Councillor Jane Holt (Chair), Councillors Ben Ward and Ruth Amos\n\n")


def statements(body: str, name: str = "minutes.txt") -> list[ResolvedStatement]:
    result = process_bytes((HEADER + body).encode("utf-8"), name, DEFAULT_BASE_IRI)
    assert result.resolved.segmented.meeting.language == "en"
    return list(result.resolved.statements)


def only(found: list[ResolvedStatement], kind: str) -> list[ResolvedStatement]:
    return [s for s in found if s.statement.kind == kind]


def test_corpus_meets_the_floors() -> None:
    report = evaluate_directory(CORPUS)
    assert len(report.documents) >= 4
    assert report.statements().f1 >= 0.90
    for kind in ("position", "commitment", "decision"):
        assert report.total(kind).f1 >= 0.80, kind


def test_evaluate_command_covers_the_english_corpus(cli) -> None:
    result = cli("evaluate", CORPUS, "--min-f1", "0.9", "--json")
    assert result.code == 0, result.err
    assert '"commitment"' in result.out


@pytest.mark.parametrize("sentence, stance", [
    ("Councillor Ward did not support the proposal to close the depot.", "oppose"),
    ("Councillor Ward had no objection to the revised charges.", "support"),
    ("Members did not object to the draft policy.", "support"),
    ("Councillor Amos supported the scheme subject to a review after twelve months.", "conditional"),
    ("Councillor Amos raised concerns about the cost of the scheme.", "concern"),
    ("Councillor Ward asked that the figures be published on the website.", "request"),
    ("Councillor Amos welcomed the improvement in response times.", "support"),
    ("Councillor Ward opposed the closure of the library.", "oppose"),
])
def test_stances_and_negation(sentence: str, stance: str) -> None:
    positions = only(statements(f"1. Depot review\n\n{sentence}\n\n2. Close\n\nNone.\n"), "position")
    assert [p.statement.stance for p in positions] == [stance]
    assert positions[0].actor_keys and positions[0].actor_keys[0] in {"ben-ward", "ruth-amos", "members"}


def test_questions_are_not_stances() -> None:
    found = statements("1. Budget\n\nCouncillor Ward asked whether the figures included VAT.\n")
    assert only(found, "position") == []


@pytest.mark.parametrize("sentence, kind", [
    ("RESOLVED that the report be noted.", "noted"),
    ("RESOLVED that the revised fees be approved.", "adopted"),
    ("It was agreed that the item be deferred to the next meeting.", "deferred"),
    ("The report was withdrawn by the Chair.", "withdrawn"),
    ("The minutes of the meeting held on 10 January 2024 were approved as a correct record.", "adopted"),
])
def test_decisions_and_their_types(sentence: str, kind: str) -> None:
    decisions = only(statements(f"1. Item\n\n{sentence}\n"), "decision")
    assert [d.statement.decision_type for d in decisions] == [kind]


def test_each_item_of_a_resolution_list_is_a_decision() -> None:
    found = statements("1. Budget\n\nRESOLVED that:\na) the revenue budget be approved;\n"
                       "b) the precept be set at £92.46;\nc) the Chair write to the Minister.\n\n"
                       "Councillor Ward supported the budget but felt that the settlement was inadequate.\n")
    decisions = only(found, "decision")
    assert [d.statement.evidence.quote[:2] for d in decisions] == ["a)", "b)", "c)"]
    assert [p.statement.stance for p in only(found, "position")] == ["support", "concern"]


def test_confirmation_joins_the_proposal_it_settles() -> None:
    found = statements("1. Item\n\nCouncillor Ward proposed that the meeting be adjourned. "
                       "This was not agreed.\n")
    decisions = only(found, "decision")
    assert len(decisions) == 1 and decisions[0].statement.decision_type == "rejected"
    assert decisions[0].statement.evidence.quote.endswith("This was not agreed.")
    assert [p.statement.stance for p in only(found, "position")] == ["request"]


def test_a_body_agreeing_to_act_is_a_decision_not_a_commitment() -> None:
    found = statements("1. Strategy\n\nThe Committee agreed to approve the strategy.\n")
    assert len(only(found, "decision")) == 1 and only(found, "commitment") == []


def test_commitments_name_who_and_when() -> None:
    found = statements("1. Repairs\n\nThe Director of Housing will report back to the Committee by 31 March.\n\n"
                       "ACTION: Jane Holt to circulate the briefing note by the end of the month.\n\n"
                       "The Chair agreed to write to the Minister.\n")
    commitments = only(found, "commitment")
    # "The Chair" is whoever the Present list names as chair: Councillor Jane Holt.
    assert [c.actor_keys[:1] for c in commitments] == [("director-of-housing",), ("jane-holt",), ("jane-holt",)]
    assert commitments[0].statement.due_text == "by 31 March"
    assert commitments[0].due is not None and (commitments[0].due.month, commitments[0].due.day) == (3, 31)
    assert commitments[1].statement.due_text == "by the end of the month"


def test_things_that_will_happen_are_not_undertakings() -> None:
    found = statements("1. Parking\n\nThe new charges will affect residents. It will be difficult to "
                       "enforce them. The new fleet will arrive in May.\n\n"
                       "The next meeting will take place on 14 May 2024.\n")
    assert only(found, "commitment") == []


TABLE_ROWS = [("Circulate the risk register", "Ruth Amos", "30 April 2024"),
              ("Review the fees", "Head of Finance", "next meeting")]


def _text_table() -> bytes:
    lines = ["Owner | Action | Due"] + [f"{who} | {task} | {due}" for task, who, due in TABLE_ROWS]
    return (HEADER + "1. Action log\n\n" + "\n".join(lines) + "\n\n2. Close\n\nNone.\n").encode()


def _html_table() -> bytes:
    rows = "".join(f"<tr><td>{task}</td><td>{who}</td><td>{due}</td></tr>" for task, who, due in TABLE_ROWS)
    return (f"<html><body><p>{HEADER}</p><h2>1. Action log</h2><table><tr><th>Action</th>"
            f"<th>Responsible</th><th>Deadline</th></tr>{rows}</table></body></html>").encode()


def _docx_table() -> bytes:
    from docx import Document

    document = Document()
    for line in HEADER.strip().split("\n\n"):
        document.add_paragraph(line)
        document.add_paragraph("")
    document.add_paragraph("1. Action log")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(table.rows[0].cells, ("Action", "Owner", "Due date"), strict=True):
        cell.text = title
    for task, who, due in TABLE_ROWS:
        for cell, value in zip(table.add_row().cells, (task, who, due), strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, make", [("actions.txt", _text_table), ("actions.html", _html_table),
                                        ("actions.docx", _docx_table)])
def test_action_tables_give_one_commitment_per_row(name: str, make) -> None:
    result = process_bytes(make(), name, DEFAULT_BASE_IRI)
    commitments = only(list(result.resolved.statements), "commitment")
    assert [c.statement.task for c in commitments] == [task for task, _, _ in TABLE_ROWS]
    assert [c.actor_keys for c in commitments] == [("ruth-amos",), ("head-of-finance",)]
    assert [c.statement.due_text for c in commitments] == ["30 April 2024", "next meeting"]
    assert commitments[0].due is not None and commitments[0].due.isoformat() == "2024-04-30"


def test_uk_offices_and_councillors_resolve_without_a_gazetteer() -> None:
    body = ("1. Precept\n\nThe Police and Crime Commissioner presented the precept. Cllr Ward raised "
            "concerns about the increase. The Commissioner will publish the breakdown.\n\n"
            "Councillor Ben Ward asked that the Chief Constable attend the next meeting.\n")
    result = process_bytes((HEADER + body).encode(), "pcp.txt", DEFAULT_BASE_IRI)
    keys = {a.key: a for a in result.resolved.actors}
    assert keys["police-and-crime-commissioner"].kind == "post"
    assert keys["ben-ward"].kind == "person"
    assert {"cllr ward", "councillor ben ward"} <= set(keys["ben-ward"].aliases)
    commitment = only(list(result.resolved.statements), "commitment")[0]
    assert commitment.actor_keys == ("police-and-crime-commissioner",)


def test_us_council_motions_votes_and_titles() -> None:
    found = statements("1. Consent agenda\n\nCouncil Member Ward moved to approve the consent agenda. "
                       "Council Member Amos seconded. The motion carried 5-0.\n\n"
                       "2. Parking\n\nCouncil Member Ward asked staff to seek a state grant. "
                       "The item was tabled until the grant decision is known.\n\n"
                       "3. Adjournment\n\nThe meeting was adjourned at 7:45 p.m.\n")
    decisions = only(found, "decision")
    assert [d.statement.decision_type for d in decisions] == ["adopted", "deferred"]
    assert decisions[0].statement.evidence.quote.endswith("The motion carried 5-0.")
    assert only(found, "commitment") == []
    request = only(found, "position")
    assert [(p.statement.stance, p.actor_keys) for p in request] == [("request", ("ben-ward",))]


def test_bullets_are_sentences_and_only_action_lists_give_commitments() -> None:
    found = statements("1. Budget monitoring\n\nThe Committee discussed the following points:\n"
                       "- Parking income: the shortfall was noted\n"
                       "- Leisure: Members welcomed the new contract\n\n"
                       "2. Actions\n\n- Treasurer: report back on parking income\n")
    assert [d.statement.evidence.quote for d in only(found, "decision")] == [
        "Parking income: the shortfall was noted"]  # the bullet is no part of the quote
    assert [(p.statement.stance, p.actor_keys) for p in only(found, "position")] == [("support", ("members",))]
    commitments = only(found, "commitment")
    assert [(c.statement.task, c.actor_keys) for c in commitments] == [
        ("report back on parking income", ("treasurer",))]


def test_informal_minutes_name_listed_people_by_first_name() -> None:
    found = statements("Attending: Dave Morgan, Priya Shah, Lorraine Cole\n\n"
                       "1. Treasurer's report\n\n"
                       "Dave said he'd get a second quote before the next meeting. Lorraine was unhappy about "
                       "the cost.\nAP: Priya to write to the Highways team.\n")
    commitments = only(found, "commitment")
    assert [c.actor_keys for c in commitments] == [("dave-morgan",), ("priya-shah",)]
    assert [(p.statement.stance, p.actor_keys) for p in only(found, "position")] == [
        ("concern", ("lorraine-cole",))]


def test_told_party_and_reported_party_hold_the_statement() -> None:
    found = statements("1. Public comment\n\nThe Chair directed staff to place the item on a future agenda.\n\n"
                       "2. Review\n\nThe Chair informed Members that Fenwick Police had requested an adjournment.\n")
    assert [c.actor_keys for c in only(found, "commitment")] == [("staff",)]
    assert [(p.statement.stance, p.actor_keys) for p in only(found, "position")] == [
        ("request", ("fenwick-police",))]


def test_closed_action_log_rows_are_no_open_commitments() -> None:
    found = statements("1. Action log\n\nRef | Action | Owner | Deadline | Status\n"
                       "A1 | Publish the plan | Head of Finance | 30/09/2024 | Closed\n"
                       "A2 | Report on agency spend | Head of Finance | 05/12/2024 | Open\n")
    assert [c.statement.task for c in only(found, "commitment")] == ["Report on agency spend"]
