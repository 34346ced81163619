"""Language detection: each document gets its language, recorded in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from overleg.ingest.language import detect, with_language
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment
from overleg.ontology.terms import MTG

CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize("text, expected", [
    ("The Panel noted the report and the Commissioner agreed to publish the breakdown by the end "
     "of March, subject to the approval of the Chief Constable.", "en"),
    ("De burgemeesters hebben aangegeven dat zij graag betrokken worden bij de vertaalslag naar "
     "nationale prioriteiten. De minister zal terugkomen op het proces.", "nl"),
    ("Der Ausschuss hat beschlossen, die Entscheidung über den Haushalt auf die nächste Sitzung "
     "zu vertagen, weil die Unterlagen noch nicht vorliegen.", "de"),
    ("The minutes were approved.", "en"),
    ("De notulen zijn vastgesteld.", "nl"),
    ("", "nl"),
])
def test_detect_names_the_language(text: str, expected: str) -> None:
    assert detect(text) == expected


def test_function_words_decide_when_lingua_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from overleg.ingest import language

    def missing():
        raise ImportError("no lingua")

    monkeypatch.setattr(language, "_detector", missing)
    assert detect("The Committee agreed that the report be deferred to the next meeting of the Board.") == "en"
    assert detect("De commissie heeft besloten dat het voorstel wordt aangehouden tot de volgende keer.") == "nl"


@pytest.mark.parametrize("path", sorted((CORPUS / "en").glob("*.gold.json")), ids=lambda p: p.name)
def test_english_corpus_is_detected_as_english(path: Path) -> None:
    import json

    gold = json.loads(path.read_text(encoding="utf-8"))
    source = path.with_name(gold["document"])
    segmented = with_language(segment(read_bytes(source.read_bytes(), source.name)))
    assert segmented.meeting.language == gold["language"] == "en"


def test_dutch_seed_stays_dutch(seed_path: Path) -> None:
    segmented = with_language(segment(read_bytes(seed_path.read_bytes(), seed_path.name)))
    assert segmented.meeting.language == "nl"


def test_numbered_headings_on_their_own_line_keep_their_paragraphs() -> None:
    text = ("Minutes of the Finance Committee held on 3 June 2024\n\nPresent: Cllr A. Smith (Chair)\n\n"
            "1. Budget monitoring\n\nThe Committee noted the report. Cllr Smith raised concerns about "
            "the overspend.\n\nThe Treasurer will report back in July.\n\n2. Fees and charges\n\n"
            "RESOLVED that the fees be approved.\n")
    segmented = with_language(segment(read_bytes(text.encode(), "fin.txt")))
    assert [item.heading for item in segmented.items] == ["Budget monitoring", "Fees and charges"]
    first = segmented.items[0]
    body = segmented.document.text[first.span.start:first.span.end]
    assert "raised concerns" in body and "will report back in July" in body


def test_language_is_written_to_the_graph(kg, tmp_path: Path) -> None:
    source = CORPUS / "en" / "northshire-pcp-2024-03-12.txt"
    report = kg.ingest(source)
    assert report.ok
    rows = kg.sparql(f"SELECT ?lang WHERE {{ GRAPH ?g {{ ?m <{MTG.language}> ?lang }} }}").to_dicts()
    assert {str(row["lang"]) for row in rows} == {"en"}


def test_clear_function_words_agree_with_lingua_on_the_corpora() -> None:
    """The shortcut that skips lingua must never answer differently from lingua itself."""
    from overleg.ingest import language

    decided = 0
    for path in sorted(CORPUS.glob("*/*.txt")):
        clean = segment(read_bytes(path.read_bytes(), path.name)).clean
        sample = " ".join(clean[:language.SAMPLE_CHARS].split())
        clear = language._clear_language(language._WORD.findall(sample.lower()))
        if clear is not None:
            decided += 1
            assert clear == language._detector().detect_language_of(sample).iso_code_639_1.name.lower()
    assert decided >= 40  # the shortcut does apply to ordinary minutes


def test_french_articles_do_not_pass_for_dutch() -> None:
    text = ("Le comité a décidé de reporter la décision sur le budget à la prochaine réunion, "
            "parce que les documents ne sont pas encore disponibles et que la commune attend "
            "des informations de la région. ") * 6
    assert detect(text) == "fr"
