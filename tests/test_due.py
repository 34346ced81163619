"""Due dates: found as written, normalised against the meeting date."""

from __future__ import annotations

from datetime import date

import pytest
from overleg.ingest.due import find_due, normalise_due

MEETING = date(2017, 4, 10)


@pytest.mark.parametrize(("clause", "written"), [
    ("Eind mei zal er een overleg worden gepland.", "Eind mei"),
    ("De minister stuurt voor 1 juli een brief.", "voor 1 juli"),
    ("De korpschef zal na de zomer terugkomen.", "na de zomer"),
    ("De minister informeert de Kamer in het najaar.", "in het najaar"),
    ("De resultaten worden in Q3 verwacht.", "in Q3"),
    ("Een nieuw model volgt medio 2022.", "medio 2022"),
    ("De minister komt hier in de volgende vergadering op terug.", "in de volgende vergadering"),
    ("Rapportage uiterlijk 1 mei 2023.", "uiterlijk 1 mei 2023"),
])
def test_due_text_is_kept_as_written(clause: str, written: str) -> None:
    found = find_due(clause)
    assert found is not None and found[0] == written
    assert clause[found[1]:found[2]] == written


def test_no_due_expression() -> None:
    assert find_due("De regioburgemeesters zullen een lijst met voorstellen aanleveren.") is None


@pytest.mark.parametrize(("written", "meeting", "due", "precision"), [
    ("eind mei", MEETING, date(2017, 5, 31), "month"),
    ("voor 1 juli", MEETING, date(2017, 7, 1), "day"),
    ("voor 1 februari", date(2021, 11, 9), date(2022, 2, 1), "day"),  # already past: next year
    ("na de zomer", MEETING, date(2017, 9, 30), "month"),
    ("voor de zomer", date(2023, 2, 13), date(2023, 7, 31), "month"),
    ("in het najaar", MEETING, date(2017, 12, 31), "month"),
    ("Q3", MEETING, date(2017, 9, 30), "month"),
    ("Q1", date(2017, 11, 1), date(2018, 3, 31), "month"),  # Q1 has passed: next year's
    ("Q4 2018", MEETING, date(2018, 12, 31), "month"),
    ("medio 2022", MEETING, date(2022, 6, 30), "month"),
    ("eind juni 2018", MEETING, date(2018, 6, 30), "month"),
    ("01-09-2018", MEETING, date(2018, 9, 1), "day"),
    ("uiterlijk 1 mei 2023", MEETING, date(2023, 5, 1), "day"),
])
def test_normalised_against_the_meeting_date(written: str, meeting: date, due: date, precision: str) -> None:
    assert normalise_due(written, meeting) == (due, precision)


def test_vague_without_meeting_date_stays_unnormalised() -> None:
    assert normalise_due("na de zomer", None) == (None, None)
    assert normalise_due("1 juli 2019", None) == (date(2019, 7, 1), "day")


@pytest.mark.parametrize(("written", "due"), [
    ("binnen twee weken", date(2022, 4, 25)),
    ("binnen 3 maanden", date(2022, 7, 11)),
    ("within 14 days", date(2022, 4, 25)),
])
def test_relative_periods_count_from_the_meeting(written: str, due: date) -> None:
    assert normalise_due(written, date(2022, 4, 11)) == (due, "day")


@pytest.mark.parametrize(("written", "due", "precision"), [
    ("by the end of the month", date(2022, 4, 30), "day"),
    ("eind deze maand", date(2022, 4, 30), "day"),
    ("by the end of the week", date(2022, 4, 17), "day"),
    ("by the end of the quarter", date(2022, 6, 30), "day"),
    ("by the end of the financial year", date(2023, 3, 31), "day"),
    ("volgende week", date(2022, 4, 24), "day"),
    ("next month", date(2022, 5, 31), "month"),
    ("at the July meeting", date(2022, 7, 31), "month"),
    ("within two weeks", date(2022, 4, 25), "day"),
])
def test_periods_named_from_the_meeting_get_a_date(written: str, due: date, precision: str) -> None:
    """Meeting on Monday 11 April 2022."""
    assert normalise_due(written, date(2022, 4, 11)) == (due, precision)


@pytest.mark.parametrize(("clause", "written"), [
    ("The Clerk will report back by the end of the month.", "by the end of the month"),
    ("Officers to bring options to the July meeting.", "to the July meeting"),
    ("De secretaris stuurt eind deze maand de notitie rond.", "eind deze maand"),
    ("Secretaris: agendeert cybercrime in de vergadering van juni.", "in de vergadering van juni"),
    ("Officers will report to the meeting in March.", "to the meeting in March"),
])
def test_relative_periods_are_found_as_written(clause: str, written: str) -> None:
    assert find_due(clause)[0] == written
