"""Cue regexes that first check, with plain substring tests, that they can match at all.

The cue lexicons are long alternations that open with `\\b` and a group, so
Python's regex engine tries them at every position of every clause; most
clauses hold none of a cue's words, and those failed searches were the
largest cost left in extraction. Every match of such a pattern contains at
least one of a few literal strings (one of its alternatives' fixed words),
which `required_literals` reads off the parsed pattern. `Prefiltered.search`
returns None at once when none of them occurs in the text (a `str in str`
test in C) and otherwise runs the regex itself, so the answers are exactly
the regex's. Patterns with case-insensitive flags, or constructs the reader
does not know, get no filter and always run. Every regex made here is
compiled by `regex_trie.compile_factored` (alternations factored by first
character, `\b` and lookbehinds tested after it): the same matches, found
with fewer steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .regex_trie import compile_factored

try:  # the parser behind `re.compile`; private, so its absence only costs speed
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - older or other Pythons
    _parser = None  # type: ignore[assignment]

Literals = frozenset[str]
MANY = 12  # literals beyond which `in` tests cost more than the engine's own scan
# Lookbehinds at the start are evaluated at every position: filtering pays even with many literals.
_LOOKBEHIND_FIRST = re.compile(r"(?:\\b)?\(\?<[!=]")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Strings one of which occurs in every match of `pattern`, or None when that is not known."""
    if _parser is None or flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        return _sequence(list(parsed))
    except Exception:  # noqa: BLE001 - an unknown shape only means no filter
        return None


def caseless_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-cased required literals of a pattern used with re.IGNORECASE, or None.

    For ASCII text the test `literal in text.lower()` is then exact: an ASCII
    letter matches case-insensitively just its two ASCII cases (the Unicode
    look-alikes it also matches, such as the Kelvin sign for k, are not
    ASCII). Callers use it only on ASCII text; None when a literal is not ASCII.
    """
    literals = required_literals(pattern)
    if not literals or not all(literal.isascii() for literal in literals):
        return None
    return tuple(sorted({literal.lower() for literal in literals}))


# The only non-ASCII characters Python's regex engine matches to an ASCII letter when
# ignoring case (checked over every code point in tests/test_extract_speed.py).
_ASCII_LOOKALIKES = str.maketrans({"İ": "i", "ı": "i", "K": "k", "ſ": "s"})


def caseless_fold(text: str) -> str:
    """Text in which `literal in caseless_fold(text)` is true whenever a case-insensitive match
    holding one of `caseless_literals` exists in `text`, ASCII or not: each character such a
    match reads for an ASCII literal character folds to it (its look-alikes first, then lower case,
    which works character by character). For ruling patterns out before a case-insensitive search;
    offsets are not kept (`İ` lower-cases to two characters)."""
    return text.translate(_ASCII_LOOKALIKES).lower()


def _sequence(items: list) -> Literals | None:
    """The best requirement among the parts a match of this sequence must contain."""
    candidates: list[Literals] = []
    run: list[str] = []
    for op, argument in items:
        if op is _c.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _element(op.name, argument)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return max(candidates, key=_strength) if candidates else None


def _element(op: str, argument) -> Literals | None:
    """What one non-literal element requires: groups, alternations and repeats of at least one."""
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, body = argument
        if add_flags & re.IGNORECASE:
            raise ValueError("case-insensitive group")
        return _sequence(list(body))
    if op == "ATOMIC_GROUP":
        return _sequence(list(argument))
    if op == "BRANCH":
        branches = [_sequence(list(branch)) for branch in argument[1]]
        if any(branch is None for branch in branches):
            return None
        return _minimal(frozenset().union(*branches))
    if op in _REPEATS and argument[0] >= 1:
        return _sequence(list(argument[2]))
    if op == "ASSERT":  # (?=x) and (?<=x): x stands in the text, next to the match
        return _sequence(list(argument[1]))
    if op == "IN" and argument and all(item[0].name == "LITERAL" for item in argument):
        return frozenset(chr(item[1]) for item in argument)  # [-•*]: one of these characters
    return None  # other classes, anchors, negative lookarounds: nothing certain


def _minimal(literals: frozenset[str]) -> Literals:
    """Drop strings that contain another member: finding the shorter one is already enough."""
    return frozenset(s for s in literals if not any(o != s and o in s for o in literals))


def _strength(literals: Literals) -> tuple[int, int]:
    """Prefer few, longer strings: they rule out more texts for fewer tests."""
    return min(4, min(len(s) for s in literals)), -len(literals)


def literal_regex(literals: Literals) -> re.Pattern[str]:
    """One regex that finds any of `literals` (longest first, factored by first character):
    for dozens of strings one scan of the text costs less than a substring test per string."""
    ordered = sorted(_minimal(literals), key=lambda s: (-len(s), s))
    return compile_factored("|".join(re.escape(s) for s in ordered))


class LiteralGate:
    """A necessary condition for any of several regexes to match: one of their required literals
    occurs. Callers ask `possible` once before a series of searches that all fail without it
    (a cue table tried in order, the checks that all rule a clause out); None of the answers
    change, since a regex that cannot match is then not run. Without known literals for
    every regex the gate always says possible.
    """

    def __init__(self, *patterns: re.Pattern[str] | Prefiltered) -> None:
        found: set[str] = set()
        self.literals: tuple[str, ...] = ()  # one of them is in every text the gate lets through
        for pattern in patterns:
            literals = required_literals(pattern.pattern, pattern.flags)
            if not literals:
                self.regex: re.Pattern[str] | None = None
                return
            found |= literals
        self.literals = tuple(sorted(_minimal(frozenset(found))))
        self.regex = literal_regex(frozenset(found))

    def possible(self, text: str) -> bool:
        return self.regex is None or self.regex.search(text) is not None


class Prefiltered:
    """A compiled regex with a substring test in front of search, match and finditer."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = compile_factored(pattern, flags)
        self.pattern = self.regex.pattern
        self.flags = self.regex.flags
        self.literals = tuple(sorted(required_literals(pattern, flags) or ()))

    def possible(self, text: str) -> bool:
        """False only when no match can exist in `text`."""
        for literal in self.literals:  # noqa: SIM110 - a loop is faster than any() here
            if literal in text:
                return True
        return False

    # The loop is repeated in each method: a further call per search costs what it saves.
    def search(self, text: str, *args: int) -> re.Match[str] | None:
        for literal in self.literals:
            if literal in text:
                return self.regex.search(text, *args)
        return None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        for literal in self.literals:
            if literal in text:
                return self.regex.match(text, *args)
        return None

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        for literal in self.literals:
            if literal in text:
                return self.regex.fullmatch(text, *args)
        return None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        for literal in self.literals:
            if literal in text:
                return self.regex.finditer(text, *args)
        return iter(())

    def __getattr__(self, name: str):
        return getattr(self.regex, name)  # split, sub, findall...: the regex as is

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r})"


