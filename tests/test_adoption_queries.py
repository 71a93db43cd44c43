"""Adoption queries against answers worked out by hand from tests/adoption_fixture.py (its
docstring lists the rows), on DuckDB and PostgreSQL. As of 22 Nov 2026: fiscal year 2570 runs
from 1 Oct 2026 to that day; the five fiscal years are 2566-2570."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from data_access.db import schema
from data_access.queries import adoption, kpi_values, overview
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL, Scope
from tests import adoption_fixture as fx
from tests.small_fixture import assert_figures, nonzero_by_code
from tests.small_fixture import row_of as _row

F = fx.F
PERIOD = Period(fx.FISCAL_YEAR, fx.AS_OF)
ELAPSED = 53 / 365
MONTHS_LEFT = 312 / (365.25 / 12)          # 23 Nov 2026 .. 30 Sep 2027
NAN = float("nan")


@pytest.fixture(params=["counted", "stored"])
def conn(engine, request):
    """The fixture's tables, read as counted live or, as after a load, from the stored figures."""
    fx.load(engine)
    if request.param == "stored":
        with engine.begin() as connection:
            assert adoption.refresh_figures(connection, fx.AS_OF) > 0
    with engine.connect() as connection:
        yield connection


def _same(actual: dict, expected: dict) -> None:
    assert_figures(actual, expected, tolerance=0.01)  # shares are rounded to two decimals


def test_gi_per_province_on_the_day(conn):
    frame = adoption.province_adoption(conn, PERIOD, NATIONAL)
    assert len(frame) == 77 and set(frame["fiscal_year"]) == {2570}
    # 11: F1 holds C2 (3) and C206 (4), F2 C201 (2), F7 C208 (1); C201 and C206 expire by 22 Nov 2027.
    _same(_row(frame, "11"), {
        "operating": 3, "gi_certified": 3, "gi_level3": 1, "gi_certificates": 4, "gi_expiring_6m": 0,
        "gi_expiring_12m": 2, "gi_new": 0, "gi_upgraded": 1, "gi_revoked": 0, "gi_moves": 1, "gi_target": 4.0,
        "gi_certified_pct": 100.0, "gi_level3_pct": 33.33, "gi_target_pct": 25.0,
        "gi_projected": 1 / ELAPSED, "gi_projected_pct": 100 / ELAPSED / 4,
    })
    # 50: F5 holds C4 (1) and C205 (3, expires 1 May 2027), F8 C209 (5); F3's C202 expired, C203 revoked.
    _same(_row(frame, "50"), {
        "operating": 3, "gi_certified": 2, "gi_level3": 2, "gi_certificates": 3, "gi_expiring_6m": 1,
        "gi_expiring_12m": 1, "gi_new": 0, "gi_upgraded": 2, "gi_revoked": 1, "gi_target": 1.0,
        "gi_certified_pct": 66.67, "gi_level3_pct": 66.67, "gi_target_pct": 200.0,
    })
    # Bangkok: F4 closed on 1 Mar 2026, so its certificate C204 is not in force; no target.
    _same(_row(frame, "10"), {"operating": 0, "gi_certified": 0, "gi_certified_pct": NAN, "gi_target": NAN,
                              "gi_target_pct": NAN})
    assert nonzero_by_code(frame, "gi_certified") == {"11": 3, "50": 2}


def test_gi_counts_agree_with_the_overview_and_the_kpis(conn):
    frame = adoption.province_adoption(conn, PERIOD, NATIONAL).set_index("code")
    metrics = overview.province_metrics(conn, PERIOD, NATIONAL).set_index("code")
    kpis = kpi_values.kpi_values(conn, PERIOD).set_index("code").drop(index="TH")
    for ours, theirs, column in (("gi_certified", metrics, "gi_certified"), ("i40_advanced", metrics, "i40_advanced"),
                                 ("gi_new", kpis, "gi_new"), ("gi_upgraded", kpis, "gi_upgraded"),
                                 ("i40_assessments", kpis, "i40_assessments")):
        assert frame[ours].to_dict() == theirs[column].to_dict(), ours


