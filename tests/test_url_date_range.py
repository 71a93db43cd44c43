"""The date-range parameter of the URL-state mechanism (components/plumbing/url_state.py
``DateRange``): ``first..last`` in ISO dates read as a pair of dates, written back the same way,
what a date widget in range mode gives turned into a pair, and junk answered with the default."""
from __future__ import annotations

from datetime import date

import pytest

from components.plumbing.url_state import DateRange, Group, parse, to_params
from tests.test_url_state import HOSTILE

GROUP = Group("test", (DateRange("dates", None, earliest=date(2020, 1, 1), latest=date(2030, 12, 31)),))
PARAM = GROUP["dates"]


def test_a_range_is_read_and_written_back():
    values, rejected = parse(GROUP, {"dates": "2026-10-01..2026-11-30"})
    assert rejected == [] and values == {"dates": (date(2026, 10, 1), date(2026, 11, 30))}
    assert to_params(GROUP, values) == {"dates": "2026-10-01..2026-11-30"}
    assert to_params(GROUP, {"dates": None}) == {}  # no range: left out of the link


def test_a_single_day_and_spaces():
    assert parse(GROUP, {"dates": " 2026-10-01 .. 2026-10-01 "})[0]["dates"] == (date(2026, 10, 1),) * 2


JUNK = [
    "2026-11-30..2026-10-01",   # backwards
    "2026-10-01",               # one end only
    "2026-10-01..",
    "2026-13-01..2026-12-01",   # no such month
    "2569-10-01..2569-11-30",   # Buddhist Era years: outside the bounds
    "2019-12-31..2020-01-05",   # starts before the earliest day
    "2026-10-01..2026-10-05..2026-10-09",
    *HOSTILE,
]


@pytest.mark.parametrize("text", JUNK, ids=range(len(JUNK)))
def test_junk_gives_no_range_and_is_named(text):
    values, rejected = parse(GROUP, {"dates": text})
    assert values == {"dates": None}
    assert rejected == [(PARAM, text)]


def test_what_a_date_widget_gives():
    first, last = date(2026, 10, 1), date(2026, 10, 9)
    assert PARAM.to_widget(None) == () and PARAM.to_widget((first, last)) == (first, last)
    assert PARAM.from_widget((first, last)) == (first, last)
    assert PARAM.from_widget((first,)) == (first, first)  # the second day not picked yet
    assert PARAM.from_widget(()) is None and PARAM.from_widget(None) is None
