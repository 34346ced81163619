"""The English extraction speed-ups give what the plain code gave.

The English sentence census (ingest.census_en) lets classify_en skip a cue whose
literals the sentence lacks, on the sentence and on every clause of it; `PLAIN`
runs every cue. Both must pick the same decision, decision type, commitment and
stance cue on the English corpus sentences, on pieces of them, on case variants
and on word salads of the cues' own words. Item docs made by `parse_text` carry
their text, so the actor finder must find exactly what it finds on a plain doc.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from overleg.ingest import actors_en, census_en, classify_en, cues_en
from overleg.ingest.actors_en import document_context, find_actors, parse_text
from overleg.ingest.census_en import PLAIN, sentence_census
from overleg.ingest.language import with_language
from overleg.ingest.nlp import parse, pipeline
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment

CORPUS = Path(__file__).parent / "corpus" / "en"
DECISIONS = (None, *cues_en.DECISION_TRIGGERS)


def _fold(text: str) -> str:
    """What the extractor hands the cues: lower case, white space folded (rules_en._lower)."""
    return " ".join(text.lower().split())


def _items() -> list[str]:
    """The clean text of every agenda item of the English corpus minutes."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        seg = with_language(segment(read_bytes(path.read_bytes(), path.name)))
        out += [seg.clean[seg.to_clean(i.span.start):seg.to_clean(i.span.end)] for i in seg.items]
    return [text for text in out if text.strip()]


ITEMS = _items()
SENTENCES = [s for text in ITEMS for s in re.split(r"(?<=[.!?;:])\s+", text) if s.strip()]


def _answers(sentence: str, pieces: list[str], census) -> list:
    """Every cue choice classify_en makes on a sentence and on pieces of it, under one census."""
    found = [classify_en.find_decision_cue(_fold(sentence), census),
             classify_en.first_decision_type(_fold(sentence), census)]
    for piece in map(_fold, pieces):
        found += [classify_en.find_decision_cue(piece, census), classify_en.first_decision_type(piece, census)]
        found += [classify_en.commitment_cue(piece, decision, census) for decision in DECISIONS]
        found += [classify_en.stance_cue(piece, flag, census) for flag in (False, True)]
    return found


def _check(sentence: str, rng: random.Random, count: int = 6) -> None:
    pieces = [sentence] + [sentence[a:rng.randint(a, len(sentence))]
                           for a in (rng.randint(0, len(sentence)) for _ in range(count))]
    pieces += [sentence[a:b] for a, b in classify_en.clauses(sentence, 0, len(sentence))]
    fast = _answers(sentence, pieces, sentence_census(_fold(sentence)))
    assert fast == _answers(sentence, pieces, PLAIN), sentence


def test_the_census_picks_the_plain_cues_on_corpus_sentences_and_their_pieces() -> None:
    rng = random.Random(11)
    for sentence in SENTENCES:
        _check(sentence, rng)


def test_the_census_picks_the_plain_cues_on_case_variants() -> None:
    rng = random.Random(12)
    for sentence in SENTENCES[::3]:
        _check(sentence.upper(), rng, 3)
        _check("".join(c.upper() if rng.random() < 0.3 else c for c in sentence), rng, 3)


def test_the_cached_decision_cue_is_the_plain_one() -> None:
    for sentence in SENTENCES:
        assert classify_en.decision_cue(_fold(sentence)) == classify_en.find_decision_cue(_fold(sentence),
                                                                                           PLAIN)


def _cue_words() -> list[str]:
    patterns = [row[0].pattern for table in (cues_en.DECISION_TRIGGERS, cues_en.DECISION_TYPES,
                                             cues_en.COMMITMENT_CUES, cues_en.STANCE_CUES) for row in table]
    patterns += [cue.pattern for cue in census_en.INDEX.cues if not isinstance(cue, tuple)]
    return sorted({w for p in patterns for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", p)})


WORDS = _cue_words()
SEPARATORS = [" ", " ", ", ", "; ", ". ", "-", "", " and ", " that ", " the ", " not ", "Σ ", "İ", " 4 "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS),
                          st.sampled_from(["lower", "upper", "title"])), min_size=1, max_size=14),
       st.randoms(use_true_random=False))
def test_the_census_picks_the_plain_cues_on_word_salads(parts, rng) -> None:
    salad = "".join(getattr(word, case)() + separator for word, separator, case in parts)
    _check(salad, rng, 4)


def test_each_census_bit_matters() -> None:
    """Sanity of the test itself: a census that wrongly rules cues out answers differently."""
    emptied = census_en.INDEX.scan("")  # a census of nothing rules out every indexed cue
    differs = 0
    for sentence in SENTENCES:
        pieces = [sentence]
        differs += _answers(sentence, pieces, emptied) != _answers(sentence, pieces, PLAIN)
    assert differs > len(SENTENCES) // 4


@pytest.mark.parametrize("text", [*ITEMS[::4], "ACTIONS FOR THE CEO\nThe CEO and(NHS) will report. NB: ICB."])
def test_parse_text_docs_find_the_actors_plain_docs_find(text: str) -> None:
    """An item doc holding its text (no `doc.text` rebuilt) gives the same actors, acronyms too."""
    fast, plain = parse_text(text), parse(pipeline("en"), text)
    assert actors_en._text_of(fast) == plain.text == text  # what the acronym test reads
    context = _context()
    assert find_actors(fast, context) == find_actors(plain, context)


def _context():
    path = CORPUS / "kestrel-nhs-board-2024-07-11.txt"
    seg = with_language(segment(read_bytes(path.read_bytes(), path.name)))
    return document_context(seg, None, [])


# The resolution clause before its words were taken whole (`\w+` where cues_en has `\w++`).
_SPLITTING = (r"^(?:\(?[0-9a-z]{1,4}[.)]\s*)?that\b (?:\w+[\s,'’()/-]*){1,40}?\bbe\b (?:\w+ ){0,2}"
              r"\w+(?:ed|en|t)\b")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["that", "be", "the", "sent", "given", "noted", "x", "it", "ed", "(", ")",
                                 "'", "’", ",", "/", "-", " ", "  ", "1.", "a)"]), max_size=10))
def test_whole_words_find_the_resolution_clauses_split_words_found(words) -> None:
    """Against the old form on short texts only: its time grows exponentially with their length."""
    whole = cues_en.DECISION_TRIGGERS[1][0]
    assert whole.pattern == _SPLITTING.replace(r"(?:\w+[", r"(?:\w++[")
    for text in ("that " + "".join(words), "that " + " ".join(words), " ".join(words)):
        text = text[:22]
        expected, found = re.search(_SPLITTING, text), whole.search(text)
        assert (expected and expected.span()) == (found and found.span()), text
