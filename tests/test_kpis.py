"""The KPI rules of data_access/kpis.py against answers worked out by hand."""
from datetime import date

import pytest

from data_access import settings as cfg
from data_access.rules.fiscal import elapsed_share
from data_access.rules.kpis import (
    AMBER,
    GREEN,
    KPIS,
    NO_LIGHT,
    RED,
    SPECS,
    TARGET_CODES,
    UNITS,
    achievement_pct,
    expected_share,
    ranking_value,
    traffic_light,
)

COUNT = SPECS["i_single_form"]            # paced count, higher is better
INSPECTED = SPECS["risky_inspected_pct"]  # paced percentage
RESOLVED = SPECS["complaints_resolved_pct"]  # level percentage
DAYS = SPECS["complaint_days_median"]     # level, lower is better
RECEIVED = SPECS["complaints_received"]   # figure without a target, lower is better
FIVE_MONTHS = elapsed_share(2570, date(2027, 2, 28))  # 1 Oct - 28 Feb: 151 of 365 days


TARGETED = {"risky_inspected_pct", "complaints_resolved_pct", "complaint_days_median", "i_single_form", "gi_new",
            "gi_upgraded", "opoai_c_groups", "award_nominations", "i40_assessments", "emergency_contain_hours"}


def test_every_targeted_kpi_has_a_spec_and_only_those():
    assert {s.code for s in KPIS if s.has_target} == TARGETED == set(TARGET_CODES)
    assert {s.code for s in KPIS if not s.has_target} == {"complaints_received", "emergencies"}
    assert all(s.unit in UNITS for s in KPIS)
    assert len(SPECS) == len(KPIS)


def test_national_target_applies_to_percentages_and_medians_only():
    assert INSPECTED.national_target_applies and DAYS.national_target_applies
    assert not COUNT.national_target_applies


@pytest.mark.parametrize("spec, value, target, expected", [
    (COUNT, 40, 100, 40.0),
    (COUNT, 150, 100, 150.0),
    (RESOLVED, 81, 90, 90.0),
    (DAYS, 20, 15, 75.0),        # target / value
    (DAYS, 10, 15, 150.0),
    (DAYS, 5, 15, cfg.KPI_ACHIEVEMENT_CAP_PCT),   # 300% capped
    (DAYS, 0, 15, cfg.KPI_ACHIEVEMENT_CAP_PCT),   # a median of 0 days
    (COUNT, 3, None, None),      # no target
    (COUNT, None, 10, None),     # no value
    (COUNT, float("nan"), 10, None),
    (COUNT, 3, 0, None),         # nothing to achieve a share of
    (RECEIVED, 3, 10, None),     # figures have no target
])
def test_achievement(spec, value, target, expected):
    result = achievement_pct(spec, value, target)
    assert result == (None if expected is None else pytest.approx(expected))


def test_five_months_in():
    assert FIVE_MONTHS == pytest.approx(151 / 365)
    assert expected_share(COUNT, FIVE_MONTHS) == pytest.approx(151 / 365)
    assert expected_share(RESOLVED, FIVE_MONTHS) == 1.0


@pytest.mark.parametrize("spec, value, target, elapsed, light", [
    # the directive's example: a cumulative KPI at 40% of its target five months in is on track
    (COUNT, 40, 100, FIVE_MONTHS, GREEN),
    (INSPECTED, 40.0, 100, FIVE_MONTHS, GREEN),
    (COUNT, 30, 100, FIVE_MONTHS, AMBER),    # 0.30 / 0.414 = 0.73
    (COUNT, 28, 100, FIVE_MONTHS, RED),      # 0.28 / 0.414 = 0.68
    (COUNT, 0, 100, 0.0, GREEN),             # the year has not begun
    (COUNT, 95, 100, 1.0, GREEN),            # year over: 95% >= 90% of target
    (COUNT, 60, 100, 1.0, RED),
    (RESOLVED, 90, 90, FIVE_MONTHS, GREEN),  # levels are judged directly
    (RESOLVED, 85, 90, FIVE_MONTHS, AMBER),  # 0.944
    (RESOLVED, 40, 90, 0.1, RED),            # early in the year does not help a level
    (DAYS, 15, 15, FIVE_MONTHS, GREEN),
    (DAYS, 16, 15, FIVE_MONTHS, AMBER),      # 15 / 16 = 0.9375
    (DAYS, 20, 15, FIVE_MONTHS, RED),
    (DAYS, None, 15, FIVE_MONTHS, NO_LIGHT),
    (COUNT, 5, None, FIVE_MONTHS, NO_LIGHT),
    (RECEIVED, 5, 10, FIVE_MONTHS, NO_LIGHT),
    (COUNT, 0, 0, FIVE_MONTHS, GREEN),       # a target of 0 is met
    (DAYS, 2, 0, FIVE_MONTHS, RED),
])
def test_traffic_light(spec, value, target, elapsed, light):
    assert traffic_light(spec, value, target, elapsed) == light


def test_ranking_value_is_larger_for_better():
    assert ranking_value(COUNT, 3, 10) == pytest.approx(30.0)
    assert ranking_value(DAYS, 20, 15) < ranking_value(DAYS, 10, 15)
    assert ranking_value(RECEIVED, 1, None) > ranking_value(RECEIVED, 3, None)
    assert ranking_value(COUNT, 3, None) is None
    assert ranking_value(RECEIVED, None, None) is None
