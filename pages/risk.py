"""Risk map: which provinces are behind on their risky factories (choropleth), where the factories
that match the filters are (pydeck: hexagons for the country, points for a province or a narrow
filter), each factory's score explained on its card, and the list to download."""
import streamlit as st

from components import boundaries, cached, filters
from components.factory_card import factory_card_view, select_factory, selected_factory
from components.factory_filters import factory_filter_controls
from components.factory_map import band_legend, factory_map, hex_deck, layer_ids, point_deck
from components.factory_table import factory_table
from components.i18n import fiscal_year_label, fmt_date, fmt_int, t
from components.metric_map import Metric, metric_choropleth, metric_selector
from components.navigation import open_province
from components.risk_labels import band_label
from components.shell import ensure_shell, require_data
from data_access import settings as cfg
from data_access.queries.risk_map import factory_card, factory_cells, matching_factories, province_risk_metrics

ensure_shell()
require_data()

METRICS = [
    Metric("risky"), Metric("risky_per_1000", ",.1f"), Metric("risky_inspected_pct", ",.1f", higher_is_better=True),
    Metric("risky_overdue"), Metric("risky_open_complaints"),
]

f = filters.current()
st.title(t("risk.title"))
st.caption(t("risk.subtitle", fy=fiscal_year_label(f.fiscal_year), day=fmt_date(f.day)))
st.caption(t("risk.model_help", n=len(cfg.RISK_FACTORS),
             bands=", ".join(f"{band_label(band)} ≥ {lower:g}" for lower, band in reversed(cfg.RISK_BANDS))))
flt = factory_filter_controls(f.scope)
metrics = cached.query(province_risk_metrics, f.day, f.scope)
factories = cached.query(matching_factories, f.day, flt)

metric = metric_selector(METRICS, key="risk_metric")
provinces_column, factories_column = st.columns([2, 3])
with provinces_column:
    st.subheader(t("risk.provinces"))
    metric_choropleth(metrics, boundaries.provinces(), metric, key="risk_choropleth", on_click=open_province)
with factories_column:
    st.subheader(t("risk.factories"))
    located = int(factories["lat"].notna().sum())
    st.caption(t("risk.matching", n=fmt_int(len(factories)), unlocated=fmt_int(len(factories) - located),
                 risky=fmt_int(factories["band"].isin(cfg.RISKY_BANDS).sum())))
    if factories.empty:
        st.info(t("risk.no_match"))
    elif not located:
        st.info(t("risk.map.no_points"))
    elif flt.scope.province_code is not None or located <= cfg.RISK_MAP_MAX_POINTS:
        st.caption(t("risk.map.points"))
        factory_map(point_deck(factories, flt.scope.province_code), key="risk_points", on_pick=select_factory,
                    ids_by_layer=layer_ids(factories))
    else:
        st.caption(t("risk.map.hexagons"))
        factory_map(hex_deck(cached.query(factory_cells, f.day, flt)), key="risk_hexagons")
    if located:
        band_legend()

if (factory_id := selected_factory()) is not None:
    factory_card_view(cached.query(factory_card, factory_id, f.day), factory_id)
if not factories.empty:
    factory_table(factories, key="risk_table", on_pick=select_factory)