class RegexFiltered(Prefiltered):
    """A Prefiltered whose many literals are looked for by one regex scan (`literal_regex`):
    with eighty strings the substring tests cost more than the cue's own search."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        super().__init__(pattern, flags)
        self.gate = literal_regex(frozenset(self.literals))

    def possible(self, text: str) -> bool:
        return self.gate.search(text) is not None

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self.gate.search(text) else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self.gate.search(text) else None

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *args) if self.gate.search(text) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, *args) if self.gate.search(text) else iter(())


def compile(pattern: str, flags: int = 0) -> Prefiltered | re.Pattern[str]:  # noqa: A001
    """`re.compile`, with a literal pre-filter where one pays.

    Measured on the cue lexicons over the corpora: the filter pays for
    patterns the engine tries at every position (lookbehinds first, or a
    word boundary before a short alternation), not for patterns anchored at the
    start (they fail at once anyway) nor for long alternations of plain words
    (the engine skips those quickly; a dozen `in` tests cost more). Without
    a known literal there is nothing to test and the plain regex is returned.
    """
    literals = required_literals(pattern, flags)
    if not literals or _anchored(pattern, flags) or (
            len(literals) > MANY and not _LOOKBEHIND_FIRST.match(pattern)):
        return compile_factored(pattern, flags)
    return Prefiltered(pattern, flags) if len(literals) <= MANY else RegexFiltered(pattern, flags)


def _anchored(pattern: str, flags: int) -> bool:
    """True when every alternative of the pattern starts with `^` (and no MULTILINE)."""
    if flags & re.MULTILINE:
        return False
    items = list(_parser.parse(pattern, flags))
    if len(items) == 1 and items[0][0].name == "BRANCH":
        return all(_starts_at_beginning(list(branch)) for branch in items[0][1][1])
    return _starts_at_beginning(items)


def _starts_at_beginning(items: list) -> bool:
    return bool(items) and items[0][0].name == "AT" and items[0][1].name == "AT_BEGINNING"
