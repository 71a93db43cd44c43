"""A choropleth with a metric selector: the overview and the risk page share it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.choropleth import choropleth
from components.i18n import fixed_labels, name_column, t
from components.theme import SCALE_BAD, SCALE_GOOD


@dataclass(frozen=True)
class Metric:
    """How to show one column: its label key, number format and whether more is better."""

    column: str
    tick_format: str = ",.0f"
    higher_is_better: bool = False

    @property
    def label(self) -> str:
        return t(f"metric.{self.column}")

    @property
    def colorscale(self) -> str:
        return SCALE_GOOD if self.higher_is_better else SCALE_BAD


def metric_selector(metrics: list[Metric], key: str) -> Metric:
    """A horizontal choice of metric, kept in the URL as ``?metric=``."""
    by_column = {m.column: m for m in metrics}
    chosen = st.query_params.get("metric")
    if key not in st.session_state:
        st.session_state[key] = chosen if chosen in by_column else metrics[0].column
    column = st.pills(t("map.metric"), list(by_column), key=key,
                     format_func=fixed_labels(by_column, lambda c: by_column[c].label))
    column = column or metrics[0].column
    st.query_params["metric"] = column
    return by_column[column]


def metric_choropleth(frame: pd.DataFrame, geojson: dict, metric: Metric, *, key: str,
                      on_click: Callable[[str], None] | None = None, **map_options: object) -> None:
    """Shade ``frame`` by ``metric``; call ``on_click(code)`` when an area is clicked."""
    clicked = choropleth(frame, geojson, value=metric.column, label=metric.label, name=name_column(),
                         colorscale=metric.colorscale, key=key, value_format=metric.tick_format, **map_options)
    if clicked and on_click:
        on_click(clicked)
