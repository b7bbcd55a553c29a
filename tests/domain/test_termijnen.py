"""The calendar of legal terms: the Algemene termijnenwet's holidays (art. 3, Goede Vrijdag
by lid 2, Koningsdag on the Saturday when the 27th is a Sunday), a term that would end on
one of them moved to the next day that is none (art. 1), the Awb's complaint terms built on
it, and the organisation's working days."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from klantbeeld.domain.services import termijnen
from klantbeeld.domain.services.klachten import bereken_termijn
from klantbeeld.workspace.termijnen import werkdagen_later as werkplek_werkdagen_later

D = datetime.date


@pytest.mark.parametrize(
    ("jaar", "paaszondag"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2038, D(2038, 4, 25))],
)
def test_easter_by_the_computus(jaar: int, paaszondag: datetime.date) -> None:
    assert termijnen.pasen(jaar) == paaszondag


def test_the_holidays_of_2025() -> None:
    assert sorted(termijnen.feestdagen(2025)) == [
        D(2025, 1, 1),  # Nieuwjaarsdag
        D(2025, 4, 18),  # Goede Vrijdag (art. 3 lid 2)
        D(2025, 4, 21),  # Tweede Paasdag
        D(2025, 4, 26),  # Koningsdag: the 27th is a Sunday
        D(2025, 5, 5),  # Bevrijdingsdag, every year
        D(2025, 5, 29),  # Hemelvaartsdag
        D(2025, 6, 9),  # Tweede Pinksterdag
        D(2025, 12, 25),
        D(2025, 12, 26),
    ]
    assert termijnen.koningsdag(2026) == D(2026, 4, 27)
    assert not termijnen.is_feestdag(D(2025, 4, 27))


@pytest.mark.parametrize(
    ("einde", "verlengd"),
    [
        (D(2026, 3, 4), D(2026, 3, 4)),  # an ordinary Wednesday
        (D(2026, 3, 7), D(2026, 3, 9)),  # Saturday → Monday
        (D(2026, 3, 8), D(2026, 3, 9)),  # Sunday → Monday
        (D(2026, 4, 3), D(2026, 4, 7)),  # Goede Vrijdag, weekend, Tweede Paasdag
        (D(2026, 4, 6), D(2026, 4, 7)),  # Tweede Paasdag
        (D(2026, 4, 27), D(2026, 4, 28)),  # Koningsdag
        (D(2026, 5, 5), D(2026, 5, 6)),  # Bevrijdingsdag
        (D(2026, 5, 14), D(2026, 5, 15)),  # Hemelvaartsdag; the Friday after is no holiday
        (D(2026, 5, 25), D(2026, 5, 26)),  # Tweede Pinksterdag
        (D(2026, 12, 25), D(2026, 12, 28)),  # both Christmas days and Sunday
        (D(2026, 1, 1), D(2026, 1, 2)),  # Nieuwjaarsdag
        (D(2025, 4, 26), D(2025, 4, 28)),  # Koningsdag 2025 on the Saturday, then Sunday
    ],
)
def test_a_term_ending_on_a_day_off_moves_to_the_next_day(
    einde: datetime.date, verlengd: datetime.date
) -> None:
    assert termijnen.atw_einde(einde) == verlengd


def test_days_the_crown_designated_count_as_holidays(settings: Any) -> None:
    settings.KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN = ["2026-05-15"]
    assert termijnen.atw_einde(D(2026, 5, 14)) == D(2026, 5, 18)


def test_complaint_terms_six_and_ten_weeks_with_an_extension() -> None:
    # Six weeks after Monday 23 February: Tweede Paasdag, so Tuesday.
    assert bereken_termijn(D(2026, 2, 23)) == D(2026, 4, 7)
    # After Tuesday 24 March: Bevrijdingsdag, so Wednesday 6 May.
    assert bereken_termijn(D(2026, 3, 24)) == D(2026, 5, 6)
    # An ordinary day stays.
    assert bereken_termijn(D(2026, 3, 2)) == D(2026, 4, 13)
    # Ten weeks with the committee after Monday 16 February: Koningsdag, so Tuesday.
    assert bereken_termijn(D(2026, 2, 16), commissie=True) == D(2026, 4, 28)
    # Six weeks and an extension of four: from the term as the law sets it, not as moved.
    assert bereken_termijn(D(2026, 2, 16)) == D(2026, 3, 30)
    assert bereken_termijn(D(2026, 2, 16), verdaging_weken=4) == D(2026, 4, 28)
    # Christmas: Friday 13 November + 6 weeks = Friday 25 December → Monday 28.
    assert bereken_termijn(D(2026, 11, 13)) == D(2026, 12, 28)


def test_an_organisation_outside_the_awb_sets_its_own_terms(settings: Any) -> None:
    settings.KLANTBEELD_KLACHT_TERMIJN_WEKEN = 8
    settings.KLANTBEELD_KLACHT_TERMIJNENWET = False
    assert bereken_termijn(D(2026, 2, 14)) == D(2026, 4, 11)  # a Saturday, left as it is


def test_working_days_skip_holidays_and_the_organisations_closing_days(settings: Any) -> None:
    # Thursday before Easter: Goede Vrijdag, the weekend and Tweede Paasdag are no working days.
    assert termijnen.werkdagen_later(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert termijnen.werkdagen_eerder(D(2026, 4, 7), 1) == D(2026, 4, 2)
    assert termijnen.werkdagen_tussen(D(2026, 4, 2), D(2026, 4, 8)) == 2
    assert termijnen.werkdagen_tussen(D(2026, 4, 8), D(2026, 4, 2)) == -2
    settings.KLANTBEELD_SLUITINGSDAGEN = ["2026-04-08"]
    assert termijnen.werkdagen_later(D(2026, 4, 2), 2) == D(2026, 4, 9)
    # A closing day does not move a legal term: the law does not know it.
    assert termijnen.atw_einde(D(2026, 4, 8)) == D(2026, 4, 8)


def test_the_workspace_response_deadlines_use_the_same_calendar() -> None:
    assert werkplek_werkdagen_later(D(2026, 12, 24), 1) == D(2026, 12, 28)
    assert werkplek_werkdagen_later(D(2026, 4, 26), 0) == D(2026, 4, 28)


def test_a_wrong_date_in_a_setting_is_named() -> None:
    assert termijnen.ongeldige_datums(["2026-05-15", "15-05-2026"]) == ["15-05-2026"]
