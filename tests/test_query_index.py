"""The query index the link stage writes (app/link_index.py): pages, review and re-ingest.

The stored queries that read the index are checked against the raw triples in
test_queries.py; here the index is checked where it could go stale: paging the
statements query, a statement rejected in review, and ingesting again.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from overleg.link_pages import DAY_SPAN, KIND_SPAN

MTG = "https://w3id.org/overleg/ontology#"


def _all(kg, **params) -> list[dict]:
    return kg.query("statements", all_pages=True, **params).to_dicts()


def test_statements_come_in_meeting_date_order_and_by_kind(seed_kg):
    """(Pages of more than 100 rows are checked in test_paging.py, on a larger corpus.)"""
    everything = _all(seed_kg)
    assert len(everything) > 10
    keys = [(str(r["date"] or ""), r["item"] or "", r["statement"]) for r in everything]
    assert keys == sorted(keys), "meeting date, agenda item, IRI"
    assert [r["rank"] for r in everything] == sorted(r["rank"] for r in everything)
    assert seed_kg.query("statements").to_dicts() == everything[:100]  # the first page
    spans = set()
    for kind in ("position", "commitment", "decision"):
        of_kind = [r for r in everything if r["type"] == kind]
        assert of_kind, kind
        mine = _all(seed_kg, kind=kind)
        assert [r["statement"] for r in mine] == [r["statement"] for r in of_kind]
        spans.add(frozenset(r["rank"] // KIND_SPAN for r in mine))
        after = seed_kg.query("statements", kind=kind, after=mine[0]["rank"]).to_dicts()
        assert [r["statement"] for r in after] == [r["statement"] for r in mine[1:101]]
    assert spans == {frozenset({0}), frozenset({1}), frozenset({2})}, "each kind in its own span"


def _counts(kg) -> dict[str, tuple[int, int, int, int]]:
    return {r["actor"]: (r["positions"], r["commitments"], r["decisions"], r["total"])
            for r in kg.query("actors").to_dicts()}


def _ordered(kg) -> list[str]:
    return [r["statement"] for r in _all(kg)]


def test_a_statement_rejected_in_review_drops_out_of_the_index(seed_kg, tmp_path: Path):
    before = _counts(seed_kg)
    actor = max(before, key=lambda a: before[a][0])
    position = seed_kg.query("positions-of-actor", actor=actor).to_dicts()[0]["position"]
    commitment = seed_kg.query("open-commitments").to_dicts()[0]["commitment"]
    review = tmp_path / "review.yaml"
    review.write_text(f"statements:\n  - id: {position}\n    review: rejected\n"
                      f"  - id: {commitment}\n    review: rejected\n", encoding="utf-8")
    seed_kg.review(review)
    after = _counts(seed_kg)
    positions, commitments, decisions, total = before[actor]
    assert after[actor][0] == positions - 1 and after[actor][3] < total
    everything = {r["statement"] for r in _all(seed_kg)}
    assert position not in everything and commitment not in everything
    assert commitment not in {r["commitment"] for r in seed_kg.query("open-commitments").to_dicts()}
    profile = seed_kg.query("actor-profile", actor=actor).to_dicts()[0]
    assert profile["positions"] == positions - 1
    ranks = _ranks(seed_kg)
    assert position not in ranks and commitment not in ranks
    assert [ranks[s] for s in _ordered(seed_kg)] == sorted(ranks.values()), "ranks rise in query order"


def _ranks(kg) -> dict[str, int]:
    store = kg.store.oxigraph
    return {q.subject.value: int(q.object.value)
            for q in store.quads_for_pattern(None, ox.NamedNode(MTG + "rank"), None, None)}


@pytest.mark.slow
def test_ingesting_again_replaces_the_index_instead_of_adding_to_it(seed_kg, seed_path: Path):
    actors, pairs = _counts(seed_kg), seed_kg.query("co-occurrence").to_dicts()
    ranks = _ranks(seed_kg)
    seed_kg.ingest(seed_path, force=True)
    assert _counts(seed_kg) == actors
    assert seed_kg.query("co-occurrence").to_dicts() == pairs
    assert _ranks(seed_kg) == ranks
    labels = list(seed_kg.store.oxigraph.quads_for_pattern(
        ox.NamedNode(next(iter(actors))), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
        None, ox.NamedNode(f"{seed_kg.base}graph/links")))
    assert len(labels) == 1, "one copy of the label in the links graph"


def _age_index(store_path: Path, base: str) -> tuple[ox.Quad, ox.Quad]:
    """Make the store's index look as an older overleg left it: no version mark, and a triple of the
    old layout (a search block's `mtg:member`) that the new one no longer writes."""
    links = ox.NamedNode(f"{base}graph/links")
    store = ox.Store(str(store_path))
    mark = next(store.quads_for_pattern(ox.NamedNode(f"{base}index"), ox.NamedNode(MTG + "indexVersion"),
                                        None, links))
    block = next(store.quads_for_pattern(None, ox.NamedNode(MTG + "statementsTo"), None, links)).subject
    statement = next(store.quads_for_pattern(None, ox.NamedNode(MTG + "rank"), None, links)).subject
    old = ox.Quad(block, ox.NamedNode(MTG + "member"), statement, links)
    store.remove(mark)
    store.add(old)
    store.flush()
    del store
    lines = store_path / "link-lines.nt"  # the lines the older overleg wrote, as it wrote them
    text = lines.read_text(encoding="utf-8").replace(f"{_line(mark)}\n", "")
    body, _, trailer = text.rpartition("# overleg-links ")
    lines.write_text(f"{body}{_line(old)}\n# overleg-links {trailer}", encoding="utf-8")
    return mark, old


def _line(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} ."


def test_an_index_of_an_older_layout_is_remade_when_the_store_is_opened_writable(seed_store, tmp_path):
    import shutil

    import overleg

    path = tmp_path / "old"
    shutil.copytree(seed_store, path)
    with overleg.open(path, read_only=True) as kg:
        base, expected = kg.base, kg.query("search", text="de", all_pages=True).to_dicts()
        assert not kg.index_outdated()
    mark, old = _age_index(path, base)
    with overleg.open(path, read_only=True) as kg:
        assert kg.index_outdated(), "no version mark: an older layout"
        with pytest.warns(UserWarning, match="older overleg"):
            kg.query("meetings")
    with overleg.open(path) as kg:  # writable: the index is remade before anything reads it
        assert not kg.index_outdated()
        assert mark in kg.store.oxigraph and old not in kg.store.oxigraph
        assert kg.query("search", text="de", all_pages=True).to_dicts() == expected


def test_a_read_only_command_on_an_older_index_remakes_it_once(seed_store, tmp_path, cli):
    import shutil

    import overleg

    path = tmp_path / "old"
    shutil.copytree(seed_store, path)
    with overleg.open(path, read_only=True) as kg:
        base, expected = kg.base, len(kg.query("search", text="de", all_pages=True))
    _age_index(path, base)
    first = cli("query", "search", "-p", "text=de", "--all", "--format", "csv", "--store", str(path))
    assert first.code == 0 and "remaking the query index" in first.err
    assert len(first.out.strip().splitlines()) == expected + 1  # the header and every match
    again = cli("query", "search", "-p", "text=de", "--all", "--format", "csv", "--store", str(path))
    assert again.code == 0 and "remaking" not in again.err and again.out == first.out
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a current index: no warning
        with overleg.open(path, read_only=True) as kg:
            kg.query("meetings")


def test_a_store_without_links_has_no_outdated_index(kg):
    assert not kg.index_outdated()


def _keys(kg, name: str) -> dict[str, int]:
    rows = kg.sparql("SELECT ?s ?r WHERE { ?s <" + MTG + name + "> ?r }", max_rows=10**6).to_dicts()
    return {r["s"]: int(r["r"]) for r in rows}


RANKS = ("rank", "kindRank", "itemRank", "reviewRank")


def test_minutes_dated_before_and_after_the_rest_move_no_rank(kg, seed_path: Path, tmp_path: Path):
    """Ranks are dated (app/link_pages.py): a minute of another date takes numbers of its own, so
    every rank, kind rank, item rank and review rank of the minutes already there stays, and the
    pages still list every statement in order. A statement rejected in review moves the ranks of
    its own date only."""
    corpus = Path(__file__).parent / "corpus" / "nl"
    kg.ingest(corpus / "lovp-2019-04-08.txt", seed_path)
    for added in (corpus / "lovp-2016-12-12.txt", corpus / "ggd-ab-hn-2025-07-02.txt"):
        before = {name: _keys(kg, name) for name in RANKS}
        kg.ingest(added)
        for name in RANKS:
            after = _keys(kg, name)
            assert len(after) > len(before[name]), (added.name, name)
            assert {s: after[s] for s in before[name]} == before[name], (added.name, name)
    ranks = _keys(kg, "rank")
    assert [ranks[s] for s in _ordered(kg)] == sorted(ranks.values())
    confidence = {r["s"]: float(r["c"]) for r in kg.sparql(
        "SELECT ?s ?c WHERE { ?s <" + MTG + "reviewRank> ?r ; <" + MTG + "confidence> ?c }",
        max_rows=10**6).to_dicts()}
    review = _keys(kg, "reviewRank")
    order = sorted(review, key=review.get)
    assert [confidence[s] for s in order] == sorted(confidence[s] for s in order), "lowest first"
    for below in (1.1, 0.7, 0.6501, 0.65, 0.6499):  # the threshold's run, whatever its decimals
        paged = kg.query("low-confidence", below=below, all_pages=True).to_dicts()
        assert [r["statement"] for r in paged] == [s for s in order if confidence[s] < below], below
    rejected = _ordered(kg)[0]
    (tmp_path / "review.yaml").write_text(f"statements:\n  - id: {rejected}\n    review: rejected\n")
    kg.review(tmp_path / "review.yaml")
    after = _keys(kg, "rank")
    kept = {s: rank for s, rank in ranks.items() if rank // DAY_SPAN != ranks[rejected] // DAY_SPAN}
    assert rejected not in after and len(kept) > len(ranks) // 2
    assert {s: after[s] for s in kept} == kept, "the other dates' ranks stay"
