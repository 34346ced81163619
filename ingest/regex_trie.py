"""Compile a regex with its alternations of words factored by first character (a trie).

Python's regex engine tries the alternatives of a group one by one at every
position it searches; a cue lexicon such as `\\b(?:aangegeven|benadrukt|...)\\b`
with ninety words costs ninety failed first-character tests at every word
start of a clause. Alternatives that open with different literal characters
can never both match at one position, so grouping them by that character
(`a(?:angegeven|...)|b(?:enadrukt|...)`) and doing the same within each group
changes nothing about which alternative matches, in which order they are
tried, or what the match spans: the engine only skips alternatives that could
not match there. The parser already factors a prefix that all alternatives
share; this adds the same per first character, and moves a leading `\\b` and
lookbehinds behind each alternative's first character (`_lead`), so the
engine's search can skip to the characters a match starts with.

Only alternations whose every alternative opens with a literal character are
factored, and never in a case-insensitive pattern (there `a` and `A` are the
same character). The pattern text of the compiled regex stays the one given.
The rewrite uses the `re` module's private parser and code generator; where
they differ or fail, the plain `re.compile` is returned (same answers, slower).

`lowered_twin` gives a case-insensitive pattern's case-sensitive twin for
lower-cased ASCII text, where the factoring (and direct character tests) apply.
"""

from __future__ import annotations

import re

try:  # private modules of `re`: their absence only costs speed
    import _sre
    from re import _compiler, _parser
    from re._constants import (
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        AT_BOUNDARY,
        ATOMIC_GROUP,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NOT_LITERAL,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )
except ImportError:  # pragma: no cover - other Pythons
    _parser = None  # type: ignore[assignment]

_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) if _parser is not None else ()
# One character or none, without choices: a common prefix of these is taken out of alternatives
# without changing the order in which the engine tries them.
_FIXED = (LITERAL, NOT_LITERAL, IN, ANY, CATEGORY, AT, ASSERT, ASSERT_NOT) if _parser is not None else ()
_WORD = re.compile(r"\w")


class _CaseInsensitive(Exception):
    """A group that turns on IGNORECASE: literal characters are not exclusive there."""


