"""The faster link stage keeps its meaning.

The links graph is made as N-Triples text (app/link_text.py) in Oxigraph's own
form, written as a difference against the lines kept beside the store
(app/link_write.py), and falls back to a dump of the graph whenever that file
cannot be trusted. Follow-ups are scored in blocks (app/link_followups.py) and
headings normalised with an ASCII shortcut (app/link_topics.py). Each test
holds the fast path to the plain one it replaced.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from pathlib import Path

import overleg
import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from overleg import link_text, link_write
from overleg.link_followups import MATCH_CUTOFF, WINDOW, Commitment, ReportRow, match_reports
from overleg.link_topics import _NON_WORD, _NUMBERING, _STOP, normalise
from overleg.link_write import FILE_NAME, LinksWrite
from overleg.linking import link, links_graph
from overleg.store.embedded import EmbeddedStore
from rapidfuzz import fuzz, process

CORPUS = Path(__file__).parent / "corpus"
G = "http://example.org/derived"


def _graph(kg) -> set[str]:
    return {str(q.triple) for q in kg.store.quads(links_graph(kg.base))}


def _serialised(s: ox.NamedNode, p: ox.NamedNode, o: ox.Term) -> str:
    return ox.serialize([ox.Triple(s, p, o)], format=ox.RdfFormat.N_TRIPLES).decode()


@given(st.text(), st.sampled_from([None, "nl", "en-GB", "NL", "x-private"]))
def test_literals_are_written_as_oxigraph_writes_them(text: str, language: str | None) -> None:
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    expected = _serialised(s, p, ox.Literal(text, language=language))
    assert link_text.line(s.value, link_text.term(p.value), link_text.literal(text, language)) == expected
    for datatype in ("http://example.org/type", "http://www.w3.org/2001/XMLSchema#string"):
        assert (link_text.line(s.value, link_text.term(p.value), link_text.typed(text, datatype))
                == _serialised(s, p, ox.Literal(text, datatype=ox.NamedNode(datatype))))


def test_an_unchanged_relink_writes_nothing_and_reads_no_dump(seed_kg, monkeypatch) -> None:
    assert link(seed_kg.store, seed_kg.base).changed == 0  # the ingest linked already
    monkeypatch.setattr(link_write, "_PresentLines", None)  # a dump would fail now,
    monkeypatch.setattr(link_write, "_difference", None)  # and so would comparing lines
    assert link(seed_kg.store, seed_kg.base).changed == 0
    assert sorted(p.name for p in seed_kg.store.path.glob("link-lines*")) == [FILE_NAME]  # no leftovers


def _file_lines(kg) -> set[str]:
    lines = (kg.store.path / FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("# overleg-links ") and lines[-1].endswith(f" {len(lines) - 1}")
    return set(lines[:-1])


def test_the_file_holds_the_graph(seed_kg) -> None:
    dumped = seed_kg.store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES,
                                         from_graph=ox.NamedNode(links_graph(seed_kg.base)))
    assert _file_lines(seed_kg) == set(dumped.decode().splitlines()) and len(_file_lines(seed_kg)) > 100


def test_a_missing_stale_or_cut_file_falls_back_to_the_dump(seed_kg) -> None:
    kg, path = seed_kg, seed_kg.store.path / FILE_NAME
    before = _graph(kg)
    path.unlink()
    assert link(kg.store, kg.base).changed == 0 and _graph(kg) == before and path.exists()
    # the graph changed behind the file's back (another program): the size differs, the dump repairs it
    one = next(iter(kg.store.quads(links_graph(kg.base))))
    kg.store.oxigraph.remove(one)
    assert link(kg.store, kg.base).changed == 1 and _graph(kg) == before
    # a file cut short, or of another graph, is not used either
    path.write_bytes(path.read_bytes()[:-200])
    assert link_write.LinesFile(kg.store.path).read(links_graph(kg.base)) is None
    assert link_write.LinesFile(kg.store.path).read("http://example.org/other") is None
    assert link(kg.store, kg.base).changed == 0 and _graph(kg) == before


@given(st.sets(st.integers(0, 60)), st.sets(st.integers(0, 60)), st.integers(1, 90))
def test_the_difference_of_lines_is_that_of_their_sets(old: set[int], new: set[int], size: int) -> None:
    def text(numbers: set[int]) -> bytes:
        return "".join(f"<http://example.org/{n}> <http://example.org/p> \"{n % 7}\" .\n"
                       for n in sorted(numbers, key=lambda n: (n * 37) % 61)).encode()

    pieces = list(link_write._pieces(text(old), size))
    assert b"".join(pieces) == text(old) and all(p.endswith(b"\n") for p in pieces)
    assert link_write._same(text(old), pieces) and link_write._same(text(new), pieces) == (old == new)
    present = link_write._line_set(pieces)
    gone, added = link_write._difference(present, list(link_write._pieces(text(new), size)))
    lines = {n: text({n}).rstrip(b"\n") for n in old | new}
    assert sorted(gone) == sorted(lines[n] for n in old - new)
    assert sorted(added) == sorted(lines[n] for n in new - old)


@pytest.mark.parametrize("in_parts", [False, True])
def test_a_relink_after_new_minutes_writes_what_a_first_link_would(tmp_path: Path, monkeypatch,
                                                                    in_parts: bool) -> None:
    """`in_parts`: the difference is large (BULK_FROM), so it is written as updates of CHUNK
    deletions and bulk loads of LOAD_LINES lines, not as one update."""
    if in_parts:
        for name, value in (("BULK_FROM", 20), ("CHUNK", 7), ("LOAD_LINES", 13)):
            monkeypatch.setattr(link_write, name, value)
    files = sorted((CORPUS / "nl").glob("*.txt"))
    with overleg.open(tmp_path / "store") as kg:
        kg.ingest(*files[:2])
        first = _graph(kg)
        kg.ingest(*files[2:4])  # links again: as a difference against the file
        relinked = _graph(kg)
        assert relinked != first and _file_lines(kg) == {f"{t} ." for t in relinked}
        kg.store.remove_graph(links_graph(kg.base))
        (kg.store.path / FILE_NAME).unlink()
        summary = link(kg.store, kg.base)  # a first link of the same store
        assert _graph(kg) == relinked and summary.changed == len(relinked)


def test_a_first_link_loaded_in_the_background_equals_one_update(seed_kg, monkeypatch) -> None:
    kg = seed_kg
    expected = _graph(kg)
    kg.store.remove_graph(links_graph(kg.base))
    monkeypatch.setattr(link_write, "BULK_FROM", 50)  # the seed's index is a large batch now
    threads = []
    submit = link_write.ThreadPoolExecutor.submit
    monkeypatch.setattr(link_write.ThreadPoolExecutor, "submit",
                        lambda self, *a, **k: threads.append(a[0]) or submit(self, *a, **k))
    assert link(kg.store, kg.base).changed == len(expected)
    assert threads and _graph(kg) == expected and _file_lines(kg) == {f"{t} ." for t in expected}
    assert sorted(p.name for p in kg.store.path.glob("link-lines*")) == [FILE_NAME]  # load files gone


def test_a_first_link_loads_batches_of_bounded_size_and_the_same_graph(seed_kg, monkeypatch) -> None:
    """Each bulk load holds at most LOAD_LINES lines (the loader keeps what it loads in memory), the
    loads follow each other, and the graph and the lines file are those of one load; the next relink
    then finds nothing to change."""
    kg = seed_kg
    expected = _graph(kg)
    kg.store.remove_graph(links_graph(kg.base))
    monkeypatch.setattr(link_write, "BULK_FROM", 50)
    monkeypatch.setattr(link_write, "CHUNK", 40)
    monkeypatch.setattr(link_write, "LOAD_LINES", 200)
    sizes = []
    load = link_write.LinksWrite._bulk_load_file
    monkeypatch.setattr(link_write.LinksWrite, "_bulk_load_file",
                        lambda self, path: sizes.append(path.read_bytes().count(b"\n")) or load(self, path))
    assert link(kg.store, kg.base).changed == len(expected)
    assert len(sizes) > 2 and sum(sizes) == len(expected), "several loads, every line loaded once"
    assert max(sizes) < 200 + 40, "a load is flushed as soon as it holds LOAD_LINES"
    assert _graph(kg) == expected and _file_lines(kg) == {f"{t} ." for t in expected}
    assert link(kg.store, kg.base).changed == 0


def test_a_failed_load_is_raised_and_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    store = EmbeddedStore(tmp_path / "s")
    monkeypatch.setattr(link_write, "BULK_FROM", 2)
    with pytest.raises(SyntaxError), LinksWrite(store, G) as graph:
        graph.add(['<http://example.org/s> <http://example.org/p> "a" .\n', "<http://example.org/s> broken\n"])
        graph.finish()
    assert not (tmp_path / "s" / FILE_NAME).exists()
    with LinksWrite(store, G) as graph:  # the next run compares with what the store has
        graph.add(['<http://example.org/s> <http://example.org/p> "b" .\n'])
        graph.finish()
    assert [q.object.value for q in store.quads(G)] == ["b"]
    store.close()


def _plain_match(reports: list[ReportRow], commitments: list[Commitment]) -> dict[str, tuple[str, float]]:
    """The matching as it was written first: a rapidfuzz call per report, every pair sorted."""
    groups: dict = {}
    for c in commitments:
        groups.setdefault((c.body, c.concept), []).append(c)
    for group in groups.values():
        group.sort(key=lambda c: (c.date, c.iri))
    pairs = []
    for r in reports:
        group = groups.get((r.body, r.concept)) if r.concept else None
        if not group:
            continue
        end = bisect.bisect_left([c.date for c in group], r.date)
        window = group[max(0, end - WINDOW):end]
        for _t, score, k in process.extract(normalise(r.quote), [normalise(c.task) for c in window], limit=None,
                                            scorer=fuzz.token_set_ratio, score_cutoff=MATCH_CUTOFF):
            pairs.append((score, window[k].date, r.iri, window[k].iri))
    taken_r: dict[str, tuple[str, float]] = {}
    taken_c: set[str] = set()
    for score, _d, r, c in sorted(pairs, reverse=True):
        if r not in taken_r and c not in taken_c:
            taken_r[r], _ = (c, score), taken_c.add(c)
    return taken_r


@pytest.mark.parametrize("seed", range(4))
def test_follow_ups_in_blocks_equal_one_call_per_report(seed: int) -> None:
    rng = random.Random(seed)
    words = ["brief", "plan", "aanpak", "overleg", "kamer", "politie", "begroting", "rapport", "verstuurd",
             "gestuurd", "nota"]
    tasks = [" ".join(rng.sample(words, rng.randint(2, 6))) for _ in range(12)]  # few: many ties
    days = [f"2020-{m:02d}-{d:02d}" for m in range(1, 7) for d in (1, 15)]
    commitments = [Commitment(f"c{rng.randint(0, 150)}", rng.choice("ab"), rng.choice(days), rng.choice(["t", "u"]),
                              rng.choice(tasks), frozenset(), "open") for _ in range(160)]
    reports = [ReportRow(f"r{rng.randint(0, 90)}", rng.choice("ab"), rng.choice(days), rng.choice(["t", "u", None]),
                         rng.choice(tasks), "fulfilled") for _ in range(100)]
    found = match_reports(reports, commitments)
    assert found == _plain_match(reports, commitments) and found


def _plain_normalise(label: str) -> str:
    text = unicodedata.normalize("NFKD", _NUMBERING.sub("", label))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(w for w in _NON_WORD.sub(" ", text).split() if w not in _STOP)


@given(st.text())
def test_normalise_with_the_ascii_shortcut_is_unchanged(label: str) -> None:
    assert normalise(label) == _plain_normalise(label)
    assert normalise("3. Financiën Politie") == _plain_normalise("3. Financiën Politie") == "financien politie"
