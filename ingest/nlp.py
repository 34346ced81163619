"""The spaCy pipelines: blank Dutch and English with rule-based sentences.

No statistical model can be downloaded here, so tokens and sentences come
from spaCy's rule-based pieces (`blank` and the sentencizer's rule). No rule
reads lemmas (actor patterns and cues match surface forms), so the lookup
lemmatizer is left out: it cost a Python call per token. Loaded once per
process.

Sentences: `sentences` applies spaCy's Sentencizer rule (a sentence starts
at the first token after a sentence-final character that is neither
punctuation nor such a character) with numpy over two lexeme flags, and
writes the starts in one `Doc.from_array` call, instead of the
Sentencizer's loop that builds a Token object per token. The boundaries are
the same.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_PUNCT, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .lexflags import flag

_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


@lru_cache(maxsize=4)
def pipeline(lang: str = "nl") -> Language:
    """A blank pipeline for `lang` with sentence boundaries."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("overleg_sentences")
    nlp.max_length = 5_000_000
    return nlp


@Language.component("overleg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts by the Sentencizer's rule, computed over arrays."""
    if len(doc) == 0:
        return doc
    values = numpy.full((len(doc), 1), -1, dtype="int32")
    values[sentence_starts(doc), 0] = 1
    doc.from_array([SENT_START], values.astype("uint64"))
    return doc


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, with the tokenizer's cache filled first when the text holds a
    special case (an abbreviation such as `d.d.` or `o.a.`).

    spaCy's tokenizer caches the tokens of each white-space separated chunk, but once a
    special case has been met in a text it caches no further chunk of that text (spaCy
    issue 1250), so every word after `d.d.` in a title line is split by the affix rules
    again in every document. Tokenizing such a text's new chunks on their own first puts
    them in the cache; the cached tokens are the ones the affix rules give for the chunk
    (they do not depend on what precedes it), so the doc is the same, made faster.
    """
    tokenizer = nlp.tokenizer
    chunks = text.split()
    specials = _special_cases(tokenizer)
    if not specials.isdisjoint(chunks):
        first = next(i for i, chunk in enumerate(chunks) if chunk in specials)
        warmed = _WARMED.setdefault(id(tokenizer), set())
        if len(warmed) > _MAX_WARMED:
            warmed.clear()  # bounds the memory; forgetting only costs speed
        fresh = set(chunks[first + 1:])  # the chunks before the first special case are cached anyway
        fresh.difference_update(warmed)
        for chunk in fresh:
            tokenizer(chunk)
        warmed.update(fresh)
    return nlp.make_doc(text)


def parse(nlp: Language, text: str) -> Doc:
    """`nlp(text)`: the doc from `make_doc` above through the pipeline's components."""
    doc = make_doc(nlp, text)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


# Chunks already tokenized on their own, per tokenizer.
_WARMED: dict[int, set[str]] = {}
_MAX_WARMED = 200_000


@lru_cache(maxsize=4)
def _special_cases(tokenizer) -> frozenset[str]:
    return frozenset(tokenizer.rules or ())


def boundary_attrs(vocab) -> list[int]:
    """The two token columns `sentence_starts` reads: sentence-final characters and punctuation."""
    return [flag(vocab, ("sentence-final",), lambda orth: orth in _PUNCT_CHARS), IS_PUNCT]


def sentence_starts(doc: Doc, marks: numpy.ndarray | None = None) -> list[int]:
    """The first token of every sentence (0 included), in order, by the Sentencizer's rule:
    a sentence starts at the first token after a sentence-final character that is neither
    punctuation nor such a character.

    `marks` are the doc's `boundary_attrs` columns when the caller has read them already
    (one `Doc.to_array` for several purposes); the doc itself is not changed, so a caller
    that only needs the boundaries skips writing and reading them back (`Doc.sents`).
    Agenda items are short (tens of tokens): a loop over two lists costs less than the
    fixed cost of the numpy calls the same rule takes over arrays.
    """
    if marks is None:
        marks = doc.to_array(boundary_attrs(doc.vocab))
    starts = [0]
    seen_final = False
    for i, (final, punct) in enumerate(marks.tolist()):
        if final:
            seen_final = True
        elif seen_final and not punct:
            starts.append(i)
            seen_final = False
    return starts
