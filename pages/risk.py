"""Risk map: which provinces are behind on their risky factories (choropleth), where the factories
that match the filters are (pydeck: hexagons for the country, points for a province or a narrow
filter), each factory's score explained on its card, and the list to download."""
from datetime import date

import pandas as pd
import streamlit as st

from components.factory_card import factory_card_view, select_factory
from components.factory_filters import factory_filter_controls
from components.factory_map import band_legend, factory_map, hex_deck, hex_legend, layer_ids, point_deck
from components.factory_table import factory_table
from components.i18n import fiscal_year_label, fmt_date, fmt_int, t
from components.metric_map import label, metric_choropleth, metric_selector
from components.plumbing import coverage, reference, url_state
from components.plumbing.database import run
from components.plumbing.navigation import open_province
from components.plumbing.params import RISK, factory_filter, read_filter
from components.plumbing.queries import cached
from components.plumbing.shell import current, ensure_shell, require_data
from components.risk_labels import band_label
from data_access import settings as cfg
from data_access.queries import risk_map
from data_access.queries.risk_map import FactoryFilter


@st.fragment
def province_map(metrics: pd.DataFrame) -> None:
    """The provinces shaded by the metric chosen: a fragment, so that choosing another redraws
    this map alone, not the factories' map and table."""
    st.subheader(t("risk.provinces"))
    st.caption(t("risk.provinces.caption"))
    metric = metric_selector(RISK, key="risk_metric")
    if coverage.measured(metric.code, label(metric)):
        metric_choropleth(metrics, reference.province_geojson(), metric, key="risk_choropleth", on_click=open_province)


@st.fragment
def factory_details(factories: pd.DataFrame, matching: int, day: date, flt: FactoryFilter) -> None:
    """The open factory's card over the table of factories: a fragment, so that a row clicked (or
    the card closed) redraws these alone, not the two maps above them. The downloads read every
    one of the ``matching`` factories when asked for."""
    if (factory_id := url_state.current(RISK)["factory"]) is not None:
        factory_card_view(cached(risk_map.factory_card, factory_id, day), factory_id)
    if matching:
        factory_table(factories, matching, lambda: run(risk_map.matching_factories, day, flt), key="risk_table",
                      on_pick=select_factory, day=day)


ensure_shell()
require_data()

f = current()
_, flt, in_view = read_filter(RISK, f.scope, factory_filter)

st.title(t("risk.title"))
st.caption(t("risk.subtitle", fy=fiscal_year_label(f.period.fiscal_year), day=fmt_date(f.period.day)))
st.caption(t("risk.model_help", n=len(cfg.RISK_FACTORS),
             bands=", ".join(f"{band_label(band)} ≥ {lower:g}" for lower, band in reversed(cfg.RISK_BANDS))))
coverage.notice(coverage.RISK)
factory_filter_controls(in_view)
metrics = coverage.metrics(cached(risk_map.province_risk_metrics, f.period, f.scope, flt))
counts = cached(risk_map.matching_counts, f.period.day, flt)
province = flt.scope.province_code
points = counts.located > 0 and (province is not None or counts.located <= cfg.RISK_MAP_MAX_POINTS)
# Points need every matching factory; hexagons are counted apart, and the table shows its first rows.
factories = cached(risk_map.matching_factories, f.period.day, flt, None if points else cfg.TABLE_SCREEN_ROWS)

provinces_column, factories_column = st.columns([2, 3])
with provinces_column:
    province_map(metrics)
with factories_column:
    st.subheader(t("risk.factories"))
    st.caption(t("risk.matching", n=fmt_int(counts.matching), unlocated=fmt_int(counts.matching - counts.located),
                 risky=fmt_int(counts.risky)))
    outlines = reference.province_geojson() if province is None else reference.provinces_and_districts_geojson(province)
    if not counts.matching:
        st.info(t("risk.no_match"))
    elif not counts.located:
        st.info(t("risk.map.no_points"))
    elif points:
        st.caption(t("risk.map.points"))
        factory_map(point_deck(factories, outlines), key="risk_points", on_pick=select_factory,
                    ids_by_layer=layer_ids(factories))
        band_legend()
    else:
        st.caption(t("risk.map.hexagons"))
        cells = cached(risk_map.factory_cells, f.period.day, flt)
        factory_map(hex_deck(cells, outlines, reference.bounds_of(in_view["code"])), key="risk_hexagons")
        hex_legend()

factory_details(factories, counts.matching, f.period.day, flt)
