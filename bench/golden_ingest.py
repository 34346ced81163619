"""Golden output of the pure ingest stages, to prove a speed-up changed nothing.

Runs ingest/pipeline.py (read -> segment -> language -> extract -> resolve ->
emit, no store) over the seed (app/examples/*.txt), tests/corpus/nl,
tests/corpus/en and synthetic minutes from bench/synthetic.py, and writes
one file per document: its warnings, then its quads as sorted N-Quads.
Comparing two such folders byte for byte shows whether an optimisation
kept the output.

    python bench/golden_ingest.py /tmp/golden-before            # write
    python bench/golden_ingest.py /tmp/golden-after --compare /tmp/golden-before
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from overleg.config import examples_dir  # noqa: E402
from overleg.ingest.pipeline import process_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.org/overleg/"


def documents(synthetic_count: int) -> list[tuple[str, str, bytes]]:
    """(set, name, bytes) for every document of the golden sets."""
    found = [("seed", p.name, p.read_bytes()) for p in sorted(examples_dir().glob("*.txt"))]
    for lang in ("nl", "en"):
        folder = ROOT / "tests" / "corpus" / lang
        found += [(f"corpus-{lang}", p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
    found += [("synthetic", f"s{i:04d}.txt", m.text.encode("utf-8"))
              for i, m in enumerate(synthetic.meetings(synthetic_count))]
    return found


def dump(result_quads: list[ox.Quad], warnings: tuple[str, ...]) -> str:
    """Warnings, a separator, then the quads as sorted N-Quads lines."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object} {q.graph_name} ." for q in result_quads)
    return "".join(f"# {w}\n" for w in warnings) + "#--\n" + "".join(line + "\n" for line in lines)


def write(out: Path, synthetic_count: int) -> int:
    count = 0
    for label, name, data in documents(synthetic_count):
        result = process_bytes(data, name, BASE)
        target = out / label / (name + ".nq")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(result.quads, result.warnings), encoding="utf-8")
        count += 1
    return count


def compare(left: Path, right: Path) -> list[str]:
    """Relative paths that differ or exist on one side only."""
    names = {p.relative_to(left) for p in left.rglob("*.nq")} | {p.relative_to(right)
                                                                 for p in right.rglob("*.nq")}
    return sorted(str(n) for n in names
                  if not (left / n).exists() or not (right / n).exists()
                  or not filecmp.cmp(left / n, right / n, shallow=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the per-document dumps to")
    parser.add_argument("--synthetic", type=int, default=50, help="number of synthetic minutes")
    parser.add_argument("--compare", type=Path, help="golden folder to compare the new dumps with")
    args = parser.parse_args(argv)
    count = write(args.out, args.synthetic)
    print(f"{count} documents written to {args.out}")
    if args.compare:
        differing = compare(args.compare, args.out)
        for name in differing:
            print(f"DIFFERS: {name}")
        print(f"{len(differing)} of {count} documents differ from {args.compare}")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
