"""National overview: headline KPIs against last year, a province choropleth and a ranked table."""
import streamlit as st

from components import cached, filters
from components.i18n import fiscal_year_label, fmt_date, fmt_int, fmt_pct, name_column, t
from components.kpi_cards import kpi_cards
from components.metric_map import Metric, metric_choropleth, metric_selector
from components.navigation import open_province
from components.province_table import ranked_province_table
from components.shell import ensure_shell, require_data
from data_access.queries.overview import kpis_with_change, province_metrics
from data_access.reference import province_geojson
from data_access.rules.fiscal import same_point_last_year

ensure_shell()
require_data()

METRICS = [
    Metric("risky"), Metric("risky_per_1000", ",.1f"), Metric("risky_inspected_pct", ",.1f", higher_is_better=True),
    Metric("open_complaints"), Metric("active_emergencies"), Metric("operating", higher_is_better=True),
    Metric("gi_certified", higher_is_better=True), Metric("i40_advanced", higher_is_better=True),
]
KPI_FORMATS = {"risky_inspected_pct": fmt_pct}

f = filters.current()
now = cached.query(province_metrics, f.day, f.scope)
before = cached.query(province_metrics, same_point_last_year(f.day), f.scope)

st.title(t("overview.title"))
st.caption(t("overview.subtitle", fy=fiscal_year_label(f.fiscal_year), day=fmt_date(f.day)))
kpi_cards(kpis_with_change(now, before), {k: KPI_FORMATS.get(k, fmt_int) for k in now.columns},
          lower_is_better={"risky", "open_complaints", "active_emergencies"}, delta_label=t("kpi.vs_last_year"))

metric = metric_selector(METRICS, key="overview_metric")
map_column, table_column = st.columns([3, 2])
with map_column:
    metric_choropleth(now, province_geojson(), metric, key="overview_map", on_click=open_province)
with table_column:
    ranked_province_table(now, metric, [m.column for m in METRICS], name_column(), key="overview_table")
