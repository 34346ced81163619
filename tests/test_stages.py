"""Each ingest stage keeps its contract; the orchestrator names the stage that broke."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from overleg.errors import StageError
from overleg.ingest import extract as extract_module
from overleg.ingest.emit import emit
from overleg.ingest.extract import extract, register
from overleg.ingest.pipeline import process_bytes
from overleg.ingest.read import read_path
from overleg.ingest.records import Evidence, Statement
from overleg.ingest.resolve import resolve
from overleg.ingest.segment import segment
from overleg.ontology.terms import DEFAULT_BASE_IRI


@pytest.fixture(scope="module")
def stages(seed_path: Path):
    document = read_path(seed_path)
    segmented = segment(document)
    extraction = extract(segmented)
    resolved = resolve(extraction)
    return document, segmented, extraction, resolved


def test_read_gives_text_hash_and_type(stages, seed_path: Path) -> None:
    document = stages[0]
    assert document.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert document.media_type == "text/plain"
    assert "Governance politie" in document.text


def test_segment_finds_metadata_and_items_with_original_spans(stages) -> None:
    document, segmented = stages[0], stages[1]
    assert segmented.meeting.body_acronym == "LOVP"
    assert segmented.meeting.date.isoformat() == "2017-04-10"
    assert len(segmented.items) == 11
    for item in segmented.items:
        assert document.text[item.heading_span.start:item.heading_span.end].split() == item.heading.split()
    for i, offset in enumerate(segmented.clean_offsets[:2000]):
        assert segmented.clean[i] == " " or document.text[offset] == segmented.clean[i]


def test_extract_statements_point_into_the_original_text(stages) -> None:
    document, _, extraction, _ = stages
    assert extraction.statements
    for statement in extraction.statements:
        ev = statement.evidence
        assert " ".join(document.text[ev.start:ev.end].split()) == ev.quote
        assert statement.item_order is not None


def test_resolve_links_de_minister_to_the_minister_last_named(stages) -> None:
    resolved = stages[3]
    first = next(s for s in resolved.statements if "zal nog terugkomen" in s.statement.evidence.quote)
    assert first.actor_keys == ("minister-defensie",)
    korpschef = next(s for s in resolved.statements if s.statement.due_text == "na de zomer")
    assert korpschef.due.isoformat() == "2017-09-30"


def test_emit_is_deterministic(stages) -> None:
    resolved = stages[3]
    first = [str(q) for q in emit(resolved, DEFAULT_BASE_IRI)]
    second = [str(q) for q in emit(resolved, DEFAULT_BASE_IRI)]
    assert first == second and len(first) > 500


def test_a_registered_extractor_runs_through_the_same_registry(stages) -> None:
    segmented = stages[1]

    @register("test-whole-title")
    def whole_title(seg):
        item = seg.items[0]
        ev = Evidence(item.heading_span.start, item.heading_span.end, item.heading, "test:title", 0.5)
        return [], [Statement("decision", item.order, ev, decision_type="noted")]

    try:
        result = extract(segmented, ["test-whole-title"])
        assert [s.evidence.rule for s in result.statements] == ["test:title"]
    finally:
        del extract_module.EXTRACTORS["test-whole-title"]


def test_a_broken_extractor_is_named(stages) -> None:
    segmented = stages[1]

    @register("test-broken")
    def broken(seg):
        return [], [Statement("decision", 1, Evidence(10**9, 10**9 + 5, "x", "test", 0.5))]

    try:
        with pytest.raises(StageError, match="extract:test-broken"):
            extract(segmented, ["test-broken"])
    finally:
        del extract_module.EXTRACTORS["test-broken"]


def test_pipeline_names_the_stage_that_failed(monkeypatch) -> None:
    import overleg.ingest.pipeline as pipeline

    def explode(_extraction):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "resolve", explode)
    with pytest.raises(StageError, match="stage 'resolve' failed: RuntimeError: boom"):
        process_bytes(b"Verslag LOVP d.d. 1 mei 2020\n\nPunt: de burgemeesters zijn akkoord.\n",
                      "x.txt", DEFAULT_BASE_IRI)
