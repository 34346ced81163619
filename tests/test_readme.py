"""README's two set-up commands exist, and CI runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shell_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def test_readme_has_the_main_job_and_the_test_command() -> None:
    blocks = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any("overleg run --examples" in b for b in blocks)
    assert any("pytest" in b and ".[test]" in b for b in blocks)


def test_ci_runs_the_readme_test_command() -> None:
    blocks = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    test_command = next(b for b in blocks if "pytest" in b and ".[test]" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci
