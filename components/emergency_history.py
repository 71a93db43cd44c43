"""The emergency board's history: incidents per month and type, the times to contain and to close,
the provinces and factories that keep having incidents, and a month-by-month playback of where
they happened.

The playback is one plotly figure with a slider step per month that swaps the points in the
browser, without a trip to the server (plotly's animated frames were left out: pausing one makes
plotly report an unhandled rejected promise). It is drawn over our own boundaries as a map layer
on the ``white-bg`` style (nothing fetched), and fits itself to the scope: plotly fits a map to the
points of its traces (``fitbounds``), so an invisible trace holds the corners of the provinces
in scope and every month keeps the same frame.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.emergency_labels import TYPE_COLOURS, status_label, type_label, type_legend
from components.i18n import fixed_labels, fmt_date, fmt_int, lang, t
from components.map_view import geojson_bounds
from components.plumbing.figures import shared_figure
from components.plumbing.params import EMERGENCIES
from components.theme import BLANK, INK, LINE
from components.plumbing.url_state import bound
from components.tables import download_buttons
from components.theme import chart_layout
from components.trends import fiscal_year_ticks, month_label
from data_access import settings as cfg
from data_access.queries.emergencies import DURATION_GROUPINGS, History
from data_access.rules.emergencies import DURATION_COLUMNS, hours

PLAYBACK_HEIGHT = 560


def monthly_chart(monthly: pd.DataFrame, *, key: str) -> None:
    """Stacked bars of incidents started per month, one colour per type; fiscal years on the axis.
    ``monthly`` has every month and type (:func:`rules.emergencies.monthly_counts`): a type's bars
    are its column of the months-by-types table, and every bar of a month shares its label."""
    st.subheader(t("emergency.monthly.title"))
    st.plotly_chart(shared_figure(_monthly_figure, monthly), key=key, config={"displayModeBar": False})


def _monthly_figure(monthly: pd.DataFrame) -> go.Figure:
    wide = monthly.pivot(index="month", columns="type", values="n")
    labels = [month_label(month.date()) for month in wide.index]
    figure = go.Figure([go.Bar(x=wide.index, y=wide[kind].to_numpy(), name=type_label(kind),
                               marker_color=TYPE_COLOURS[kind], customdata=labels,
                               hovertemplate=f"{type_label(kind)} %{{customdata}}: %{{y:,}}<extra></extra>")
                        for kind in cfg.EMERGENCY_TYPES])
    tick_values, tick_text = fiscal_year_ticks(monthly.drop_duplicates("month"))
    figure.update_xaxes(tickvals=tick_values, ticktext=tick_text, showgrid=True)
    return figure.update_layout(**chart_layout(height=380, barmode="stack", bargap=0.1,
                                               legend={"orientation": "h", "y": -0.12}))


@st.fragment
def durations_table(history: History, *, key: str) -> None:
    """Median and 90th percentile of the hours to contain and to close, grouped as the ``by``
    parameter says (type, severity, or both). A fragment: another grouping redraws the table alone."""
    st.subheader(t("emergency.durations.title"))
    groupings = tuple(DURATION_GROUPINGS)
    grouping = bound(st.pills, EMERGENCIES, "by", key=f"{key}_by", label=t("emergency.durations.by"),
                     options=groupings, format_func=fixed_labels(groupings, lambda g: t(f"emergency.durations.{g}")))
    stats = history.durations(grouping)
    shown = pd.DataFrame({
        **({"type": stats["type"].map(type_label)} if "type" in stats else {}),
        **({"severity": stats["severity"]} if "severity" in stats else {}),
        **{column: stats[column] for column in DURATION_COLUMNS}})
    headers = {column: t(f"emergency.durations.col.{column}") for column in shown.columns}
    one_decimal = {headers[c]: st.column_config.NumberColumn(format="%.1f")
                   for c in DURATION_COLUMNS if c.endswith("_h")}
    st.dataframe(shown.rename(columns=headers), hide_index=True, column_config=one_decimal, height="content")
    st.caption(t("emergency.durations.note"))
    download_buttons(shown.rename(columns=headers), f"emergency_durations_by_{grouping}", key=f"{key}_download",
                     excel=True)


def repeats_table(repeats: pd.DataFrame, *, kind: str, key: str, on_pick: Callable[[str], None]) -> None:
    """Provinces (``kind="province"``) or factories (``"factory"``) with repeated incidents; a
    click on a row opens the province's page or the factory's card."""
    st.subheader(t(f"emergency.repeat.{kind}.title", n=fmt_int(len(repeats)), min=cfg.EMERGENCY_REPEAT_MIN))
    if repeats.empty:
        st.info(t(f"emergency.repeat.{kind}.none"))
        return
    st.caption(t(f"emergency.repeat.{kind}.help"))
    ids = repeats["factory_id" if kind == "factory" else "province_code"]
    shown = pd.DataFrame({
        **({"factory": repeats["factory_name"], "display_reg": repeats["display_reg"].fillna("")}
           if kind == "factory" else {}),
        "province": repeats[f"province_{lang()}"], "incidents": repeats["incidents"],
        "worst_severity": repeats["worst_severity"].astype(int),
        "types": repeats["types"].map(lambda codes: ", ".join(type_label(c) for c in codes.split(","))),
        "latest": [fmt_date(moment, with_time=True) for moment in repeats["latest"]]})
    headers = {column: t(f"emergency.repeat.col.{column}") for column in (*shown.columns, "code")}

    def picked() -> None:
        rows = st.session_state[key]["selection"]["rows"]
        if rows:
            on_pick(str(ids.iloc[rows[0]]))

    st.dataframe(shown.rename(columns=headers), hide_index=True, key=key, on_select=picked,
                 selection_mode="single-row", height=min(420, 38 + 35 * len(shown)))
    download_buttons(shown.assign(code=ids.to_numpy()).rename(columns=headers), f"emergency_repeat_{kind}",
                     key=f"{key}_download", excel=True)


def playback_map(history: History, outlines: dict, *, key: str) -> None:
    """Where incidents started, month by month, on a slider that redraws the points in the browser."""
    figure = shared_figure(_playback_figure, history.incidents, history.monthly, outlines)
    st.plotly_chart(figure, key=key, config={"displayModeBar": False, "scrollZoom": True})
    type_legend()
    st.caption(t("emergency.playback.help"))


def _playback_figure(incidents: pd.DataFrame, monthly: pd.DataFrame, outlines: dict) -> go.Figure:
    """The playback of ``incidents`` over the areas of ``outlines`` (shared: plotly takes some
    40 ms to build and check five years of points in sixty slider steps)."""
    located = incidents.dropna(subset=["lat", "lon"])
    counts = monthly.groupby("month")["n"].sum()  # the months of the window, as the chart counts them
    months = counts.index
    by_month = _points_by_month(located, months)
    west, south, east, north = geojson_bounds(outlines)
    corners = go.Scattermap(lat=[south, north], lon=[west, east], mode="markers", marker={"opacity": 0},
                            hoverinfo="skip", showlegend=False)
    traces = [go.Scattermap(mode="markers", name=type_label(kind),
                            marker={"color": TYPE_COLOURS[kind], "opacity": 0.85},
                            hovertemplate=f"<b>{type_label(kind)}</b> · %{{text}}<extra></extra>",
                            **{name: values[i] for name, values in by_month[0].items()})
              for i, kind in enumerate(cfg.EMERGENCY_TYPES)]
    labels = [t("emergency.playback.step", month=month_label(m.date()), n=fmt_int(counts[m])) for m in months]
    figure = go.Figure(data=[corners, *traces])
    figure.update_layout(**chart_layout(height=PLAYBACK_HEIGHT, margin={"l": 0, "r": 0, "t": 10, "b": 70}),
                         showlegend=False,
                         map={"style": "white-bg", "fitbounds": "locations",
                              "layers": [{"source": outlines, "type": "fill", "color": BLANK, "below": "traces"},
                                         {"source": outlines, "type": "line", "color": LINE,
                                          "line": {"width": 0.6}}]},
                         sliders=[_month_slider(labels, by_month)])
    return figure


def history_download(history: History, *, key: str) -> None:
    """Every incident of the history's window with its times, for CSV and Excel (five years of
    incidents: put in words when a file is asked for, not on every run)."""
    download_buttons(lambda: history_rows(history.incidents).rename(columns=lambda c: t(f"emergency.col.{c}")),
                     "emergency_history", key=key, excel=True)


def history_rows(incidents: pd.DataFrame) -> pd.DataFrame:
    """Past incidents for the files: labels in the session's language, times as times (date cells
    in Excel, ISO in CSV, as every download), hours to contain and to close."""
    types = {kind: type_label(kind) for kind in cfg.EMERGENCY_TYPES}
    statuses = {status: status_label(status) for status in cfg.EMERGENCY_STATUSES}
    return pd.DataFrame({
        "emergency_id": incidents["emergency_id"], "type": incidents["type"].map(types),
        "severity": incidents["severity"].astype(int), "status": incidents["status"].map(statuses),
        "province": incidents[f"province_{lang()}"], "factory": incidents["factory_name"].fillna(""),
        "display_reg": incidents["display_reg"].fillna(""), "started": incidents["started_at"],
        "contained": incidents["contained_at"], "closed": incidents["closed_at"],
        "contain_h": hours(incidents["started_at"], incidents["contained_at"]).round(1),
        "close_h": hours(incidents["started_at"], incidents["closed_at"]).round(1),
        "casualties": incidents["casualties"].astype(int), "summary": incidents["summary"].fillna(""),
    })


def _points_by_month(incidents: pd.DataFrame, months: pd.DatetimeIndex) -> list[dict[str, list]]:
    """Each month's points as plotly's ``restyle`` takes them: per attribute, one list per type
    trace (empty when none of that type started: a step replaces every trace's points), in the
    incidents' order. The points are sorted by month and type once and each step takes its
    slices: five years of incidents, every time the page runs."""
    types = len(cfg.EMERGENCY_TYPES)
    started = pd.to_datetime(incidents["started_at"])
    severity = incidents["severity"].astype(int)
    levels = {s: t("emergency.severity", n=s) for s in cfg.EMERGENCY_SEVERITIES}
    keys = ((started.dt.year * 12 + started.dt.month) * types
            + incidents["type"].map({kind: i for i, kind in enumerate(cfg.EMERGENCY_TYPES)})).to_numpy()
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    columns = {"lat": incidents["lat"], "lon": incidents["lon"], "marker.size": 6 + 3 * severity,
               "text": incidents[f"province_{lang()}"] + " · " + severity.map(levels)}
    columns = {name: column.to_numpy()[order].tolist() for name, column in columns.items()}
    wanted = np.array([(month.year * 12 + month.month) * types + i for month in months for i in range(types)], int)
    starts = np.searchsorted(keys, wanted, "left").reshape(len(months), types).tolist()
    ends = np.searchsorted(keys, wanted, "right").reshape(len(months), types).tolist()
    return [{name: [values[lo:hi] for lo, hi in zip(month_starts, month_ends)] for name, values in columns.items()}
            for month_starts, month_ends in zip(starts, ends)]


def _month_slider(labels: list[str], by_month: list[dict[str, list]]) -> dict:
    """A step per month that swaps the type traces' points (``restyle``: drawn at once, nothing
    animated, so moving the slider never leaves plotly an interrupted animation to report)."""
    traces = list(range(1, len(cfg.EMERGENCY_TYPES) + 1))
    return {"active": 0, "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top", "pad": {"t": 8},
            "currentvalue": {"prefix": t("emergency.playback.month") + " ", "font": {"size": 15, "color": INK}},
            "font": {"color": "rgba(0,0,0,0)"},  # a label under every step would be unreadable
            "steps": [{"label": label, "method": "restyle", "args": [points, traces]}
                      for label, points in zip(labels, by_month)]}