def test_i40_per_province_on_the_day(conn):
    frame = adoption.province_adoption(conn, PERIOD, NATIONAL)
    # 11: F1 stands at 3.0 (A204), F2 at 2.0 (A202; A207 comes after the day); nobody rose this year.
    _same(_row(frame, "11"), {"i40_assessed": 2, "i40_level_sum": 5.0, "i40_mean_level": 2.5, "i40_advanced": 1,
                              "i40_advanced_pct": 50.0, "i40_movers": 0, "i40_assessments": 1, "i40_target": 4.0,
                              "i40_target_pct": 25.0, "i40_projected_pct": 100 / ELAPSED / 4})
    # 50: F3 at 3.0 (2.0 on the eve of the year: a mover, after falling from 3.0), F5 at 2.0 (first
    # assessed this year: not a mover), F8 at 4.0.
    _same(_row(frame, "50"), {"i40_assessed": 3, "i40_mean_level": 3.0, "i40_advanced": 2,
                              "i40_advanced_pct": 66.67, "i40_movers": 1, "i40_assessments": 2, "i40_target": NAN})


def test_history_reads_each_year_at_its_own_day(conn):
    history = adoption.province_history(conn, adoption.history_periods(PERIOD), Scope(province_code="11"))
    assert list(history["fiscal_year"]) == [2566, 2567, 2568, 2569, 2570]
    year = history.set_index("fiscal_year")
    # FY2569 read on 30 Sep 2026: F1 (C2), F2 (C201; C3 revoked), F7 (C208); F1 rose 2.0 -> 3.0 and
    # F2 1.0 -> 2.0 over the year; no new certificate in 11, one upgrade (C2) against a target of
    # one, so the whole year's pace made 100%.
    _same(year.loc[2569].to_dict(), {"gi_certified": 3, "i40_movers": 2, "gi_new": 0, "gi_upgraded": 1,
                                     "gi_revoked": 1, "gi_target": 1.0, "gi_projected_pct": 100.0})
    # FY2567: C3 new, C201 an upgrade on its last day (30 Sep 2024).
    _same(year.loc[2567].to_dict(), {"gi_new": 1, "gi_upgraded": 1, "gi_certified": 3})
    pd.testing.assert_frame_equal(adoption.of_year(history, 2570),
                                  adoption.province_adoption(conn, PERIOD, Scope(province_code="11")))


def test_gi_stock_per_level_and_year(conn):
    stock = adoption.gi_stock(conn, PERIOD, NATIONAL).set_index(["fiscal_year", "level"])
    assert len(stock) == 25
    expected = {  # (issued since the start, in force) per level 1..5
        2566: [(2, 2), (1, 1), (0, 0), (0, 0), (1, 1)],   # C204, C208; C1; C209
        2567: [(3, 3), (2, 2), (0, 0), (0, 0), (1, 1)],   # + C3; + C201 issued on the day read
        2568: [(3, 3), (2, 2), (0, 0), (0, 0), (1, 1)],   # C202 is issued on 1 Oct 2025, the next year
        2569: [(5, 2), (2, 1), (1, 1), (0, 0), (1, 1)],   # C204 closed, C3 revoked, C202 expires that day, C1 expired
        2570: [(5, 2), (3, 1), (2, 2), (1, 1), (1, 1)],   # C203 revoked, C207 after the day
    }
    for year, levels in expected.items():
        for level, (issued, in_force) in enumerate(levels, start=1):
            assert tuple(stock.loc[(year, level)]) == (issued, in_force), (year, level)


