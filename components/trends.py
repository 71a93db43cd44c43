"""Monthly trends of a province: inspections, complaints received and emergencies, one panel each
(their scales differ a hundredfold), every fiscal year of the window named (BE) under the middle
of its span and shaded in turn, each panel's unit on its axis, and the current month, counted
only up to the day shown, drawn pale rather than as a collapse."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from components.i18n import fmt_date, t
from components.plumbing.figures import shared_figure
from components.theme import PRIMARY, QUALITATIVE, chart_layout
from data_access.queries.province import TREND_SERIES

SERIES_COLOURS = {"inspections": PRIMARY, "complaints": QUALITATIVE[1], "emergencies": QUALITATIVE[3]}
PARTIAL_OPACITY = 0.35
_SHADE = PRIMARY + "10"  # PRIMARY at 6% opacity


def month_label(day: date) -> str:
    """``ต.ค. 2569`` / ``Oct 2026``: the month as :func:`fmt_date` writes it, without the day."""
    return fmt_date(day).split(" ", 1)[1]


def fiscal_years(trends: pd.DataFrame) -> pd.DataFrame:
    """Per fiscal year of ``trends``: its first and last month and the middle of them (where its
    name goes), in order."""
    spans = trends.groupby("fiscal_year")["month"].agg(["min", "max"]).reset_index()
    spans["middle"] = spans["min"] + (spans["max"] - spans["min"]) / 2
    return spans


def fiscal_year_ticks(trends: pd.DataFrame) -> tuple[list, list[str]]:
    """One tick per fiscal year, under the middle of its months, labelled with its BE year."""
    spans = fiscal_years(trends)
    return list(spans["middle"]), [t("trends.fy_tick", fy=fy) for fy in spans["fiscal_year"]]


def trend_chart(trends: pd.DataFrame, *, key: str) -> None:
    st.subheader(t("trends.title", n=trends["fiscal_year"].nunique()))
    st.plotly_chart(shared_figure(_figure, trends), key=key, config={"displayModeBar": False})
    if not trends["complete"].all():
        st.caption(t("trends.partial", month=month_label(trends["month"].iloc[-1].date())))


def _figure(trends: pd.DataFrame) -> go.Figure:
    """The three panels of ``trends`` (month, fiscal_year, complete and a column per series)."""
    figure = make_subplots(rows=len(TREND_SERIES), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                           subplot_titles=[t(f"trends.{series}") for series in TREND_SERIES])
    labels = [month_label(m.date()) for m in trends["month"]]
    opacity = [1.0 if complete else PARTIAL_OPACITY for complete in trends["complete"]]
    for row, series in enumerate(TREND_SERIES, start=1):
        figure.add_trace(go.Bar(x=trends["month"], y=trends[series], name=t(f"trends.{series}"),
                                marker={"color": SERIES_COLOURS[series], "opacity": opacity}, customdata=labels,
                                hovertemplate="%{customdata}: %{y:,}<extra></extra>"), row=row, col=1)
        figure.update_yaxes(title_text=t(f"trends.unit.{series}"), title_font_size=12, row=row, col=1)
    figure.update_layout(shapes=_year_shades(fiscal_years(trends), panels=len(TREND_SERIES)))
    tick_values, tick_text = fiscal_year_ticks(trends)
    figure.update_xaxes(tickvals=tick_values, ticktext=tick_text, showgrid=False, ticklabeloverflow="allow")
    figure.update_xaxes(title_text=t("trends.fy_axis"), title_font_size=12, row=len(TREND_SERIES), col=1)
    return figure.update_layout(**chart_layout(height=480, showlegend=False, bargap=0.15))


def _year_shades(spans: pd.DataFrame, panels: int) -> list[dict]:
    """Every other fiscal year shaded behind each panel, as layout shapes given at once
    (``add_vrect`` validates the figure again per shape: a fifth of a second a run)."""
    half_month = pd.Timedelta(days=15)
    return [{"type": "rect", "xref": f"x{panel if panel > 1 else ''}", "yref": f"y{panel if panel > 1 else ''} domain",
             "x0": span["min"] - half_month, "x1": span["max"] + half_month, "y0": 0, "y1": 1,
             "fillcolor": _SHADE, "line": {"width": 0}, "layer": "below"}
            for index, span in spans.iterrows() if index % 2 == 0 for panel in range(1, panels + 1)]
