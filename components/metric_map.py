"""A choropleth with a metric selector: the overview and the risk page share it. What a metric
is (unit, which way is better) comes from :mod:`data_access.rules.metrics`; how it looks
(label, number format, colour scale) is worked out here."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.choropleth import choropleth
from components.i18n import fixed_labels, name_column, t
from components.plumbing.url_state import Group, bound
from components.theme import SCALE_BAD, SCALE_GOOD
from data_access.rules.metrics import COUNT, METRICS, MetricSpec


def tick_format(spec: MetricSpec) -> str:
    """Plotly's number format of a metric: counts whole, ratios with one decimal."""
    return ",.0f" if spec.unit == COUNT else ",.1f"


def label(spec: MetricSpec) -> str:
    return t(f"metric.{spec.code}")


def colorscale(spec: MetricSpec) -> str:
    return SCALE_GOOD if spec.higher_is_better else SCALE_BAD


def metric_selector(group: Group, *, key: str, name: str = "metric") -> MetricSpec:
    """The choice among the metrics of ``group``'s parameter ``name``: a selectbox, which fits
    the map's column at any width (a row of pills runs out of it)."""
    codes = group[name].allowed()
    chosen = bound(st.selectbox, group, name, key=key, label=t("map.metric"), options=codes,
                   format_func=fixed_labels(codes, lambda code: label(METRICS[code])))
    return METRICS[chosen]


def metric_choropleth(frame: pd.DataFrame, geojson: dict, spec: MetricSpec, *, key: str,
                      on_click: Callable[[str], None] | None = None, **map_options: object) -> None:
    """Shade ``frame`` by ``spec``; call ``on_click(code)`` when an area is clicked."""
    clicked = choropleth(frame, geojson, value=spec.code, label=label(spec), name=name_column(),
                         colorscale=colorscale(spec), key=key, value_format=tick_format(spec), **map_options)
    if clicked and on_click:
        on_click(clicked)