def test_gi_stock_of_a_region(conn):
    stock = adoption.gi_stock(conn, PERIOD, Scope(region="North")).set_index(["fiscal_year", "level"])
    # Chiang Mai only: C202, C4 (1), C203 (2), C205 (3), C209 (5); in force C4, C205, C209.
    assert [tuple(stock.loc[(2570, level)]) for level in range(1, 6)] == [(2, 1), (1, 0), (1, 1), (0, 0), (1, 1)]


def test_gi_flows_per_year(conn):
    flows = adoption.gi_flows(conn, PERIOD, NATIONAL).set_index("fiscal_year")
    assert list(flows.columns) == ["new", "upgraded", "expired", "revoked"]
    assert flows.to_dict("index") == {
        2566: {"new": 1, "upgraded": 0, "expired": 0, "revoked": 0},   # C1
        2567: {"new": 1, "upgraded": 1, "expired": 0, "revoked": 0},   # C3; C201 on 30 Sep
        2568: {"new": 0, "upgraded": 0, "expired": 0, "revoked": 0},
        2569: {"new": 2, "upgraded": 1, "expired": 2, "revoked": 1},   # C202 (1 Oct), C4; C2; C1, C202; C3
        2570: {"new": 0, "upgraded": 3, "expired": 0, "revoked": 1},   # C203, C206, C205 (not C207); C203
    }
    north = adoption.gi_flows(conn, PERIOD, Scope(region="North")).set_index("fiscal_year")
    assert north.loc[2570].to_dict() == {"new": 0, "upgraded": 2, "expired": 0, "revoked": 1}


def test_i40_levels_per_year(conn):
    levels = adoption.i40_levels(conn, PERIOD, NATIONAL).set_index(["fiscal_year", "level"])["factories"]
    assert len(levels) == 20
    expected = {
        2566: [0, 0, 0, 0],
        2567: [0, 1, 0, 0],   # A1
        2568: [1, 1, 1, 0],   # A201 (30 Sep 2025), A206, A3
        2569: [0, 2, 1, 1],   # A202 (1 Oct 2025), A4 (F3 down to 2.0); A2; A208
        2570: [0, 1, 2, 0],   # A203; A204, A205 (A207 after the day)
    }
    for year, counts in expected.items():
        assert [levels.loc[(year, level)] for level in (1.0, 2.0, 3.0, 4.0)] == counts, year


def test_i40_profile_by_province(conn):
    profile = adoption.i40_profile(conn, PERIOD, NATIONAL, "province")
    assert list(profile["group_code"][:2]) == ["11", "50"] and profile["is_total"].tolist() == [False, False, True]
    eleven, fifty, total = (row for _, row in profile.iterrows())
    assert eleven["name_en"] == "Samut Prakan" and eleven["weakest"] == "it_data"
    _same(eleven.to_dict(), {"assessed": 2, "mean_level": 2.5, "advanced_pct": 50.0, "score_smart_operation": 2.5,
                             "score_strategy_organisation": 2.75, "score_it_data": 2.25})
    _same(fifty.to_dict(), {"assessed": 3, "mean_level": 3.0, "score_smart_operation": 8 / 3,
                            "score_strategy_organisation": 9.2 / 3, "score_it_data": 7 / 3})
    # The nation: F1, F2, F3, F5, F8 (F4 closed, F7 never assessed).
    _same(total.to_dict(), {"assessed": 5, "mean_level": 2.8, "advanced": 3, "advanced_pct": 60.0,
                            "score_smart_operation": 2.6, "score_strategy_organisation": 2.94,
                            "score_workforce": 2.6, "score_technology_innovation": 2.8,
                            "score_market_customer_standards": 2.9, "score_it_data": 2.3})
    assert total["weakest"] == "it_data"


