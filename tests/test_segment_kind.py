"""The document kind with its word pre-check gives what the bare patterns give."""

from __future__ import annotations

import random
from pathlib import Path

from overleg.ingest.metadata import KIND_PATTERNS, OPENING, document_kind

CORPUS = Path(__file__).parent / "corpus"


def _bare_kind(opening: str) -> str | None:
    hits = [(m.start(), kind) for pattern, kind in KIND_PATTERNS for m in [pattern.search(opening)] if m]
    return min(hits)[1] if hits else None


def test_kind_word_check_changes_nothing() -> None:
    shaker = random.Random(5)
    openings = [path.read_text(encoding="utf-8")[:OPENING] for path in sorted(CORPUS.glob("*/*.txt"))]
    openings += ["BESLUITENLIJST van het AB", "Concept-Verslag", "MİNUTES of the board", "Action Notes",
                 "Notulen én besluiten", "nothing to see"]
    kinds = set()
    for opening in openings:
        for variant in (opening, opening.upper(), "".join(
                c.upper() if shaker.random() < 0.3 else c for c in opening)):
            assert document_kind(variant) == _bare_kind(variant), variant[:80]
            kinds.add(_bare_kind(variant))
    assert len(kinds) >= 5  # the openings do name different kinds
