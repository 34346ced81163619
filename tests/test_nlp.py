"""The spaCy pipelines: sentence boundaries by spaCy's Sentencizer rule, matcher flags."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from overleg.ingest.actors import find_mentions
from overleg.ingest.lexflags import FlaggedMatcher
from overleg.ingest.nlp import pipeline
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment
from spacy.attrs import SENT_START
from spacy.matcher import Matcher

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def reference():
    """spaCy's own Sentencizer, the behaviour the array version must keep."""
    pipes = {}
    for lang in ("nl", "en"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        pipes[lang] = nlp
    return pipes


def _texts() -> list[str]:
    texts = ["", "a", ".", "Wat? Ja! Nee. En dan", "... a b . . c", "a.b. c. (d). 'e' f!?", "Zie p. 3."]
    for path in sorted(CORPUS.glob("*/*.txt"))[::3]:
        texts.append(segment(read_bytes(path.read_bytes(), path.name)).clean[:3000])
    return texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sentence_starts_equal_spacy_sentencizer(reference, lang: str) -> None:
    for text in _texts():
        ours, theirs = pipeline(lang)(text), reference[lang](text)
        assert ours.to_array([SENT_START]).tolist() == theirs.to_array([SENT_START]).tolist(), text[:80]


def test_flagged_matcher_matches_like_spacy_predicates() -> None:
    nlp = pipeline("nl")
    patterns = [[{"LOWER": {"IN": ["de", "het"]}, "OP": "?"}, {"LOWER": {"REGEX": r"(huis|dienst)$"}},
                 {"IS_TITLE": True, "OP": "+"}],
                [{"TEXT": {"REGEX": r"^(?:[A-Z]\.)+$"}, "OP": "+"}, {"LOWER": {"NOT_IN": ["van"]}}]]
    flagged, plain = FlaggedMatcher(nlp.vocab), Matcher(nlp.vocab)
    flagged.add("x", patterns, greedy="LONGEST")
    plain.add("x", patterns, greedy="LONGEST")
    for text in ["Het Zorghuis Amsterdam en de Belastingdienst Noord zagen P.J. Jansen", "J. van Dijk",
                 "de zorgdienst zonder naam", "HET HUIS Oranje"]:
        doc = nlp(text)
        assert sorted(flagged(doc)) == sorted(plain(doc))
    assert flagged(nlp("Het Zorghuis Amsterdam"))  # the test can fail: something is found


def test_pronouns_and_acronyms_are_found_per_word() -> None:
    doc = pipeline("nl")("Zij zal het XQZW en de VVD-fractie informeren; ze zullen ook NB lezen.")
    labels = {span.text: span.label_ for span in find_mentions(doc)}
    assert labels["Zij"] == "pronoun:zij:sg"
    assert labels["ze"] == "pronoun:ze:pl"
    assert labels["XQZW"] == labels["VVD-fractie"] == "acronym"
    assert "NB" not in labels


def test_matching_only_anchored_sentences_finds_what_the_whole_doc_gives() -> None:
    from overleg.ingest.actors import _anchor_flag, matchers
    from overleg.ingest.lexflags import anchored_matches

    nlp, patterns = pipeline("nl"), matchers("nl")[2]
    compared = found = 0
    for text in _texts()[7:]:
        for part in [text[i:i + 700] for i in range(0, len(text), 700)]:
            doc = nlp(part)
            everywhere = patterns(doc)
            assert anchored_matches(doc, patterns, doc.to_array([_anchor_flag(doc.vocab)])) == everywhere
            compared, found = compared + 1, found + len(everywhere)
    assert compared > 20 and found > 20


def test_english_matcher_over_anchored_sentences_finds_the_same() -> None:
    from overleg.ingest import patterns_en
    from overleg.ingest.lexflags import anchored_matches

    nlp, matcher = pipeline("en"), patterns_en.matcher()
    found = 0
    for path in sorted((CORPUS / "en").glob("*.txt"))[::2]:
        text = segment(read_bytes(path.read_bytes(), path.name)).clean
        for start in range(0, len(text), 900):
            doc = nlp(text[start:start + 900])
            everywhere = matcher(doc)
            anchors = doc.to_array([patterns_en._anchor_flag(doc.vocab)])
            assert anchored_matches(doc, matcher, anchors) == everywhere
            found += len(everywhere)
    assert found > 50
