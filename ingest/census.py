"""Which cue literals a sentence holds, found word by word, so cues that cannot match are not run.

The rule extractor tries some fifty cue regexes on every sentence, on its
clauses and on their finer clauses (decision cues, stance cues, commitment
cues, and the checks that rule a clause out). Each cue is tried at every
position of its text, and most find nothing: for a sentence the failed
searches were most of its cost. Every match of a cue contains one of a few
literal strings (`prefilter.required_literals`), so `CueIndex.scan` finds
which cues' literals the lower-cased sentence holds, and keeps two bits per
cue: "sure" when one of its literals occurs, "maybe" when one might.

A literal without white space lies inside one white-space separated chunk
of the text, so the chunks are looked up in a table of what each holds
(worked out once per distinct chunk by one lookahead regex over all such
literals, longest first: each match names the longest literal starting at a
position, and the literals that are its prefixes are credited with it).
For a literal with a space (`heeft kennis`) the table tells only whether its
longest word occurs: then the cue is a "maybe", settled the first time the
cue is asked about by looking for those literals in the sentence itself.
Cue tables tried in order (`CueIndex.table`) are narrowed to the rows that
may match with one bit test per row (`Census.candidates`).

A clause is a piece of the sentence, so a literal absent from the sentence
is absent from the clause too, and `Census.search` answers None for a cue
with neither bit without running it; otherwise it runs the cue itself, so
the answers are exactly the cue's. (Lower-casing a piece gives a piece of
the lower-cased sentence except around a capital sigma, whose lower case
depends on its neighbours: literals holding a sigma are not indexed.)
Cues without known literals, or with a literal shorter than `MIN_LENGTH`,
are always run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .prefilter import LiteralGate, Prefiltered, required_literals
from .regex_trie import compile_factored

MIN_LENGTH = 2
_SIGMAS = ("σ", "ς")

Cue = LiteralGate | Prefiltered | re.Pattern[str]
T = TypeVar("T")


def cue_literals(cue: Cue) -> frozenset[str] | None:
    """The strings one of which every match of `cue` holds (every text a gate lets through)."""
    if isinstance(cue, (LiteralGate, Prefiltered)):
        return frozenset(cue.literals) or None
    return required_literals(cue.pattern, cue.flags)


ALWAYS = 1  # a bit every census has: the mask of cues the index cannot judge


class CueIndex:
    """Two bits per cue (`bits[id(cue)]` is the "sure" bit, the next one up its "maybe" bit) and
    what each white-space separated chunk of text holds, cached per chunk."""

    MAX_CHUNKS = 50_000  # chunks remembered (a few MB); forgetting them only costs speed

    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues: list[Cue] = []  # kept alive: bits are looked up by id
        self.bits: dict[int, int] = {}
        self.direct: dict[int, Cue] = {}
        self.spaced: dict[int, tuple[str, ...]] = {}  # by bit: the literals with white space
        owners: dict[str, int] = {}
        self._always = ALWAYS  # and the "maybe" bits of cues with a literal of only white space
        for cue in cues:
            literals = cue_literals(cue)
            if id(cue) in self.bits or not literals or min(map(len, literals)) < MIN_LENGTH or any(
                    sigma in literal for literal in literals for sigma in _SIGMAS):
                continue
            bit = 4 << 2 * len(self.cues)
            self.cues.append(cue)
            self.bits[id(cue)] = bit
            self.direct[id(cue)] = cue.regex if isinstance(cue, Prefiltered) else cue
            self.spaced[bit] = tuple(sorted(literal for literal in literals if literal.split() != [literal]))
            for literal in literals:
                words = literal.split()
                if len(words) == 1 and words[0] == literal:
                    owners[literal] = owners.get(literal, 0) | bit
                elif words:  # the longest word stands for the literal: it might occur
                    key = max(words, key=len)
                    owners[key] = owners.get(key, 0) | bit << 1
                else:
                    self._always |= bit << 1
        ordered = sorted(owners, key=lambda s: (-len(s), s))
        self._opens = {literal: _prefix_bits(literal, owners) for literal in ordered}
        self.regex = compile_factored("(?=(" + "|".join(re.escape(s) for s in ordered) + "))") \
            if ordered else None
        self._chunks: dict[str, int] = {}

    def table(self, rows: Iterable[T], cue: Callable[[T], Cue] = lambda row: row
              ) -> tuple[tuple[T, int], ...]:
        """A cue table (rows in order, `cue(row)` the regex of each) for `Census.candidates`."""
        masks = []
        for row in rows:
            bit = self.bits.get(id(cue(row)))
            masks.append((row, ALWAYS if bit is None else bit | bit << 1))
        return tuple(masks)

    def scan(self, text: str) -> Census:
        """The census of `text` (lower-cased as the cues see it)."""
        found = self._always
        chunks = self._chunks
        for chunk in text.split():
            bits = chunks.get(chunk)
            if bits is None:
                bits = self._chunk_bits(chunk)
            found |= bits
        return Census(self, text, found)

    def _chunk_bits(self, chunk: str) -> int:
        bits = 0
        if self.regex is not None:
            opens = self._opens
            for match in self.regex.finditer(chunk):
                bits |= opens[match.group(1)]
        if len(self._chunks) >= self.MAX_CHUNKS:
            self._chunks.clear()
        self._chunks[chunk] = bits
        return bits


def _prefix_bits(literal: str, owners: dict[str, int]) -> int:
    """The bits of every literal that starts `literal` (itself included)."""
    bits = 0
    for length in range(1, len(literal) + 1):
        bits |= owners.get(literal[:length], 0)
    return bits


class Census:
    """The cues of an index that can match somewhere in `text` or in any piece of it."""

    __slots__ = ("index", "bits", "text", "found")

    def __init__(self, index: CueIndex, text: str, found: int) -> None:
        self.index, self.bits, self.text, self.found = index, index.bits, text, found

    def holds(self, bit: int) -> bool:
        """Whether the text holds a literal of the cue with this "sure" bit. A "maybe" (the longest
        word of a literal with a space occurs) is settled once, by looking for those literals."""
        found = self.found
        if found & bit:
            return True
        if not found & bit << 1:
            return False
        text = self.text
        held = False
        for literal in self.index.spaced[bit]:
            if literal in text:
                held = True
                break
        self.found = (found | bit if held else found) & ~(bit << 1)
        return held

    def candidates(self, table: tuple[tuple[T, int], ...]) -> list[T]:
        """The rows of a `CueIndex.table`, in order, whose cue might match in a piece of the text:
        a loop over a cue table then searches only those (one bit test per row, no call)."""
        found = self.found
        return [row for row, mask in table if found & mask]

    def can_match(self, cue: Cue) -> bool:
        """False only when no piece of the text can hold a match of `cue`."""
        bit = self.bits.get(id(cue))
        return bit is None or self.holds(bit)

    def search(self, cue: Prefiltered | re.Pattern[str], text: str) -> re.Match[str] | None:
        """`cue.search(text)` for a piece `text` of the census text."""
        bit = self.bits.get(id(cue))
        if bit is None:
            return cue.search(text)
        found = self.found  # `holds` inlined for the common answer: neither bit
        if not found & bit and not (found & bit << 1 and self.holds(bit)):
            return None
        if text == self.text:  # a literal occurs: the cue's own filter is spared
            return self.index.direct[id(cue)].search(text)
        return cue.search(text)

    def finditer(self, cue: Prefiltered | re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """`cue.finditer(text)` for a piece `text` of the census text."""
        return cue.finditer(text) if self.can_match(cue) else iter(())

    def possible(self, gate: LiteralGate, text: str) -> bool:
        """`gate.possible(text)` for a piece `text` of the census text."""
        bit = self.bits.get(id(gate))
        if bit is None:
            return gate.possible(text)
        found = self.found
        if not found & bit and not (found & bit << 1 and self.holds(bit)):
            return False
        return text == self.text or gate.possible(text)
