"""The district map of a province: districts shaded by risky factories, the province's factories
as points coloured by risk band. Plotly's ``choropleth_map`` on the ``white-bg`` style: our own
boundaries, no tiles, nothing fetched from outside the server.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.i18n import name_column, t
from components.map_view import fit, geojson_bounds
from components.risk_labels import band_label
from components.theme import BAND_COLOURS, SCALE_BAD, chart_layout
from data_access.settings import RISK_BAND_NAMES, RISKY_BANDS

MAP_HEIGHT = 520
ASSUMED_WIDTH = 640  # px: the map's column on a laptop screen, for the initial zoom


def district_map(districts: pd.DataFrame, points: pd.DataFrame, geojson: dict, *, key: str) -> None:
    """``districts`` (code, names, operating, risky) shaded by ``risky`` on ``geojson`` (the
    province's districts); ``points`` (name, lat, lon, band, score) drawn on top, one trace per
    band so the legend explains the colours."""
    st.subheader(t("district_map.title"))
    if not geojson["features"]:
        st.info(t("district_map.no_boundaries"))
        return
    name = name_column()
    figure = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=districts["code"], z=districts["risky"], featureidkey="id",
        colorscale=SCALE_BAD, zmin=0, marker={"line": {"width": 0.8, "color": "#ffffff"}, "opacity": 0.75},
        colorbar={"title": {"text": t("district_map.risky")}, "thickness": 12, "x": 1.0},
        text=districts[name], customdata=districts[["operating"]],
        hovertemplate=(f"<b>%{{text}}</b><br>{t('district_map.risky')}: %{{z:,}}"
                       f"<br>{t('district_map.operating')}: %{{customdata[0]:,}}<extra></extra>"),
    ))
    for band in RISK_BAND_NAMES:
        chosen = points[points["band"] == band]
        if chosen.empty:
            continue
        figure.add_trace(go.Scattermap(
            lat=chosen["lat"], lon=chosen["lon"], mode="markers", name=band_label(band),
            marker={"size": 8 if band in RISKY_BANDS else 5, "color": BAND_COLOURS[band]},
            text=chosen["name"], customdata=chosen[["score"]],
            hovertemplate="%{text}<br>" + t("district_map.score") + ": %{customdata[0]:.1f}<extra></extra>",
        ))
    view = fit(*geojson_bounds(geojson), width=ASSUMED_WIDTH, height=MAP_HEIGHT)
    figure.update_layout(**chart_layout(height=MAP_HEIGHT, legend={"orientation": "h", "y": -0.02}),
                         map={"style": "white-bg", "center": {"lat": view.lat, "lon": view.lon}, "zoom": view.zoom})
    st.plotly_chart(figure, key=key, config={"displayModeBar": False, "scrollZoom": True})
