"""Emit writes N-Quads text itself (ingest/emit.py); it must say what pyoxigraph would.

The workers load that text straight into the store and derive the link facts
from `Emitted.props`, so both are held here against pyoxigraph's own terms and
against `facts_of` over the parsed quads.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from overleg.errors import StageError
from overleg.ingest.emit import _term
from overleg.ingest.pipeline import process_path
from overleg.link_facts import facts_of, facts_of_emitted
from overleg.linking import reports_for

CORPUS = Path(__file__).parent / "corpus"
BASE = "https://example.org/overleg/"
AWKWARD = ['plain', 'say "no"', "back\\slash", "two\nlines", "carriage\rreturn", "tab\there", "",
           "é ç ø € 中文 🙂", "\\n is not a newline", "trailing \\", '"', "\u2028 line separator",
           "\x00\x01 control"]


def _object(text: str) -> ox.Term:
    return next(iter(ox.parse(f"<http://s> <http://p> {text} .\n", format=ox.RdfFormat.N_TRIPLES))).object


@pytest.mark.parametrize("value", AWKWARD)
def test_text_literals_read_back_as_the_same_literal(value: str) -> None:
    term = _term(value)
    assert _object(term.text) == ox.Literal(value) and term.value == value
    tagged = _term(value, "NL")
    assert _object(tagged.text) == ox.Literal(value, language="nl") and tagged.language == "nl"


def test_random_text_reads_back_unchanged() -> None:
    rng = random.Random(7)
    alphabet = 'ab "\\\n\r\t\'<>{}é€🙂\u00a0'
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _object(_term(value).text) == ox.Literal(value)


@pytest.mark.parametrize("value, datatype", [(3, "integer"), (0.7, "decimal"), (True, "boolean")])
def test_typed_literals_carry_their_datatype(value: object, datatype: str) -> None:
    literal = _object(_term(value).text)
    assert literal.datatype == ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}")


def _documents() -> list[Path]:
    found = sorted(p for folder in ("nl", "en") for p in (CORPUS / folder).iterdir()
                   if p.is_file() and not p.name.endswith(".gold.json"))
    return found[::max(1, len(found) // 12)]


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_props_hold_exactly_the_emitted_triples_and_give_the_same_facts(path: Path) -> None:
    result = process_path(path, BASE)
    emitted = result.emitted
    quads = result.quads
    assert len(quads) == emitted.triples == emitted.nquads.count("\n")
    assert {q.graph_name.value for q in quads} == {emitted.graph}
    by_subject: dict[str, dict[str, list[ox.Term]]] = {}
    for q in quads:
        by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    assert {s: {p: [(o.value, getattr(o, "language", None)) for o in objects] for p, objects in ps.items()}
            for s, ps in emitted.props.items()} == \
           {s: {p: [(o.value, getattr(o, "language", None)) for o in objects] for p, objects in ps.items()}
            for s, ps in by_subject.items()}
    _, reports = reports_for(result.resolved.segmented, BASE)
    assert json.dumps(facts_of_emitted(emitted.props, reports)) == json.dumps(facts_of([*quads, *reports]))


def test_a_base_that_makes_no_valid_iri_fails_in_emit_by_name(tmp_path: Path) -> None:
    path = _documents()[0]
    with pytest.raises(StageError, match="emit") as caught:
        process_path(path, "not an iri/")
    assert "base IRI" in str(caught.value)


def test_document_graphs_leave_gazetteer_aliases_to_the_ontology_graph(seed_kg) -> None:
    from overleg.ontology.reference import load_gazetteer

    store, base = seed_kg.store, seed_kg.base
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    documents = [g for g in store.named_graphs() if g.startswith(f"{base}graph/") and "lovp" in g]
    assert documents
    named = {q.subject.value for g in documents for q in store.oxigraph.quads_for_pattern(
        None, pref, None, ox.NamedNode(g)) if q.subject.value.startswith(f"{base}actor/")}
    reference = {key: actor for key, actor in load_gazetteer().actors.items()
                 if f"{base}actor/{key}" in named and actor.aliases}
    assert reference, "the seed names actors of the gazetteer"
    for key, actor in reference.items():
        iri = ox.NamedNode(f"{base}actor/{key}")
        in_documents = {q.object.value for g in documents
                        for q in store.oxigraph.quads_for_pattern(iri, alt, None, ox.NamedNode(g))}
        assert not in_documents & set(actor.aliases)
        row = seed_kg.query("actor-profile", actor=iri.value).to_dicts()[0]
        assert set(actor.aliases) <= set(row["aliases"].split("; "))  # from the ontology graph
