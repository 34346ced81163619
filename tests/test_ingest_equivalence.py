"""Speed-ups of the ingest stages that must give exactly what the plain code gave.

Each rewrite is compared with the straightforward form it replaced, on texts
built to reach its corner cases: the factored cue regexes against
`re.compile` of the same pattern, the paragraph scan against the regex it
replaced, emit's bulk-parsed literals against pyoxigraph's own Literal, and dates
found in lower-cased text against the case-insensitive patterns.
"""

from __future__ import annotations

import random
import re

import pyoxigraph as ox
import pytest
from overleg.ingest import classify_en, cues_en, cues_nl, rows_en, rules, rules_en, sentence_parts
from overleg.ingest.dates import DATE_PATTERNS, FoundDate, _to_date, find_dates
from overleg.ingest.due import DUE_PATTERN, find_due
from overleg.ingest.emit import _quoted
from overleg.ingest.metadata import KIND_PATTERNS, document_kind
from overleg.ingest.regex_trie import compile_factored, lowered_twin
from overleg.ingest.segment import _blocks


def _cue_patterns() -> list[str]:
    """Every regex the rule modules hold, alone or in cue tables (made by prefilter.compile)."""
    found = []
    for module in (cues_nl, cues_en, rules, rules_en, rows_en, sentence_parts, classify_en):
        for value in vars(module).values():
            cues = value if isinstance(value, tuple) else (value,)
            for cue in cues:
                pattern = cue[0] if isinstance(cue, tuple) else cue
                if hasattr(pattern, "pattern") and isinstance(pattern.pattern, str):
                    found.append(pattern.pattern)
    return sorted(set(found))


def _texts(pattern: str, rng: random.Random, count: int) -> list[str]:
    """Word salads of the pattern's own words, in changed case and cut short, with the
    separators and small words its lookbehinds and boundaries test."""
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", pattern) or ["a"]
    separators = [" ", " ", ", ", "; ", ". ", "-", "\n", "", "’", " de ", " geen ", " the ", " niet "]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 10)):
            word = rng.choice(words)
            roll = rng.random()
            word = (word.upper() if roll < 0.1 else word.capitalize() if roll < 0.2
                    else word[:rng.randint(0, len(word))] if roll < 0.3 else word)
            parts += [word, rng.choice(separators)]
        texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("pattern", _cue_patterns())
def test_factored_cue_regex_finds_the_same_matches(pattern: str) -> None:
    plain, factored = re.compile(pattern), compile_factored(pattern)
    assert factored.pattern == pattern and factored.groupindex == plain.groupindex
    rng = random.Random(pattern)
    for text in _texts(pattern, rng, 150):
        assert ([(m.span(), m.groups()) for m in factored.finditer(text)]
                == [(m.span(), m.groups()) for m in plain.finditer(text)]), text
        start = rng.randint(0, len(text))
        expected = plain.search(text, start)
        found = factored.search(text, start)
        assert (found and found.span()) == (expected and expected.span()), (text, start)


def test_factoring_keeps_the_order_of_alternatives() -> None:
    """`wil` before `wil graag`: the first alternative that fits still wins, so the span is
    the short one, as with the plain regex."""
    pattern = r"\b(?<!\bgeen )(?:vindt|wil|wil graag|willen|vroeg)"
    factored = compile_factored(pattern)
    assert factored.search("zij wil graag meer").span() == (4, 7)
    assert factored.search("geen wil graag") is None
    assert factored.search("de vroeg-tijdige").span() == (3, 8)


def test_case_insensitive_patterns_are_left_as_they_are() -> None:
    """Under IGNORECASE `k` also matches the Kelvin sign: no factoring by character."""
    pattern = r"\b(?:kelvin|koud)"
    assert compile_factored(pattern, re.IGNORECASE).search("\u212aOUD").span() == (0, 4)


def test_paragraph_blocks_are_the_matches_of_the_old_regex() -> None:
    old = re.compile(r"\S(?:.*?)(?=\n[ \t\f]*\n|\s*\Z)", re.DOTALL)
    alphabet = ["a", "b", " ", "\t", "\n", "\n", "\f", "\r", "\x0b", "\xa0", "\u2028", "."]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _blocks(text) == [m.span() for m in old.finditer(text)], repr(text)


@pytest.mark.parametrize("value", ["plain", 'a "quote"', "back\\slash", "line\nbreak\r\n", "tab\there",
                                   "\x00\x01\x7f", "é ü 😀 \u2028 \ufeff", "ends with \\"])
def test_quoted_literal_parses_to_the_same_literal(value: str) -> None:
    line = f"<http://e.org/s> <http://e.org/p> {_quoted(value)} <http://e.org/g> .\n"
    (quad,) = ox.parse(line, ox.RdfFormat.N_QUADS, lenient=True)
    assert quad.object == ox.Literal(value)


def _dates_ignoring_case(text: str) -> list:
    """find_dates as written before: the case-insensitive patterns over the text itself."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _to_date(match)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end(), match.group(0)))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def test_dates_on_lowered_ascii_text_are_the_case_insensitive_ones() -> None:
    pieces = ["1", "12", "31", "st", "e", "th", " ", "  ", "\n", ".", ",", "-", "/", "2019", "1999",
              "2020", "mei", "MEI", "Mei", "maart", "Mrt", "sept", "September", "Jan.", "x", "May",
              "2019a", "12-3-2019", "2021-04-07", "é", "İ"]
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert find_dates(text) == _dates_ignoring_case(text), repr(text)
    assert [f.text for f in find_dates("Vergadering van 3 MEI 2019 en May 4, 2020")] == ["3 MEI 2019",
                                                                                      "May 4, 2020"]


def test_document_kind_on_lowered_ascii_text_is_the_case_insensitive_one() -> None:
    assert all(pattern.pattern == pattern.pattern.lower() for pattern, _ in KIND_PATTERNS)
    pieces = ["Verslag", "VERSLAG", "notulen", "Concept-verslag", "besluitenlijst", "Besluiten- en actielijst",
              "Minutes", "summary of decisions", "Decision Notice", "terugkoppeling", "Bestuurlijke",
              " ", " ", "\n", "x", "-", "é"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        hits = [(m.start(), kind) for pattern, kind in KIND_PATTERNS for m in [pattern.search(text)] if m]
        assert document_kind(text) == (min(hits)[1] if hits else None), repr(text)


def test_due_expressions_on_lowered_ascii_text_are_the_case_insensitive_ones() -> None:
    words = [*re.findall(r"[a-z]+", DUE_PATTERN.pattern), "Q3", "q4", "2019", "12", "1", "3e", "1st"]
    rng = random.Random(9)
    for _ in range(3000):
        text = " ".join(rng.choice([w, w.upper(), w.capitalize()]) for w in rng.sample(words, rng.randint(0, 6)))
        match = DUE_PATTERN.search(text)
        assert find_due(text) == (match and (match.group(0), match.start(), match.end())), repr(text)


def test_lowered_twin_refuses_patterns_lower_case_would_change() -> None:
    assert lowered_twin(re.compile(r"\bQ\S+", re.IGNORECASE)) is None  # \S is not \s
    assert lowered_twin(re.compile(r"(?P<Word>Kwartaal)", re.IGNORECASE)) is None
    assert lowered_twin(re.compile(r"kwartaal")) is None  # not case-insensitive: nothing to promise
    twin = lowered_twin(re.compile(r"\b(?:eind|Q)[1-4]?\b", re.IGNORECASE))
    assert twin is not None and twin.search("tot eind q3".lower()).span() == (4, 8)
