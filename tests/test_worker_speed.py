"""The ingest worker's speed-ups of the third pass give what the plain code gave.

Each optimised piece is compared with a straightforward reference: the
binary-content check with the byte-by-byte count it replaced; the actor
patterns found sentence by sentence with their matches remembered
(ingest.match_cache) with the matcher run once over the anchored range
(lexflags.anchored_matches); the cue readings remembered by their text
(ingest.text_memo in ingest.rules) with the same readings made afresh. On
the corpora, on synthetic minutes, on shuffled and remixed sentences and
with tables small enough to be emptied while in use.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy
import pytest
from overleg.config import examples_dir
from overleg.ingest import actors, rules, tables
from overleg.ingest.extract import extract
from overleg.ingest.item_tokens import ItemTokens
from overleg.ingest.language import with_language
from overleg.ingest.lexflags import anchored_matches
from overleg.ingest.match_cache import Barriers, SentenceMatcher, barrier_test, word_level
from overleg.ingest.nlp import pipeline
from overleg.ingest.read import _looks_binary, read_bytes
from overleg.ingest.segment import segment
from overleg.ingest.text_memo import Memo
from spacy.matcher import Matcher
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402


def _reference_binary(data: bytes) -> bool:
    """_looks_binary as it was: the control bytes counted one by one."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control > len(sample) * 0.02


def test_binary_check_counts_the_same_control_bytes():
    rng = random.Random(8)
    samples = [b"", b"\x01", b"\x7f" * 3, b"\t\n\r\x0b\x0c", b"\xff\xfe\x01\x02", bytes(range(1, 256))]
    samples += [bytes(rng.choice(b"abc \n\x01\x08\x0e\x1f\x7f\x80\xff") for _ in range(rng.randint(1, 9000)))
                for _ in range(300)]
    # around the 2% threshold: 49 words of 49 bytes and n control bytes
    samples += [b"x" * 2450 + b"\x02" * n for n in range(45, 56)]
    samples += [path.read_bytes() for path in sorted((CORPUS / "nl").glob("*"))[:20] if path.is_file()]
    answers = [_looks_binary(sample) for sample in samples]
    assert answers == [_reference_binary(sample) for sample in samples]
    assert True in answers and False in answers


def _texts() -> list[str]:
    """Preambles and agenda items of the corpora and of synthetic minutes, as the rules tokenize them."""
    documents = [read_bytes(p.read_bytes(), p.name) for folder in (CORPUS / "nl", CORPUS / "en")
                 for p in sorted(folder.glob("*.txt"))]
    documents += [read_bytes(p.read_bytes(), p.name) for p in sorted(examples_dir().glob("*.txt"))]
    documents += [read_bytes(m.text.encode("utf-8"), f"s{i}.txt") for i, m in enumerate(synthetic.meetings(40))]
    texts = []
    for document in documents:
        seg = segment(document)
        if seg.items:
            texts.append(seg.clean[:seg.to_clean(seg.items[0].heading_span.start)])
        texts += [seg.clean[seg.to_clean(i.span.start):seg.to_clean(i.span.end)] for i in seg.items]
    return [text for text in texts if text.strip()]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _both(matcher: SentenceMatcher, text: str) -> tuple[list, list]:
    """The matches piece by piece and by anchored_matches."""
    tokens = ItemTokens(pipeline("nl"), text)
    reference = anchored_matches(tokens.doc, actors.matchers("nl")[2], tokens.marks[:, 2], tokens.starts)
    found = matcher(tokens.doc, numpy.flatnonzero(tokens.marks[:, 2]).tolist(), tokens.starts,
                    tokens.orths.tolist())
    return found, reference


def test_sentence_matcher_gives_the_anchored_matches_in_their_order(texts):
    shared = actors._sentence_matcher("nl")
    assert shared is not None and shared.barriers is not None  # the actor patterns read words only
    fresh = Barriers(shared.matcher.vocab, barrier_test(shared.matcher.vocab, shared.matcher))
    compared = 0
    for matcher in (SentenceMatcher(shared.matcher, shared.filtered, fresh),
                    SentenceMatcher(shared.matcher, shared.filtered, fresh, limit=7),  # emptied often
                    SentenceMatcher(shared.matcher, shared.filtered)):  # no barriers: whole sentences
        for text in texts:
            found, reference = _both(matcher, text)
            assert found == reference, text[:200]
            compared += bool(reference)
    assert compared > 300