@pytest.mark.parametrize(("by", "groups"), [
    ("tsic_section", {"A": (1, 2.0), "C": (3, 3.0), "E": (1, 3.0)}),
    ("category", {3: (5, 2.8)}),
    ("region", {"Central": (2, 2.5), "North": (3, 3.0)}),
    ("inspection_region", {2: (2, 2.5), 15: (3, 3.0)}),
    ("factory_type", {9: (1, 2.0), 64: (1, 4.0), 101: (1, 3.0), 105: (1, 3.0), 106: (1, 2.0)}),
])
def test_i40_profile_groupings(conn, by, groups):
    profile = adoption.i40_profile(conn, PERIOD, NATIONAL, by)
    rows = profile[~profile["is_total"]]
    assert {(int(k) if by in ("category", "inspection_region", "factory_type") else k): (n, pytest.approx(m))
            for k, n, m in zip(rows["group_code"], rows["assessed"], rows["mean_level"])} == groups
    assert profile["is_total"].iloc[-1] and profile["assessed"].iloc[-1] == 5


def test_i40_profile_of_a_province(conn):
    profile = adoption.i40_profile(conn, PERIOD, Scope(province_code="50"), "category")
    assert profile["assessed"].tolist() == [3, 3] and profile["weakest"].tolist() == ["it_data", "it_data"]


def test_movers(conn):
    movers = adoption.i40_movers(conn, PERIOD, NATIONAL)
    assert movers[["factory_id", "previous_level", "level"]].values.tolist() == [[F[3], 2.0, 3.0]]
    assert str(movers["previous_on"].iloc[0]) == "2026-09-01" and movers["province_en"].iloc[0] == "Chiang Mai"
    last_year = adoption.i40_movers(conn, Period(2569, fx.AS_OF), NATIONAL)
    assert sorted(last_year["factory_id"]) == [F[1], F[2]]  # 2.0 -> 3.0 and 1.0 -> 2.0; F3 fell
    assert adoption.i40_movers(conn, PERIOD, Scope(province_code="11")).empty


def test_gi_candidates(conn):
    found = adoption.candidates(conn, PERIOD, NATIONAL, "gi")
    # F2 holds level 2 since 30 Sep 2024 (2.1 years) and passed its one inspection; F7 held level 1
    # longer but failed an inspection in 2025; F1 and F5 reached their level this year; F8 is at 5.
    assert found[["factory_id", "level", "next_level", "reason", "held_years", "inspections"]].values.tolist() == [
        [F[2], 2.0, 3.0, "gi_held_clean", 2.1, 1]]
    assert adoption.candidates(conn, PERIOD, Scope(province_code="50"), "gi").empty


def test_i40_candidates(conn):
    found = adoption.candidates(conn, PERIOD, NATIONAL, "i40")
    # F3 (3.0): workforce 2.0 against 3.04; F5 (2.0): smart operation 1.0 against 2.0. F8 is at 4.0;
    # F1's and F2's weakest dimensions are within 0.75 of the others.
    assert found[["factory_id", "level", "next_level", "dimension", "dimension_score", "others_score", "gap"]
                 ].values.tolist() == [[F[3], 3.0, 4.0, "workforce", 2.0, 3.04, 1.04],
                                       [F[5], 2.0, 3.0, "smart_operation", 1.0, 2.0, 1.0]]
    assert set(found["province_code"]) == {"50"} and set(found["reason"]) == {"i40_lagging"}


def test_target_progress(conn):
    frame = adoption.province_adoption(conn, PERIOD, NATIONAL)
    targets = kpi_values.targets_by_province(conn, fx.FISCAL_YEAR)
    progress = adoption.target_progress(frame, targets, PERIOD, ["TH", "11"], ["gi_new", "gi_upgraded",
                                                                              "i40_assessments"])
    rows = {(r["code"], r["kpi"]): r for r in progress.to_dict("records")}
    _same(rows[("11", "gi_upgraded")], {"value": 1.0, "target": 2.0, "achievement": 50.0, "months_left": MONTHS_LEFT,
                                        "needed_per_month": 1 / MONTHS_LEFT, "projected": 1 / ELAPSED})
    assert rows[("11", "gi_upgraded")]["on_track"] is True
    assert rows[("11", "gi_new")]["on_track"] is False and rows[("11", "gi_new")]["needed_per_month"] == pytest.approx(
        2 / MONTHS_LEFT)
    # The nation: its own targets (not the provinces' sum); 3 assessments at 53 days make 20.7 by 30 Sep.
    _same(rows[("TH", "i40_assessments")], {"value": 3.0, "target": 20.0, "projected": 3 / ELAPSED})
    assert rows[("TH", "i40_assessments")]["on_track"] is True
    assert rows[("TH", "gi_upgraded")]["value"] == 3.0 and rows[("TH", "gi_new")]["on_track"] is False


