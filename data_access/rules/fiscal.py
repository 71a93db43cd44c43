"""Thai fiscal years and the Buddhist Era.

A fiscal year runs 1 October to 30 September and is named by the Buddhist Era year in which it
ends: fiscal year 2570 = 1 Oct 2026 - 30 Sep 2027. Dates are stored Gregorian; these helpers are
the only place that converts, and :class:`Period` is the one value a view passes down.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from data_access.settings import BUDDHIST_ERA_OFFSET, FISCAL_YEAR_START_MONTH


def to_be(year_ce: int) -> int:
    """Gregorian year to Buddhist Era year."""
    return year_ce + BUDDHIST_ERA_OFFSET


def to_ce(year_be: int) -> int:
    """Buddhist Era year to Gregorian year."""
    return year_be - BUDDHIST_ERA_OFFSET


def fiscal_year_of(day: date) -> int:
    """The fiscal year (BE) that contains ``day``."""
    year_ce = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
    return to_be(year_ce)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """First and last day (inclusive) of a fiscal year."""
    end_ce = to_ce(fiscal_year_be)
    return date(end_ce - 1, FISCAL_YEAR_START_MONTH, 1), date(end_ce, FISCAL_YEAR_START_MONTH, 1) - timedelta(days=1)


def same_point_last_year(day: date) -> date:
    """The same calendar day one year earlier (29 Feb falls back to 28 Feb)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def point_in_fiscal_year(fiscal_year_be: int, as_of: date) -> date:
    """The day a fiscal year's figures are read at: the data's as-of date while the year is
    under way, its last day once it is over, and its first day if it has not begun."""
    start, end = fiscal_year_bounds(fiscal_year_be)
    return min(max(as_of, start), end)


def elapsed_share(fiscal_year_be: int, as_of: date) -> float:
    """Share (0..1) of the fiscal year elapsed at ``as_of``: KPIs are judged against it."""
    start, end = fiscal_year_bounds(fiscal_year_be)
    point = point_in_fiscal_year(fiscal_year_be, as_of)
    return ((point - start).days + 1) / ((end - start).days + 1)


def recent_fiscal_years(as_of: date, count: int = 5) -> list[int]:
    """The last ``count`` fiscal years up to the one containing ``as_of``, newest first."""
    current = fiscal_year_of(as_of)
    return [current - i for i in range(count)]


@dataclass(frozen=True)
class Period:
    """The time a view reads, made once per run and passed down to every query and renderer:
    the fiscal year chosen and the data's as-of date, from which follow the year's first day,
    the day its figures are read at and the share of it elapsed. Frozen and hashable, so it can
    key a cached query."""

    fiscal_year: int
    as_of: date

    @classmethod
    def at(cls, day: date) -> Period:
        """The fiscal year that contains ``day``, read at ``day``."""
        return cls(fiscal_year_of(day), day)

    @property
    def start(self) -> date:
        """The fiscal year's first day (1 October)."""
        return fiscal_year_bounds(self.fiscal_year)[0]

    @property
    def end(self) -> date:
        """The fiscal year's last day (30 September)."""
        return fiscal_year_bounds(self.fiscal_year)[1]

    @property
    def day(self) -> date:
        """The day the year's figures are read at (see :func:`point_in_fiscal_year`)."""
        return point_in_fiscal_year(self.fiscal_year, self.as_of)

    @property
    def elapsed(self) -> float:
        """Share (0..1) of the fiscal year elapsed at :attr:`day`: KPIs are judged against it."""
        return elapsed_share(self.fiscal_year, self.as_of)

    def previous(self) -> Period:
        """The fiscal year before, read at the same calendar day: "the same point last year"."""
        return Period(self.fiscal_year - 1, same_point_last_year(self.day))


def chosen_periods(as_of: date) -> tuple[Period, ...]:
    """What the pages read for the fiscal years a user can choose on data of ``as_of``: each
    year's period and its "same point last year" (:meth:`Period.previous`), once per fiscal year
    and day, oldest first. The stored figures are counted for these."""
    periods = {}
    for fiscal_year in recent_fiscal_years(as_of):
        for period in (Period(fiscal_year, as_of), Period(fiscal_year, as_of).previous()):
            periods.setdefault((period.fiscal_year, period.day), period)
    return tuple(periods[key] for key in sorted(periods))
