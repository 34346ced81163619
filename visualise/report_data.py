"""Building each report kind as data: actor, topic, meeting, commitments, relations.

Every builder takes the statement rows (already filtered by body and dates)
and returns a Report whose claims all cite their statements. Derived claims
(a stance history, an agreement) cite every statement they were derived from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from ..errors import UsageError
from .export_statements import StatementRecord
from .report_claims import Statement, citation, resolve_actor, statement_claim
from .report_model import Claim, Report, Section
from .report_relations import PairEvidence, Relation, relations
from .report_status import status_rank
from .views import Row


def actor_report(rows: list[Row], stmts: list[Statement], name: str, as_of: date) -> Report:
    """Positions by topic, commitments, decisions, and who the actor agrees and disagrees with."""
    actor = resolve_actor(name, rows)
    mine = [s for s in stmts if any(iri == actor.iri for iri, _ in s.actors)]
    sections: dict[str, Section] = {}
    for st in mine:
        if st.row.kind == "position":
            topic = st.row.topic_label or st.row.heading or "(no agenda item)"
            key, group, heading = f"p:{topic}", "positions", f"Positions on “{topic}”"
        else:
            key = group = st.row.kind + "s"
            heading = group.capitalize()
        sections.setdefault(key, Section(group, heading)).claims.append(statement_claim(st, as_of))
    ordered = sorted(sections.values(), key=lambda s: ["positions", "commitments", "decisions"]
                     .index(s.group))
    ordered += _relation_sections(actor.iri, relations(rows), _records(stmts))
    return Report("actor", actor.label, f"Actor report: {actor.label}", ordered,
                  summary=_kind_counts(mine))


def _records(stmts: list[Statement]) -> dict[str, StatementRecord | None]:
    return {s.row.statement: s.record for s in stmts}


def _relation_sections(actor: str, pairs: list[Relation],
                       records: dict[str, StatementRecord | None]) -> list[Section]:
    agree, disagree = Section("agreements", "Agrees with"), Section("disagreements", "Disagrees with")
    for rel in (r for r in pairs if r.involves(actor)):
        other = rel.other(actor)[1]
        for section, items, verb in ((agree, rel.agree, "Agrees"), (disagree, rel.disagree,
                                                                    "Disagrees")):
            if items:
                section.summary[other] = len({(ev.meeting, ev.topic) for ev in items})
                section.claims += [_pair_claim(ev, f"{verb} with {other}", records) for ev in items]
    return [s for s in (agree, disagree) if s.claims]


def _pair_claim(ev: PairEvidence, lead: str, records: dict[str, StatementRecord | None]) -> Claim:
    rows = [ev.first] if ev.first.statement == ev.second.statement else [ev.first, ev.second]
    stances = " / ".join(f"{r.actor_label}: {r.stance}" for r in (ev.first, ev.second))
    return Claim(kind="agreement" if ev.relation == "agree" else "disagreement",
                 text=f"{lead} on “{ev.topic}” at {ev.meeting} ({stances})",
                 sources=tuple(citation(r, records.get(r.statement)) for r in rows),
                 actors=(ev.first.actor_label or "", ev.second.actor_label or ""), topic=ev.topic)


def topic_report(rows: list[Row], stmts: list[Statement], name: str, as_of: date) -> Report:
    """The topic's meetings over time, each actor's stance over time, its commitments."""
    wanted = name.strip().lower()
    hits = [s for s in stmts if wanted in (s.row.heading or "").lower()
            or wanted in (s.row.topic_label or "").lower() or wanted == (s.row.topic or "").lower()]
    if not hits:
        raise UsageError(f"no statements on a topic matching '{name}'",
                         hint="give a part of an agenda item's heading")
    meetings: dict[str, Section] = {}
    for st in hits:
        heading = f"{st.row.meeting_label}: {st.row.heading or '(no agenda item)'}"
        meetings.setdefault(heading, Section("meeting", heading)).claims.append(
            statement_claim(st, as_of))
    sections = list(meetings.values())
    history = _stance_history(hits)
    if history.claims:
        sections.append(history)
    commitments = [statement_claim(s, as_of) for s in hits if s.row.kind == "commitment"]
    if commitments:
        sections.append(Section("commitments", "Commitments", commitments))
    labels = sorted({s.row.topic_label or s.row.heading or "" for s in hits})
    return Report("topic", "; ".join(labels), f"Topic report: {name}", sections,
                  summary={"meetings": len(meetings), **_kind_counts(hits)})


def _stance_history(stmts: list[Statement]) -> Section:
    """One claim per actor: its stances in date order, citing each position."""
    by_actor: dict[str, list[tuple[Statement, str]]] = defaultdict(list)
    for st in stmts:
        if st.row.kind == "position":
            for _, label in st.actors:
                by_actor[label].append((st, st.row.stance or "position"))
    section = Section("stances", "Stances over time")
    for label in sorted(by_actor):
        steps = by_actor[label]
        path = " → ".join(f"{stance} ({st.row.date or 'undated'})" for st, stance in steps)
        section.claims.append(Claim("stance-history", f"{label}: {path}",
                                    tuple(citation(st.row, st.record) for st, _ in steps),
                                    actors=(label,)))
    return section


def _kind_counts(stmts: list[Statement]) -> dict[str, int]:
    counts = Counter(s.row.kind for s in stmts)
    return {f"{kind}s": counts.get(kind, 0) for kind in ("position", "commitment", "decision")}


def commitments_report(stmts: list[Statement], name: str | None, rows: list[Row],
                       as_of: date) -> Report:
    """Open, overdue and fulfilled commitments per actor as of a date."""
    actor = resolve_actor(name, rows) if name else None
    per_actor: dict[str, Section] = {}
    totals: Counter[str] = Counter()
    made = [s for s in stmts if s.row.kind == "commitment" and (s.row.date is None
                                                                or s.row.date <= as_of)]
    for st in made:
        claim = statement_claim(st, as_of)
        totals[claim.status or "open"] += 1
        for iri, label in st.actors or (("", "(no actor named)"),):
            if actor and iri != actor.iri:
                continue
            section = per_actor.setdefault(label, Section("actor", label))
            section.claims.append(claim)
            section.summary[claim.status or "open"] = section.summary.get(claim.status or "open", 0) + 1
    for section in per_actor.values():
        section.claims.sort(key=lambda c: (status_rank(c.status or ""), c.due or "9999"))
    subject = actor.label if actor else "all actors"
    return Report("commitments", subject, f"Commitments as of {as_of.isoformat()}: {subject}",
                  [per_actor[k] for k in sorted(per_actor)], as_of=as_of.isoformat(),
                  summary=dict(totals))


def relations_report(rows: list[Row], stmts: list[Statement], name: str | None) -> Report:
    """Pairs of actors with agreement and disagreement counts and the evidence."""
    actor = resolve_actor(name, rows) if name else None
    pairs = [r for r in relations(rows) if actor is None or r.involves(actor.iri)]
    sections, records = [], _records(stmts)
    for rel in pairs:
        section = Section("pair", f"{rel.a_label} and {rel.b_label}",
                          summary={"agree": rel.agree_topics, "disagree": rel.disagree_topics})
        lead = f"{rel.a_label} and {rel.b_label}"
        section.claims += [_pair_claim(ev, f"{lead} agree", records) for ev in rel.agree]
        section.claims += [_pair_claim(ev, f"{lead} disagree", records) for ev in rel.disagree]
        sections.append(section)
    subject = actor.label if actor else "all actors"
    return Report("relations", subject, f"Relations report: {subject}", sections,
                  summary={"pairs": len(pairs), "agree": sum(r.agree_topics for r in pairs),
                           "disagree": sum(r.disagree_topics for r in pairs)})
