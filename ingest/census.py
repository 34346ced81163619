"""Which cue literals a sentence holds, found in one scan, so cues that cannot match are not run.

The rule extractor tries some fifty cue regexes on every sentence, on its
clauses and on their finer clauses (decision cues, stance cues, commitment
cues, and the checks that rule a clause out). Each cue is tried at every
position of its text, and most find nothing: for a sentence the failed
searches were most of its cost. Every match of a cue contains one of a few
literal strings (`prefilter.required_literals`), so `CueIndex.scan` looks
for all cues' literals at once, in one regex search over the lower-cased
sentence, and keeps a bit per cue: set when one of its literals occurs.

A clause is a piece of the sentence, so a literal absent from the sentence
is absent from the clause too, and `Census.search` answers None for a cue
whose bit is clear without running it; otherwise it runs the cue itself, so
the answers are exactly the cue's. (Lower-casing a piece gives a piece of
the lower-cased sentence except around a capital sigma, whose lower case
depends on its neighbours: literals holding a sigma are not indexed.)
Cues without known literals, or with a literal shorter than `MIN_LENGTH`
(such strings occur everywhere and make the scan slow), are always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .prefilter import LiteralGate, Prefiltered, required_literals
from .regex_trie import compile_factored

MIN_LENGTH = 2
_SIGMAS = ("σ", "ς")

Cue = LiteralGate | Prefiltered | re.Pattern[str]


def cue_literals(cue: Cue) -> frozenset[str] | None:
    """The strings one of which every match of `cue` holds (every text a gate lets through)."""
    if isinstance(cue, (LiteralGate, Prefiltered)):
        return frozenset(cue.literals) or None
    return required_literals(cue.pattern, cue.flags)


class CueIndex:
    """The literals of a fixed set of cues in one lookahead regex, longest first, so each match
    names the longest literal starting at a position; the literals that are its prefixes (all the
    others starting there) are credited with it through `_opens`."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues: list[Cue] = []  # kept alive: bits are looked up by id
        self.bits: dict[int, int] = {}
        self.direct: dict[int, Cue] = {}
        owners: dict[str, int] = {}
        for cue in cues:
            literals = cue_literals(cue)
            if id(cue) in self.bits or not literals or min(map(len, literals)) < MIN_LENGTH or any(
                    sigma in literal for literal in literals for sigma in _SIGMAS):
                continue
            bit = 1 << len(self.cues)
            self.cues.append(cue)
            self.bits[id(cue)] = bit
            self.direct[id(cue)] = cue.regex if isinstance(cue, Prefiltered) else cue
            for literal in literals:
                owners[literal] = owners.get(literal, 0) | bit
        ordered = sorted(owners, key=lambda s: (-len(s), s))
        self._opens = {literal: _prefix_bits(literal, owners) for literal in ordered}
        self.regex = compile_factored("(?=(" + "|".join(re.escape(s) for s in ordered) + "))") \
            if ordered else None

    def scan(self, text: str) -> Census:
        """The census of `text` (lower-cased as the cues see it)."""
        found = 0
        if self.regex is not None:
            opens = self._opens
            for match in self.regex.finditer(text):
                found |= opens[match.group(1)]
        return Census(self, text, found)


def _prefix_bits(literal: str, owners: dict[str, int]) -> int:
    """The bits of every literal that starts `literal` (itself included)."""
    bits = 0
    for length in range(1, len(literal) + 1):
        bits |= owners.get(literal[:length], 0)
    return bits


class Census:
    """The cues of an index that can match somewhere in `text` or in any piece of it."""

    __slots__ = ("index", "text", "found")

    def __init__(self, index: CueIndex, text: str, found: int) -> None:
        self.index, self.text, self.found = index, text, found

    def can_match(self, cue: Cue) -> bool:
        """False only when no piece of the text can hold a match of `cue`."""
        bit = self.index.bits.get(id(cue))
        return bit is None or bool(self.found & bit)

    def search(self, cue: Prefiltered | re.Pattern[str], text: str) -> re.Match[str] | None:
        """`cue.search(text)` for a piece `text` of the census text."""
        bit = self.index.bits.get(id(cue))
        if bit is None:
            return cue.search(text)
        if not self.found & bit:
            return None
        if text == self.text:  # a literal is known to occur: the cue's own filter is spared
            return self.index.direct[id(cue)].search(text)
        return cue.search(text)

    def finditer(self, cue: Prefiltered | re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """`cue.finditer(text)` for a piece `text` of the census text."""
        return cue.finditer(text) if self.can_match(cue) else iter(())

    def possible(self, gate: LiteralGate, text: str) -> bool:
        """`gate.possible(text)` for a piece `text` of the census text."""
        bit = self.index.bits.get(id(gate))
        if bit is None:
            return gate.possible(text)
        if not self.found & bit:
            return False
        return text == self.text or gate.possible(text)
