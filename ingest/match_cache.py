"""A Matcher's matches found piece by piece, each piece's remembered by its words.

Finding the actor patterns (actors._patterns) was the largest single cost of
an agenda item: some sixteen patterns, most with optional first tokens, are
tried at every token in C, a few microseconds a token. Most words can be no
part of any match: an ordinary lower-case word, a number, a comma or a full
stop meets no token spec of any pattern (a "barrier", `barrier_test`). A
match never holds a barrier, and every partial match dies at one, so the
text falls apart into pieces, each ending at a barrier, that are matched on
their own; only the pieces around anchor words (every match holds one) are
matched at all: a handful of tokens instead of the sentences around them.
Whether a word is a barrier is worked out when a piece reaches it, once per
word (by ORTH id), not for every word of the vocabulary.
Minutes repeat themselves (`De burgemeesters hebben`, the attendance list),
so `SentenceMatcher` keeps each piece's matches under the tuple of its
tokens' ORTH ids and runs the matcher only on pieces it has not seen.

Why the answers are exactly `lexflags.anchored_matches`'s:

- Every pattern token tests only the word (LOWER, ORTH/TEXT, IS_TITLE,
  IS_UPPER and lexeme flags), so a piece's matches depend only on its
  tokens' ORTH ids, and whether a word is a barrier is decided by the same
  tests (the lexical attribute getters and flag tests spaCy computes the
  attributes with).
- The Matcher's output has an order that `Matcher.__call__` gives it: first
  the matches of keys without a `greedy` filter, in the order found, then
  per filtered key (keys in the order their first match was found) its
  matches longest first, earlier first among equals. Found order runs
  piece by piece (no state outlives the barrier that ends a piece; a piece
  matched alone meets the same barrier last), and the filter's overlap test
  never compares matches of two pieces, so `_merge` rebuilds the whole
  range's list from the pieces' lists.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from spacy.attrs import IS_TITLE, IS_UPPER, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .lexflags import flag_key, flag_test
from .text_memo import remembered

Match = tuple[int, int, int]
# Token attributes read from the lexeme alone: a match depends on the words only.
_WORD_ATTRS = frozenset({"LOWER", "ORTH", "TEXT", "IS_TITLE", "IS_UPPER", "OP"})


def word_level(patterns: Iterable[list[dict]]) -> bool:
    """Whether every token spec reads only word-level attributes (lexeme flags are ints)."""
    return all(isinstance(attr, int) or (isinstance(attr, str) and attr.upper() in _WORD_ATTRS)
               for pattern in patterns for spec in pattern for attr in spec)


def barrier_test(vocab: Vocab, matcher: Matcher) -> Callable[[str], bool] | None:
    """A function of a word's ORTH: True when no token spec of the matcher's patterns accepts it.
    None when a spec tests something not known here (then there are no barriers to cut at)."""
    getters = vocab.lex_attr_getters
    lower, title, upper = getters.get(LOWER, str.lower), getters.get(IS_TITLE), getters.get(IS_UPPER)
    lowers: set[str] = set()  # a spec that accepts a word whose lower case is one of these
    orths: set[str] = set()
    cased: set[int] = set()  # IS_TITLE, IS_UPPER: a spec that accepts every such word
    others = {}  # every other spec, by what it tests (patterns share most of their specs)
    for added in matcher._patterns.values():
        for pattern in added:
            for spec in pattern:
                test = _spec_test(vocab, spec)
                if test is None:
                    return None
                tested = {attr: value for attr, value in spec.items() if attr != "OP"}
                (attr, value), = tested.items() if len(tested) == 1 else ((None, None),)
                name = attr.upper() if isinstance(attr, str) else None
                key = flag_key(vocab, attr) if isinstance(attr, int) else None
                if key is not None and key[0] in {"LOWER", "ORTH"} and key[1] == "IN":
                    (lowers if key[0] == "LOWER" else orths).update(key[2])
                elif name == "LOWER" or name in {"ORTH", "TEXT"}:
                    (lowers if name == "LOWER" else orths).add(value)
                elif name in {"IS_TITLE", "IS_UPPER"} and value is True:
                    cased.add(IS_TITLE if name == "IS_TITLE" else IS_UPPER)
                else:
                    others[tuple(sorted((str(a), repr(v)) for a, v in tested.items()))] = test
    slow = tuple(others.values())

    def barrier(orth: str) -> bool:
        return not (lower(orth) in lowers or orth in orths or (IS_TITLE in cased and title(orth))
                    or (IS_UPPER in cased and upper(orth)) or any(test(orth) for test in slow))

    return barrier


class Barriers(dict):
    """Whether a word (by ORTH id) is a barrier, decided on first asking and kept (one bool a word,
    at most `LIMIT` words: forgetting them only costs speed)."""

    LIMIT = 200_000

    def __init__(self, vocab: Vocab, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.strings, self.test = vocab.strings, test
        remembered(self)

    def __missing__(self, orth: int) -> bool:
        if len(self) >= self.LIMIT:
            self.clear()
        found = self[orth] = self.test(self.strings[orth])
        return found


def _spec_test(vocab: Vocab, spec: dict) -> Callable[[str], bool] | None:
    """Whether one token spec accepts a word, by the getters spaCy sets the lexeme's attributes with."""
    if spec.get("OP", "1") not in {"1", "?", "*", "+"}:
        return None  # "!" accepts what the tests refuse
    getters = vocab.lex_attr_getters
    checks: list[Callable[[str], bool]] = []
    for attr, value in spec.items():
        name = attr.upper() if isinstance(attr, str) else None
        if name == "OP":
            continue
        if isinstance(attr, int) and value is True and flag_test(vocab, attr) is not None:
            checks.append(flag_test(vocab, attr))  # type: ignore[arg-type]
        elif name == "LOWER" and isinstance(value, str):
            lower = getters.get(LOWER, str.lower)
            checks.append(lambda orth, lower=lower, value=value: lower(orth) == value)
        elif name in {"ORTH", "TEXT"} and isinstance(value, str):
            checks.append(lambda orth, value=value: orth == value)
        elif name in {"IS_TITLE", "IS_UPPER"} and isinstance(value, bool) and \
                (IS_TITLE if name == "IS_TITLE" else IS_UPPER) in getters:
            getter = getters[IS_TITLE if name == "IS_TITLE" else IS_UPPER]
            checks.append(lambda orth, getter=getter, value=value: bool(getter(orth)) == value)
        else:
            return None
    return lambda orth: all(check(orth) for check in checks)


