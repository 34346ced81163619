"""Paged stored queries: 100 rows per page by rank, `after` continues, every page joins to the whole.

The seed has fewer than 100 statements, so these tests ingest synthetic minutes
(bench/synthetic.py) with a few hundred of each kind, and compare every page
of each paged query with the same rows read from the store without paging.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import overleg
import pytest
from overleg.queries.binding import PARAMETERS_HERE, inline_values
from overleg.queries.catalogue import catalogue, get_query
from overleg.queries.paging import PAGE_SIZE, is_paged, next_after

BENCH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"
MTG = "PREFIX mtg: <https://w3id.org/overleg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "


@pytest.fixture(scope="module")
def corpus_kg(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("synthetic", BENCH)
    synthetic = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synthetic
    spec.loader.exec_module(synthetic)
    folder = tmp_path_factory.mktemp("paging")
    synthetic.generate(60, folder / "minutes")
    with overleg.open(folder / "store") as kg:
        kg.ingest(folder / "minutes")
    graph = overleg.open(folder / "store", read_only=True)
    yield graph
    graph.close()


def _pages(kg, name: str, **params) -> list[list[dict]]:
    stored, pages, after = get_query(name), [], None
    while True:
        page = kg.query(name, **params, **({"after": after} if after is not None else {}))
        pages.append(page.to_dicts())
        after = next_after(stored, page)
        if after is None:
            return pages


def _check_pages(kg, name: str, **params) -> list[dict]:
    """Pages hold at most PAGE_SIZE ranks, ranks rise across pages, and all_pages is their join."""
    pages = _pages(kg, name, **params)
    ranks = [r["rank"] for page in pages for r in page]
    assert all(len({r["rank"] for r in page}) <= PAGE_SIZE for page in pages)
    assert ranks == sorted(ranks)
    assert [r for page in pages for r in page] == kg.query(name, all_pages=True, **params).to_dicts()
    return [r for page in pages for r in page]


def _one_column(kg, sparql: str) -> set:
    return {next(iter(row.values())) for row in kg.sparql(MTG + sparql, max_rows=10**6).to_dicts()}


def test_the_row_heavy_queries_are_paged():
    paged = {name for name, query in catalogue().items() if is_paged(query)}
    assert paged >= {"statements", "commitments", "positions-of-actor", "positions-on-topic", "topic-timeline",
                     "search", "low-confidence"}


def test_statements_of_every_kind_page_through_all(corpus_kg):
    rows = _check_pages(corpus_kg, "statements")
    assert len(rows) > 3 * PAGE_SIZE
    assert {r["statement"] for r in rows} == _one_column(
        corpus_kg, "SELECT ?s WHERE { ?s a ?k FILTER(?k IN (mtg:Position, mtg:Commitment, mtg:Decision)) }")
    for kind in ("position", "commitment", "decision"):
        mine = _check_pages(corpus_kg, "statements", kind=kind)
        assert len(mine) > PAGE_SIZE, kind
        assert [r["statement"] for r in mine] == [r["statement"] for r in rows if r["type"] == kind]


def test_commitments_of_everyone_and_of_one_actor_page_through_all(corpus_kg):
    rows = _check_pages(corpus_kg, "commitments")
    assert len({r["commitment"] for r in rows}) > PAGE_SIZE, "the corpus must need several pages"
    assert {r["commitment"] for r in rows} == _one_column(corpus_kg, "SELECT ?c WHERE { ?c a mtg:Commitment }")
    actor = max(corpus_kg.query("actors").to_dicts(), key=lambda r: r["commitments"])["actor"]
    mine = _check_pages(corpus_kg, "commitments", actor=actor)
    expected = _one_column(corpus_kg, f"SELECT ?c WHERE {{ ?c mtg:committedBy <{actor}> }}")
    assert {r["commitment"] for r in mine} == expected


def test_positions_of_an_actor_page_through_all(corpus_kg):
    actor = max(corpus_kg.query("actors").to_dicts(), key=lambda r: r["positions"])["actor"]
    rows = _check_pages(corpus_kg, "positions-of-actor", actor=actor)
    assert len(rows) > PAGE_SIZE
    assert {r["position"] for r in rows} == _one_column(
        corpus_kg, f"SELECT ?p WHERE {{ ?p mtg:holder <{actor}> }}")


def test_positions_on_a_topic_between_dates(corpus_kg):
    everything = _check_pages(corpus_kg, "positions-on-topic", topic="a")
    assert len(everything) > PAGE_SIZE
    quotes = _one_column(corpus_kg, 'SELECT ?q WHERE { ?p a mtg:Position ; mtg:quote ?q ; '
                                    'mtg:agendaItem/dcterms:title ?t FILTER(CONTAINS(LCASE(STR(?t)), "a")) }')
    assert {r["quote"] for r in everything} == quotes
    days = sorted({str(r["date"]) for r in everything})
    since, until = days[len(days) // 3], days[2 * len(days) // 3]
    between = _check_pages(corpus_kg, "positions-on-topic", topic="a", since=since, until=until)
    assert between and {r["rank"] for r in between} == {
        r["rank"] for r in everything if since <= str(r["date"]) <= until}


def test_topic_timeline_pages_and_counts(corpus_kg):
    rows = _check_pages(corpus_kg, "topic-timeline", topic="e")
    assert len(rows) > PAGE_SIZE
    zeros = 0
    for row in rows[::7]:
        item = corpus_kg.sparql(MTG + "SELECT ?i WHERE { ?i mtg:itemRank ?r FILTER(?r = " + str(int(row["rank"]))
                                + ") }").to_dicts()[0]["i"]
        for kind, column in (("Position", "positions"), ("Commitment", "commitments"), ("Decision", "decisions")):
            counted = _one_column(corpus_kg, f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a mtg:{kind} ; "
                                             f"mtg:agendaItem <{item}> }}")
            assert counted == {row[column]}, (item, column)
            zeros += row[column] == 0
    assert zeros, "some sampled items lack a kind of statement (the index leaves zero counts out)"


def test_search_and_review_page_through_all(corpus_kg):
    found = _check_pages(corpus_kg, "search", text="de")
    assert len(found) > PAGE_SIZE
    assert {r["statement"] for r in found} == _one_column(
        corpus_kg, 'SELECT ?s WHERE { ?s a mtg:Statement ; mtg:quote ?q FILTER(CONTAINS(LCASE(?q), "de")) }')
    low = _check_pages(corpus_kg, "low-confidence", below="0.9")
    confidences = [r["confidence"] for r in low]
    assert confidences == sorted(confidences) and all(c < 0.9 for c in confidences)
    assert len(low) == len(_one_column(corpus_kg, "SELECT ?s WHERE { ?s a mtg:Statement ; "
                                                  "mtg:confidence ?c FILTER(?c < 0.9) }"))


def test_search_finds_rare_text_and_text_spanning_words(corpus_kg):
    """A rare word, a phrase and absent text: the search blocks (app/link_pages.py) must not lose
    or invent a match, whatever the block a quote falls in."""
    quotes = sorted(_one_column(corpus_kg, "SELECT ?q WHERE { ?s mtg:rank ?r ; mtg:quote ?q }"))
    rare = max((w for q in quotes for w in q.split()), key=lambda w: (len(w), w)).lower()
    phrase = " ".join(quotes[len(quotes) // 2].split()[1:4]).upper()
    for text in (rare, phrase, "zzz-not-in-any-quote"):
        expected = {q for q in quotes if text.lower() in q.lower()}
        found = {r["quote"] for r in corpus_kg.query("search", text=text, all_pages=True).to_dicts()}
        assert found == expected, text
    assert corpus_kg.query("search", text=phrase).to_dicts(), "the phrase comes from a quote"


def test_the_cli_names_the_next_page_and_takes_every_row(cli, corpus_kg):
    store = str(corpus_kg.store.path)
    first = cli("query", "search", "-p", "text=de", "--format", "csv", "--store", store)
    assert first.code == 0 and "--param after=" in first.err and "--all" in first.err
    assert len(first.out.strip().splitlines()) == PAGE_SIZE + 1
    after = first.err.split("--param after=")[1].split(",")[0]
    second = cli("query", "search", "-p", "text=de", "-p", f"after={after}", "--format", "csv", "--store", store)
    assert second.code == 0
    every = cli("query", "search", "-p", "text=de", "--all", "--format", "csv", "--store", store)
    assert every.code == 0 and "after=" not in every.err
    rows = second.out.strip().splitlines()[1:]
    assert every.out.strip().splitlines()[1:][PAGE_SIZE:PAGE_SIZE + len(rows)] == rows


def test_parameters_are_bound_inside_marked_subqueries():
    text = f"SELECT * WHERE {{\n  {{ SELECT ?x WHERE {{\n    {PARAMETERS_HERE}\n    ?x ?p ?o }} LIMIT 1 }}\n}}"
    bound = inline_values(text, {"p": overleg_term()})
    assert bound.count("VALUES (?p)") == 2 and PARAMETERS_HERE not in bound
    assert PARAMETERS_HERE not in inline_values(text, {})


def overleg_term():
    import pyoxigraph as ox

    return ox.NamedNode("https://example.org/p")
