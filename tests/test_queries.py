"""The stored query library: headers, parameters, and rows checked against the graph itself.

Expected rows are not hard-coded: each query's answer on the ingested seed is
recomputed here in plain Python from the store's triples (an independent
oracle), so the test follows the extractor as it improves and still fails
when a query joins, filters, counts or orders wrongly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import overleg
import pyoxigraph as ox
import pytest
from overleg.errors import QueryError
from overleg.queries.catalogue import builtin_query_dir, catalogue
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Variable

MTG = "https://w3id.org/overleg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_DATE = "http://schema.org/startDate"
REQUIRED_QUERIES = {"actors", "actor-profile", "positions-on-topic", "positions-of-actor", "agreement",
                    "commitments", "open-commitments", "overdue-commitments", "decisions",
                    "decision-counts", "topic-timeline", "meetings", "co-occurrence", "evidence",
                    "search", "low-confidence", "statements"}


class Facts:
    """The seed store's triples as Python sets: the oracle the queries are checked against."""

    def __init__(self, store_path: Path) -> None:
        store = ox.Store.read_only(str(store_path))
        self.spo: dict[tuple[str, str], set] = defaultdict(set)
        self.pos: dict[tuple[str, object], set[str]] = defaultdict(set)
        for q in store.quads_for_pattern(None, None, None, None):
            o = q.object.value if not isinstance(q.object, ox.Literal) else _py(q.object)
            self.spo[(q.subject.value, q.predicate.value)].add(o)
            self.pos[(q.predicate.value, o)].add(q.subject.value)
        del store

    def one(self, s: str, p: str):
        values = self.spo.get((s, p), set())
        return next(iter(values)) if values else None

    def of_type(self, cls: str) -> set[str]:
        return self.pos.get((RDF_TYPE, MTG + cls), set())

    def label(self, s: str) -> str | None:
        return self.one(s, SKOS + "prefLabel")

    def en_label(self, concept: str) -> str:
        return next(v for v in self.spo[(concept, SKOS + "prefLabel")] if v.lang == "en").value

    def heading(self, statement: str) -> str | None:
        item = self.one(statement, MTG + "agendaItem")
        return str(self.one(item, DCT + "title")) if item else None

    def date(self, statement: str) -> str | None:
        meeting = self.one(statement, MTG + "meeting")
        return self.one(meeting, SCHEMA_DATE) if meeting else None

    def status(self, commitment: str) -> str:
        return self.one(commitment, MTG + "currentStatus") or self.one(commitment, MTG + "status")


class _Lang(str):
    lang: str | None = None

    @property
    def value(self) -> str:
        return str(self)


def _py(literal: ox.Literal):
    from overleg.queries.results import python_value

    value = python_value(literal)
    if literal.language:
        text = _Lang(value)
        text.lang = literal.language
        return text
    return value


@pytest.fixture(scope="module")
def facts(seed_store: Path) -> Facts:
    return Facts(seed_store)


@pytest.fixture(scope="module")
def seed(seed_store: Path):
    graph = overleg.open(seed_store, read_only=True)
    yield graph
    graph.close()


# -- the catalogue -----------------------------------------------------------------------------
def test_the_library_has_every_query_the_issue_asks_for():
    assert set(catalogue()) >= REQUIRED_QUERIES


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_query_parses_and_declares_the_parameters_it_uses(name: str):
    query = catalogue()[name]
    assert query.title and query.description and query.returns
    prepared = prepareQuery(query.sparql)  # rdflib's parser, independent of Oxigraph
    assert prepared.algebra.name == "SelectQuery"
    bound: set[str] = set()
    _bound_vars(prepared.algebra, bound)
    mentioned = _mentioned_vars(query.sparql)
    declared = {p.name for p in query.parameters}
    free = mentioned - bound  # variables nothing binds: those are the parameters
    assert free <= declared, f"{name}: undeclared parameters {free - declared}"
    assert declared <= mentioned, f"{name}: declared but unused {declared - mentioned}"
    assert not declared & set(query.returns), "a parameter must not be an output column"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_result_columns_are_the_declared_ones(seed, name: str):
    query = catalogue()[name]
    params = {p.name: _example(p.type) for p in query.parameters if not p.optional}
    assert seed.query(name, params).columns == query.returns


