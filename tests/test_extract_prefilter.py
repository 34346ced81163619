"""The literal pre-filter in front of cue regexes must never change what they find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from overleg.ingest import cues_en, cues_nl
from overleg.ingest.prefilter import Prefiltered, compile, required_literals

CORPUS = Path(__file__).parent / "corpus"


def _patterns() -> list[re.Pattern[str] | Prefiltered]:
    found = []
    for module in (cues_nl, cues_en):
        for value in vars(module).values():
            if isinstance(value, (re.Pattern, Prefiltered)):
                found.append(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], tuple):
                found.extend(cue[0] for cue in value if isinstance(cue[0], (re.Pattern, Prefiltered)))
    return found


def _clauses() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        texts += [part.strip().lower() for part in re.split(r"(?<=[.;:])\s", text) if part.strip()]
    return texts


def test_literals_are_read_off_alternatives() -> None:
    literals = required_literals(r"\b(?:zegt|zeggen) \w+ toe\b|\btoegezegd\b")
    assert literals == {" toe", "toegezegd"}  # one fixed piece of each alternative
    literals = required_literals(r"\bstem(?:t|men) niet in\b")
    assert literals and all(any(lit in text for lit in literals)
                            for text in ("stemt niet in", "stemmen niet in"))
    assert required_literals(r"(?:a|b)?c*") is None  # nothing is certain
    assert required_literals(r"abc", re.IGNORECASE) is None  # case folding: no plain substring test


def test_filter_is_used_only_where_it_pays() -> None:
    assert isinstance(compile(r"^(?:besluit|actie)\s*:"), re.Pattern)  # anchored: fails at once
    assert isinstance(compile(r"\s+\w+(?!x)"), re.Pattern)  # no certain literal
    split = compile(r"\s+(?=daarnaast)|;\s+")  # a lookahead's text must stand in the text too
    assert isinstance(split, Prefiltered) and not split.possible("en ook dit") and split.possible("a; b")
    assert isinstance(compile(r"\b(?:is|zijn) (?:\w+ )?bereid\b"), Prefiltered)


@pytest.mark.slow
def test_filtered_cues_find_exactly_what_the_regex_finds() -> None:
    clauses = _clauses()
    filtered = [p for p in _patterns() if isinstance(p, Prefiltered)]
    assert len(filtered) > 20
    skipped = 0
    for pattern in filtered:
        for clause in clauses:
            found, expected = pattern.search(clause), pattern.regex.search(clause)
            assert (found and found.span()) == (expected and expected.span()), (pattern.pattern, clause)
            assert [m.span() for m in pattern.finditer(clause)] == \
                [m.span() for m in pattern.regex.finditer(clause)]
            skipped += not pattern.possible(clause)
    assert skipped > 0  # the filter does rule texts out


def test_due_word_check_finds_what_the_pattern_finds() -> None:
    from overleg.ingest.due import DUE_PATTERN, find_due

    clauses = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        clauses += [part for part in re.split(r"(?<=[.;:])\s", text) if part.strip()]
    clauses += ["Uiterlijk 1 MEI 2024", "voor de ZOMER", "in q3", "Before the end of THE YEAR", "vóór 1 mei"]
    found = 0
    for clause in clauses:
        for variant in (clause, clause.upper()):
            match = DUE_PATTERN.search(variant)
            assert find_due(variant) == ((match.group(0), match.start(), match.end()) if match else None)
            found += match is not None
    assert found > 50
