"""Speed-ups of the Dutch and English extraction that must give what the plain code gave.

Each faster form is compared with the straightforward one it replaced, on the
test corpora and on texts built to reach its corner cases: actor spans as
tuples against spaCy Spans through `filter_spans`, sentence ranges read from
arrays against `Doc.sents`, docs made after filling the tokenizer cache against
a fresh tokenizer's, literal gates against the searches they stand in front of,
offset pairs against `to_original`, furniture keys against the per-line key.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import spacy
from overleg.ingest import cues_nl as cues
from overleg.ingest import furniture, rules
from overleg.ingest.actors import matchers, mention_spans
from overleg.ingest.item_tokens import ItemTokens
from overleg.ingest.lexflags import anchored_matches
from overleg.ingest.nlp import make_doc, parse, pipeline
from overleg.ingest.prefilter import LiteralGate, RegexFiltered, compile
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment
from spacy.attrs import IS_PUNCT, IS_TITLE, LOWER, NORM, ORTH
from spacy.tokens import Span
from spacy.util import filter_spans

CORPUS = Path(__file__).parent / "corpus"


def _segmented(lang: str, step: int = 1) -> list:
    paths = sorted((CORPUS / lang).glob("*.txt"))[::step]
    return [segment(read_bytes(path.read_bytes(), path.name)) for path in paths]


def _item_texts(lang: str, step: int = 1) -> list[str]:
    texts = []
    for seg in _segmented(lang, step):
        if seg.items:
            texts.append(seg.clean[:seg.to_clean(seg.items[0].heading_span.start)])
        texts += [seg.clean[seg.to_clean(i.span.start):seg.to_clean(i.span.end)] for i in seg.items]
    return [text for text in texts if text.strip()]


def _reference_spans(doc) -> list[tuple[int, int, str]]:
    """find_mentions as written before: Span objects through spaCy's filter_spans."""
    phrases, exact, patterns = matchers("nl")
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in phrases(doc)]
    spans += [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in exact(doc)]
    spans += [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in patterns(doc)]
    found = mention_spans(doc)  # pronouns and acronyms: single tokens, as before
    spans += [Span(doc, s, e, label=label) for s, e, label in found
              if label == "acronym" or label.startswith("pronoun:")]
    return [(s.start, s.end, s.label_) for s in sorted(filter_spans(spans), key=lambda s: s.start)]


def test_mention_tuples_are_the_filtered_spans() -> None:
    nlp = pipeline("nl")
    compared = 0
    for text in _item_texts("nl"):
        doc = nlp(text)
        expected = _reference_spans(doc)
        assert mention_spans(doc) == expected, text[:80]
        compared += len(expected)
    assert compared > 200


def test_item_tokens_give_the_sentences_and_mentions_of_the_pipeline_doc() -> None:
    nlp = pipeline("nl")
    for text in _item_texts("nl", step=2) + ["Wat? Ja! Nee. En dan", "a.b. c. (d). 'e' f!?"]:
        doc, tokens = nlp(text), ItemTokens(nlp, text)
        assert tokens.sentences() == [(s.start_char, s.end_char) for s in doc.sents], text[:80]
        spans = [(s, e, label) for s, e, label in mention_spans(doc)]
        assert [(tokens.begins[s], tokens.ends[e - 1], label) for s, e, label in spans] == \
            [(doc[s:e].start_char, doc[s:e].end_char, label) for s, e, label in spans]


def test_anchored_matches_with_given_sentence_starts_are_the_docs_own() -> None:
    nlp, patterns = pipeline("nl"), matchers("nl")[2]
    for text in _item_texts("nl", step=3):
        tokens = ItemTokens(nlp, text)
        anchors = tokens.marks[:, 2]
        assert anchored_matches(tokens.doc, patterns, anchors, tokens.starts) == patterns(nlp(text))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docs_after_filling_the_cache_are_a_plain_tokenizers(lang: str) -> None:
    """Specials such as `d.d.`, `o.a.` and `Mr.` in many positions: the same tokens and attributes."""
    ours = pipeline(lang)
    rng = random.Random(lang)
    words = ["d.d.", "o.a.", "Mr.", "e.g.", "(d.d.)", "Dr.", "14.00", "uur.", "vergadering,", "Jansen:",
             "don't", "'s", "-", "burgemeester", "(Voorzitter)", "\n", "  ", "Q3", "2024.", "v.w.b."]
    texts = _item_texts(lang, step=4)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(200)]
    attrs = [ORTH, LOWER, NORM, IS_PUNCT, IS_TITLE]
    plain = spacy.blank(lang)  # a tokenizer of its own, its cache filled only by make_doc itself
    for text in texts:
        expected = plain.make_doc(text)
        for doc in (make_doc(ours, text), parse(ours, text)):
            assert [(t.text, t.idx, t.whitespace_) for t in doc] == \
                [(t.text, t.idx, t.whitespace_) for t in expected], text[:80]
            assert doc.to_array(attrs).tolist() == expected.to_array(attrs).tolist()


