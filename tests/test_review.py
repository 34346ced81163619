"""The review file: confirm, reject, correct statements, merge actors; applied on every ingest."""

from __future__ import annotations

from pathlib import Path

import overleg
import pytest
from overleg.errors import InputError
from overleg.review import load_review_file

MINUTES = """Verslag Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017

Begroting politie: De minister zal voor 1 juli een brief over de begroting aan de Tweede Kamer sturen.
De burgemeesters hebben aangegeven dat de middelen onvoldoende zijn.

Meldkamers: De korpschef zal na de zomer een evaluatie van de meldkamers opstellen.
"""
MTG = "PREFIX mtg: <https://w3id.org/overleg/ontology#>\n"


@pytest.fixture()
def graph(tmp_path: Path):
    source = tmp_path / "lovp.txt"
    source.write_text(MINUTES, encoding="utf-8")
    kg = overleg.open(tmp_path / "store")
    assert kg.ingest(source).ok
    yield kg, source
    kg.close()


def _commitments(kg) -> dict[str, str]:
    rows = kg.sparql(MTG + "SELECT ?c ?task WHERE { ?c a mtg:Commitment ; mtg:task ?task }").to_dicts()
    return {("brief" if "brief" in r["task"] else "evaluatie"): str(r["c"]) for r in rows}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_review_files_name_the_file_and_the_reason(tmp_path: Path):
    bad = _write(tmp_path / "r.yaml", "statements:\n  - id: doc/x/commitment/1-2\n    review: maybe\n")
    with pytest.raises(InputError, match=r"r\.yaml.*confirmed, rejected or corrected"):
        load_review_file(bad, "https://x.org/")
    unset = _write(tmp_path / "s.yaml", "statements:\n  - id: x\n    review: confirmed\n    set: {status: fulfilled}\n")
    with pytest.raises(InputError, match="needs review: corrected"):
        load_review_file(unset, "https://x.org/")
    field = _write(tmp_path / "t.yaml", "statements:\n  - id: x\n    set: {colour: red}\n")
    with pytest.raises(InputError, match="cannot set 'colour'"):
        load_review_file(field, "https://x.org/")


def test_relative_ids_resolve_under_the_base(tmp_path: Path):
    review = load_review_file(_write(tmp_path / "r.yaml", """
statements:
  - id: doc/abc/commitment/1-9
actors:
  merge:
    - {into: politie, from: [de-politie]}
"""), "https://x.org/")
    assert review.statements[0].statement == "https://x.org/doc/abc/commitment/1-9"
    assert review.statements[0].status == "confirmed"
    assert review.merges == {"https://x.org/actor/de-politie": "https://x.org/actor/politie"}


@pytest.mark.slow
def test_correct_reject_and_record_review_status(graph, tmp_path: Path):
    kg, _ = graph
    ids = _commitments(kg)
    path = _write(tmp_path / "review.yaml", f"""
statements:
  - id: {ids['brief']}
    review: corrected
    set: {{status: fulfilled, due: 2017-06-30}}
    note: sent on 28 June, see Kamerstuk
    by: A. Onderzoeker
  - id: {ids['evaluatie']}
    review: rejected
""")
    reviewed, missing = kg.review(path)
    assert (reviewed, missing) == (2, [])
    statuses = {r.commitment: r.status for r in kg.commitment_status(as_of="2018-01-01")}
    assert statuses[ids["brief"]] == "fulfilled"
    assert ids["evaluatie"] not in statuses               # rejected: no lifecycle
    review_status = kg.sparql(MTG + "SELECT ?s ?r WHERE { GRAPH ?g { ?s mtg:currentReviewStatus ?r } }").to_dicts()
    assert {str(r["s"]): str(r["r"]).rsplit("#", 1)[-1] for r in review_status} == {
        ids["brief"]: "corrected", ids["evaluatie"]: "rejectedByReview"}
    assert kg.validate().conforms      # the source graph keeps one extracted status and review status


def test_review_is_reapplied_after_reingest(graph, tmp_path: Path):
    kg, source = graph
    ids = _commitments(kg)
    path = _write(tmp_path / "review.yaml", f"statements:\n  - id: {ids['brief']}\n    review: corrected\n"
                                            f"    set: {{status: withdrawn}}\n")
    kg.review(path)
    _write(path, f"statements:\n  - id: {ids['brief']}\n    review: corrected\n    set: {{status: fulfilled}}\n")
    assert kg.ingest(source, force=True).ingested     # same bytes, so the same statement ids
    statuses = {r.commitment: r.status for r in kg.commitment_status()}
    assert statuses[ids["brief"]] == "fulfilled"          # the edited file was read again


