"""Monthly trends of a province: inspections, complaints received and emergencies, one panel each
(their scales differ a hundredfold), fiscal years marked on the axis in the Buddhist Era."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from components.i18n import fmt_date, t
from components.theme import chart_layout
from data_access.queries.province import TREND_SERIES
from data_access.settings import FISCAL_YEAR_START_MONTH

SERIES_COLOURS = {"inspections": "#1f4e9a", "complaints": "#ef6c00", "emergencies": "#c62828"}


def month_label(day: date) -> str:
    """``ต.ค. 2569`` / ``Oct 2026``: the month as :func:`fmt_date` writes it, without the day."""
    return fmt_date(day).split(" ", 1)[1]


def fiscal_year_ticks(trends: pd.DataFrame) -> tuple[list, list[str]]:
    """Tick positions at the first month of each fiscal year, labelled with its BE year."""
    starts = trends[trends["month"].dt.month == FISCAL_YEAR_START_MONTH]
    return list(starts["month"]), [t("trends.fy_tick", fy=fy) for fy in starts["fiscal_year"]]


def trend_chart(trends: pd.DataFrame, *, key: str) -> None:
    st.subheader(t("trends.title"))
    figure = make_subplots(rows=len(TREND_SERIES), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=[t(f"trends.{series}") for series in TREND_SERIES])
    labels = [month_label(m.date()) for m in trends["month"]]
    for row, series in enumerate(TREND_SERIES, start=1):
        figure.add_trace(go.Bar(x=trends["month"], y=trends[series], name=t(f"trends.{series}"),
                                marker_color=SERIES_COLOURS[series], customdata=labels,
                                hovertemplate="%{customdata}: %{y:,}<extra></extra>"), row=row, col=1)
    tick_values, tick_text = fiscal_year_ticks(trends)
    figure.update_xaxes(tickvals=tick_values, ticktext=tick_text, showgrid=True)
    figure.update_layout(**chart_layout(height=480, showlegend=False, bargap=0.15))
    st.plotly_chart(figure, key=key, config={"displayModeBar": False})
