"""Fiscal year and Buddhist Era helpers, against dates worked out by hand."""
from datetime import date

import pytest

from data_access.rules import fiscal


@pytest.mark.parametrize("day, expected", [
    (date(2026, 9, 30), 2569), (date(2026, 10, 1), 2570), (date(2026, 11, 22), 2570),
    (date(2027, 9, 30), 2570), (date(2027, 10, 1), 2571), (date(2024, 2, 29), 2567),
])
def test_fiscal_year_of(day, expected):
    assert fiscal.fiscal_year_of(day) == expected


def test_bounds_of_2570():
    assert fiscal.fiscal_year_bounds(2570) == (date(2026, 10, 1), date(2027, 9, 30))


def test_era_conversion():
    assert fiscal.to_be(2026) == 2569 and fiscal.to_ce(2570) == 2027


def test_same_point_last_year_handles_leap_day():
    assert fiscal.same_point_last_year(date(2028, 2, 29)) == date(2027, 2, 28)
    assert fiscal.same_point_last_year(date(2026, 11, 22)) == date(2025, 11, 22)


def test_point_in_fiscal_year_clamps_to_the_year():
    as_of = date(2026, 11, 22)
    assert fiscal.point_in_fiscal_year(2570, as_of) == as_of
    assert fiscal.point_in_fiscal_year(2569, as_of) == date(2026, 9, 30)
    assert fiscal.point_in_fiscal_year(2571, as_of) == date(2027, 10, 1)


def test_elapsed_share():
    # 1 Oct .. 22 Nov 2026 is 53 days of the 365-day fiscal year 2570.
    assert fiscal.elapsed_share(2570, date(2026, 11, 22)) == pytest.approx(53 / 365)
    assert fiscal.elapsed_share(2569, date(2026, 11, 22)) == 1.0


def test_recent_fiscal_years():
    assert fiscal.recent_fiscal_years(date(2026, 11, 22), 3) == [2570, 2569, 2568]


def test_chosen_periods_are_the_years_offered_and_the_same_point_last_year():
    days = [(p.fiscal_year, p.day) for p in fiscal.chosen_periods(date(2026, 11, 22))]
    assert days == [(2565, date(2022, 9, 30)), (2566, date(2023, 9, 30)), (2567, date(2024, 9, 30)),
                    (2568, date(2025, 9, 30)), (2569, date(2025, 11, 22)), (2569, date(2026, 9, 30)),
                    (2570, date(2026, 11, 22))]
    # On a fiscal year's last day, "the same point last year" is the year before's last day too.
    assert [(p.fiscal_year, p.day) for p in fiscal.chosen_periods(date(2026, 9, 30))] == [
        (year, date(year - 543, 9, 30)) for year in range(2564, 2570)]