def _salads(pattern: str, rng: random.Random, count: int) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", pattern) or ["a"]
    separators = [" ", " ", ", ", "; ", ". ", "-", "\n", "", " en ", " de ", " niet "]
    return ["".join(rng.choice(words)[:rng.randint(1, 12)] + rng.choice(separators)
                    for _ in range(rng.randint(0, 10))) for _ in range(count)]


_GATES = {"decision": (rules._DECISION_WORDS, [c[0] for c in cues.DECISION_CUES]),
          "stance": (rules._STANCE_WORDS, [cues.ATTITUDE_FRAME, cues.STRONG_STANCE, cues.OPINION]),
          "commitment": (rules._COMMITMENT_WORDS, [c[0] for c in cues.COMMITMENT_CUES]
                         + [cues.PASSIVE_TASK, cues.AGREED_THAT])}


@pytest.mark.parametrize("name", sorted(_GATES))
def test_a_closed_gate_means_no_cue_matches(name: str) -> None:
    gate, patterns = _GATES[name]
    assert gate.regex is not None  # every cue has literals: the gate can close
    rng = random.Random(name)
    texts = [t.lower() for t in _item_texts("nl", step=2)]
    texts += [s.lower() for p in patterns for s in _salads(p.pattern, rng, 60)]
    closed = 0
    for text in texts:
        if not gate.possible(text):
            closed += 1
            assert not any(p.search(text) for p in patterns), (name, text[:80])
    assert closed > 50  # the test can fail: the gate does close


def test_gate_without_literals_is_always_open() -> None:
    gate = LiteralGate(re.compile(r"\w+"), re.compile("abc"))
    assert gate.regex is None and gate.possible("")


def test_regex_filtered_cues_search_as_their_regex() -> None:
    many = compile(cues.ATTITUDE_FRAME.pattern)
    assert isinstance(many, RegexFiltered)
    rng = random.Random(3)
    for text in _salads(many.pattern, rng, 400) + [t.lower() for t in _item_texts("nl", step=3)]:
        expected = many.regex.search(text)
        found = many.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        assert [m.span() for m in many.finditer(text)] == [m.span() for m in many.regex.finditer(text)]


def test_clause_split_gate_cuts_where_the_pattern_cuts() -> None:
    rng = random.Random(5)
    texts = _item_texts("nl") + _salads(cues.CLAUSE_SPLIT.pattern, rng, 500)
    for text in texts:
        assert rules._split(text, 0, len(text), cues.CLAUSE_SPLIT, rules._CLAUSE_CUT) == \
            rules._split(text, 0, len(text), cues.CLAUSE_SPLIT), text[:80]


def test_offset_pairs_are_to_original() -> None:
    rng = random.Random(11)
    for seg in _segmented("nl", step=5):
        for _ in range(200):
            a = rng.randint(0, len(seg.clean) - 1)
            b = rng.randint(a, len(seg.clean))
            span = seg.to_original(a, b)
            assert seg.original_bounds(a, b) == (span.start, span.end)


def test_furniture_keys_are_the_per_line_keys() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))[::4]]
    texts += ["a\u00a0b\n12\u2028 3\n", "x\r\n\r\n1 2\x0b3\n\x0c4", "Ⅻ 5\nİ9 ٣٤", "Pagina 1 van 2\n\n- 3 -"]
    for text in texts:
        per_line = [furniture._key(line) for _, _, line in furniture._lines(text)]
        whole = [" ".join(line.split()).lower()
                 for line in furniture._DIGITS.sub("#", text).split("\n")]
        assert whole == per_line


def test_ascii_words_are_the_unicode_words_of_lowered_ascii_text() -> None:
    from overleg.ingest.language import _ASCII_WORD, _WORD

    texts = [p.read_text(encoding="utf-8").lower() for p in sorted(CORPUS.glob("*/*.txt"))]
    texts += ["a_b c1d e-f g'h ij\tkl\x7fmn", "".join(chr(i) for i in range(128)).lower()]
    checked = 0
    for text in texts:
        if text.isascii():
            assert _ASCII_WORD.findall(text) == _WORD.findall(text)
            checked += 1
    assert checked > 10