def test_needs_review_lists_low_confidence_until_confirmed(graph, tmp_path: Path):
    kg, _ = graph
    before = [i for i in kg.needs_review(min_confidence=1.01) if i.kind == "statement"]
    assert before and all("confidence" in i.reason for i in before)
    kg.review(_write(tmp_path / "r.yaml", f"statements:\n  - id: {before[0].subject}\n"))
    after = {i.subject for i in kg.needs_review(min_confidence=1.01) if i.kind == "statement"}
    assert before[0].subject not in after and len(after) == len(before) - 1


def test_cli_review_lists_applies_and_reports_unknown_ids(graph, tmp_path: Path, cli):
    kg, _ = graph
    store = str(kg.store.path)
    kg.close()
    listed = cli("review", "--store", store, "--min-confidence", "1.01", "--template", tmp_path / "t.yaml")
    assert listed.code == 0 and "items need review" in listed.out
    applied = cli("review", "--store", store, "--apply", tmp_path / "t.yaml")
    assert applied.code == 0, applied.err
    assert "0 items need review" in cli("review", "--store", store, "--min-confidence", "1.01").out or \
        "statement " not in cli("review", "--store", store, "--min-confidence", "1.01").out
    unknown = _write(tmp_path / "u.yaml", "statements:\n  - id: doc/nope/commitment/1-2\n")
    assert cli("review", "--store", store, "--apply", unknown).code == 1


def test_merge_candidates_skip_curated_pairs_and_merged_actors(kg, tmp_path: Path):
    import pyoxigraph as ox

    base, mtg = kg.base, "https://w3id.org/overleg/ontology#"
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    graph = ox.NamedNode(f"{base}graph/test")
    quads = []
    for n, (key, name) in enumerate([("vh-a", "Veiligheidshuis Amsterdam-Amstelland"),
                                     ("vh-b", "Veiligheidshuis Amsterdam Amstelland"),
                                     ("minister-venj", None), ("minister-jenv", None)]):
        actor = ox.NamedNode(f"{base}actor/{key}")
        quads.append(ox.Quad(ox.NamedNode(f"{base}s/{n}"), ox.NamedNode(mtg + "actor"), actor, graph))
        if name:
            quads.append(ox.Quad(actor, label, ox.Literal(name), graph))
    kg.store.replace_graphs({f"{base}graph/test": quads})
    merges = [i for i in kg.needs_review() if i.kind == "actor-merge"]
    assert [{i.subject.rsplit("/", 1)[-1], i.reason.rsplit("/", 1)[-1][:-1]} for i in merges] == [{"vh-a", "vh-b"}]
    kg.review(_write(tmp_path / "m.yaml", "actors:\n  merge:\n    - {into: vh-b, from: [vh-a]}\n"))
    assert not [i for i in kg.needs_review() if i.kind == "actor-merge"]


def test_low_confidence_by_review_keys_lists_what_reading_every_statement_lists(graph):
    """Where the store has a query index, the unreviewed statements below a threshold come from the
    review keys (lowest confidence first); they are the statements a scan of every one finds."""
    import pyoxigraph as ox
    from overleg.queries.binding import inline_values
    from overleg.review import LOW_CONFIDENCE, _low_confidence_query

    kg, _ = graph
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    found_any = False
    for value in ("0.50", "0.75", "0.90", "1.01"):
        threshold = {"threshold": ox.Literal(value, datatype=decimal)}
        query = _low_confidence_query(kg.store, kg.base, threshold)
        assert "reviewRank" in query
        ranked = [(s["s"].value, float(s["conf"].value)) for s in kg.store.query(query)]
        scanned = {s["s"].value for s in kg.store.query(inline_values(LOW_CONFIDENCE, threshold))}
        assert {s for s, _ in ranked} == scanned and len(ranked) == len(scanned)
        assert [c for _, c in ranked] == sorted(c for _, c in ranked)
        found_any |= bool(ranked)
    assert found_any


def test_read_only_commands_run_beside_another_reader(graph, tmp_path: Path, cli):
    """Commands that only read open the store read-only: a report, an export or a picture can be
    made while another process reads the same store (a writable open would be refused)."""
    kg, _ = graph
    store = str(kg.store.path)
    kg.close()
    reader = overleg.open(store, read_only=True)
    try:
        assert cli("stats", "--store", store).code == 0
        assert cli("review", "--store", store).code == 0
        made = cli("report", "commitments", "--store", store, "-o", tmp_path / "c.md")
        assert made.code == 0, made.err
        assert (tmp_path / "c.md").read_text(encoding="utf-8").strip()
        exported = cli("export", "--store", store, "-o", tmp_path / "g.nq")
        assert exported.code == 0, exported.err
        drawn = cli("visualise", "actor-topic", "--store", store, "-o", tmp_path / "n.html")
        assert drawn.code == 0, drawn.err
        assert cli("ingest", "--store", store, tmp_path / "none.txt").code == 2  # a writer is refused
    finally:
        reader.close()