def compile_factored(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with alternations factored by first character."""
    if _parser is None or flags & re.IGNORECASE:
        return re.compile(pattern, flags)
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return re.compile(pattern, flags)
        state = parsed.state
        items = _sequence(state, parsed.data)
        led = _lead(state, items, []) if state.groups == 1 else None  # no capture group copied
        if led is not None:
            items = [(BRANCH, (None, _branch(state, led)))] if len(led) > 1 else list(led[0])
        code = _compiler._code(_parser.SubPattern(state, items), flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return _sre.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1,
                            groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - an unknown shape or another Python: the plain regex
        return re.compile(pattern, flags)


def _sequence(state, items: list) -> list:
    """The items of a sequence with every alternation inside factored."""
    out = []
    for op, argument in items:
        if op is BRANCH:
            out.append((BRANCH, (None, _branch(state, [list(a) for a in argument[1]]))))
        elif op is SUBPATTERN:
            group, add_flags, del_flags, body = argument
            if add_flags & re.IGNORECASE:
                raise _CaseInsensitive
            out.append((op, (group, add_flags, del_flags, _sub(state, body))))
        elif op in _REPEATS:
            low, high, body = argument
            out.append((op, (low, high, _sub(state, body))))
        elif op is ASSERT or op is ASSERT_NOT:
            direction, body = argument
            out.append((op, (direction, _sub(state, body))))
        elif op is ATOMIC_GROUP:
            out.append((op, _sub(state, argument)))
        else:
            out.append((op, argument))
    return out


def _sub(state, body) -> object:
    return _parser.SubPattern(state, _sequence(state, list(body)))


def _branch(state, alternatives: list[list]) -> list:
    """Alternatives grouped by their first literal character, order kept within each group,
    and a group's common run of one-character-or-none items taken out in front.

    Returned as SubPatterns; unchanged (but factored inside) unless every alternative opens
    with a literal."""
    if not all(alt and alt[0][0] is LITERAL for alt in alternatives):
        return [_parser.SubPattern(state, _sequence(state, alt)) for alt in alternatives]
    groups: dict[int, list[list]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0][1], []).append(alt)
    factored = []
    for members in groups.values():
        if len(members) == 1:
            factored.append(_parser.SubPattern(state, _sequence(state, members[0])))
            continue
        common = _common_prefix(members)
        rests = [alt[common:] for alt in members]
        if all(len(rest) == 1 and rest[0][0] is LITERAL for rest in rests):
            tail = [(IN, [rest[0] for rest in rests])]  # one character each: a set
        else:
            tail = [(BRANCH, (None, _branch(state, rests)))]
        factored.append(_parser.SubPattern(state, [*_sequence(state, members[0][:common]), *tail]))
    return factored


def _common_prefix(members: list[list]) -> int:
    """How many leading items all members share, counting only items that take one
    character or none and offer the engine no choice (so taking them out changes no order)."""
    size = 0
    shortest = min(len(alt) for alt in members)
    while size < shortest:
        op, _argument = members[0][size]
        text = repr(members[0][size])
        if op not in _FIXED or any(repr(alt[size]) != text for alt in members[1:]):
            break
        size += 1
    return size


def _lead(state, items: list, pending: list) -> list[list] | None:
    """The pattern as alternatives that each open with a word character, or None.

    `\\b` and lookbehinds in front (`\\b(?<!\\bde )(?:vindt|...)`) make the engine
    test them at every position of the text before any word; moved behind the first
    character of each alternative they are tested only where it matches, and the engine's
    search skips ahead to the characters an alternative can start with. Where the
    character `c` matches at p, `\\b` at p is `(?<!\\wc)` at p+1 (c is a word character) and
    `(?<!x)` at p is `(?<!xc)` at p+1. An alternation in front is spread over what
    follows it (`(?:a|b)c` as `ac|bc`, tried in the same order)."""
    if not items:
        return None
    op, argument = items[0]
    if (op is AT and argument is AT_BOUNDARY) or (op in (ASSERT, ASSERT_NOT) and argument[0] == -1):
        return _lead(state, items[1:], [*pending, items[0]])
    if op is LITERAL and _WORD.match(chr(argument)):
        return [[items[0], *(_shifted(state, z, items[0]) for z in pending), *items[1:]]]
    if op is BRANCH:
        spread: list[list] = []
        for alt in argument[1]:
            led = _lead(state, [*alt, *items[1:]], pending)
            if led is None:
                return None
            spread.extend(led)
        return spread
    return None


def _shifted(state, assertion: tuple, literal: tuple) -> tuple:
    """An assertion at p as the same assertion at p+1, after `literal` matched at p."""
    op, argument = assertion
    if op is AT:  # \b before a word character: no word character before it
        body = [(IN, [(CATEGORY, _WORD_CATEGORY)]), literal]
        return (ASSERT_NOT, (-1, _parser.SubPattern(state, body)))
    direction, body = argument
    return (op, (direction, _parser.SubPattern(state, [*body, literal])))


_WORD_CATEGORY = _parser.parse(r"\w").data[0][1][0][1] if _parser is not None else None


def lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A regex that matches lower-cased ASCII text where the case-insensitive `pattern`
    matches the text itself, at the same offsets; None when that cannot be promised.

    For ASCII text, matching without regard to case is matching the lower-cased pattern
    against the lower-cased text (lower-casing ASCII keeps every offset), and the engine
    runs that far faster: it compares characters directly and, with the factoring above,
    skips ahead to where a match can start. The pattern's text is lower-cased, which is safe
    only without upper-case escapes (`\\S`, `\\W`, `\\B`, `\\D`, `\\Z`, `\\A`, `\\N{...}` mean other
    things in lower case) and, when it has upper-case letters at all, without `(?P<name>`,
    inline flags or other `(?X` syntax (lower case changes their meaning); otherwise None.
    """
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]", source):
        return None
    if re.sub(r"\(\?P[<=]", "", source).islower() or not re.search(r"[A-Z]", source):
        lowered = source  # its letters are lower case already (`(?P<` aside)
    elif re.search(r"\(\?[A-Za-z]", source):
        return None
    else:
        lowered = source.lower()
    twin = compile_factored(lowered, pattern.flags & ~re.IGNORECASE)
    return twin if twin.groupindex == pattern.groupindex else None
