"""The province page and the visit brief on the national demo data: the data-access calls, the
page's server time for the province with the most operating factories, and the time to build
its brief and the brief of its whole inspection region.

Targets (issue 4): page under 1 s median warm, province brief under 5 s, region brief under 20 s.
"""
from __future__ import annotations

import sqlalchemy as sa
from streamlit.logger import set_log_level

from bench.common import heading, page_server_time, time_calls
from components.brief import province_brief_pdf, region_brief_pdf
from data_access.queries import catalog
from data_access.queries.kpi_values import kpi_table
from data_access.queries.overview import province_metrics
from data_access.queries.province_view import province_view, region_views
from data_access.rules.fiscal import fiscal_year_of
from data_access.rules.scope import NATIONAL


def largest_province(conn: sa.Connection, day) -> str:
    """The province with the most operating factories on ``day``: the heaviest page."""
    metrics = province_metrics(conn, day, NATIONAL)
    return str(metrics.loc[metrics["operating"].idxmax(), "code"])


def run(engine: sa.Engine) -> None:
    heading("Province drill-down and visit brief (issue 4)")
    with engine.connect() as conn:
        day = catalog.data_as_of(conn)
        fiscal_year = fiscal_year_of(day)
        code = largest_province(conn, day)
        kpis = kpi_table(conn, fiscal_year, day)
        view = province_view(conn, code, day)
        region = view.header["inspection_region"]
        views = region_views(conn, region, day)
        print(f"province {code} ({view.header['name_en']}): {len(view.points):,} factories on the map; "
              f"inspection region {region}: {len(views)} provinces")
        calls = {
            "kpi_values.kpi_table (all provinces)": lambda: kpi_table(conn, fiscal_year, day),
            f"province_view.province_view({code})": lambda: province_view(conn, code, day),
            f"province_view.region_views({region})": lambda: region_views(conn, region, day),
        }
        for name, call in calls.items():
            print(f"{name:44} {time_calls(call, runs=5)}")
    cold, warm = page_server_time("pages/province.py", code=code)
    print(f"province page server time ({code}): first run {cold:.0f} ms (cold caches); warm reruns {warm}"
          f"   target: median < 1000 ms")
    set_log_level("error")  # the briefs' labels are read outside a Streamlit session here
    brief = time_calls(lambda: province_brief_pdf(view, kpis, fiscal_year, day), runs=5)
    print(f"province brief PDF ({code}):            {brief}   target: < 5000 ms")
    region_brief = time_calls(lambda: region_brief_pdf(views, kpis, region, fiscal_year, day), runs=3)
    print(f"region brief PDF (inspection region {region}): {region_brief}   target: < 20000 ms")
