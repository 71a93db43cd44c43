"""How the query modules read their frames: ``bulk.read_frame`` (Arrow) beside ``pd.read_sql``
(a Python object per cell), each page query timed both ways on the national demo data in the
same run. The faster is what every query module uses."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa

from bench.common import heading, time_calls
from bench.province import largest_province
from components.plumbing.params import default_factory_filter
from data_access.queries import catalog, kpi_values, loads, overview, province, quality, risk_map, visits
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL

MODULES = (catalog, kpi_values, loads, overview, province, quality, risk_map, visits)


@contextmanager
def read_with_pandas() -> Iterator[None]:
    """Every query module reads through ``pd.read_sql`` while inside."""
    saved = {module: module.read_frame for module in MODULES}
    for module in MODULES:
        module.read_frame = lambda conn, query: pd.read_sql(query, conn)
    try:
        yield
    finally:
        for module, function in saved.items():
            module.read_frame = function


def run(engine: sa.Engine) -> None:
    heading("Reading frames: bulk.read_frame (Arrow) vs pd.read_sql")
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        code = largest_province(conn, period)
        national = default_factory_filter(NATIONAL)
        calls: dict[str, Callable[[], object]] = {
            "overview.province_metrics": lambda: overview.province_metrics(conn, period, NATIONAL),
            "kpi_values.kpi_table": lambda: kpi_values.kpi_table(conn, period),
            "risk_map.matching_factories (national)": lambda: risk_map.matching_factories(conn, period.day, national),
            f"province.factory_points ({code})": lambda: province.factory_points(conn, code, period.day),
            f"province.monthly_trends ({code})": lambda: province.monthly_trends(conn, code, period),
            f"visits.visit_list ({code})": lambda: visits.visit_list(conn, code, period),
            "quality.factories_without_point": lambda: quality.factories_without_point(conn),
            "loads.table_status": lambda: loads.table_status(conn),
        }
        print(f"{'query':44} {'read_frame':>12} {'pd.read_sql':>12}   ratio")
        for name, call in calls.items():
            arrow = time_calls(call, runs=5)
            with read_with_pandas():
                pandas = time_calls(call, runs=5)
            print(f"{name:44} {arrow.median_ms:9.1f} ms {pandas.median_ms:9.1f} ms   "
                  f"{pandas.median_ms / arrow.median_ms:5.2f}x")
