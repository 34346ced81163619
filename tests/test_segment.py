"""Segmentation of PDF-like Dutch minutes: furniture, page breaks, hyphenation, layouts, metadata."""

from __future__ import annotations

from datetime import date

import pytest
from overleg.ingest.cleantext import fold
from overleg.ingest.furniture import furniture_ranges
from overleg.ingest.metadata import document_kind, meeting_info
from overleg.ingest.read import read_bytes
from overleg.ingest.segment import segment


def segmented(text: str):
    return segment(read_bytes(text.encode("utf-8"), "minutes.txt"))


PDF_LIKE = (
    "Besluitenlijst Veiligheidsberaad\n"
    "Vergadering d.d. 18 maart 2019\n\n"
    "1. Opening\nDe voorzitter opent de vergadering.\n\n"
    "2. Meldkamers\nDe burgemeesters maken zich zorgen over de\n\n"
    "Pagina 1 van 2\n\n"
    "Besluitenlijst Veiligheidsberaad\n\n"
    "financiering van de meldkamers. Het besluit wordt aange-\nhouden.\n\n"
    "Pagina 2 van 2\n"
)


def test_page_furniture_is_masked_and_page_breaks_heal() -> None:
    result = segmented(PDF_LIKE)
    assert [i.heading for i in result.items] == ["Opening", "Meldkamers"]
    body = result.clean[result.to_clean(result.items[1].span.start):result.to_clean(result.items[1].span.end)]
    assert "zorgen over de financiering van de meldkamers" in body
    assert "Pagina" not in body and "Besluitenlijst" not in body
    assert "aangehouden" in body  # hyphenation across the line break is joined without a space


def test_clean_offsets_point_into_the_original_text() -> None:
    result = segmented(PDF_LIKE)
    at = result.clean.index("aangehouden")
    span = result.to_original(at, at + len("aangehouden"))
    assert result.document.text[span.start:span.end] == "aange-\nhouden"
    for item in result.items:
        assert result.document.text[item.heading_span.start:item.heading_span.end] == item.heading


def test_repeated_title_lines_and_page_numbers_are_furniture() -> None:
    ranges = furniture_ranges(PDF_LIKE)
    lines = {PDF_LIKE[s:e] for s, e in ranges}
    assert {"Pagina 1 van 2", "Pagina 2 van 2", "Besluitenlijst Veiligheidsberaad"} <= lines
    assert "1. Opening" not in lines


def test_fold_joins_hyphenation_but_keeps_words_apart_around_furniture() -> None:
    text = "uit-\nvoerbaar en\nPagina 3\nverder"
    start = text.index("Pagina")
    clean, offsets = fold(text, [(start, start + len("Pagina 3"))])
    assert clean == "uitvoerbaar en verder"
    assert len(offsets) == len(clean) and text[offsets[clean.index("verder")]] == "v"


@pytest.mark.parametrize(("text", "headings"), [
    ("Veiligheidsagenda: De minister licht de agenda toe.\n\nGovernance politie: geen punten.\n",
     ["Veiligheidsagenda", "Governance politie"]),
    ("Agendapunt 1: Opening\nDe voorzitter opent.\n\nAgendapunt 2: Jaarstukken\nDe stukken liggen voor.\n",
     ["Opening", "Jaarstukken"]),
    ("3. Veiligheidsagenda\nDe agenda wordt besproken.\n\n4. Rondvraag\nGeen.\n",
     ["Veiligheidsagenda", "Rondvraag"]),
    ("Onderwerp: Mensenhandel\nDe eenheid presenteert cijfers.\n\nOnderwerp: Rondvraag\nGeen.\n",
     ["Mensenhandel", "Rondvraag"]),
    ("Woninginbraken\nHet aantal daalt.\n\nMeldkamer\nDe samenvoeging loopt vertraging op.\n",
     ["Woninginbraken", "Meldkamer"]),
])
def test_heading_layouts(text: str, headings: list[str]) -> None:
    assert [i.heading for i in segmented(text).items] == headings