def test_sentence_matcher_on_shuffled_and_repeated_sentences(texts):
    """Sentences met again in another order and other company: the remembered matches, merged,
    are what the matcher finds over the new text (keys first found in another sentence)."""
    shared = actors._sentence_matcher("nl")
    matcher = SentenceMatcher(shared.matcher, shared.filtered, shared.barriers)
    rng = random.Random(3)
    nlp = pipeline("nl")
    sentences = []
    for text in texts[:300]:
        tokens = ItemTokens(nlp, text)
        sentences += [text[a:b] for a, b in tokens.sentences()]
    multi = 0
    for _ in range(300):
        text = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 6)))
        found, reference = _both(matcher, text)
        assert found == reference, text
        multi += len({key for key, _, _ in reference}) > 1
    assert multi > 20


def test_mention_spans_with_and_without_the_sentence_cache(texts):
    nlp = pipeline("nl")
    for text in texts[::3]:
        tokens = ItemTokens(nlp, text)
        cached = actors.mention_spans(tokens.doc, marks=tokens.marks, starts=tokens.starts,
                                      orths=tokens.orths)
        assert cached == actors.mention_spans(tokens.doc, marks=tokens.marks, starts=tokens.starts)
        assert cached == actors.mention_spans(nlp(text))


def test_a_barrier_is_a_word_no_pattern_token_accepts(texts):
    """barrier_test against spaCy itself: each token spec of the actor patterns as a one-token
    Matcher pattern, run over the corpus words and words made to look like the patterns' own."""
    patterns = actors.matchers("nl")[2]
    nlp = pipeline("nl")
    barrier = barrier_test(nlp.vocab, patterns)
    reference = Matcher(nlp.vocab, validate=False)
    for n, spec in enumerate(spec for added in patterns._patterns.values() for pattern in added
                             for spec in pattern):
        reference.add(f"spec{n}", [[{k: v for k, v in spec.items() if k != "OP"}]])
    words = {token.text for text in texts[::4] for token in nlp.make_doc(text)}
    words |= {"-", "b&w", "P.", "A.B.", "VVD", "Van", "van", "De", "DE", "burgemeester", "Burgemeester",
              "BURGEMEESTER", "jeugdinstelling", "Huis", "14", ",", ".", "İstanbul", "Σίσυφος", ""}
    words.discard("")
    doc = Doc(nlp.vocab, words=sorted(words))
    accepted = {start for _, start, _ in reference(doc)}
    assert [barrier(token.text) for token in doc] == [i not in accepted for i in range(len(doc))]
    assert 0 < len(accepted) < len(doc)
    negated = Matcher(nlp.vocab, validate=False)
    negated.add("x", [[{"LOWER": "de"}, {"LOWER": "de", "OP": "!"}]])
    assert barrier_test(nlp.vocab, negated) is None  # "!" accepts what its test refuses: no barriers
    negated.add("y", [[{"POS": "NOUN"}]])
    assert barrier_test(nlp.vocab, negated) is None


def test_only_word_level_patterns_are_remembered():
    assert word_level([[{"LOWER": "de", "OP": "?"}, {"IS_TITLE": True}, {17: True}]])
    assert not word_level([[{"LOWER": "de"}, {"POS": "NOUN"}]])
    assert not word_level([[{"_": {"x": 1}}]])


def _documents() -> list[tuple[str, bytes]]:
    found = [(p.name, p.read_bytes()) for p in sorted((CORPUS / "nl").glob("*.txt"))]
    found += [(p.name, p.read_bytes()) for p in sorted(examples_dir().glob("*.txt"))]
    found += [(f"s{i}.txt", m.text.encode("utf-8")) for i, m in enumerate(synthetic.meetings(60, seed=11))]
    return found


