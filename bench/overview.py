"""The national overview: every data-access call it makes, beside the same SQL run raw in
DuckDB (the floor), and the page's total server time."""
from __future__ import annotations

import sqlalchemy as sa

from bench.common import Timing, heading, page_server_time, raw_runner, time_calls
from data_access.queries import catalog, overview, stored_figures
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL


def run(engine: sa.Engine) -> None:
    heading("National overview (issue 2)")
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        last_year = period.previous()
        calls = {
            "catalog.data_as_of": (lambda: catalog.data_as_of(conn), None),
            "catalog.has_factories": (lambda: catalog.has_factories(conn), None),
            "overview.province_metrics(today)": (lambda: overview.province_metrics(conn, period, NATIONAL), None),
            "overview.province_metrics(last year)": (lambda: overview.province_metrics(conn, last_year, NATIONAL),
                                                     None),
            "overview.counted_metrics(today)": (lambda: overview.counted_metrics(conn, period, NATIONAL),
                                                overview.province_metrics_query(period, NATIONAL)),
            "overview.counted_metrics(last year)": (lambda: overview.counted_metrics(conn, last_year, NATIONAL),
                                                    overview.province_metrics_query(last_year, NATIONAL)),
        }
        raw = raw_runner(engine) if engine.dialect.name == "duckdb" else None
        print("province_metrics reads the counts each load stores; counted_metrics counts them (a period not stored)")
        print(f"{'call':40} {'data_access':44} floor (raw DuckDB)")
        for name, (call, query) in calls.items():
            floor = time_calls(raw(query)) if raw and query is not None else None
            print(f"{name:40} {time_calls(call)!s:44} {floor or '-'}")
        print(f"{'stored_figures.refresh (each load)':40} {_refresh_time(conn)!s:44} -")
    cold, warm = page_server_time("app.py")
    _page_line("overview page server time", cold, warm)


def _refresh_time(conn: sa.Connection) -> Timing:
    """What every load now spends counting the stored figures (rolled back: nothing changes)."""
    as_of = catalog.data_as_of(conn)

    def refresh() -> None:
        stored_figures.refresh(conn, as_of)
        conn.rollback()
    return time_calls(refresh, runs=3)


def _page_line(name: str, cold_ms: float, warm: Timing) -> None:
    print(f"{name}: first run {cold_ms:.0f} ms (cold caches); warm reruns {warm}")
