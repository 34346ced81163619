"""Stage 3, extract: Segmented -> Extraction.

Extractors register by name in one registry; the built-in rule extractor is
registered the same way a model-based one would be. The orchestrator runs
each, checks its contract (offsets inside the text, known kinds) and names
the extractor that broke it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import StageError
from .records import ActorMention, Extraction, Segmented, Statement

ExtractorResult = tuple[list[ActorMention], list[Statement]]
Extractor = Callable[[Segmented], ExtractorResult]

EXTRACTORS: dict[str, Extractor] = {}
DEFAULT_EXTRACTORS = ("rules",)
KINDS = {"position", "commitment", "decision"}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator: make an extractor available under `name`."""

    def add(function: Extractor) -> Extractor:
        EXTRACTORS[name] = function
        return function

    return add


def extract(segmented: Segmented, names: Iterable[str] | None = None) -> Extraction:
    """Run the named extractors (default: the built-in rules) and merge their output."""
    _load_builtins()
    mentions: list[ActorMention] = []
    statements: list[Statement] = []
    for name in names or DEFAULT_EXTRACTORS:
        if name not in EXTRACTORS:
            raise StageError("extract", segmented.document.source,
                             f"unknown extractor '{name}'; known: {', '.join(sorted(EXTRACTORS))}")
        found_mentions, found_statements = EXTRACTORS[name](segmented)
        _check_contract(name, segmented, found_mentions, found_statements)
        mentions.extend(found_mentions)
        statements.extend(found_statements)
    statements.sort(key=lambda s: (s.evidence.start, s.kind))
    return Extraction(segmented=segmented, mentions=tuple(sorted(mentions, key=lambda m: m.start)),
                      statements=tuple(_deduplicate(statements)))


def _check_contract(name: str, segmented: Segmented, mentions: list[ActorMention],
                    statements: list[Statement]) -> None:
    length = len(segmented.document.text)
    for statement in statements:
        ev = statement.evidence
        if statement.kind not in KINDS:
            raise StageError(f"extract:{name}", segmented.document.source,
                             f"statement of unknown kind '{statement.kind}'")
        if not (0 <= ev.start < ev.end <= length):
            raise StageError(f"extract:{name}", segmented.document.source,
                             f"evidence offsets {ev.start}..{ev.end} outside the text")
        if not 0.0 <= ev.confidence <= 1.0:
            raise StageError(f"extract:{name}", segmented.document.source,
                             f"confidence {ev.confidence} outside 0..1")
    for mention in mentions:
        if not (0 <= mention.start < mention.end <= length):
            raise StageError(f"extract:{name}", segmented.document.source,
                             f"actor mention offsets {mention.start}..{mention.end} outside the text")


def _deduplicate(statements: list[Statement]) -> list[Statement]:
    seen: set[tuple[str, int, int]] = set()
    unique: list[Statement] = []
    for statement in statements:
        key = (statement.kind, statement.evidence.start, statement.evidence.end)
        if key not in seen:
            seen.add(key)
            unique.append(statement)
    return unique


def _load_builtins() -> None:
    if "rules" not in EXTRACTORS:
        from . import rules  # noqa: F401  (registers itself)
