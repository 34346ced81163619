"""Who agrees and who disagrees with whom, on which topic, on what evidence.

Two actors agree on a topic when their positions on it at the same meeting point
the same way, and disagree when they point opposite ways; positions taken at
different meetings are not paired (a stance in 2017 does not answer one in
2019). Stances have a direction: support and
conditional support point for, oppose and concern point against; a request
points neither way and pairs with nothing. Two actors named as holders of the
same position statement agree on it (one joint quote). As in the
actor-actor network view, the counts are numbers of topics (here: a topic at
one meeting); the evidence is every pair of statements behind them, each
citable by its two quotes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from .views import Row

DIRECTION = {"support": 1, "conditional": 1, "oppose": -1, "concern": -1}


@dataclass(frozen=True)
class PairEvidence:
    """Two positions (possibly one joint statement) on one topic."""

    relation: str  # "agree" or "disagree"
    topic: str
    meeting: str
    first: Row
    second: Row


@dataclass
class Relation:
    """An unordered pair of actors (ordered by IRI) and the evidence between them."""

    a: str
    a_label: str
    b: str
    b_label: str
    agree: list[PairEvidence] = field(default_factory=list)
    disagree: list[PairEvidence] = field(default_factory=list)

    @property
    def agree_topics(self) -> int:
        return len({(ev.meeting, ev.topic) for ev in self.agree})

    @property
    def disagree_topics(self) -> int:
        return len({(ev.meeting, ev.topic) for ev in self.disagree})

    @property
    def total(self) -> int:
        return self.agree_topics + self.disagree_topics

    def involves(self, actor: str) -> bool:
        return actor in (self.a, self.b)

    def other(self, actor: str) -> tuple[str, str]:
        return (self.b, self.b_label) if actor == self.a else (self.a, self.a_label)


def relations(rows: list[Row]) -> list[Relation]:
    """All actor pairs with at least one agreement or disagreement, strongest first."""
    by_topic: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "position" and row.actor and row.topic and row.stance in DIRECTION:
            by_topic[(row.meeting, row.topic)].append(row)
    pairs: dict[tuple[str, str], Relation] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for topic_rows in by_topic.values():
        for x, y in combinations(sorted(topic_rows, key=_order), 2):
            if x.actor == y.actor:
                continue
            first, second = (x, y) if (x.actor or "") < (y.actor or "") else (y, x)
            key = (first.actor or "", second.actor or "", first.statement, second.statement)
            if key in seen:
                continue
            seen.add(key)
            _add(pairs, first, second)
    return sorted(pairs.values(), key=lambda r: (-r.total, r.a_label, r.b_label))


def _order(row: Row) -> tuple[str, str, str]:
    return (row.date.isoformat() if row.date else "", row.statement, row.actor or "")


def _add(pairs: dict[tuple[str, str], Relation], first: Row, second: Row) -> None:
    a, b = first.actor or "", second.actor or ""
    relation = pairs.setdefault((a, b), Relation(a, first.actor_label or a, b,
                                                 second.actor_label or b))
    same = DIRECTION[first.stance or ""] == DIRECTION[second.stance or ""]
    evidence = PairEvidence("agree" if same else "disagree",
                            first.topic_label or first.heading or first.topic or "",
                            first.meeting_label, first, second)
    (relation.agree if same else relation.disagree).append(evidence)