class SentenceMatcher:
    """`anchored_matches(doc, matcher, anchors, starts)` piece by piece, each piece's matches
    remembered.

    `filtered` are the match ids of keys added with `greedy`; `limit` bounds the pieces kept
    (forgetting them only costs speed)."""

    def __init__(self, matcher: Matcher, filtered: frozenset[int], barriers: Barriers | None = None,
                 limit: int = 20_000) -> None:
        self.matcher, self.filtered, self.limit = matcher, filtered, limit
        self.barriers = barriers
        self._known: dict[tuple[int, ...], list[Match]] = remembered({})

    def __call__(self, doc: Doc, anchors: list[int], starts: list[int], orths: list[int]) -> list[Match]:
        """The matches over the doc; `anchors` are the indexes of its anchor tokens and `starts` the
        first token of each sentence (no match crosses a sentence boundary either), both ascending,
        `orths` every token's ORTH id. A piece runs from the token after a barrier (or the sentence
        start) to the next barrier (or the sentence end), both included."""
        runs = []
        known, size, barrier = self._known, len(orths), self.barriers
        done = 0  # the end of the last piece matched
        for index in anchors:
            if index < done:
                continue  # an anchor of a piece already matched
            after = bisect.bisect_right(starts, index)
            first, last = starts[after - 1], starts[after] if after < len(starts) else size
            begin = done = index
            if barrier is None:
                begin, done = first, last
            else:
                while begin > first and not barrier[orths[begin - 1]]:
                    begin -= 1
                while done < last and not barrier[orths[done]]:
                    done += 1
                done = min(done + 1, last)  # the barrier ends the piece
            words = tuple(orths[begin:done])
            found = known.get(words)
            if found is None:
                if len(known) >= self.limit:
                    known.clear()
                found = known[words] = self.matcher(doc[begin:done])
            if found:
                runs.append((begin, found))
        return _merge(runs, self.filtered) if runs else []


def _merge(runs: list[tuple[int, list[Match]]], filtered: frozenset[int]) -> list[Match]:
    """One Matcher call's list from the lists of consecutive sentences (offsets from `begin`)."""
    if len(runs) == 1:
        begin, found = runs[0]
        return [(key, s + begin, e + begin) for key, s, e in found] if begin else list(found)
    plain: list[Match] = []
    groups: dict[int, list[tuple[int, int]]] = {}
    for begin, found in runs:
        for key, s, e in found:
            if key in filtered:
                groups.setdefault(key, []).append((s + begin, e + begin))
            else:
                plain.append((key, s + begin, e + begin))
    for key, pairs in groups.items():
        pairs.sort(key=lambda pair: (pair[0] - pair[1], pair[0]))  # longest first, then earliest
        plain += [(key, s, e) for s, e in pairs]
    return plain
