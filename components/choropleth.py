"""A province (or district) choropleth drawn from our own boundaries, with a legend, hover
names and click-to-select.

It uses plotly's ``choropleth_map`` with the ``white-bg`` style: no tile or style request leaves
the server (plotly's ``geo`` choropleth would fetch a world topojson from a CDN).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.map_view import THAILAND_CENTER
from components.theme import chart_layout

THAILAND_ZOOM = 4.9


def choropleth(frame: pd.DataFrame, geojson: dict, *, value: str, label: str, name: str,
               colorscale: str, key: str, value_format: str = ",.0f", height: int = 620,
               center: dict | None = None, zoom: float = THAILAND_ZOOM) -> str | None:
    """Draw ``frame[value]`` on the areas whose feature ids are ``frame['code']``.

    Returns the code of the area the user clicked in this run, or ``None``.
    """
    figure = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=frame["code"], z=frame[value], featureidkey="id",
        colorscale=colorscale, marker={"line": {"width": 0.6, "color": "#ffffff"}},
        colorbar={"title": {"text": label}, "tickformat": value_format, "thickness": 14},
        text=frame[name], customdata=frame[["code"]],
        hovertemplate=f"<b>%{{text}}</b><br>{label}: %{{z:{value_format}}}<extra></extra>",
    ))
    figure.update_layout(**chart_layout(height=height),
                         map={"style": "white-bg", "zoom": zoom,
                              "center": center or dict(zip(("lat", "lon"), THAILAND_CENTER))})
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points",
                            config={"displayModeBar": False, "scrollZoom": True})
    return _clicked_code(event)


def _clicked_code(event) -> str | None:
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return None
    point = points[0]
    return str(point.get("location") or (point.get("customdata") or [None])[0])
