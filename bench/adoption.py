"""The adoption page on the national demo data: each query it makes beside the same SQL run raw
in DuckDB in the same run (the floor: no SQLAlchemy, no DataFrame), and the page's server time,
cold (query caches cleared before each first run) and warm (reruns), median and p95, on the GI
ladder for the nation and on the i4.0 ladder for the province with the most factories.

Targets (issue 11): warm median under 300 ms; each query within 2x raw DuckDB.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import sqlalchemy as sa
import streamlit as st

from bench.common import Timing, heading, page_server_time, raw_runner, time_calls, timing_of
from bench.province import largest_province
from data_access.queries import adoption, catalog, kpi_values
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL, Scope

PAGE = "pages/adoption.py"
RUNS = 15
COLD_RUNS = 5
WARM_RUNS = 20
TARGET_WARM_MS = 300.0
TARGET_RATIO = 2.0


def run(engine: sa.Engine) -> None:
    heading("Industry 4.0 and Green Industry adoption (issue 11)")
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        code = largest_province(conn, period)
        _queries(engine, conn, period, code)
    views = (("GI ladder, nation", {}), (f"i4.0 ladder, province {code}", {"ladder": "i40", "code": code}))
    for label, params in views:
        colds = []
        for _ in range(COLD_RUNS):
            st.cache_data.clear()
            colds.append(page_server_time(PAGE, runs=1, **params)[0])
        warm = page_server_time(PAGE, runs=WARM_RUNS, **params)[1]
        verdict = "ok" if warm.median_ms < TARGET_WARM_MS else "OVER"
        print(f"adoption page server time ({label}): cold {timing_of(colds)}; warm {warm}"
              f"   target: warm median < {TARGET_WARM_MS:.0f} ms: {verdict}")


def _queries(engine: sa.Engine, conn: sa.Connection, period: Period, code: str) -> None:
    """Every query of the page (and of the province page's section), data access beside raw."""
    province, years = Scope(province_code=code), adoption.history_periods(period)
    calls = {
        "province_history (5 fiscal years)": (lambda: adoption.province_history(conn, years, NATIONAL),
                                              adoption.province_query(years, NATIONAL)),
        "province_adoption (last year)": (lambda: adoption.province_adoption(conn, period.previous(), NATIONAL),
                                          adoption.province_query((period.previous(),), NATIONAL)),
        "gi_stock": (lambda: adoption.gi_stock(conn, period, NATIONAL), adoption.gi_stock_query(period, NATIONAL)),
        "gi_flows": (lambda: adoption.gi_flows(conn, period, NATIONAL), adoption.gi_flows_query(period, NATIONAL)),
        "candidates (gi, nation)": (lambda: adoption.candidates(conn, period, NATIONAL, "gi"),
                                    adoption.candidate_facts_query(period, NATIONAL, "gi")),
        f"i40_levels ({code})": (lambda: adoption.i40_levels(conn, period, province),
                                 adoption.i40_levels_query(period, province)),
        "i40_profile (by province, nation)": (lambda: adoption.i40_profile(conn, period, NATIONAL, "province"),
                                              adoption.i40_profile_query(period, NATIONAL, "province")),
        f"i40_profile (by region, {code})": (lambda: adoption.i40_profile(conn, period, province, "region"),
                                            adoption.i40_profile_query(period, province, "region")),
        f"i40_movers ({code})": (lambda: adoption.i40_movers(conn, period, province),
                                 adoption.i40_movers_query(period, province)),
        f"candidates (i40, {code})": (lambda: adoption.candidates(conn, period, province, "i40"),
                                      adoption.candidate_facts_query(period, province, "i40")),
        "kpi_values.targets_by_province": (lambda: kpi_values.targets_by_province(conn, period.fiscal_year), None),
        f"summary_of ({code}, province page)": (lambda: adoption.summary_of(
            adoption.province_adoption(conn, period, NATIONAL),
            kpi_values.targets_by_province(conn, period.fiscal_year), code, period), None),
    }
    raw = raw_runner(engine)
    print(f"{'query':44} {'data_access':44} {'floor (raw DuckDB)':44} ratio")
    for name, (call, query) in calls.items():
        if query is None:
            print(f"{name:44} {time_calls(call, runs=RUNS)!s:44} {'-':44} -")
            continue
        ours, floor = _interleaved(call, raw(query))
        ratio = ours.median_ms / floor.median_ms
        print(f"{name:44} {ours!s:44} {floor!s:44} {ratio:4.2f}x {'ok' if ratio <= TARGET_RATIO else 'OVER'}")


def _interleaved(call: Callable[[], object], floor: Callable[[], object]) -> tuple[Timing, Timing]:
    """``call`` and ``floor`` timed in turns, after one run of each: on a machine others share,
    a burst of load then slows both alike instead of whichever happened to run then."""
    samples: tuple[list[float], list[float]] = ([], [])
    for run in range(RUNS + 1):
        for function, times in zip((call, floor), samples):
            start = time.perf_counter()
            function()
            if run:
                times.append((time.perf_counter() - start) * 1000)
    return timing_of(samples[0]), timing_of(samples[1])
