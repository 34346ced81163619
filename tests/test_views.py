"""networkx views: what each view links, how filters narrow it, and the layout."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest
from overleg.errors import UsageError
from overleg.visualise.view_commitments import commitments_view, is_overdue
from overleg.visualise.view_layout import layout
from overleg.visualise.view_rows import Row
from overleg.visualise.views import VIEWS, build_view, statement_rows, view_from_rows

BASE = "https://example.org/"


def row(n: int, kind: str = "position", actor: str | None = "a", topic: str | None = "t",
        day: str = "2020-01-01", **fields: object) -> Row:
    """A statement row; `n` numbers the statement (the same n = the same statement)."""
    values: dict[str, object] = dict(
        statement=f"{BASE}s/{n}", kind=kind, actor=actor and f"{BASE}actor/{actor}",
        actor_label=actor and actor.upper(), actor_kind="organisation",
        item=topic and f"{BASE}m/{day}/item/{topic}", heading=topic and f"Heading {topic}",
        topic=topic and f"{BASE}topic/{topic}", topic_label=topic and f"Topic {topic}",
        meeting=f"{BASE}m/{day}", meeting_label=f"M {day}", date=date.fromisoformat(day),
        body=f"{BASE}actor/body", stance=None, decision_type=None, quote=f"quote {n}",
        document=f"doc-{day}.txt", page=n % 3 + 1, due=None, status=None, body_label="Body")
    values.update(fields)
    return Row(**values)  # type: ignore[arg-type]


def edges_of(graph: nx.Graph, kind: str) -> set[frozenset[str]]:
    return {frozenset((a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]))
            for a, b, k in graph.edges(data="kind") if k == kind}


def test_actor_topic_has_an_edge_per_stance_and_kind_and_counts_statements():
    rows = [row(1, stance="support"), row(2, stance="support"), row(3, stance="oppose"),
            row(4, kind="commitment", status="open"), row(5, kind="decision", actor=None,
                                                          decision_type="adopted")]
    graph = view_from_rows(rows, "actor-topic")
    by_key = {(a.rsplit("/", 1)[-1], d["kind"], d["stance"]): d for a, _, d in graph.edges(data=True)}
    assert by_key[("a", "position", "support")]["weight"] == 2
    assert [e["quote"] for e in by_key[("a", "position", "support")]["evidence"]] == ["quote 1", "quote 2"]
    assert by_key[("a", "position", "oppose")]["weight"] == 1
    assert by_key[("a", "commitment", "open")]["weight"] == 1
    # a decision nobody is named for is the body's
    assert by_key[("body", "decision", "adopted")]["evidence"][0]["quote"] == "quote 5"
    assert graph.nodes[f"{BASE}actor/body"]["label"] == "Body"


def test_actor_actor_agreement_disagreement_and_shared_commitments():
    rows = [row(1, actor="a", stance="support"), row(2, actor="b", stance="conditional"),
            row(3, actor="c", stance="oppose"), row(4, actor="d", stance="request"),
            row(5, actor="a", topic="u", stance="concern"), row(6, actor="c", topic="u", stance="concern"),
            row(7, kind="commitment", actor="a", topic="v"), row(7, kind="commitment", actor="d", topic="v")]
    graph = view_from_rows(rows, "actor-actor")
    assert edges_of(graph, "agreement") == {frozenset("ab"), frozenset("ac")}
    assert edges_of(graph, "disagreement") == {frozenset("ac"), frozenset("bc")}
    assert edges_of(graph, "shared-commitment") == {frozenset("ad")}
    agree = graph.edges[f"{BASE}actor/a", f"{BASE}actor/b", "agreement|"]
    assert sorted(e["quote"] for e in agree["evidence"]) == ["quote 1", "quote 2"]
    assert graph.nodes[f"{BASE}actor/d"]["weight"] == 2  # present, with no position edge


def test_actor_actor_pairs_positions_within_one_meeting():
    rows = [row(1, actor="a", stance="support", day="2017-01-01"),
            row(2, actor="b", stance="oppose", day="2023-01-01"),
            row(3, actor="b", stance="support", day="2017-01-01")]
    graph = view_from_rows(rows, "actor-actor")
    assert edges_of(graph, "agreement") == {frozenset("ab")} and not edges_of(graph, "disagreement")


def test_actor_actor_actor_filter_keeps_the_neighbourhood():
    rows = [row(1, actor="a", stance="support"), row(2, actor="b", stance="support"),
            row(3, actor="c", topic="u", stance="oppose"), row(4, actor="d", topic="u", stance="oppose")]
    graph = view_from_rows(rows, "actor-actor", actor="a")
    assert {n.rsplit("/", 1)[-1] for n in graph} == {"a", "b"}
    assert edges_of(graph, "agreement") == {frozenset("ab")}


def test_commitments_view_links_actor_commitment_topic_with_status_and_due():
    rows = [row(1, kind="commitment", actor="a", due="2017-05", status="open", task="Send the list"),
            row(1, kind="commitment", actor="b", due="2017-05", status="open", task="Send the list"),
            row(2, kind="commitment", actor="a", due="2017-05", status="fulfilled"),
            row(3, kind="position", stance="support")]
    graph = commitments_view(rows, today=date(2020, 1, 1))
    first = graph.nodes[f"{BASE}s/1"]
    assert (first["label"], first["status"], first["due"]) == ("Send the list", "overdue", "2017-05")
    assert graph.nodes[f"{BASE}s/2"]["status"] == "fulfilled"
    assert f"{BASE}s/3" not in graph
    about = graph.edges[f"{BASE}s/1", f"{BASE}topic/t", "about|"]
    assert about["weight"] == 1  # one commitment, though two actors made it
    assert {a for a, b in graph.in_edges(f"{BASE}s/1")} == {f"{BASE}actor/a", f"{BASE}actor/b"}


@pytest.mark.parametrize(("due", "status", "today", "expected"), [
    ("2020-03", "open", date(2020, 3, 31), False), ("2020-03", "open", date(2020, 4, 1), True),
    ("2020-03-15", "open", date(2020, 3, 16), True), ("2020-03-15", "withdrawn", date(2021, 1, 1), False),
    (None, "open", date(2021, 1, 1), False)])
def test_overdue_is_derived_from_due_status_and_today(due, status, today, expected):
    assert is_overdue(due, status, today) is expected


def test_meeting_view_shows_the_latest_meeting_unless_one_is_chosen():
    rows = [row(1, day="2019-05-01"), row(2, day="2020-02-03", kind="decision", actor=None),
            row(3, day="2020-02-03", topic=None, kind="commitment")]
    latest = view_from_rows(rows, "meeting")
    assert latest.graph["meeting"] == f"{BASE}m/2020-02-03"
    kinds = sorted(d for _, d in latest.nodes(data="kind"))
    assert kinds == ["actor", "agenda-item", "commitment", "decision", "meeting"]
    # a statement outside any agenda item hangs from the meeting itself
    assert latest.has_edge(f"{BASE}m/2020-02-03", f"{BASE}s/3")
    chosen = view_from_rows(rows, "meeting", meeting="2019-05-01")
    assert chosen.graph["meeting"] == f"{BASE}m/2019-05-01"
    assert f"{BASE}s/1" in chosen and f"{BASE}s/2" not in chosen


def test_topic_time_orders_meetings_left_to_right_and_chains_them():
    rows = [row(1, day="2021-01-01"), row(2, day="2019-01-01"), row(3, day="2020-01-01", actor="b"),
            row(4, day="2018-01-01", topic="other")]
    graph = view_from_rows(rows, "topic-time", topic="Heading t")
    meetings = sorted((d["x"], n) for n, d in graph.nodes(data=True) if d["kind"] == "meeting")
    assert [n.rsplit("/", 1)[-1] for _, n in meetings] == ["2019-01-01", "2020-01-01", "2021-01-01"]
    chain = sorted((a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]) for a, b, k in graph.edges(data="kind")
                   if k == "next")
    assert chain == [("2019-01-01", "2020-01-01"), ("2020-01-01", "2021-01-01")]
    assert graph.has_edge(f"{BASE}actor/b", f"{BASE}m/2020-01-01")


@pytest.mark.parametrize(("filters", "expected"), [
    ({"since": date(2020, 1, 1)}, {2, 3}), ({"until": "2019-12-31"}, {1}),
    ({"kind": "commitment"}, {3}), ({"stance": "oppose"}, {2}), ({"actor": "B"}, {2}),
    ({"topic": "heading U"}, {3}), ({"body": "body"}, {1, 2, 3}), ({"body": "other"}, set())])
def test_filters_apply_to_every_view(filters, expected):
    rows = [row(1, day="2019-06-01", stance="support"), row(2, actor="b", day="2020-06-01", stance="oppose"),
            row(3, topic="u", day="2021-06-01", kind="commitment", status="open")]
    for view in VIEWS:
        if view == "actor-actor" and "actor" in filters:
            continue  # an ego network there: the actor's relations, with both sides' statements
        graph = view_from_rows(rows, view, **filters)
        shown = {int(e["statement"].rsplit("/", 1)[-1]) for *_, d in graph.edges(data=True)
                 for e in d["evidence"]}
        assert shown <= expected, view  # no view shows a statement the filters drop
        if view in ("actor-topic", "topic-time"):  # these show every statement they keep
            assert shown == expected, view


def test_min_weight_drops_light_edges_and_lonely_nodes():
    rows = [row(1, stance="support"), row(2, stance="support"), row(3, actor="b", stance="oppose")]
    graph = view_from_rows(rows, "actor-topic", min_weight=2)
    assert graph.number_of_edges() == 1 and f"{BASE}actor/b" not in graph


def test_bad_filters_and_views_are_usage_errors():
    with pytest.raises(UsageError, match="unknown filter"):
        view_from_rows([], "actor-topic", colour="red")
    with pytest.raises(UsageError, match="not a date"):
        view_from_rows([], "actor-topic", since="yesterday")
    with pytest.raises(UsageError, match="unknown view"):
        view_from_rows([], "galaxy")


def test_seed_views_are_built_from_the_stored_statements(seed_store):
    import overleg

    with overleg.open(seed_store) as kg:
        rows = statement_rows(kg.store)
        graph = build_view(kg.store, "actor-topic")
        commitments = kg.network("commitments")
    expected_nodes = {r.actor for r in rows if r.actor and r.topic} | {r.topic for r in rows if r.actor and r.topic}
    assert expected_nodes <= set(graph)
    quotes = {r.quote for r in rows}
    assert all(e["quote"] in quotes for *_, d in graph.edges(data=True) for e in d["evidence"])
    assert sum(1 for _, k in commitments.nodes(data="kind") if k == "commitment") == \
        len({r.statement for r in rows if r.kind == "commitment"})


def test_layout_places_every_node_keeps_pins_and_is_repeatable():
    graph = nx.barabasi_albert_graph(1500, 1, seed=3)
    graph.add_edges_from([(2000, 2001), (2002, 2003)])  # components the core never reaches
    graph.nodes[0].update(x=5000, y=-40)
    first, second = layout(graph), layout(graph)
    assert set(first) == set(graph) and first == second
    assert first[0] == (5000.0, -40.0)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert len({(round(x), round(y)) for x, y in first.values()}) > 0.95 * len(first)
