"""Matcher token predicates as lexeme flags, so matching stays in spaCy's C code.

spaCy evaluates `{"LOWER": {"IN": [...]}}`, `NOT_IN` and `REGEX` token
predicates in Python, once per token and predicate: with a dozen such
predicates this was most of the cost of finding actor mentions. Each of
them depends only on the word itself (its ORTH or LOWER string), so it can
be computed once per word of the vocabulary instead and stored as a lexeme
flag bit (`Vocab.add_flag`); the Matcher then checks the bit in C. The
answers are the same as spaCy's predicates give: set membership of the
same string, `re.search` of the same pattern. `anchored_matches` runs a
matcher only over the sentences that can hold a match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Flags already added, per vocabulary, by what they test: a predicate used in
# several patterns (or matchers) costs one bit.
_FLAGS: dict[int, dict[tuple, int]] = {}
_ATTRS = {"LOWER": "LOWER", "TEXT": "ORTH", "ORTH": "ORTH"}


# The test behind each flag id, per vocabulary (`flag_test`).
_TESTS: dict[int, dict[int, Callable[[str], bool]]] = {}


def flag(vocab: Vocab, key: tuple, test: Callable[[str], bool]) -> int:
    """The flag id for `test` (a function of the word's ORTH string) on this vocabulary."""
    known = _FLAGS.setdefault(id(vocab), {})
    if key not in known:
        known[key] = vocab.add_flag(test)
        _TESTS.setdefault(id(vocab), {})[known[key]] = test
    return known[key]


def flag_test(vocab: Vocab, flag_id: int) -> Callable[[str], bool] | None:
    """The function of ORTH a flag made by `flag` tests (None for a flag made elsewhere)."""
    return _TESTS.get(id(vocab), {}).get(flag_id)


def flag_key(vocab: Vocab, flag_id: int) -> tuple | None:
    """What a flag made by `flag` tests, as its key: ("LOWER" or "ORTH", "IN", sorted words) for a
    set predicate of `flagged_token` (None for a flag made elsewhere)."""
    return next((key for key, known in _FLAGS.get(id(vocab), {}).items() if known == flag_id), None)


def _word_test(vocab: Vocab, attr: str, operator: str, value: object) -> Callable[[str], bool]:
    """A function of ORTH that answers one spaCy set or regex predicate."""
    lower = vocab.lex_attr_getters.get(LOWER, str.lower)
    read = (lambda orth: lower(orth)) if attr == "LOWER" else (lambda orth: orth)
    if operator == "REGEX":
        pattern = re.compile(str(value))
        return lambda orth: bool(pattern.search(read(orth)))
    words = frozenset(value)  # type: ignore[arg-type]
    if operator == "IN":
        return lambda orth: read(orth) in words
    return lambda orth: read(orth) not in words


def flagged_token(vocab: Vocab, spec: dict) -> dict:
    """One token spec with its word-level set and regex predicates replaced by flags."""
    out: dict = {}
    for attr, value in spec.items():
        name = _ATTRS.get(attr.upper()) if isinstance(attr, str) else None
        if name is None or not isinstance(value, dict):
            out[attr] = value
            continue
        for operator, argument in value.items():
            operator = operator.upper()
            if operator not in {"IN", "NOT_IN", "REGEX"}:
                raise ValueError(f"no flag for predicate {operator} on {attr}")
            frozen = argument if operator == "REGEX" else tuple(sorted(argument))
            key = (name, operator, frozen)
            out[flag(vocab, key, _word_test(vocab, name, operator, argument))] = True
    return out


def flagged_patterns(vocab: Vocab, patterns: Iterable[list[dict]]) -> list[list[dict]]:
    """Patterns whose word-level predicates are lexeme flags (add them with validate=False)."""
    return [[flagged_token(vocab, spec) for spec in pattern] for pattern in patterns]


class FlaggedMatcher(Matcher):
    """A Matcher whose added patterns get their set and regex predicates as lexeme flags."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, validate=False)

    def add(self, key, patterns, **kwargs) -> None:  # type: ignore[override]
        super().add(key, flagged_patterns(self.vocab, patterns), **kwargs)


def anchored_matches(doc: Doc, patterns: Matcher, anchors,
                     starts: list[int] | None = None) -> list[tuple[int, int, int]]:
    """The pattern matcher's matches, run only over the sentences from the first to the last
    that holds an anchor word.

    `anchors` marks the tokens (a lexeme flag's column from `Doc.to_array`) of which every
    pattern needs one. No match crosses a sentence boundary when no pattern token accepts a
    sentence-final character (a boundary follows one), so the sentences outside hold no
    match; the tokens inside are matched in the same order as over the whole doc, so the
    matches and their order are the same. Offsets are the doc's, as `patterns(doc)` gives.
    `starts` are the first tokens of the sentences when the caller has them (then the doc
    need not hold them), else the doc's SENT_START column is read.
    """
    found = numpy.flatnonzero(anchors)
    if not len(found):
        return []
    if starts is None:
        starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
    begin = starts[bisect.bisect_right(starts, int(found[0])) - 1]
    after = bisect.bisect_right(starts, int(found[-1]))
    end = starts[after] if after < len(starts) else len(doc)
    if begin == 0 and end == len(doc):
        return patterns(doc)  # the Doc itself: the matcher reads its tokens faster than a Span's
    return [(m, s + begin, e + begin) for m, s, e in patterns(doc[begin:end])]
