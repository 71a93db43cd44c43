"""A province (or district) choropleth drawn from our own boundaries, with a legend, hover
names and click-to-select.

It uses plotly's ``choropleth_map`` with the ``white-bg`` style: no tile or style request leaves
the server (plotly's ``geo`` choropleth would fetch a world topojson from a CDN). The view frames
the areas drawn (a region fills its frame) in the narrowest column the map is shown in, so that
no area is cut off at any screen width; the legend runs under the map, leaving it the width.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.map_view import fit, geojson_bounds
from components.theme import PAPER, chart_layout


def map_layout(geojson: dict, ids: set[str] | None, *, width: int, height: int) -> dict:
    """The ``map`` layout of a plotly map: no tiles, the view on the features ``ids`` of
    ``geojson`` (all when ``None``) in ``width`` x ``height`` pixels."""
    view = fit(*geojson_bounds(geojson, ids), width=width, height=height)
    return {"style": "white-bg", "center": {"lat": view.lat, "lon": view.lon}, "zoom": view.zoom}


def choropleth(frame: pd.DataFrame, geojson: dict, *, value: str, label: str, name: str, colorscale: str,
               key: str, value_format: str = ",.0f", height: int = 560, width: int = 460, font_size: int = 14,
               line_width: float = 0.6) -> str | None:
    """Draw ``frame[value]`` on the areas whose feature ids are ``frame['code']``; ``width`` is the
    map's column at the narrowest screen it is read on (1280 px). A projected map asks for a
    larger ``font_size`` (its scale grows with it) and thicker area outlines (``line_width``).

    Returns the code of the area the user clicked in this run, or ``None``.
    """
    figure = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=frame["code"], z=frame[value], featureidkey="id",
        colorscale=colorscale, marker={"line": {"width": line_width, "color": PAPER}},
        colorbar={"title": {"text": label, "side": "top"}, "tickformat": value_format, "thickness": font_size * 6 // 7,
                  "orientation": "h", "y": -0.02, "yanchor": "top", "len": 0.9},
        text=frame[name], customdata=frame[["code"]],
        hovertemplate=f"<b>%{{text}}</b><br>{label}: %{{z:{value_format}}}<extra></extra>",
    ))
    scale_room = font_size * 4 + 4  # the horizontal scale under the map: its title, bar and ticks
    figure.update_layout(**chart_layout(font_size=font_size, height=height,
                                        margin={"l": 0, "r": 0, "t": 0, "b": scale_room}),
                         map=map_layout(geojson, set(frame["code"]), width=width, height=height - scale_room))
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points",
                            config={"displayModeBar": False, "scrollZoom": True})
    return _clicked_code(event)


def _clicked_code(event) -> str | None:
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return None
    point = points[0]
    return str(point.get("location") or (point.get("customdata") or [None])[0])
