"""bench/synthetic.py: deterministic LOVP-style minutes with planted cross-meeting truth."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


@pytest.fixture(scope="module")
def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_text_other_seed_other_text(synthetic):
    first = [m.text for m in synthetic.meetings(12, seed=3)]
    assert first == [m.text for m in synthetic.meetings(12, seed=3)]
    assert first != [m.text for m in synthetic.meetings(12, seed=4)]


def test_title_line_names_body_and_dutch_date(synthetic):
    for meeting in synthetic.meetings(40):
        title = meeting.text.splitlines()[0]
        assert meeting.body in title
        assert title.endswith(f"d.d. {synthetic.date_nl(meeting.date)}")
        assert re.search(r"^[A-Z][^:\n]{2,60}: \S", meeting.text, re.MULTILINE)   # Onderwerp: tekst


def test_body_and_date_identify_a_meeting_and_dates_increase_per_body(synthetic):
    meetings = list(synthetic.meetings(300))
    assert len({(m.body, m.date) for m in meetings}) == 300
    assert len({m.body for m in meetings}) > 3
    last: dict[str, object] = {}
    for m in meetings:
        assert last.get(m.body) is None or last[m.body] < m.date
        last[m.body] = m.date


def test_follow_ups_and_returns_refer_to_earlier_meetings_of_the_same_body(synthetic):
    meetings = list(synthetic.meetings(120))
    planted = {c.key: (m.body, m.date, c.topic) for m in meetings for c in m.commitments}
    deferred_before: dict[str, set[str]] = {}
    follow_ups = 0
    for m in meetings:
        for key in m.follow_ups + m.withdrawals:
            body, day, topic = planted[key]
            assert body == m.body and day < m.date and topic in m.topics
            follow_ups += 1
        for topic in m.returned:
            assert topic in deferred_before.get(m.body, set())
            deferred_before[m.body].discard(topic)
        deferred_before.setdefault(m.body, set()).update(m.deferred)
    assert follow_ups > 20


def test_recurring_topics_appear_under_different_headings(synthetic):
    headings = {}
    for m in synthetic.meetings(60):
        for line in m.text.splitlines():
            head = line.split(":", 1)[0]
            for key, variants in synthetic.TOPICS:
                if head in variants:
                    headings.setdefault(key, set()).add(head)
    assert any(len(v) > 1 for v in headings.values())


def test_generate_writes_files_and_cli(synthetic, tmp_path, capsys):
    paths = synthetic.generate(15, tmp_path / "a")
    assert len(paths) == 15 and all(p.read_text(encoding="utf-8").startswith(("Verslag", "Bestuurlijke",
                                                                               "Besluitenlijst"))
                                    for p in paths)
    assert synthetic.main(["7", str(tmp_path / "b"), "--seed", "2"]) == 0
    assert len(list((tmp_path / "b").glob("*.txt"))) == 7
    assert "wrote 7 minutes" in capsys.readouterr().out