def _remixed(documents: list[tuple[str, bytes]], rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    """Minutes whose items hold sentences of other minutes in a new order and company: a remembered
    reading meets other items, other actors, sentences with and without a decision before it."""
    sentences = [s.strip() for _, data in documents
                 for s in data.decode("utf-8", "replace").replace("\n", " ").split(". ") if len(s) > 20]
    out = []
    for n in range(count):
        items = [f"Onderwerp {k}: " + ". ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5))) + "."
                 for k in range(rng.randint(1, 4))]
        text = f"Verslag Landelijk Overleg Veiligheid en Politie d.d. {n % 28 + 1} maart 2019\n\n" + \
            "\n\n".join(items)
        out.append((f"r{n}.txt", text.encode("utf-8")))
    return out


def _extractions(documents: list[tuple[str, bytes]]) -> list:
    return [extract(with_language(segment(read_bytes(data, name)))) for name, data in documents]


def test_remembered_readings_give_the_plain_extraction(monkeypatch):
    """Every document extracted with the readings remembered (tables warm from the other
    documents, and emptied while in use) equals its extraction with every reading made afresh."""
    documents = _documents()
    documents += _remixed(documents, random.Random(5), 120)
    memos = [value for value in vars(rules).values() if isinstance(value, Memo)]
    assert len(memos) >= 5
    for memo in memos:
        memo.clear()
    warm = _extractions(documents) + _extractions(documents[::-1])[::-1]
    for memo in memos:
        monkeypatch.setattr(memo, "limit", 5)
    small = _extractions(documents)
    monkeypatch.setattr(Memo, "get", lambda self, key, function, *args: function(*args))
    plain = _extractions(documents)
    assert warm == plain + plain
    assert small == plain
    assert sum(len(e.statements) for e in plain) > 500


def test_memo_remembers_by_key_and_forgets_when_full():
    memo = Memo(limit=3)
    calls = []

    def square(x: int) -> int:
        calls.append(x)
        return x * x

    assert [memo.get(x, square, x) for x in (1, 2, 1, 3, 2)] == [1, 4, 1, 9, 4]
    assert calls == [1, 2, 3]
    assert memo.get(4, square, 4) == 16 and len(memo.known) == 1  # full: emptied, then 4 kept
    assert memo.get(None, lambda: None) is None and memo.get(None, square, 5) is None  # None remembered


def test_line_patterns_tried_at_line_starts_find_what_finditer_finds():
    patterns = [tables._ACTION_LINE, tables._DASH_ROW, tables._LIST_ROW, tables._RECORD_HEAD]
    texts = [p.read_text(encoding="utf-8", errors="replace") for folder in (CORPUS / "nl", CORPUS / "en")
             for p in sorted(folder.glob("*.txt"))]
    rng = random.Random(2)
    pieces = ["Actie: korpschef – rapportage", "- Politie: levert", "• X – Y – 1 mei", "1. Gemeente: doet",
              "a) wie: wat", "actiepunt 3: taak", "Eigenaar: gemeente", "\n", "\n\n", "\r\n", " \t", "—",
              "ACTİE: x – y", "tekst", ":"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(1500)]
    found = 0
    for text in texts:
        for pattern in patterns:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in tables.line_matches(pattern, text)] == expected
            found += len(expected)
    assert found > 1000


def test_forget_empties_every_remembered_table():
    from overleg.ingest.text_memo import forget

    _extractions([(f"f{i}.txt", m.text.encode("utf-8")) for i, m in enumerate(synthetic.meetings(3))])
    memos = [value for value in vars(rules).values() if isinstance(value, Memo)]
    assert any(memo.known for memo in memos) and actors._sentence_matcher("nl")._known
    forget()
    assert not any(memo.known for memo in memos) and not actors._sentence_matcher("nl")._known
    assert not actors._sentence_matcher("nl").barriers


def test_barriers_forget_when_full(monkeypatch):
    barriers = Barriers(pipeline("nl").vocab, lambda orth: orth.islower())
    monkeypatch.setattr(Barriers, "LIMIT", 2)
    strings = pipeline("nl").vocab.strings
    answers = [barriers[strings.add(word)] for word in ("de", "Van", "wie", "de")]
    assert answers == [True, False, True, True] and len(barriers) <= 2
