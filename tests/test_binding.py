"""Safe parameter binding: values become typed RDF terms in a VALUES block, never query text."""

from __future__ import annotations

from pathlib import Path

import overleg
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from overleg.errors import QueryError
from overleg.queries.binding import bind, inline_values, to_term, values_block
from overleg.queries.catalogue import Parameter, StoredQuery, get_query, parse_query_file

XSD = "http://www.w3.org/2001/XMLSchema#"


def _param(kind: str, optional: bool = False, default: str | None = None) -> Parameter:
    return Parameter("x", kind, optional, default, "")


@pytest.mark.parametrize(("kind", "value", "datatype", "lexical"), [
    ("date", "2017-04-10", XSD + "date", "2017-04-10"),
    ("integer", "042", XSD + "integer", "42"),
    ("decimal", "0.70", XSD + "decimal", "0.70"),
    ("boolean", "yes", XSD + "boolean", "true"),
    ("boolean", "0", XSD + "boolean", "false"),
    ("string", "politie", XSD + "string", "politie"),
])
def test_values_become_typed_literals(kind, value, datatype, lexical):
    term = to_term(_param(kind), value)
    assert isinstance(term, ox.Literal)
    assert term.datatype.value == datatype and term.value == lexical


def test_actor_keys_become_iris_under_the_base():
    assert to_term(_param("actor"), "Politie", "https://x.org/id/") == ox.NamedNode("https://x.org/id/actor/politie")
    assert to_term(_param("actor"), "https://w3id.org/overleg/id/actor/lovp").value.endswith("/actor/lovp")
    assert to_term(_param("actor"), "minister van J&V").value.endswith("/actor/minister-van-j-v")


@pytest.mark.parametrize(("kind", "value"), [
    ("date", "10-04-2017"), ("date", "2017-02-30"), ("integer", "1.5"), ("decimal", "abc"),
    ("boolean", "maybe"), ("iri", "not an iri"), ("iri", "http://x.org/> } ; DROP ALL #"),
    ("actor", "!!!"),
])
def test_invalid_values_are_refused_with_the_parameter_named(kind, value):
    with pytest.raises(QueryError) as err:
        to_term(_param(kind), value)
    assert "'x'" in str(err.value) and kind in str(err.value)


def test_bind_names_unknown_and_missing_parameters():
    query = get_query("overdue-commitments")
    with pytest.raises(QueryError) as err:
        bind(query, {"asof": "2018-01-01"})
    assert "asof" in str(err.value) and "as_of (date)" in str(err.value) and "actor (actor, optional)" in str(err.value)
    with pytest.raises(QueryError) as err:
        bind(query, {})
    assert "needs parameter 'as_of'" in str(err.value)
    assert set(bind(query, {"as_of": "2018-01-01"})) == {"as_of"}


def test_declared_default_is_used(tmp_path: Path):
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# param below: decimal = 0.5 -- threshold\n# returns: n\n"
                    "SELECT (?below AS ?n) WHERE { }\n", encoding="utf-8")
    query = parse_query_file(path)
    assert bind(query, {})["below"] == ox.Literal("0.5", datatype=ox.NamedNode(XSD + "decimal"))


def test_values_block_goes_first_inside_the_outer_where():
    bound = {"text": ox.Literal('a "quoted" } value')}
    sparql = "PREFIX x: <http://x/>\nSELECT ?s WHERE { ?s x:p ?o . { SELECT ?o WHERE { ?o x:q 1 } } }"
    text = inline_values(sparql, bound)
    assert text.index("VALUES") < text.index("?s x:p")
    assert values_block(bound) == 'VALUES (?text) { ("a \\"quoted\\" } value") }'
    assert inline_values(sparql, {}) == sparql


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_stays_one_literal(text: str):
    """Quotes, braces, newlines, comment marks: the bound value comes back unchanged."""
    stored = StoredQuery("t", "t", "", (Parameter("text", "string", False, None, ""),), ("v",),
                         "SELECT ?v WHERE { BIND(STR(?text) AS ?v) }", Path("t.rq"))
    store = ox.Store()
    rows = list(store.query(inline_values(stored.sparql, bind(stored, {"text": text}))))
    assert len(rows) == 1 and rows[0]["v"].value == text


def test_hostile_search_text_is_searched_for_not_executed(seed_store: Path):
    with overleg.open(seed_store, read_only=True) as kg:
        before = len(kg.sparql("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=10**7))
        hostile = '") } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
        assert kg.query("search", text=hostile).to_dicts() == []
        with pytest.raises(QueryError):  # an empty value counts as missing
            kg.query("search", text="")
        after = len(kg.sparql("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=10**7))
    assert before == after > 0
