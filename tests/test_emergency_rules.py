"""The emergency board's rules on frames made here (data_access/rules/emergencies.py): the calm /
watch / active status of a province, the times to contain and to close with incidents still open
or contained only after the moment read, monthly counts across a fiscal year's turn, repeats."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from data_access.rules import emergencies as rules
from tests.emergency_fixture import started_per_month

T = pd.Timestamp


def _incidents(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["emergency_id", "type", "severity", "started_at", "contained_at", "closed_at"])


@pytest.mark.parametrize(("active", "contained", "recently_closed", "status"), [
    (0, 0, 0, "calm"),
    (1, 0, 0, "active"),
    (1, 3, 2, "active"),      # active wins whatever else
    (0, 1, 0, "watch"),       # contained, not closed
    (0, 0, 1, "watch"),       # closed lately
    (0, 2, 5, "watch"),
])
def test_province_status(active, contained, recently_closed, status):
    counts = pd.DataFrame({"active": [active], "contained": [contained], "recently_closed": [recently_closed]})
    assert rules.province_statuses(counts).tolist() == [status]


def test_durations_leave_out_what_is_still_open_at_the_moment():
    moment = datetime(2026, 10, 1, 12)
    frame = _incidents(
        # crosses the fiscal year's turn: 3 h to contain, 12 h to close
        (1, "fire", 3, T(2026, 9, 30, 22), T(2026, 10, 1, 1), T(2026, 10, 1, 10)),
        (2, "fire", 3, T(2026, 9, 30, 23), T(2026, 10, 1, 11), None),                # contained, still open: 12 h, -
        (3, "fire", 4, T(2026, 10, 1, 6), None, None),                               # still active
        (4, "fire", 4, T(2026, 10, 1, 8), T(2026, 10, 1, 13), None),                 # contained after the moment
        (5, "flood", 1, T(2026, 9, 1), T(2026, 9, 2), T(2026, 9, 11)),               # 24 h, 240 h
    )
    by_type = rules.duration_stats(frame, moment, ["type"]).set_index("type")
    fire, flood = by_type.loc["fire"], by_type.loc["flood"]
    assert (fire["incidents"], fire["contained"], fire["still_active"], fire["closed"]) == (4, 2, 2, 1)
    assert (fire["contain_median_h"], fire["contain_p90_h"]) == (7.5, 11.1)  # [3, 12]: 3 + 0.9 * 9
    assert (fire["close_median_h"], fire["close_p90_h"]) == (12.0, 12.0)
    assert (flood["contain_median_h"], flood["close_median_h"], flood["still_active"]) == (24.0, 240.0, 0)
    by_severity = rules.duration_stats(frame, moment, ["severity"]).set_index("severity")
    assert by_severity["still_active"].to_dict() == {1: 0, 3: 0, 4: 2}
    assert pd.isna(by_severity.loc[4, "contain_median_h"])  # nothing contained by the moment


def test_monthly_counts_belong_to_the_month_and_year_of_the_start():
    frame = _incidents((1, "fire", 2, T(2026, 9, 30, 23, 59), T(2026, 10, 1, 2), None),
                       (2, "fire", 2, T(2026, 10, 1, 0, 0), None, None),
                       (3, "drought", 1, T(2026, 10, 20), None, None))
    monthly = rules.monthly_counts(frame, date(2026, 9, 15), date(2026, 11, 3))
    assert sorted(set(monthly["month"].dt.strftime("%Y-%m"))) == ["2026-09", "2026-10", "2026-11"]
    assert started_per_month(monthly) == {("2026-09", 2569, "fire"): 1, ("2026-10", 2570, "fire"): 1,
                                          ("2026-10", 2570, "drought"): 1}
    assert len(monthly) == 3 * 9  # every type of every month


def test_monthly_counts_of_nothing_are_zeros():
    monthly = rules.monthly_counts(_incidents(), date(2026, 10, 1), date(2026, 12, 31))
    assert len(monthly) == 27 and monthly["n"].sum() == 0


def test_repeats_need_the_minimum_and_come_most_first():
    frame = _incidents((1, "flood", 1, T(2026, 1, 1), None, None), (2, "fire", 3, T(2026, 2, 1), None, None),
                       (3, "flood", 2, T(2026, 3, 1), None, None), (4, "fire", 1, T(2026, 4, 1), None, None),
                       (5, "drought", 1, T(2026, 5, 1), None, None), (6, "fire", 2, T(2026, 6, 1), None, None))
    frame["place"] = ["A", "A", "B", "B", "C", None]
    repeats = rules.repeated(frame, ["place"])
    assert repeats["place"].tolist() == ["B", "A"]  # same count: the latest first; C once, None is no place
    assert repeats["types"].tolist() == ["fire,flood", "fire,flood"] and repeats["worst_severity"].tolist() == [2, 3]
    assert rules.repeated(frame, ["place"], minimum=3).empty
