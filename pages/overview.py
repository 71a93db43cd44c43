"""National overview: headline figures against last year, a province choropleth and a ranked table."""
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import fiscal_year_label, fmt_date, name_column, scope_label, t
from components.kpi_cards import kpi_cards
from components.metric_map import label, metric_choropleth, metric_selector
from components.plumbing import coverage, reference, url_state
from components.plumbing.navigation import open_province
from components.plumbing.params import OVERVIEW
from components.plumbing.queries import cached
from components.plumbing.shell import current, ensure_shell, require_data
from components.province_table import ranked_province_table
from data_access.queries import overview
from data_access.rules.metrics import OVERVIEW_MAP


@st.fragment
def map_and_ranking(now: pd.DataFrame, day: date) -> None:
    """The metric's map and ranking: a fragment, so that choosing a metric redraws these alone."""
    map_column, table_column = st.columns([3, 2])
    with map_column:
        metric = metric_selector(OVERVIEW, key="overview_metric")
        if coverage.measured(metric.code, label(metric)):
            metric_choropleth(now, reference.province_geojson(), metric, key="overview_map", on_click=open_province)
    with table_column:
        ranked_province_table(now, metric, OVERVIEW_MAP, name_column(), key="overview_table", day=day)


ensure_shell()
require_data()

f = current()
url_state.read(OVERVIEW)
now = coverage.metrics(cached(overview.province_metrics, f.period, f.scope))
before = coverage.metrics(cached(overview.province_metrics, f.period.previous(), f.scope))

st.title(t("overview.title", scope=scope_label(f.scope.region, f.scope.inspection_region)))
st.caption(t("overview.subtitle", fy=fiscal_year_label(f.period.fiscal_year), day=fmt_date(f.period.day)))
coverage.notice(coverage.OVERVIEW)
kpi_cards(overview.kpis_with_change(now, before), delta_label=t("kpi.vs_last_year"))

map_and_ranking(now, f.period.day)