def test_unheaded_paragraphs_are_items_of_their_own() -> None:
    text = ("Het Veiligheidsberaad heeft gesproken over de evaluatie van de coronacrisis. De voorzitters\n"
            "zijn tevreden.\n\nTen aanzien van de Wet veiligheidsregio's is afgesproken dat er een\n"
            "werkgroep komt.\n")
    items = segmented(text).items
    assert len(items) == 2
    assert items[1].heading == "Wet veiligheidsregio's"


def test_wrapped_prose_line_is_not_a_heading() -> None:
    text = ("1. Crisis\nHet voorstel om een eigen crisisorganisatie in te\nrichten is afgewezen.\n\n"
            "Het plan wordt later besproken.\n")
    assert [i.heading for i in segmented(text).items] == ["Crisis"]


def test_besluitenlijst_table_rows_are_items_with_their_decision() -> None:
    text = ("Besluitenlijst Bestuurlijk Overleg Ondermijning\nVergaderdatum: 22-03-2021\n\n"
            "Nr | Onderwerp | Besluit\n1 | Verslag | Het verslag wordt vastgesteld.\n"
            "2 | Jaarverslag RIEC | Het overleg neemt kennis van het jaarverslag.\n")
    result = segmented(text)
    assert [(i.number, i.heading) for i in result.items] == [("1", "Verslag"), ("2", "Jaarverslag RIEC")]
    first = result.items[0]
    assert result.document.text[first.span.start:first.span.end] == "Het verslag wordt vastgesteld."


def test_action_list_heading_over_bullets_is_not_an_inline_heading() -> None:
    text = "1. Punt\nTekst.\n\nActielijst\n- Politie: levert cijfers aan, gereed medio 2019.\n"
    assert [i.heading for i in segmented(text).items] == ["Punt", "Actielijst"]


@pytest.mark.parametrize(("opening", "body", "acronym", "day", "kind"), [
    ("Bestuurlijke terugkoppeling Landelijk Overleg Veiligheid en Politie d.d. 10 april 2017\n",
     "Landelijk Overleg Veiligheid en Politie", "LOVP", date(2017, 4, 10), "bestuurlijke terugkoppeling"),
    ("Regionaal Veiligheidsoverleg Oost-Brabant (RVO)\nVerslag van de vergadering van 14 mei 2018\n",
     "Regionaal Veiligheidsoverleg Oost-Brabant", "RVO", date(2018, 5, 14), "verslag"),
    ("Notulen Stuurgroep RIEC Limburg\n12 september 2022, Maastricht\n",
     "Stuurgroep RIEC Limburg", None, date(2022, 9, 12), "notulen"),
    ("LOVP - Besluiten- en actielijst\nDatum: 02-10-2019\n",
     "Landelijk Overleg Veiligheid en Politie", "LOVP", date(2019, 10, 2), "besluitenlijst"),
    ("Conceptverslag bestuurlijk overleg cameratoezicht\nGemeente Utrecht, 9 november 2021\n",
     "Bestuurlijk overleg cameratoezicht", None, date(2021, 11, 9), "conceptverslag"),
    ("Verslag vergadering Algemeen Bestuur Veiligheidsregio Gelderland-Midden\nDatum: 30 juni 2020\n\n"
     "Het AB stelt de jaarstukken vast.\n",
     "Algemeen Bestuur Veiligheidsregio Gelderland-Midden", "AB", date(2020, 6, 30), "verslag"),
])
def test_meeting_metadata(opening: str, body: str, acronym: str | None, day: date, kind: str) -> None:
    info = meeting_info(opening, "")
    assert (info.body_label, info.body_acronym, info.date, info.kind) == (body, acronym, day, kind)


def test_a_sending_date_is_not_the_meeting_date() -> None:
    info = meeting_info("Besluitenlijst Veiligheidsberaad\nverzonden 29-03-2021\nVergadering van 22 maart 2021\n",
                        "")
    assert info.date == date(2021, 3, 22)


