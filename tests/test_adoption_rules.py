"""The adoption rules on their own: pacing a target to 30 September, the weakest i4.0 dimension,
the candidates to move up each ladder (at their thresholds), and the provinces that lead and
trail a metric."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access import settings as cfg
from data_access.rules import adoption as rules
from data_access.rules.fiscal import Period
from data_access.rules.metrics import METRICS

NOV_22 = Period(2570, date(2026, 11, 22))      # 53 of 365 days elapsed, 312 left
MONTH = 365.25 / 12


def test_months_after_keeps_the_day_or_the_month_end():
    assert rules.months_after(date(2026, 11, 22), 6) == date(2027, 5, 22)
    assert rules.months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rules.months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)


def _pace(value: float, target: float, period: Period = NOV_22) -> dict:
    return rules.with_pace(pd.DataFrame({"value": [value], "target": [target]}), period).iloc[0].to_dict()


def test_pace_behind_and_ahead():
    behind = _pace(1, 10)  # 1 in 53 days: 6.9 by 30 Sep
    assert behind["projected"] == pytest.approx(365 / 53) and not behind["on_track"]
    assert behind["months_left"] == pytest.approx(312 / MONTH)
    assert behind["needed_per_month"] == pytest.approx(9 / (312 / MONTH))
    assert behind["pace_per_month"] == pytest.approx(1 / (53 / MONTH))
    ahead = _pace(2, 10)  # 13.8 by 30 Sep
    assert ahead["on_track"] and ahead["achievement"] == pytest.approx(20.0)


def test_pace_of_a_reached_target_and_of_none():
    reached = _pace(12, 10)
    assert reached["needed_per_month"] == 0 and reached["on_track"]
    missing = _pace(3, float("nan"))
    assert pd.isna(missing["on_track"]) and pd.isna(missing["needed_per_month"]) and pd.isna(missing["achievement"])
    zero = _pace(0, 0)
    assert pd.isna(zero["achievement"]) and zero["on_track"] and zero["needed_per_month"] == 0


def test_pace_on_the_last_day_and_after_the_year():
    last_day = Period(2570, date(2027, 9, 30))
    assert _pace(9, 10, last_day)["months_left"] == 0
    assert pd.isna(_pace(9, 10, last_day)["needed_per_month"]) and not _pace(9, 10, last_day)["on_track"]
    over = _pace(10, 10, Period(2569, date(2026, 11, 22)))
    assert over["needed_per_month"] == 0 and over["on_track"] and over["projected"] == 10


def test_projected_share():
    share = rules.projected_share(pd.Series([1.0, 5.0]), pd.Series([4.0, 0.0]), 0.5)
    assert share[0] == pytest.approx(50.0) and pd.isna(share[1])


def _scores(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(rules.DIMENSION_COLUMNS))


def test_weakest_dimension_ties_and_gaps():
    frame = _scores((2, 2, 1.5, 2, 2, 1.5), (3, None, 3, 3, 2.9, 3), (None,) * 6)
    assert rules.weakest_dimension(frame).tolist() == ["workforce", "market_customer_standards", None]
    assert rules.weakest_dimension(_scores()).tolist() == []


def _gi_facts(level: float, since: date, inspections: int = 1, non_compliant: int = 0, open_orders: int = 0) -> dict:
    return {"factory_id": f"F{level}{since}", "name": "x", "province_code": "11", "province_th": "ก",
            "province_en": "A", "gi_level": level, "gi_since": since, "inspections": inspections,
            "non_compliant": non_compliant, "open_orders": open_orders, "last_inspected_on": None}


def test_gi_candidates_at_the_threshold():
    day = date(2026, 11, 22)
    facts = pd.DataFrame([
        _gi_facts(2, date(2024, 11, 22)), _gi_facts(2, date(2024, 11, 23)),  # two years to the day / a day short
        _gi_facts(1, date(2020, 1, 1), inspections=0),                      # no recent inspection
        _gi_facts(1, date(2020, 1, 1), non_compliant=1),                    # failed one
        _gi_facts(3, date(2020, 1, 1), open_orders=1),                      # order still open
        _gi_facts(5, date(2015, 1, 1)),                                     # top level
        _gi_facts(4, date(2019, 1, 1)),                                     # held 7.9 years
    ])
    found = rules.gi_candidates(facts, day)
    assert found[["level", "next_level", "held_years"]].values.tolist() == [[4.0, 5.0, 7.9], [2.0, 3.0, 2.0]]
    assert list(found.columns) == list(rules.CANDIDATE_COLUMNS) and set(found["ladder"]) == {"gi"}
    assert rules.candidates(facts, day, "gi").equals(found)


def _i40_facts(level: float, *scores: float) -> dict:
    return {"factory_id": f"F{level}{scores}", "name": "x", "province_code": "11", "province_th": "ก",
            "province_en": "A", "i40_level": level, **dict(zip(rules.DIMENSION_COLUMNS, scores))}


def test_i40_candidates_at_the_threshold():
    gap = cfg.I40_LAGGING_GAP
    facts = pd.DataFrame([
        _i40_facts(2.0, 2.0, 2.0, 2.0 - gap, 2.0, 2.0, 2.0),     # exactly the gap
        _i40_facts(2.0, 2.0, 2.0, 2.0 - gap + 0.01, 2.0, 2.0, 2.0),
        _i40_facts(1.0, 1.0, 2.5, 2.5, 2.5, 2.5, 2.5),           # 1.5 behind
        _i40_facts(4.0, 1.0, 4.0, 4.0, 4.0, 4.0, 4.0),           # already at the top
        _i40_facts(3.0, 3.0, None, None, None, None, None),      # one score: no "others"
    ])
    found = rules.i40_candidates(facts)
    assert found[["level", "next_level", "dimension", "gap"]].values.tolist() == [
        [1.0, 2.0, "smart_operation", 1.5], [2.0, 3.0, "workforce", gap]]
    assert found["others_score"].tolist() == [2.5, 2.0] and set(found["reason"]) == {"i40_lagging"}


def test_top_and_bottom():
    frame = pd.DataFrame({"code": [f"{n:02d}" for n in range(10, 24)],
                          "gi_certified_pct": [float(n) for n in range(14)],
                          "operating": [100] * 13 + [5]})          # "23" has too few factories to rank
    top, bottom = rules.top_and_bottom(frame, METRICS["gi_certified_pct"], n=3)
    assert top == ["22", "21", "20"] and bottom == ["12", "11", "10"]
    few = frame.head(5)
    assert rules.top_and_bottom(few, METRICS["gi_certified_pct"], n=3) == (["14", "13", "12", "11", "10"], [])
    lower_better = pd.DataFrame({"code": ["10", "11", "12"], "gi_revoked": [3, 1, float("nan")]})
    assert rules.top_and_bottom(lower_better, METRICS["gi_revoked"], n=1) == (["11", "10"], [])
