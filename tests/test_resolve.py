"""Resolution: gazetteer aliases, offices to holders on the meeting date, coreference."""

from __future__ import annotations

from datetime import date

from overleg.ingest.pipeline import process_bytes
from overleg.ontology.reference import load_gazetteer
from overleg.ontology.terms import DEFAULT_BASE_IRI


def resolved(text: str):
    return process_bytes(text.encode("utf-8"), "minutes.txt", DEFAULT_BASE_IRI).resolved


def keys_of(result, quote_start: str) -> tuple[str, ...]:
    found = [s for s in result.statements if s.statement.evidence.quote.startswith(quote_start)]
    assert found, [s.statement.evidence.quote for s in result.statements]
    return found[0].actor_keys


def test_gazetteer_knows_old_and_new_ministry_names() -> None:
    gazetteer = load_gazetteer()
    index = gazetteer.by_alias()
    assert index["v&j"] == "ministerie-venj" and index["jenv"] == "ministerie-jenv"
    assert gazetteer.actors["ministerie-venj"].successor == "ministerie-jenv"
    assert gazetteer.actors["tweede-kamer"].wikidata == "Q233262"


def test_office_holders_follow_the_date() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.holder("korpschef", date(2019, 1, 1)) == "akerboom"
    assert gazetteer.holder("korpschef", date(2023, 1, 1)) == "van-essen"
    assert gazetteer.holder("minister-jenv", date(2022, 6, 1)) == "yesilgoz"
    assert gazetteer.posts_of("grapperhaus", date(2019, 10, 2)) == ("minister-jenv",)
    assert gazetteer.holder("minister-jenv", date(2016, 1, 1)) is None


def test_de_minister_is_the_chair_of_the_body_and_gets_its_holder() -> None:
    result = resolved("Landelijk Overleg Veiligheid en Politie d.d. 13 februari 2023\n\n"
                      "1. Capaciteit\nDe minister zal voor de zomer met een plan komen.\n")
    assert keys_of(result, "De minister zal") == ("minister-jenv",)
    minister = next(a for a in result.actors if a.key == "minister-jenv")
    assert minister.held_by == "yesilgoz"


def test_de_minister_is_the_minister_last_named_in_the_item() -> None:
    result = resolved("Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017\n\n"
                      "Wetswijziging: er is een gesprek geweest met de minister van Defensie. "
                      "De minister zal nog terugkomen op het proces.\n")
    assert keys_of(result, "De minister zal") == ("minister-defensie",)


def test_named_office_holder_and_then_the_office() -> None:
    result = resolved("Veiligheidsberaad d.d. 2 oktober 2019\n\nAanwezig: minister Grapperhaus (voorzitter)\n\n"
                      "1. Opening\nDe minister zegt toe de Kamer in het najaar te informeren.\n")
    assert keys_of(result, "De minister zegt toe") == ("minister-jenv",)


def test_pronoun_number_follows_the_verb() -> None:
    result = resolved("LOVP d.d. 2 oktober 2019\n\n1. Ondermijning\nDe staatssecretaris van JenV was afwezig "
                      "en de RIEC's lichtten het plan toe; zij zal schriftelijk reageren.\n")
    assert keys_of(result, "zij zal") == ("staatssecretaris-jenv",)


def test_chair_from_the_attendance_list() -> None:
    result = resolved("Besluitenlijst Veiligheidsberaad\nVergadering d.d. 18 maart 2019\n\n"
                      "Aanwezig: dhr. Bruls (voorzitter), mw. Halsema\n\n"
                      "1. Brandweer\nActie: de voorzitter stelt voor 1 juli een reactie op.\n")
    assert keys_of(result, "Actie:") == ("bruls",)


def test_bare_offices_and_the_municipality_resolve_within_the_document() -> None:
    result = resolved("Conceptverslag bestuurlijk overleg handhaving\nGemeente Utrecht, 9 november 2021\n\n"
                      "Aanwezig: burgemeester Dijksma, wethouder Diepeveen\n\n"
                      "Evenementen: De wethouder is niet akkoord met het voorstel. De gemeente zal voor "
                      "1 februari een pilotvoorstel uitwerken.\n")
    assert keys_of(result, "De wethouder") == ("diepeveen",)
    assert keys_of(result, "De gemeente zal") == ("gemeente-utrecht",)


def test_unknown_named_persons_get_their_surname_key_and_label() -> None:
    result = resolved("Verslag RVO d.d. 14 mei 2018\n\nWoninginbraken: Burgemeester Van Merrienboer vraagt om "
                      "extra aandacht voor het buitengebied.\n")
    assert keys_of(result, "Burgemeester Van Merrienboer") == ("van-merrienboer",)
    person = next(a for a in result.actors if a.key == "van-merrienboer")
    assert (person.label, person.kind) == ("Van Merrienboer", "person")


def test_decision_without_subject_belongs_to_the_body() -> None:
    result = resolved("Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017\n\n"
                      "Jaarverantwoording: De jaarverantwoording politie 2016 is vastgesteld.\n")
    decision = next(s for s in result.statements if s.statement.kind == "decision")
    assert decision.actor_keys == ("lovp",)


def test_a_surname_finds_the_person_of_the_attendance_list() -> None:
    result = resolved(
        "Verslag raadscommissie Veiligheid, 14 mei 2024\n\n"
        "Aanwezig: de heer P. Kok (voorzitter), wethouder de heer M. Jansen\n"
        "Afgemeld: mevrouw L. de Groot\n\n"
        "1. Woonwagenbeleid\nWethouder Jansen zegt toe binnen vier weken een onderbouwing te sturen.\n")
    assert keys_of(result, "Wethouder Jansen") == ("m-jansen",)
    labels = {a.key: a.label for a in result.actors}
    assert labels["m-jansen"] == "M. Jansen"  # the name stops before the next line's label
    assert "m-jansen-afgemeld" not in labels


def test_english_pronouns_are_no_aliases_and_finder_labels_name_the_actor() -> None:
    result = resolved(
        "Minutes of the meeting of the Scrutiny Committee held on 12 March 2024\n\n"
        "Present: Cllr Ann Shaw (Chair), Cllr Tom Lee\n\n"
        "1. Parking\nCllr Lee opposed the new charges. He asked that the decision be deferred.\n")
    lee = next(a for a in result.actors if a.key == "tom-lee")
    assert lee.label == "Tom Lee"
    assert not {"he", "she", "they"} & set(lee.aliases)