def _example(kind: str) -> str:
    return {"iri": "https://example.org/x", "actor": "politie", "date": "2020-01-01",
            "integer": "1", "decimal": "0.5", "boolean": "true"}.get(kind, "politie")


def _bound_vars(node: object, acc: set[str]) -> None:
    if isinstance(node, dict):
        name = getattr(node, "name", "")
        if name == "BGP":
            acc.update(str(x) for t in node["triples"] for x in t if isinstance(x, Variable))
        elif name == "TriplesBlock":  # an EXISTS nested in an expression stays a parse tree in rdflib
            acc.update(str(x) for t in node["triples"] for x in _flat(t) if isinstance(x, Variable))
        elif name == "Extend":
            acc.add(str(node["var"]))
        elif name == "Graph" and isinstance(node["term"], Variable):
            acc.add(str(node["term"]))
        elif name == "values":
            acc.update(str(v) for row in node["res"] for v in row)
        for value in node.values():
            _bound_vars(value, acc)
    elif isinstance(node, list | tuple):
        for value in node:
            _bound_vars(value, acc)


def _flat(node: object) -> list[object]:
    if isinstance(node, list | tuple):
        return [x for part in node for x in _flat(part)]
    if isinstance(node, dict):
        return [x for part in node.values() for x in _flat(part)]
    return [node]


def _mentioned_vars(text: str) -> set[str]:
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    lines = [line.split("#", 1)[0] for line in text.splitlines() if not line.lstrip().startswith("PREFIX")]
    return set(re.findall(r"[?$]([A-Za-z_]\w*)", "\n".join(lines)))


# -- rows against the oracle --------------------------------------------------------------------
def test_actors_counts(seed, facts: Facts):
    expected: dict[str, Counter] = defaultdict(Counter)
    for kind in ("Position", "Commitment", "Decision"):
        for s in facts.of_type(kind):
            for actor in facts.spo.get((s, MTG + "actor"), ()):
                expected[actor][kind] += 1
    rows = seed.query("actors").to_dicts()
    assert {r["actor"]: (r["positions"], r["commitments"], r["decisions"]) for r in rows} == {
        a: (c["Position"], c["Commitment"], c["Decision"]) for a, c in expected.items()}
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True) and totals[0] > 0
    kinds = {r["kind"] for r in rows}
    for kind in kinds:
        only = seed.query("actors", of_kind=kind).to_dicts()
        assert only and {r["kind"] for r in only} == {kind}


def test_actor_profile(seed, facts: Facts):
    actor = seed.query("actors").to_dicts()[0]["actor"]
    row = seed.query("actor-profile", actor=actor).to_dicts()
    assert len(row) == 1
    row = row[0]
    statements = facts.pos.get((MTG + "actor", actor), set())
    dates = {facts.date(s) for s in statements} - {None}
    assert row["label"] == str(facts.label(actor))
    assert row["positions"] == len(facts.pos.get((MTG + "holder", actor), ()))
    assert row["commitments"] == len(facts.pos.get((MTG + "committedBy", actor), ()))
    assert row["decisions"] == len(facts.pos.get((MTG + "decidedBy", actor), ()))
    assert row["meetings"] == len({facts.one(s, MTG + "meeting") for s in statements})
    assert (row["first_meeting"], row["last_meeting"]) == (min(dates), max(dates))
    aliases = {str(a) for a in facts.spo.get((actor, SKOS + "altLabel"), ())}
    assert set(filter(None, (row["aliases"] or "").split("; "))) == aliases
    assert seed.query("actor-profile", actor="no-such-actor").to_dicts() == []


def test_positions_of_actor(seed, facts: Facts):
    holder = max(facts.pos and {a for (p, a) in facts.pos if p == MTG + "holder"},
                 key=lambda a: len(facts.pos[(MTG + "holder", a)]))
    rows = seed.query("positions-of-actor", actor=holder).to_dicts()
    assert {r["position"] for r in rows} == facts.pos[(MTG + "holder", holder)]
    for r in rows:
        assert r["stance"] == facts.en_label(facts.one(r["position"], MTG + "stance"))
        assert r["quote"] == facts.one(r["position"], MTG + "quote")
    word = rows[0]["heading"].split()[0].lower()
    narrowed = seed.query("positions-of-actor", actor=holder, topic=word.upper()).to_dicts()
    assert narrowed and all(word in r["heading"].lower() for r in narrowed)
    assert {r["position"] for r in narrowed} < {r["position"] for r in rows} or len(
        {r["heading"] for r in rows}) == len({r["heading"] for r in narrowed})


