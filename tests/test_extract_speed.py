"""The extraction speed-ups of the second pass give what the plain code gave.

The sentence census (ingest.census) answers a cue search on any piece of a
sentence without running the cue when none of its literals is in the
sentence: compared here with the cue's own search, on the test corpora's
sentences, on pieces of them and on word salads built from the cues' words,
including the characters whose lower case depends on context or changes length.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from overleg.ingest import rules, stance_nl
from overleg.ingest.census import MIN_LENGTH, CueIndex, cue_literals
from overleg.ingest.prefilter import LiteralGate, Prefiltered
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment

CORPUS = Path(__file__).parent / "corpus"


def _sentences(lang: str = "nl", step: int = 2) -> list[str]:
    """Lower-cased pieces of the corpus items cut at sentence ends, as the rules see them."""
    out = []
    for path in sorted((CORPUS / lang).glob("*.txt"))[::step]:
        seg = segment(read_bytes(path.read_bytes(), path.name))
        for item in seg.items:
            text = seg.clean[seg.to_clean(item.span.start):seg.to_clean(item.span.end)]
            out += [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    return out


def _salads(cues: list, rng: random.Random, count: int) -> list[str]:
    patterns = [cue.regex.pattern if isinstance(cue, LiteralGate) else cue.pattern for cue in cues]
    words = [w for p in patterns for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", p)] or ["a"]
    separators = [" ", " ", ", ", "; ", ". ", "-", "", " en ", " niet ", " maar ", "İ", "Σ ", " € 3 "]
    return ["".join(rng.choice(words)[:rng.randint(2, 14)] + rng.choice(separators)
                    for _ in range(rng.randint(1, 14))) for _ in range(count)]


def _pieces(text: str, rng: random.Random, count: int) -> list[str]:
    pieces = [text]
    for _ in range(count):
        a = rng.randint(0, len(text))
        pieces.append(text[a:rng.randint(a, len(text))])
    return pieces


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


_TABLES = (rules._DECISION_TABLE, rules._COMMITMENT_TABLE, stance_nl._stance_table(rules._CENSUS))


def _check(index: CueIndex, original: str, rng: random.Random) -> int:
    """Every indexed cue on pieces of `original`: census answers against the cue's; closed count."""
    census = index.scan(original.lower())
    closed = 0
    for piece in _pieces(original, rng, 3):
        lowered = piece.lower()
        for cue in index.cues:
            if isinstance(cue, LiteralGate):
                assert census.possible(cue, lowered) == cue.possible(lowered), (cue, lowered)
                continue
            expected = cue.search(lowered)
            assert _span(census.search(cue, lowered)) == _span(expected), (cue.pattern, lowered)
            assert [m.span() for m in census.finditer(cue, lowered)] == \
                [m.span() for m in cue.finditer(lowered)], (cue.pattern, lowered)
            closed += not census.can_match(cue)
        for table in _TABLES:  # a row left out of the candidates (of a fresh census) cannot match
            kept = index.scan(original.lower()).candidates(table)
            assert not any(row[0].search(lowered) for row, _ in table if row not in kept), lowered
    return closed


def test_rule_census_indexes_the_expensive_cues() -> None:
    index = rules._CENSUS
    indexed = {id(cue) for cue in index.cues}
    for gate in (rules._DECISION_WORDS, rules._STANCE_WORDS, rules._COMMITMENT_WORDS):
        assert id(gate) in indexed  # the gates are answered from the census
    assert len(index.cues) > 40


def test_census_answers_are_the_cues_answers_on_corpus_sentences() -> None:
    rng = random.Random(7)
    closed = sum(_check(rules._CENSUS, sentence, rng) for sentence in _sentences(step=3))
    assert closed > 1000  # the census does rule cues out, so the comparison means something


@pytest.mark.parametrize("seed", [1, 2])
def test_census_answers_are_the_cues_answers_on_word_salads(seed: int) -> None:
    rng = random.Random(seed)
    opened = 0
    for text in _salads(rules._CENSUS.cues, rng, 150):
        _check(rules._CENSUS, text, rng)
        census = rules._CENSUS.scan(text.lower())
        opened += sum(census.can_match(cue) for cue in rules._CENSUS.cues)
    assert opened > 300  # salads of cue words open cues: both answers are exercised


def test_literals_that_start_at_one_position_are_all_found() -> None:
    """The scan names the longest literal at a position; the shorter ones there are its prefixes."""
    cues = [re.compile("abc"), re.compile(r"\bab\b|zz"), re.compile("bcd"), re.compile("b c")]
    index = CueIndex(cues)
    census = index.scan("xabcd b cy")
    assert [census.can_match(cue) for cue in cues] == [True, True, True, True]
    assert census.search(cues[1], "xabcd b cy") is None  # possible, but the cue itself decides
    assert not index.scan("ab-c").can_match(cues[0])


def test_cues_the_census_cannot_judge_are_always_run() -> None:
    short = re.compile(r"\bal\b|x")  # a literal shorter than MIN_LENGTH
    sigma = re.compile("σα|ab")  # lower case of Σ depends on the next letter
    unknown = re.compile(r"\w+")
    caseless = re.compile("abc", re.IGNORECASE)
    index = CueIndex([short, sigma, unknown, caseless, Prefiltered("qq"), LiteralGate(unknown)])
    assert len(index.cues) == 1 and isinstance(index.cues[0], Prefiltered)
    assert MIN_LENGTH > 1 and cue_literals(LiteralGate(unknown)) is None
    census = index.scan("")
    assert _span(census.search(caseless, "ABC")) == (0, 3)
    assert census.search(index.cues[0], "qq") is None  # closed on the empty sentence


