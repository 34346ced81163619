"""A Matcher's matches found sentence by sentence, each sentence's remembered by its words.

Finding the actor patterns (actors._patterns) was the largest single cost of
an agenda item: some sixteen patterns, most with optional first tokens, are
tried at every token in C, a few microseconds a token. Minutes repeat their
sentences (the attendance list, `Het LOVP stemt in met het voorstel.`),
within a series and across it, so `SentenceMatcher` keeps each sentence's
matches under the tuple of its tokens' ORTH ids and runs the matcher only on
sentences it has not seen.

Why the answers are exactly `lexflags.anchored_matches`'s:

- Every pattern token tests only the word (LOWER, ORTH/TEXT, IS_TITLE,
  IS_UPPER and lexeme flags, checked when a pattern is added), so a
  sentence's matches depend only on its tokens' ORTH ids; no match crosses a
  sentence boundary and every match holds an anchor word (the conditions
  `anchored_matches` rests on already), so sentences without one are skipped.
- The Matcher's output has an order that `Matcher.__call__` gives it: first
  the matches of keys without a `greedy` filter, in the order found, then
  per filtered key (keys in the order their first match was found) its
  matches longest first, earlier first among equals. Found order runs
  sentence by sentence (every state dies at the sentence-final token), and
  the filter's overlap test never compares matches of two sentences, so
  `_merge` rebuilds the whole range's list from the sentences' lists.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc

from .text_memo import remembered

Match = tuple[int, int, int]
# Token attributes read from the lexeme alone: a match depends on the words only.
_WORD_ATTRS = frozenset({"LOWER", "ORTH", "TEXT", "IS_TITLE", "IS_UPPER", "OP"})


def word_level(patterns: Iterable[list[dict]]) -> bool:
    """Whether every token spec reads only word-level attributes (lexeme flags are ints)."""
    return all(isinstance(attr, int) or (isinstance(attr, str) and attr.upper() in _WORD_ATTRS)
               for pattern in patterns for spec in pattern for attr in spec)


class SentenceMatcher:
    """`anchored_matches(doc, matcher, anchors, starts)` with each sentence's matches remembered.

    `filtered` are the match ids of keys added with `greedy`; `limit` bounds the sentences kept
    (forgetting them only costs speed)."""

    def __init__(self, matcher: Matcher, filtered: frozenset[int], limit: int = 20_000) -> None:
        self.matcher, self.filtered, self.limit = matcher, filtered, limit
        self._known: dict[tuple[int, ...], list[Match]] = remembered({})

    def __call__(self, doc: Doc, anchors: list[int], starts: list[int], orths: list[int]) -> list[Match]:
        """The matches over the doc; `anchors` are the indexes of its anchor tokens (ascending),
        `starts` the first token of each sentence, `orths` every token's ORTH id."""
        if not anchors:
            return []
        runs = []
        known, bounds, size = self._known, [*starts, len(orths)], len(starts)
        sentence = 0
        for index in anchors:
            if index < bounds[sentence]:
                continue  # an anchor of a sentence already matched
            while bounds[sentence + 1] <= index:
                sentence += 1
            begin, end = bounds[sentence], bounds[sentence + 1]
            words = tuple(orths[begin:end])
            found = known.get(words)
            if found is None:
                if len(known) >= self.limit:
                    known.clear()
                found = known[words] = self.matcher(doc[begin:end])
            if found:
                runs.append((begin, found))
            sentence += 1
            if sentence >= size:
                break
        return _merge(runs, self.filtered)


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
