"""The link facts cache (app/link_facts.py) gives the link stage exactly what the store would.

Workers extract each document's link facts from its own quads; the link stage
uses them instead of whole-store queries only when they cover every document
graph at its current SHA-256. These tests hold the two sources equal on real
and synthetic minutes, and show the cache is ignored when it is stale.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import overleg
import pytest
from overleg.link_facts import FILE_NAME, open_cache
from overleg.linking import _facts, links_graph, rows_from_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synthetic  # noqa: E402

CORPUS = Path(__file__).parent / "corpus"


LINK_KEYS = ("items", "commitments", "reports", "deferred")


def canonical(facts: dict[str, list], keys=LINK_KEYS) -> dict[str, list]:
    """Rows as sorted JSON (tuples and lists alike), for the keys compared."""
    return {key: sorted(json.dumps(row, sort_keys=True) for row in facts[key]) for key in keys}


def test_in_memory_stores_read_the_facts_with_sparql(seed_kg, seed_path: Path) -> None:
    with overleg.open(in_memory=True) as kg:
        kg.ingest(seed_path)
        facts = _facts(kg.store, kg.base)
        assert facts == rows_from_store(kg.store) and facts["items"]  # SPARQL: link rows only
    # on disk the same rows come from the cache
    assert canonical(_facts(seed_kg.store, seed_kg.base)) == canonical(facts)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("facts")
    synthetic.generate(12, root / "synthetic")
    with overleg.open(root / "store") as kg:
        report = kg.ingest(CORPUS / "nl", CORPUS / "en", root / "synthetic", jobs=2)
        assert report.ingested and not report.failed
    return root / "store"


def test_cached_facts_equal_the_store_rows(store_path: Path) -> None:
    with overleg.open(store_path) as kg:
        cache = open_cache(kg.store.path)
        documents = {g: sha for g, sha in kg.store.graph_hashes().items() if not g.endswith("/ontology")}
        cached = cache.current(documents)
        cache.close()
        assert cached.keys() == documents.keys(), "every document's facts are cached by the ingest"
        from overleg.link_facts import merged

        facts, from_store = merged([cached[g] for g in sorted(cached)]), rows_from_store(kg.store)
    assert sum(len(v) for v in facts.values()) > 100
    assert facts["reports"] and facts["deferred"] and facts["commitments"]
    # ITEMS rows from SPARQL carry None for a missing topic/date/body just like the facts
    for key in LINK_KEYS:
        assert canonical(facts, [key]) == canonical(from_store, [key]), key
    with overleg.open(store_path) as kg:
        from overleg.link_index import store_rows

        index = {name: list(rows) for name, rows in store_rows(kg.store).items()}
    assert all(facts[key] for key in index), "every index row family occurs in these minutes"
    for key in index:  # the actors query is DISTINCT over the store: compare those as sets
        same = (set(canonical(facts, [key])[key]) == set(canonical(index, [key])[key]) if key == "actors"
                else canonical(facts, [key]) == canonical(index, [key]))
        assert same, key


def test_the_link_graph_is_the_same_with_and_without_the_cache(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns("overleg.lock"))
    with overleg.open(store_path) as kg:
        kg.link()
        with_cache = {str(q) for q in kg.store.quads(links_graph(kg.base))}
    (copy / FILE_NAME).unlink()
    with overleg.open(copy) as kg:  # no cache: each document's graphs are read (and cached)
        assert canonical(_facts(kg.store, kg.base)) == canonical(rows_from_store(kg.store))
        assert (copy / FILE_NAME).is_file()
        kg.link()
        without = {str(q) for q in kg.store.quads(links_graph(kg.base))}
    assert with_cache and with_cache == without


def test_a_stale_entry_is_read_again_from_the_store(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns("overleg.lock"))
    with overleg.open(copy) as kg:
        documents = {g: sha for g, sha in kg.store.graph_hashes().items() if not g.endswith("/ontology")}
        cache = open_cache(kg.store.path)
        assert cache.current(documents).keys() == documents.keys()
        cache.save([(min(documents), "0" * 64, b'{"items": [], "commitments": [], "reports": [], "deferred": []}')])
        assert min(documents) not in cache.current(documents)
        cache.close()
        assert canonical(_facts(kg.store, kg.base)) == canonical(rows_from_store(kg.store))


def test_a_graph_loaded_by_hand_sends_the_link_stage_to_the_store(seed_kg) -> None:
    """Only the ingest writes facts, so a graph it did not write is read with SPARQL."""
    import pyoxigraph as ox

    item = ox.NamedNode("https://example.org/item/1")
    quads = [ox.Quad(item, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     ox.NamedNode("https://w3id.org/overleg/ontology#AgendaItem")),
             ox.Quad(item, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("Begroting")),
             ox.Quad(item, ox.NamedNode("https://w3id.org/overleg/ontology#meeting"),
                     ox.NamedNode("https://example.org/meeting/1"))]
    seed_kg.store.replace_graphs({"https://example.org/graph/by-hand": quads})
    facts = _facts(seed_kg.store, seed_kg.base)
    assert "https://example.org/item/1" in {row["item"] for row in facts["items"]}
    assert canonical(facts) == canonical(rows_from_store(seed_kg.store))


def test_the_query_index_is_the_same_from_facts_and_from_sparql(store_path: Path) -> None:
    from overleg.link_index import index_quads

    with overleg.open(store_path) as kg:
        kg.link()
        links = list(kg.store.quads(links_graph(kg.base)))
        graph = links_graph(kg.base)
        from_facts = index_quads(kg.store, kg.base, graph, links, _facts(kg.store, kg.base))
        from_sparql = index_quads(kg.store, kg.base, graph, links)
    assert len(from_facts) > 100 and set(from_facts) == set(from_sparql)




def test_a_cache_of_another_format_is_emptied_and_read_again(store_path: Path, tmp_path: Path) -> None:
    """A JSON cache of an older overleg (or marshal of another Python) is never decoded: the link
    stage reads those documents' graphs again, caches them anew, and links the same."""
    import sqlite3

    copy = tmp_path / "copy"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns("overleg.lock"))
    with overleg.open(copy) as kg:
        expected = canonical(rows_from_store(kg.store))
        documents = {g: sha for g, sha in kg.store.graph_hashes().items() if not g.endswith("/ontology")}
    db = sqlite3.connect(copy / FILE_NAME)
    with db:  # what an older overleg left: JSON text, no format record
        db.execute("DELETE FROM meta")
        db.execute("UPDATE facts SET data = ?", ('{"v": 5, "items": []}',))
    db.close()
    cache = open_cache(copy)
    assert cache.current(documents) == {}, "the old entries are gone, not misread"
    cache.close()
    with overleg.open(copy) as kg:
        assert canonical(_facts(kg.store, kg.base)) == expected
    cache = open_cache(copy)
    assert cache.current(documents).keys() == documents.keys(), "cached again in the current format"
    cache.close()


def test_a_damaged_entry_counts_as_missing(store_path: Path, tmp_path: Path) -> None:
    from overleg.link_facts import VERSION, encode_facts

    copy = tmp_path / "copy"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns("overleg.lock"))
    with overleg.open(copy) as kg:
        expected = canonical(rows_from_store(kg.store))
        documents = {g: sha for g, sha in kg.store.graph_hashes().items() if not g.endswith("/ontology")}
    cache = open_cache(copy)
    first, second = sorted(documents)[:2]
    good = encode_facts({"v": VERSION, "items": [], "commitments": [], "reports": [], "deferred": []})
    cache.save([(first, documents[first], good[: len(good) // 2]),          # cut short
                (second, documents[second], encode_facts({"v": VERSION - 1}))])  # another version
    found = cache.current(documents)
    cache.close()
    assert first not in found and second not in found and len(found) == len(documents) - 2
    with overleg.open(copy) as kg:
        assert canonical(_facts(kg.store, kg.base)) == expected
