"""The district map of a province, one encoding at a time: districts shaded by their risky
factories, or the factories as points coloured by risk band over plain districts (two red scales
on one map, dots hiding the fill, read as neither). A district's name and counts show on hover
either way. The shaded districts (the default) are an SVG ``geo`` map like the province
choropleths (:mod:`components.choropleth`: quick to mount again when a rerun changes them, fitted
in the browser); the factories are drawn with WebGL (plotly's ``choropleth_map`` on the
``white-bg`` style: a province's thousands of points in one go, where SVG is slower), our own
boundaries, no tiles, and the view framing the province in the narrowest column the map is shown in.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.choropleth import BASE_MAP_URL, GEO_LAYOUT
from components.i18n import fixed_labels, fmt_int, name_column, t
from components.map_view import fit, geojson_bounds
from components.plumbing.figures import shared_figure
from components.plumbing.url_state import Group, bound
from components.risk_labels import band_label
from components.theme import BAND_COLOURS, BLANK, LINE, PAPER, SCALE_BAD, chart_layout
from data_access.settings import MAP_WIDTH_DISTRICTS, RISK_BAND_NAMES, RISKY_BANDS

MAP_HEIGHT = 520
DISTRICTS, FACTORIES = "districts", "factories"
_PLAIN = [[0, BLANK], [1, BLANK]]


@st.fragment
def district_map(districts: pd.DataFrame, points: pd.DataFrame, geojson: dict, group: Group, *, key: str) -> None:
    """``districts`` (code, names, operating, risky) on ``geojson`` (the province's districts),
    shaded by ``risky``, or ``points`` (name, lat, lon, band, score; ``located`` of them in all,
    the caption says when some are left out) over them: ``group``'s ``map`` parameter says
    which. A fragment: the other encoding redraws the map alone."""
    st.subheader(t("district_map.title"))
    if not geojson["features"]:
        st.info(t("district_map.no_boundaries"))
        return
    modes = group["map"].allowed()
    mode = bound(st.segmented_control, group, "map", key=f"{key}_mode", label=t("district_map.show"),
                 options=modes, format_func=fixed_labels(modes, lambda m: t(f"district_map.mode.{m}")),
                 label_visibility="collapsed")
    if mode == FACTORIES and len(points) and (located := int(points["located"].iloc[0])) > len(points):
        st.caption(t("district_map.capped", shown=fmt_int(len(points)), n=fmt_int(located)))
    figure = (shared_figure(_districts_figure, districts, geojson) if mode == DISTRICTS
              else shared_figure(_factories_figure, districts, points, geojson))
    st.plotly_chart(figure, key=f"{key}_{mode}",
                    config={"displayModeBar": False, "scrollZoom": True, "topojsonURL": BASE_MAP_URL})


def _districts_figure(districts: pd.DataFrame, geojson: dict) -> go.Figure:
    """The districts shaded by their risky factories, on an SVG map fitted in the browser."""
    return go.Figure(_districts_trace(districts, geojson, shaded=True), layout=_layout()).update_layout(geo=GEO_LAYOUT)


def _factories_figure(districts: pd.DataFrame, points: pd.DataFrame, geojson: dict) -> go.Figure:
    """The factories by risk band over plain districts, on WebGL, framed for the map's column."""
    figure = go.Figure([_districts_trace(districts, geojson, shaded=False), *_point_traces(points)], layout=_layout())
    return figure.update_layout(map=_map_layout(geojson, width=MAP_WIDTH_DISTRICTS, height=MAP_HEIGHT - 60))


def _layout() -> dict:
    """What both encodings share: the height, and room under the map for its scale or legend."""
    return chart_layout(height=MAP_HEIGHT, legend={"orientation": "h", "y": -0.02},
                        margin={"l": 0, "r": 0, "t": 0, "b": 60})


def _map_layout(geojson: dict, *, width: int, height: int) -> dict:
    """No tiles; the view on every district of ``geojson`` in ``width`` x ``height`` pixels."""
    view = fit(*geojson_bounds(geojson), width=width, height=height)
    return {"style": "white-bg", "center": {"lat": view.lat, "lon": view.lon}, "zoom": view.zoom}


def _districts_trace(districts: pd.DataFrame, geojson: dict, *, shaded: bool) -> go.Choropleth | go.Choroplethmap:
    """Every district with its name and counts on hover: shaded by risky factories on the SVG
    map, or plain on the WebGL map under the factories."""
    trace = go.Choropleth if shaded else go.Choroplethmap
    return trace(
        geojson=geojson, locations=districts["code"], z=districts["risky"] if shaded else [0] * len(districts),
        featureidkey="id", colorscale=SCALE_BAD if shaded else _PLAIN, zmin=0, showscale=shaded,
        marker={"line": {"width": 0.8, "color": PAPER if shaded else LINE}, "opacity": 0.85},
        colorbar={"title": {"text": t("district_map.risky"), "side": "top"}, "thickness": 12, "orientation": "h",
                  "y": -0.02, "yanchor": "top", "len": 0.9},
        text=districts[name_column()], customdata=districts[["risky", "operating"]],
        hovertemplate=(f"<b>%{{text}}</b><br>{t('district_map.risky')}: %{{customdata[0]:,}}"
                       f"<br>{t('district_map.operating')}: %{{customdata[1]:,}}<extra></extra>"),
    )


def _point_traces(points: pd.DataFrame) -> list[go.Scattermap]:
    """One trace per band, so the legend explains the colours; risky factories drawn larger."""
    return [go.Scattermap(
        lat=chosen["lat"], lon=chosen["lon"], mode="markers", name=band_label(band),
        marker={"size": 8 if band in RISKY_BANDS else 5, "color": BAND_COLOURS[band]},
        text=chosen["name"], customdata=chosen[["score"]],
        hovertemplate="%{text}<br>" + t("district_map.score") + ": %{customdata[0]:.1f}<extra></extra>",
    ) for band in RISK_BAND_NAMES if not (chosen := points[points["band"] == band]).empty]
