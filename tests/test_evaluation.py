"""`overleg evaluate` and the scorer against GOLD-FORMAT.md (minutes-gold/1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from overleg.errors import InputError, UsageError
from overleg.evaluation import evaluate_directory, gold_source, load_gold, score_document
from overleg.ingest.pipeline import process_bytes
from overleg.ontology.terms import DEFAULT_BASE_IRI

MINUTES = ("Verslag Veiligheidsberaad d.d. 18 maart 2019\n\n"
           "1. Brandweer\nDe burgemeesters maken zich zorgen over de kosten.\n"
           "De politie zal voor 1 juli een rapport\nopleveren.\n"
           "Het position paper wordt vastgesteld.\n")


def gold(*statements: dict, actors: list | None = None) -> dict:
    return {"schema": "minutes-gold/1", "document": "m.txt", "language": "nl",
            "meeting": {"body": "Veiligheidsberaad", "date": "2019-03-18", "kind": "verslag"},
            "actors": actors or [{"id": "burgemeesters", "label": "Burgemeesters", "kind": "group",
                                  "aliases": ["de burgemeesters"]},
                                 {"id": "politie", "label": "Politie", "kind": "organisation",
                                  "aliases": ["de politie"]}],
            "topics": [{"id": "T1", "order": 1, "label": "Brandweer", "heading": "Brandweer"}],
            "statements": list(statements)}


POSITION = {"kind": "position", "topic": "T1", "actors": ["burgemeesters"], "stance": "concern",
            "quote": "De burgemeesters maken zich zorgen over de kosten."}
# The quote folds the line break inside it, as GOLD-FORMAT.md prescribes.
COMMITMENT = {"kind": "commitment", "topic": "T1", "actors": ["politie"], "due": "2019-07-01",
              "quote": "De politie zal voor 1 juli een rapport opleveren."}
DECISION = {"kind": "decision", "topic": "T1", "actors": [], "type": "adopted",
            "quote": "Het position paper wordt vastgesteld."}


@pytest.fixture(scope="module")
def resolved():
    return process_bytes(MINUTES.encode("utf-8"), "m.txt", DEFAULT_BASE_IRI).resolved


def test_everything_found_scores_one(resolved) -> None:
    score = score_document(gold(POSITION, COMMITMENT, DECISION), resolved)
    assert {k: (score.scores[k].tp, score.scores[k].fp, score.scores[k].fn)
            for k in ("position", "commitment", "decision")} == {
        "position": (1, 0, 0), "commitment": (1, 0, 0), "decision": (1, 0, 0)}
    assert score.attributes == {"stance": [True], "due": [True], "decision type": [True]}
    assert score.meeting == {"body": True, "date": True, "kind": True}


def test_wrong_actor_is_a_miss_and_a_false_hit(resolved) -> None:
    wrong = dict(POSITION, actors=["politie"])
    score = score_document(gold(wrong), resolved)
    assert (score.scores["position"].tp, score.scores["position"].fp, score.scores["position"].fn) == (0, 1, 1)
    assert "other actors: burgemeesters" in score.notes[("position", wrong["quote"])]


def test_gold_without_actors_accepts_any_actor(resolved) -> None:
    score = score_document(gold(dict(POSITION, actors=[])), resolved)
    assert score.scores["position"].tp == 1


def test_a_gold_statement_matches_at_most_one_prediction(resolved) -> None:
    twice = gold(POSITION, dict(POSITION, quote="zich zorgen over de kosten"))
    score = score_document(twice, resolved)
    assert (score.scores["position"].tp, score.scores["position"].fn) == (1, 1)


def test_half_overlap_is_required(resolved) -> None:
    short = dict(DECISION, quote="Het position paper wordt vastgesteld. ")
    assert score_document(gold(short), resolved).scores["decision"].tp == 1
    far = dict(POSITION, kind="decision", actors=[], quote="De burgemeesters maken zich zorgen")
    assert score_document(gold(far), resolved).scores["decision"].tp == 0


def test_unfound_gold_quote_is_reported_as_broken_gold(resolved) -> None:
    broken = dict(POSITION, quote="Deze zin staat er niet in.")
    score = score_document(gold(broken), resolved)
    assert score.unfound == [("position", "Deze zin staat er niet in.")]


def write(folder: Path, name: str, data: dict | str, text: str = MINUTES, suffix: str = ".txt") -> Path:
    (folder / f"{name}{suffix}").write_text(text, encoding="utf-8")
    payload = data if isinstance(data, str) else json.dumps(data)
    (folder / f"{name}.gold.json").write_text(payload, encoding="utf-8")
    return folder


def test_cli_prints_scores_per_kind_and_lists_misses(cli, tmp_path: Path) -> None:
    folder = write(tmp_path, "m", gold(POSITION, COMMITMENT, DECISION,
                                       dict(POSITION, quote="De politie zal voor 1 juli", kind="position")))
    result = cli("evaluate", folder, "--verbose")
    assert result.code == 0
    lines = {line.split()[0]: line.split()[1:] for line in result.out.splitlines() if line.strip()}
    assert lines["position"][:3] == ["1.000", "0.500", "0.667"]
    assert lines["commitment"][:3] == ["1.000", "1.000", "1.000"]
    assert "MISS  position   De politie zal voor 1 juli" in result.out


def test_cli_min_f1_and_json(cli, tmp_path: Path) -> None:
    folder = write(tmp_path, "m", gold(POSITION, COMMITMENT, DECISION))
    assert cli("evaluate", folder, "--min-f1", "0.99").code == 0
    data = json.loads(cli("evaluate", folder, "--json").out)
    assert data["total"]["f1"] == 1.0 and data["documents"]["m-txt"]["position"]["tp"] == 1
    worse = write(tmp_path, "m", gold(POSITION, dict(POSITION, quote="Het position paper", kind="commitment")))
    assert cli("evaluate", worse, "--min-f1", "0.9").code == 1


def test_cli_broken_gold_exits_1_and_names_it(cli, tmp_path: Path) -> None:
    folder = write(tmp_path, "m", gold(dict(POSITION, quote="Niet in het document.")))
    result = cli("evaluate", folder)
    assert result.code == 1 and "Niet in het document." in result.err


def test_cli_invalid_gold_is_an_input_error(cli, tmp_path: Path) -> None:
    folder = write(tmp_path, "m", "{not json")
    result = cli("evaluate", folder)
    assert result.code == 2 and "m.gold.json" in result.err


def test_gold_validation_and_document_lookup(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"schema": "minutes-gold/1", "statements": [{"kind": "vote", "quote": "a"}]}))
    with pytest.raises(InputError, match="kind"):
        load_gold(path)
    (tmp_path / "x.md").write_text("# minutes", encoding="utf-8")
    assert gold_source(path, {}).name == "x.md"
    with pytest.raises(InputError, match="not next to it"):
        gold_source(path, {"document": "missing.txt"})
    with pytest.raises(UsageError):
        evaluate_directory(tmp_path / "empty")


def test_python_api_evaluates_a_folder(kg, tmp_path: Path) -> None:
    folder = write(tmp_path, "m", gold(POSITION, COMMITMENT, DECISION))
    report = kg.evaluate(folder)
    assert report.statements().f1 == 1.0 and report.agreement("due") == (1, 1)


def test_english_pronouns_never_match_an_actor_and_body_articles_do_not_count() -> None:
    from dataclasses import replace

    from overleg.ingest.records import Actor

    text = ("Minutes of the meeting of the Board held on 12 March 2024\n\n"
            "1. Parking\nThe Board noted the report.\n")
    result = process_bytes(text.encode("utf-8"), "minutes.txt", DEFAULT_BASE_IRI).resolved
    result = replace(result, actors=(*result.actors, Actor("tom-lee", "Tom Lee", "person", ("she", "they"))))
    gold_doc = {"document": "minutes.txt", "meeting": {"body": "the Board", "date": "2024-03-12"},
                "actors": [{"id": "shaw", "label": "Ann Shaw", "aliases": ["she", "they"]}],
                "topics": [], "statements": []}
    score = score_document(gold_doc, result)
    assert score.meeting["body"] is True  # "Board" found, "the Board" in gold
    assert score.scores["actors"].tp == 0  # a pronoun names nobody: Tom Lee is not Ann Shaw


def test_a_due_written_with_its_preposition_agrees_with_the_bare_gold_text() -> None:
    text = ("Minutes of the meeting of the Board held on 12 March 2024\n\n"
            "1. Housing\nThe Director of Housing undertook to provide a breakdown before the next meeting.\n")
    result = process_bytes(text.encode("utf-8"), "minutes.txt", DEFAULT_BASE_IRI).resolved
    quote = "The Director of Housing undertook to provide a breakdown before the next meeting."
    for due, agrees in (("next meeting", True), ("the next meeting", True), ("next month", False)):
        gold_doc = {"document": "minutes.txt", "meeting": {}, "actors": [], "topics": [],
                    "statements": [{"kind": "commitment", "topic": "T1", "actors": [], "quote": quote,
                                    "due": due}]}
        assert score_document(gold_doc, result).attributes["due"] == [agrees]