def test_kind_is_the_earliest_kind_word() -> None:
    assert document_kind("Actielijst en verslag van het overleg") == "actielijst"
    assert document_kind("Geen kop") is None


def test_pdf_text_without_blank_lines_still_splits_into_items() -> None:
    text = ("Bestuurlijke terugkoppeling LOVP 12 december 2016\n"
            "Aanwezig: burgemeester Aboutaleb, burgemeester Bruls, korpschef\n"
            "Akerboom\n"
            "Veiligheidsagenda: Het LOVP stelt de agenda vast. De regioburgemeesters\n"
            "benadrukken het belang van capaciteit.\n"
            "Politiebegroting: De korpschef zal in het voorjaar rapporteren.\n"
            "Toezeggingen\n"
            "Nr | Toezegging | Wie | Termijn\n"
            "1 | Rapportage ICT | Politie | eind juni\n"
            "Rondvraag\n"
            "Geen punten.\n")
    result = segmented(text)
    assert [i.heading for i in result.items] == ["Veiligheidsagenda", "Politiebegroting", "Toezeggingen",
                                                 "Rondvraag"]
    table = result.items[2]
    assert "Rapportage ICT" in result.document.text[table.span.start:table.span.end]
    assert result.meeting.date == date(2016, 12, 12)


def test_a_date_line_is_not_a_numbered_heading() -> None:
    result = segmented("Samenvatting Regionaal Veiligheidsoverleg\n8 oktober 2018\n\n1. Opening\nTekst.\n")
    assert [(i.number, i.heading) for i in result.items] == [("1", "Opening")]


@pytest.mark.parametrize(("line", "number", "heading"), [
    ("Item 1: Election of Chair", "1", "Election of Chair"),
    ("Item 5 – Budget", "5", "Budget"),
    ("24/61 Chair's welcome", "24/61", "Chair's welcome"),
    ("Minute 24/62 Minutes of the previous meeting", "24/62", "Minutes of the previous meeting"),
    ("Agendapunt 3 – Woonwagenbeleid", "3", "Woonwagenbeleid"),
])
def test_numbered_heading_forms(line: str, number: str, heading: str) -> None:
    items = segmented(f"Minutes of the Board, 12 March 2024\n\n{line}\nThe Board noted the report.\n").items
    assert [(i.number, i.heading) for i in items] == [(number, heading)]


def test_date_and_financial_year_lines_are_no_numbered_headings() -> None:
    items = segmented("Minutes of the Board, 12 March 2024\n\n1. Finance\nText.\n\n"
                      "2024/25 Budget monitoring\nThe Board noted it.\n\n"
                      "12 March 2024 the panel met again.\n").items
    assert [i.number for i in items if i.number] == ["1"]


ATTENDANCE_FIRST = (
    "WESTMOOR DISTRICT COUNCIL\n\n"
    "Minutes of a meeting of the Audit and Governance Committee held on 26 September 2024\n\n"
    "Present: Councillor R. Patel (Chairman), Councillor A. Bennett\n\n"
    "Also present: Andrew Collins (Police and Crime Commissioner)\n\n"
    "Officers: Head of Finance\n\n"
    "Apologies: Councillor S. Turner\n\n"
    "Item 1: Minutes\nThe minutes were confirmed.\n\n"
    "The Chairman signed them.\n\n"
    "Item 2 – Action log\nThe Committee reviewed the log.\n\n"
    "Owner | Action | Due\nHead of Finance | circulate the plan | 31 October 2024\n\n"
    "Item 3: Close\nThe meeting closed.\n")


def test_attendance_lists_are_preamble_and_paragraphs_join_the_numbered_item_above() -> None:
    result = segmented(ATTENDANCE_FIRST)
    text = result.document.text
    assert [i.heading for i in result.items] == ["Minutes", "Action log", "Close"]
    assert "The Chairman signed them." in text[result.items[0].span.start:result.items[0].span.end]
    assert "Owner | Action | Due" in text[result.items[1].span.start:result.items[1].span.end]


