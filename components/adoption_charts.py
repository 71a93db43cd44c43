"""The adoption page's charts: the GI stock and what is in force per level over five fiscal
years, the year's GI flows, the i4.0 level distribution per year, a province's six i4.0
dimensions beside the nation's, and the leading and trailing provinces over five years. Years on
the axes are fiscal years in the Buddhist Era."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from components.adoption_labels import dimension_label, level_label
from components.i18n import t
from components.metric_map import label as metric_label
from components.metric_map import tick_format
from components.plumbing.figures import shared_figure
from components.theme import NEUTRAL, PRIMARY, QUALITATIVE, SEQUENTIAL_BAD, SEQUENTIAL_GOOD, chart_layout
from data_access import settings as cfg
from data_access.rules.adoption import DIMENSION_COLUMNS
from data_access.rules.metrics import MetricSpec

GI_COLOURS = SEQUENTIAL_GOOD[1:]
I40_COLOURS = SEQUENTIAL_GOOD[2:]
FLOW_COLOURS = {"new": QUALITATIVE[2], "upgraded": QUALITATIVE[0], "expired": NEUTRAL, "revoked": QUALITATIVE[3]}
AREA_COLOURS = (NEUTRAL, PRIMARY)
TOP_COLOURS = SEQUENTIAL_GOOD[:0:-1]
BOTTOM_COLOURS = SEQUENTIAL_BAD[:0:-1]
_CONFIG = {"displayModeBar": False}


def _year(fiscal_year: int) -> str:
    return t("trends.fy_tick", fy=fiscal_year)


def _years_as_labels(figure: go.Figure) -> go.Figure:
    """Fiscal years are labels on these axes: plotly reads "2566" as a number and would tick
    half years (2,566.5) between them."""
    return figure.update_xaxes(type="category")


def gi_stock_chart(stock: pd.DataFrame, *, key: str) -> None:
    """Certificates per level and fiscal year: the stock issued since the programme began, and
    those in force on the day (the same five colours, one legend)."""
    st.subheader(t("adoption.stock.title"))
    st.caption(t("adoption.stock.caption"))
    st.plotly_chart(shared_figure(_stock_figure, stock), key=key, config=_CONFIG)


def _stock_figure(stock: pd.DataFrame) -> go.Figure:
    figure = make_subplots(rows=1, cols=2, subplot_titles=[t("adoption.stock.issued"), t("adoption.stock.in_force")],
                           horizontal_spacing=0.08)
    for level, colour in zip(cfg.GI_LEVELS, GI_COLOURS):
        rows = stock[stock["level"] == level]
        name = level_label("gi", level)
        for col, column in enumerate(("issued", "in_force"), start=1):
            figure.add_trace(go.Bar(x=[_year(y) for y in rows["fiscal_year"]], y=rows[column], name=name,
                                    marker_color=colour, legendgroup=name, showlegend=col == 1,
                                    hovertemplate=f"{name}<br>%{{x}}: %{{y:,}}<extra></extra>"), row=1, col=col)
    figure.update_layout(**chart_layout(height=380, barmode="group", legend={"orientation": "h", "y": -0.12}))
    figure.update_yaxes(tickformat=",d")
    return _years_as_labels(figure)


def gi_flows_chart(flows: pd.DataFrame, *, key: str) -> None:
    """Certificates issued new and as upgrades, expired and revoked, per fiscal year."""
    st.subheader(t("adoption.flows.title"))
    st.plotly_chart(shared_figure(_flows_figure, flows), key=key, config=_CONFIG)


def _flows_figure(flows: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    years = [_year(y) for y in flows["fiscal_year"]]
    for column, colour in FLOW_COLOURS.items():
        name = t(f"adoption.flow.{column}")
        figure.add_trace(go.Bar(x=years, y=flows[column], name=name, marker_color=colour,
                                hovertemplate=f"{name}<br>%{{x}}: %{{y:,}}<extra></extra>"))
    figure.update_layout(**chart_layout(height=320, barmode="group", legend={"orientation": "h", "y": -0.15}),
                         yaxis={"tickformat": ",d"})
    return _years_as_labels(figure)


def i40_levels_chart(levels: pd.DataFrame, *, key: str) -> None:
    """Factories assessed in each fiscal year, as shares of the four levels (the count on hover
    and above each bar)."""
    st.subheader(t("adoption.levels.title"))
    st.caption(t("adoption.levels.caption"))
    st.plotly_chart(shared_figure(_levels_figure, levels), key=key, config=_CONFIG)


def _levels_figure(levels: pd.DataFrame) -> go.Figure:
    totals = levels.groupby("fiscal_year")["factories"].sum()
    figure = go.Figure()
    for level, colour in zip(cfg.I40_LEVELS, I40_COLOURS):
        rows = levels[levels["level"] == level]
        share = 100.0 * rows["factories"].to_numpy() / totals.reindex(rows["fiscal_year"]).where(lambda n: n > 0)
        name = level_label("i40", level)
        figure.add_trace(go.Bar(x=[_year(y) for y in rows["fiscal_year"]], y=share.fillna(0), name=name,
                                marker_color=colour, customdata=rows["factories"],
                                hovertemplate=f"{name}<br>%{{x}}: %{{y:.0f}}% (%{{customdata:,}})<extra></extra>"))
    figure.add_trace(go.Scatter(x=[_year(y) for y in totals.index], y=[104] * len(totals), mode="text",
                                text=[t("adoption.levels.n", n=f"{n:,}") for n in totals], showlegend=False,
                                hoverinfo="skip"))
    figure.update_layout(**chart_layout(height=400, barmode="stack", legend={"orientation": "h", "y": -0.15}),
                         yaxis={"range": [0, 110], "ticksuffix": "%"})
    return _years_as_labels(figure)


def dimension_chart(profile: pd.DataFrame, code: str | None, names: dict[str, str], *, key: str) -> None:
    """The six dimension scores (1.0-4.0) of the country (the total row of an
    :func:`~data_access.queries.adoption.i40_profile` by province) and of province ``code``."""
    nation = profile[profile["is_total"]].assign(label=t("adoption.nation"))
    own = profile[(profile["group_code"] == code) & ~profile["is_total"]].assign(label=names.get(code, ""))
    areas = pd.concat([nation, own])
    st.subheader(t("adoption.dimensions.title", area=names[code]) if code else t("adoption.dimensions.nation_only"))
    st.caption(t("adoption.dimensions.weakest", items=" · ".join(
        f"{row['label']}: {dimension_label(row['weakest'])}" for _, row in areas.iterrows())))
    st.plotly_chart(shared_figure(_dimension_figure, areas), key=key, config=_CONFIG)


def _dimension_figure(areas: pd.DataFrame) -> go.Figure:
    """A pair of bars per dimension: each row of ``areas`` (its label and scores) in its colour."""
    labels = [dimension_label(c.removeprefix("score_")) for c in DIMENSION_COLUMNS]
    figure = go.Figure()
    for (_, row), colour in zip(areas.iterrows(), AREA_COLOURS):
        scores = [row[c] for c in DIMENSION_COLUMNS]
        figure.add_trace(go.Bar(y=labels, x=scores, name=row["label"], orientation="h", marker_color=colour,
                                text=[f"{s:.2f}" if pd.notna(s) else "" for s in scores], textposition="outside",
                                hovertemplate=f"{row['label']}<br>%{{y}}: %{{x:.2f}}<extra></extra>"))
    figure.update_layout(**chart_layout(height=400, barmode="group", legend={"orientation": "h", "y": -0.2}),
                         xaxis={"range": [1, 4.3], "title": {"text": t("adoption.scale")}},
                         yaxis={"autorange": "reversed"})
    return figure


def slope_chart(history: pd.DataFrame, spec: MetricSpec, top: list[str], bottom: list[str], name: str, *,
                key: str) -> None:
    """``spec`` over the fiscal years of ``history`` for the leading provinces (``top``) and the
    trailing ones (``bottom``), one panel each; a legend per panel names the lines, best first."""
    st.subheader(t("adoption.slope.title", metric=metric_label(spec)))
    st.caption(t("adoption.slope.caption", min=cfg.ADOPTION_MIN_BASE))
    if not top:
        st.info(t("adoption.slope.none"))
        return
    st.plotly_chart(shared_figure(_slope_figure, history, spec, top, bottom, name), key=key, config=_CONFIG)


def _slope_figure(history: pd.DataFrame, spec: MetricSpec, top: list[str], bottom: list[str], name: str) -> go.Figure:
    panels = [(t("adoption.slope.top", n=len(top)) if bottom else t("adoption.slope.all"), top, TOP_COLOURS)]
    if bottom:
        panels.append((t("adoption.slope.bottom", n=len(bottom)), bottom, BOTTOM_COLOURS))
    figure = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.06,
                           subplot_titles=[title for title, _, _ in panels])
    value_format = tick_format(spec)
    legends = {}
    for col, (title, codes, colours) in enumerate(panels, start=1):
        legend = "legend" if col == 1 else f"legend{col}"
        legends[legend] = {"x": (col - 1) / len(panels) + 0.03 * (col - 1), "y": -0.15, "orientation": "h",
                           "font": {"size": 13}}  # else the panels' legends differ in size
        for index, code in enumerate(codes):
            rows = history[history["code"] == code]
            label = rows[name].iloc[0]
            figure.add_trace(go.Scatter(
                x=[_year(y) for y in rows["fiscal_year"]], y=rows[spec.code], mode="lines+markers", name=label,
                line={"color": colours[index % len(colours)], "width": 2}, legendgroup=title,
                legendgrouptitle_text=title, legend=legend,
                hovertemplate=f"{label}<br>%{{x}}: %{{y:{value_format}}}<extra></extra>"), row=1, col=col)
    figure.update_yaxes(title_text=metric_label(spec), tickformat=value_format, row=1, col=1)
    figure.update_layout(**chart_layout(height=460, margin={"l": 0, "r": 0, "t": 30, "b": 110}),
                         **legends)
    return _years_as_labels(figure)