def test_pieces_of_text_whose_lower_case_changes_length() -> None:
    """`İ` lower-cases to two characters, `Σ` to σ or ς by its neighbours: pieces stay pieces."""
    cues = [Prefiltered(r"\bvind(?:t|en)\b"), re.compile("ας|xx"), re.compile("σx|vindt")]
    index = CueIndex(cues)
    rng = random.Random(3)
    for text in ["İvindt Σ vindt", "ΑΣ vinden Σİ", "vİndt", "Σvindt", "ΑΣΑ vindt", "ΑΣx"]:
        census = index.scan(text.lower())
        for piece in [*_pieces(text, rng, 40), text[:2], text[1:3]]:
            for cue in cues:
                assert _span(census.search(cue, piece.lower())) == _span(cue.search(piece.lower())), piece


def test_literals_with_spaces_are_settled_on_the_text() -> None:
    """`heeft kennis`: its longest word in a chunk only makes the cue a maybe; the text decides."""
    cue = Prefiltered(r"\b(?:heeft|hebben) kennis genomen\b")
    index = CueIndex([cue])
    (bit,) = index.bits.values()
    assert index.spaced[bit]  # the literals hold a space: the chunk table cannot be sure
    assert index.spaced[bit] == (" kennis genomen",)
    for text, holds in [("kennis heeft genomen", False), ("de raad heeft kennis,genomen", False),
                        ("de raad heeft kennis genomen.", True), ("heeft\nkennis genomen", False),
                        ("kennis\ngenomen", False), ("nam kennisgenomen", False)]:
        census = index.scan(text)
        assert census.can_match(cue) is holds, text
        assert _span(census.search(cue, text)) == _span(cue.search(text))


def test_chunk_table_gives_what_a_fresh_index_gives() -> None:
    """The per-chunk table is filled by earlier sentences and emptied when full: same bits."""
    cues = list(rules._CENSUS.cues)
    warm, small = CueIndex(cues), CueIndex(cues)
    small.MAX_CHUNKS = 7  # emptied every few chunks
    sentences = [s.lower() for s in _sentences(step=4)]
    for sentence in sentences[::-1]:
        warm.scan(sentence)
    empty = CueIndex(cues)
    for sentence in sentences:
        empty._chunks.clear()
        fresh = empty.scan(sentence)
        for index in (warm, small):
            census = index.scan(sentence)
            assert [census.can_match(c) for c in index.cues] == [fresh.can_match(c) for c in cues]
    assert len(small._chunks) <= 7 and len(warm._chunks) > 100


def test_table_rows_the_index_cannot_judge_are_always_candidates() -> None:
    judged, unjudged = Prefiltered("abc"), re.compile(r"\w+")
    index = CueIndex([judged, unjudged])
    table = index.table([("a", judged), ("b", unjudged), ("c", judged)], lambda row: row[1])
    assert [row[0] for row in index.scan("xyz").candidates(table)] == ["b"]
    assert [row[0] for row in index.scan("zabc").candidates(table)] == ["a", "b", "c"]


def _split_reference(text: str, start: int, end: int, pattern) -> list[tuple[int, int]]:
    """rules._split as first written: every bound through the same loop."""
    bounds = [start, *(start + m.start() for m in pattern.finditer(text[start:end]) if m.start() > 0), end]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and text[a] in " ;,":
            a += 1
        if a < b:
            parts.append((a, b))
    return parts


def test_split_without_cuts_gives_the_loops_ranges() -> None:
    from overleg.ingest import cues_nl as cues

    rng = random.Random(9)
    texts = _sentences(step=3) + ["; ,x", " ;", "", "a en b; daarnaast c", ", en zegt toe"]
    for text in texts:
        for _ in range(6):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            for pattern, gate in ((cues.CLAUSE_SPLIT, rules._CLAUSE_CUT), (cues.COMMITMENT_SPLIT, None)):
                assert rules._split(text, a, b, pattern, gate) == _split_reference(text, a, b, pattern), \
                    (text[a:b], pattern)


def test_ascii_lookalikes_are_all_the_characters_re_matches_to_ascii_letters() -> None:
    import sys

    from overleg.ingest.prefilter import caseless_fold

    rest = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for match in re.finditer(letter, rest, re.IGNORECASE):
            assert caseless_fold(match.group()) == letter, (letter, match.group())
    assert caseless_fold("İNSPRAAK ſtuurgroep DıRECTIE Kwartaal") == "inspraak stuurgroep directie kwartaal"


def test_document_kind_of_non_ascii_openings_is_the_patterns_own() -> None:
    from overleg.ingest import metadata

    def plain(opening: str) -> str | None:
        hits = [(m.start(), kind) for pattern, kind in metadata.KIND_PATTERNS
                for m in [pattern.search(opening)] if m]
        return min(hits)[1] if hits else None

    rng = random.Random(4)
    words = [w for pattern, _ in metadata.KIND_PATTERNS for w in re.findall(r"[a-zA-Z]{3,}", pattern.pattern)]
    openings = [p.read_text(encoding="utf-8")[:metadata.OPENING] for p in sorted(CORPUS.glob("*/*.txt"))]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        swaps = {"i": "ı", "I": "İ", "k": "K", "s": "ſ", "e": "é", "a": "Ä"}
        openings.append("".join(swaps.get(c, c) if rng.random() < 0.2 else c for c in text) + " – ")
    kinds = 0
    for opening in openings:
        if not opening.isascii():
            assert metadata.document_kind(opening) == plain(opening), opening[:80]
            kinds += plain(opening) is not None
    assert kinds > 20  # non-ASCII openings that name a kind are among them