def test_province_summary(conn):
    summary = adoption.summary_of(adoption.province_adoption(conn, PERIOD, NATIONAL),
                                  kpi_values.targets_by_province(conn, PERIOD.fiscal_year), "11", PERIOD)
    assert summary.figures["gi_certified"] == 3 and summary.figures["i40_mean_level"] == 2.5
    assert summary.progress["kpi"].tolist() == ["gi_new", "gi_upgraded", "i40_assessments"]
    assert summary.progress["target"].tolist() == [2.0, 2.0, 4.0]


def test_a_past_year_has_no_time_left(conn):
    past = Period(2569, fx.AS_OF)
    frame = adoption.province_adoption(conn, past, NATIONAL)
    progress = adoption.target_progress(frame, kpi_values.targets_by_province(conn, 2569), past, ["11"], ["gi_new"])
    row = progress.iloc[0]
    assert row["value"] == 0 and row["target"] == 1 and row["months_left"] == 0
    assert pd.isna(row["needed_per_month"]) and pd.notna(row["on_track"]) and not row["on_track"]


def test_a_province_without_anything(conn):
    frame = adoption.province_adoption(conn, PERIOD, Scope(province_code="58"))
    assert len(frame) == 1
    _same(frame.iloc[0].to_dict(), {"operating": 0, "gi_certified": 0, "i40_assessed": 0, "i40_mean_level": NAN})
    assert adoption.candidates(conn, PERIOD, Scope(province_code="58"), "i40").empty
    profile = adoption.i40_profile(conn, PERIOD, Scope(province_code="58"), "province")
    assert profile["assessed"].tolist() == [0] and profile["is_total"].tolist() == [True]


def test_stored_periods_are_the_years_a_user_can_choose_and_their_history():
    points, before = adoption.stored_periods(fx.AS_OF)
    last_days = [(year, date(year - 543, 9, 30)) for year in range(2562, 2570)]  # FY2562 ends 30 Sep 2019
    assert [(p.fiscal_year, p.day) for p in points] == [*last_days, (2570, fx.AS_OF)]
    assert [(p.fiscal_year, p.day) for p in before] == [(2569, date(2025, 11, 22))]  # FY2570's "same point last year"


def test_the_stored_figures_are_read_until_the_next_load(engine):
    fx.load(engine)
    certificates = schema.gi_certifications
    with engine.begin() as connection:
        adoption.refresh_figures(connection, fx.AS_OF)
        # Certificate C209 (F8, Chiang Mai) removed behind the loads' back.
        connection.execute(certificates.delete().where(certificates.c.certificate_id == 209))

    def certified() -> tuple[int, int]:
        """Chiang Mai's certified factories, as stored for 22 Nov 2026 and counted for 21 Nov."""
        with engine.connect() as connection:
            stored = adoption.province_adoption(connection, PERIOD, Scope(province_code="50"))
            counted = adoption.province_adoption(connection, Period(fx.FISCAL_YEAR, fx.AS_OF - timedelta(days=1)),
                                                 Scope(province_code="50"))
        return int(stored.at[0, "gi_certified"]), int(counted.at[0, "gi_certified"])

    assert certified() == (2, 1)  # F5 and F8 stored; F5 alone counted
    with engine.begin() as connection:
        adoption.refresh_figures(connection, fx.AS_OF)
    assert certified() == (1, 1)