def test_positions_on_topic(seed, facts: Facts):
    positions = facts.of_type("Position")
    heading = facts.heading(next(iter(positions)))
    word = heading.split()[0]
    expected = {facts.one(p, MTG + "quote") for p in positions
                if word.lower() in (facts.heading(p) or "").lower()}
    rows = seed.query("positions-on-topic", topic=word).to_dicts()
    assert {r["quote"] for r in rows} == expected
    assert seed.query("positions-on-topic", topic=word, since="2100-01-01").to_dicts() == []


def test_commitments_by_actor(seed, facts: Facts):
    commitments = facts.of_type("Commitment")
    rows = seed.query("commitments").to_dicts()
    assert {r["commitment"] for r in rows} == commitments
    for r in rows:
        assert r["status"] == facts.en_label(facts.status(r["commitment"]))
    actor = next(a for c in commitments for a in facts.spo.get((c, MTG + "committedBy"), ()))
    mine = seed.query("commitments", actor=actor.rsplit("/", 1)[1]).to_dicts()
    assert {r["commitment"] for r in mine} == facts.pos[(MTG + "committedBy", actor)]


def _due_day(due) -> str | None:
    if due is None:
        return None
    text = str(due)
    return text + "-31" if len(text) == 7 else text


def test_open_and_overdue_commitments(seed, facts: Facts):
    open_ = {c for c in facts.of_type("Commitment") if facts.status(c) == MTG + "open"}
    dues = sorted({_due_day(facts.one(c, MTG + "dueDate")) for c in open_} - {None})
    assert dues, "the seed has commitments with due dates"
    for as_of in (dues[0], _next_day(dues[0]), _next_day(dues[-1])):
        expected = {c for c in open_ if (_due_day(facts.one(c, MTG + "dueDate")) or "9999") < as_of}
        overdue = seed.query("overdue-commitments", as_of=as_of).to_dicts()
        assert {r["commitment"] for r in overdue} == expected
        rows = seed.query("open-commitments", as_of=as_of).to_dicts()
        assert {r["commitment"] for r in rows} == open_
        assert {r["commitment"] for r in rows if r["overdue"]} == expected
    assert {r["commitment"] for r in seed.query("overdue-commitments", as_of=dues[0]).to_dicts()} \
        != {r["commitment"] for r in seed.query("overdue-commitments", as_of=_next_day(dues[-1]))
            .to_dicts()}


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    year, month, d = (int(x) for x in day.split("-"))
    if d == 31:  # a month-precise due date: the first day of the next month
        return date(year + month // 12, month % 12 + 1, 1).isoformat()
    return (date(year, month, d) + timedelta(days=1)).isoformat()


def test_decisions_by_type_and_meeting(seed, facts: Facts):
    decisions = facts.of_type("Decision")
    by_type = Counter(facts.en_label(facts.one(d, MTG + "decisionType")) for d in decisions)
    for kind, count in by_type.items():
        assert len(seed.query("decisions", type=kind)) == count
    meeting = facts.one(next(iter(decisions)), MTG + "meeting")
    rows = seed.query("decisions", meeting=meeting).to_dicts()
    assert {r["decision"] for r in rows} == {d for d in decisions if facts.one(d, MTG + "meeting") == meeting}
    counts = seed.query("decision-counts").to_dicts()
    assert {(r["meeting"], r["decision_type"]): r["decisions"] for r in counts} == {
        (meeting, k): n for k, n in by_type.items()}


def test_meetings_of_a_body(seed, facts: Facts):
    meetings = facts.of_type("Meeting")
    rows = seed.query("meetings").to_dicts()
    assert {r["meeting"] for r in rows} == meetings
    for r in rows:
        assert r["items"] == len(facts.pos[(MTG + "meeting", r["meeting"])] & facts.of_type("AgendaItem"))
        assert r["statements"] == len(facts.pos[(MTG + "meeting", r["meeting"])] & facts.of_type("Statement"))
        body = facts.one(r["meeting"], MTG + "heldBy")
        assert len(seed.query("meetings", body=body)) == 1
        day = str(r["date"])
        assert len(seed.query("meetings", since=day, until=day)) == 1
        assert len(seed.query("meetings", until=_next_day("2000-01-01"))) == 0
    assert len(seed.query("meetings", body="no-such-body")) == 0


def test_topic_timeline(seed, facts: Facts):
    items = facts.of_type("AgendaItem")
    item = max(items, key=lambda i: len(facts.pos.get((MTG + "agendaItem", i), ())))
    heading = str(facts.one(item, DCT + "title"))
    rows = seed.query("topic-timeline", topic=heading).to_dicts()
    row = next(r for r in rows if r["heading"] == heading)
    statements = facts.pos[(MTG + "agendaItem", item)]
    assert row["positions"] == len(statements & facts.of_type("Position"))
    assert row["commitments"] == len(statements & facts.of_type("Commitment"))
    assert row["decisions"] == len(statements & facts.of_type("Decision"))
    stances = {facts.en_label(facts.one(p, MTG + "stance")) for p in statements & facts.of_type("Position")}
    assert set(filter(None, row["stances"].split(", "))) == stances


def test_co_occurrence(seed, facts: Facts):
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in facts.of_type("AgendaItem"):
        actors = {a for s in facts.pos.get((MTG + "agendaItem", item), ())
                  for a in facts.spo.get((s, MTG + "actor"), ())}
        for a in actors:
            for b in actors:
                if a < b:
                    pairs[(a, b)].add(item)
    rows = seed.query("co-occurrence").to_dicts()
    assert {(r["actor_a"], r["actor_b"]): r["items"] for r in rows} == {k: len(v) for k, v in pairs.items()}
    actor = rows[0]["actor_a"]
    assert all(actor in (r["actor_a"], r["actor_b"]) for r in seed.query("co-occurrence", actor=actor).to_dicts())


def test_evidence_search_and_review(seed, facts: Facts):
    statement = sorted(facts.of_type("Statement"))[0]
    row = seed.query("evidence", statement=statement).to_dicts()
    assert len(row) == 1
    assert row[0]["quote"] == facts.one(statement, MTG + "quote")
    assert row[0]["confidence"] == facts.one(statement, MTG + "confidence")
    assert row[0]["rule"] == facts.one(statement, MTG + "rule")
    assert 0 <= row[0]["start"] < row[0]["end"] and row[0]["end"] - row[0]["start"] >= len(row[0]["quote"]) // 2
    word = row[0]["quote"].split()[1]
    expected = {s for s in facts.of_type("Statement") if word.lower() in facts.one(s, MTG + "quote").lower()}
    assert {r["statement"] for r in seed.query("search", text=word.upper()).to_dicts()} == expected
    for below in (0.6, 0.8, 1.0):
        rows = seed.query("low-confidence", below=below).to_dicts()
        assert {r["statement"] for r in rows} == {s for s in facts.of_type("Statement")
                                                   if facts.one(s, MTG + "confidence") < below}
        assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    default = catalogue()["low-confidence"].parameter("below").default
    assert len(seed.query("low-confidence")) == len(seed.query("low-confidence", below=default))


def test_statements_and_kinds(seed, facts: Facts):
    rows = seed.query("statements").to_dicts()
    assert {r["statement"] for r in rows} == facts.of_type("Statement")
    assert len(seed.query("statements", kind="decision")) == len(facts.of_type("Decision"))


def test_agreement_pairs_positions_on_one_topic(tmp_path: Path):
    """The seed has no two actors on one topic, so a small graph is written for this one
    (the link stage then counts the pairs into the query index)."""
    kg = overleg.open(tmp_path / "store")
    try:
        kg.store.replace_graphs({"https://example.org/graph/t": _positions_graph()})
        kg.link()
        rows = {(r["label_a"], r["label_b"]): (r["agreements"], r["disagreements"])
                for r in kg.query("agreement").to_dicts()}
        # A supports twice, B opposes, C is conditional, D requests, E supports: the same
        # stance agrees, support/conditional against oppose/concern disagrees, the rest is neither
        assert rows == {("A", "B"): (0, 2), ("B", "C"): (0, 1), ("A", "E"): (2, 0), ("B", "E"): (0, 1)}
        only_b = kg.query("agreement", actor="https://example.org/actor/b").to_dicts()
        assert {(r["label_a"], r["label_b"]) for r in only_b} == {("A", "B"), ("B", "C"), ("B", "E")}
        assert kg.query("agreement", topic="something else").to_dicts() == []
    finally:
        kg.close()


def _positions_graph() -> list[ox.Quad]:
    g = ox.NamedNode("https://example.org/graph/t")
    item, topic = ox.NamedNode("https://example.org/item/1"), ox.NamedNode("https://example.org/topic/t")
    meeting = ox.NamedNode("https://example.org/meeting/1")
    quads = [ox.Quad(item, ox.NamedNode(MTG + "topic"), topic, g),
             ox.Quad(item, ox.NamedNode(DCT + "title"), ox.Literal("Police budget"), g)]
    stances = [("a", "support"), ("a", "support"), ("b", "oppose"), ("c", "conditional"), ("d", "request"),
                ("e", "support")]
    for n, (actor, stance) in enumerate(stances):
        p, a = ox.NamedNode(f"https://example.org/p/{n}"), ox.NamedNode(f"https://example.org/actor/{actor}")
        quads += [ox.Quad(p, ox.NamedNode(RDF_TYPE), ox.NamedNode(MTG + "Position"), g),
                  ox.Quad(p, ox.NamedNode(MTG + "holder"), a, g), ox.Quad(p, ox.NamedNode(MTG + "actor"), a, g),
                  ox.Quad(p, ox.NamedNode(MTG + "meeting"), meeting, g),
                  ox.Quad(a, ox.NamedNode(MTG + "actorKind"), ox.Literal("organisation"), g),
                  ox.Quad(p, ox.NamedNode(MTG + "stance"), ox.NamedNode(MTG + stance), g),
                  ox.Quad(p, ox.NamedNode(MTG + "agendaItem"), item, g),
                  ox.Quad(a, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(actor.upper()), g)]
    return quads


# -- API and CLI ------------------------------------------------------------------------------
def test_results_as_dicts_dataframe_and_escaped_html(seed):
    result = seed.query("search", text="burgemeesters")
    frame = result.to_dataframe()
    assert list(frame.columns) == list(result.columns) and len(frame) == len(result)
    assert frame.to_dict("records")[0]["quote"] == result.to_dicts()[0]["quote"]
    from overleg.queries.results import QueryResult

    html = QueryResult(("a",), ({"a": "<script>alert(1)</script> & co"},))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; co" in html


def test_unknown_and_missing_parameters_are_named_with_the_valid_ones(seed, cli, seed_store: Path):
    with pytest.raises(QueryError) as err:
        seed.query("commitments", actr="politie")
    assert "actr" in str(err.value) and "actor (actor, optional)" in str(err.value)
    result = cli("query", "overdue-commitments", "--store", seed_store, "-p", "actor=politie")
    assert result.code == 2 and "as_of" in result.err and "valid:" in result.err
    result = cli("query", "meetings", "--store", seed_store, "-p", "since=yesterday")
    assert result.code == 2 and "since" in result.err and "date" in result.err


def test_cli_formats_round_trip(cli, seed_store: Path, seed):
    expected = seed.query("decisions").to_dicts()
    as_json = json.loads(cli("query", "decisions", "--store", seed_store, "-f", "json").out)
    assert [r["decision"] for r in as_json["rows"]] == [r["decision"] for r in expected]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = cli("query", "decisions", "--store", seed_store, "-f", fmt).out
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert [r["quote"] for r in rows] == [r["quote"] for r in expected]


def test_queries_lists_every_query_with_parameters(cli):
    out = cli("queries").out
    for query in catalogue().values():
        assert f"{query.name}: {query.title}" in out
        for p in query.parameters:
            assert f"--param {p.name}=<{p.type}>" in out
    listed = json.loads(cli("queries", "--json").out)
    assert {q["name"] for q in listed} == set(catalogue())
    assert builtin_query_dir().joinpath("actors.rq").is_file()
