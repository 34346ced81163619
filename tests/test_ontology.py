"""The ontology declares every term the code uses, in English and Dutch; shapes and data parse."""

from __future__ import annotations

import pytest
from overleg.ontology import data_path
from overleg.ontology.reference import load_gazetteer
from overleg.ontology.terms import MTG, ONTOLOGY_IRI
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data_path("overleg.ttl"), format="turtle")


def _declared(graph: Graph, term: URIRef) -> bool:
    return (term, RDF.type, None) in graph


def test_every_terms_constant_is_declared_in_turtle(ontology: Graph) -> None:
    names = [n for n in MTG.__annotations__]
    assert len(names) > 40
    missing = [n for n in names if not _declared(ontology, URIRef(ONTOLOGY_IRI + n))]
    assert not missing, f"declared in terms.py but not in overleg.ttl: {missing}"


def test_every_declared_term_has_a_constant(ontology: Graph) -> None:
    own = {s for s in ontology.subjects(RDF.type, None)
           if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI) and str(s) != ONTOLOGY_IRI}
    names = set(MTG.__annotations__)
    extra = sorted(str(s)[len(ONTOLOGY_IRI):] for s in own if str(s)[len(ONTOLOGY_IRI):] not in names)
    assert not extra, f"declared in overleg.ttl but missing from terms.MTG: {extra}"


def test_classes_and_properties_have_english_and_dutch_labels(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    for kind in kinds:
        for term in ontology.subjects(RDF.type, kind):
            labels = {lit.language for lit in ontology.objects(term, RDFS.label)
                      if isinstance(lit, Literal)}
            comments = {lit.language for lit in ontology.objects(term, RDFS.comment)
                        if isinstance(lit, Literal)}
            assert {"en", "nl"} <= labels, f"{term} lacks en/nl labels"
            assert {"en", "nl"} <= comments, f"{term} lacks en/nl comments"


def test_stances_decision_types_and_statuses_are_skos_concepts(ontology: Graph) -> None:
    for scheme, size in ((MTG.stances, 5), (MTG.decisionTypes, 6), (MTG.commitmentStatuses, 4)):
        members = set(ontology.subjects(SKOS.inScheme, scheme))
        assert len(members) == size, scheme
        for concept in members:
            assert {lit.language for lit in ontology.objects(concept, SKOS.prefLabel)} >= {"en", "nl"}


def test_reuses_standard_vocabularies(ontology: Graph) -> None:
    text = data_path("overleg.ttl").read_text()
    for prefix in ("http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/prov#",
                   "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#",
                   "http://purl.org/dc/terms/", "http://schema.org/", "http://www.w3.org/2006/time#"):
        assert prefix in text
    assert (MTG.Meeting, RDFS.subClassOf, URIRef("http://schema.org/Event")) in ontology


@pytest.mark.parametrize("name", ["shapes.ttl", "alignments.ttl", "reference/actors.ttl"])
def test_data_files_parse(name: str) -> None:
    assert len(Graph().parse(data_path(name), format="turtle")) > 20


def test_alignments_map_to_oslo_popolo_and_oparl() -> None:
    text = data_path("alignments.ttl").read_text()
    for namespace in ("data.vlaanderen.be/ns/besluit#", "www.w3.org/ns/person#", "oparl.org/schema"):
        assert namespace in text


def test_gazetteer_knows_old_and_new_ministry_names_and_office_holders() -> None:
    gazetteer = load_gazetteer()
    index = gazetteer.by_alias()
    assert index["v&j"] == "ministerie-venj"
    assert index["jenv"] == "ministerie-jenv"
    assert gazetteer.actors["ministerie-venj"].successor == "ministerie-jenv"
    from datetime import date

    assert gazetteer.holder("minister-jenv", date(2019, 5, 1)) == "grapperhaus"
    assert gazetteer.holder("minister-jenv", date(1990, 1, 1)) is None