def test_dutch_attendance_lists_before_the_first_numbered_item_are_no_items() -> None:
    items = segmented("Verslag raadscommissie Veiligheid, 14 mei 2024\n\n"
                      "Aanwezig: de heer P. Kok (voorzitter)\nNamens het college: wethouder M. Jansen\n"
                      "Griffier: de heer W. Mulder\n\n"
                      "Agendapunt 1 – Opening\nDe voorzitter opent de vergadering.\n").items
    assert [i.heading for i in items] == ["Opening"]


@pytest.mark.parametrize(("opening", "body"), [
    (ATTENDANCE_FIRST, "Audit and Governance Committee"),
    ("NORTHSHIRE POLICE AND CRIME PANEL\n\nMinutes of the meeting of the Northshire Police and Crime "
     "Panel held at County Hall on 12 March 2024\n", "Northshire Police and Crime Panel"),
    ("EASTVALE COMBINED FIRE AUTHORITY\n\nMINUTES of the meeting of the Eastvale Combined Fire Authority "
     "held at Headquarters on 19 February 2024\n\nPRESENT: Councillors R. Ellis and N. Foster\n",
     "Eastvale Combined Fire Authority"),
    ("Hillside Primary School\nMinutes of the Full Governing Board meeting held on 20 March 2024\n",
     "Full Governing Board"),
    ("CITY OF LAKEVIEW\nCITY COUNCIL REGULAR MEETING MINUTES\nAugust 13, 2024\n", "City Council"),
    ("Safer Streets Partnership – Action Notes\nMeeting of 4 June 2024\n", "Safer Streets Partnership"),
    ("BRACKLEY BOROUGH COUNCIL\n\nOverview and Scrutiny Committee\n\nMinutes of the meeting held on "
     "Tuesday 15 October 2024\n", "Overview and Scrutiny Committee"),
    ("Gemeente Waterland-Oost\nVerslag van de openbare vergadering van de raadscommissie Veiligheid en "
     "Wonen, gehouden op dinsdag 14 mei 2024\n", "Raadscommissie Veiligheid en Wonen"),
])
def test_body_is_the_body_whose_minutes_these_are(opening: str, body: str) -> None:
    assert meeting_info(opening, opening.split("\n")[0]).body_label == body


def test_a_present_list_one_name_a_line_is_no_item() -> None:
    items = segmented("Kestrel Trust\nMinutes of the Board of Directors meeting held on 11 July 2024\n\n"
                      "Present:\nDr Helen Achebe, Chair\nMark Tully, Chief Executive\n"
                      "Peter Doyle, Non-Executive Director\n\n"
                      "Minute 24/61 Chair's welcome\nThe Chair opened the meeting.\n").items
    assert [(i.number, i.heading) for i in items] == [("24/61", "Chair's welcome")]


def test_english_names_listed_one_a_line_are_known_by_surname() -> None:
    from overleg.ingest.pipeline import process_bytes
    from overleg.ontology.terms import DEFAULT_BASE_IRI

    text = ("Minutes of the Board of Directors meeting held on 11 July 2024\n\n"
            "Present:\nDr Helen Achebe, Chair\nSarah Quinn, Chief Finance Officer\nPeter Doyle, Director\n\n"
            "Minute 24/64 Finance report\nThe deficit was £0.9m. Peter Doyle opposed the release of the "
            "contingency reserve.\n")
    resolved = process_bytes(text.encode("utf-8"), "minutes.txt", DEFAULT_BASE_IRI).resolved
    positions = [s for s in resolved.statements if s.statement.kind == "position"]
    assert [(s.statement.evidence.quote.split()[0], s.actor_keys) for s in positions] == [
        ("Peter", ("peter-doyle",))]
