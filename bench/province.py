"""The province page and the visit brief on the national demo data: the data-access calls, the
page's server time for the province with the most operating factories, and the time to build
its brief and the brief of its whole inspection region.

Targets (issue 4): page under 1 s median warm, province brief under 5 s, region brief under 20 s.
"""
from __future__ import annotations

import sqlalchemy as sa
from streamlit.logger import set_log_level

from bench.common import heading, page_server_time, time_calls
from components.brief.document import BriefProvince, province_brief_pdf, region_brief_pdf
from data_access.queries import catalog
from data_access.queries.kpi_values import kpi_table, scorecard_of
from data_access.queries.overview import province_metrics
from data_access.queries.province_view import ProvinceView, province_view, region_views
from data_access.reference import district_shapes
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL
from data_access.settings import NATIONAL_CODE


def largest_province(conn: sa.Connection, period: Period) -> str:
    """The province with the most operating factories in ``period``: the heaviest page."""
    metrics = province_metrics(conn, period, NATIONAL)
    return str(metrics.loc[metrics["operating"].idxmax(), "code"])


def _brief_province(view: ProvinceView, kpis) -> BriefProvince:
    shapes = district_shapes()
    return BriefProvince(view, scorecard_of(kpis, view.code), shapes[shapes["province_code"] == view.code])


def run(engine: sa.Engine) -> None:
    heading("Province drill-down and visit brief (issue 4)")
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        code = largest_province(conn, period)
        kpis = kpi_table(conn, period)
        view = province_view(conn, code, period)
        region = view.header.inspection_region
        views = region_views(conn, region, period)
        print(f"province {code} ({view.header.name_en}): {len(view.points):,} factories on the map; "
              f"inspection region {region}: {len(views)} provinces")
        calls = {
            "kpi_values.kpi_table (all provinces)": lambda: kpi_table(conn, period),
            f"province_view.province_view({code})": lambda: province_view(conn, code, period),
            f"province_view.region_views({region})": lambda: region_views(conn, region, period),
        }
        for name, call in calls.items():
            print(f"{name:44} {time_calls(call, runs=5)}")
    cold, warm = page_server_time("pages/province.py", code=code)
    print(f"province page server time ({code}): first run {cold:.0f} ms (cold caches); warm reruns {warm}"
          f"   target: median < 1000 ms")
    set_log_level("error")  # the briefs' labels are read outside a Streamlit session here
    province = _brief_province(view, kpis)
    brief = time_calls(lambda: province_brief_pdf(province, period), runs=5)
    print(f"province brief PDF ({code}):            {brief}   target: < 5000 ms")
    provinces, national = [_brief_province(v, kpis) for v in views], scorecard_of(kpis, NATIONAL_CODE)
    region_brief = time_calls(lambda: region_brief_pdf(provinces, national, region, period), runs=3)
    print(f"region brief PDF (inspection region {region}): {region_brief}   target: < 20000 ms")
