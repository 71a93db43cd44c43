"""A province choropleth drawn from our own boundaries, with a legend, hover names and
click-to-select: the national and regional maps of the overview, risk, adoption and seminar pages.

It uses plotly's ``choropleth`` on a ``geo`` map, drawn as SVG: a page's rerun that changes the
figure makes Streamlit mount a new chart (the chart's identity includes its figure), and an SVG
map of 77 provinces is redrawn in a quarter of the time a WebGL map (plotly's ``choropleth_map``)
takes to start again. The view fits the areas drawn in the browser (``fitbounds``), at whatever
width the column has, so a region fills its frame and no area is cut off at any screen width.

Nothing leaves the server: ``geo`` maps load a base map (land, coasts) from plotly's CDN even when
none is shown; ``topojsonURL`` points them at an empty one the app serves itself
(``static/topojson``). The legend runs under the map, leaving it the width.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.plumbing.figures import shared_figure
from components.theme import PAPER, chart_layout

# Where plotly's geo maps look for their base map, relative to the page (``server.enableStaticServing``).
BASE_MAP_URL = "app/static/topojson/"
GEO_LAYOUT = {"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"},
              "bgcolor": "rgba(0,0,0,0)"}


def choropleth(frame: pd.DataFrame, geojson: dict, *, value: str, label: str, name: str, colorscale: str,
               key: str, value_format: str = ",.0f", height: int = 560, font_size: int = 14,
               line_width: float = 0.6) -> str | None:
    """Draw ``frame[value]`` on the areas whose feature ids are ``frame['code']`` (``geojson``'s
    exterior rings clockwise, as :func:`components.boundaries.browser_geojson` gives them). A
    projected map asks for a larger ``font_size`` (its scale grows with it) and thicker area
    outlines (``line_width``).

    Returns the code of the area the user clicked in this run, or ``None``.
    """
    figure = shared_figure(_figure, frame, geojson, value=value, label=label, name=name, colorscale=colorscale,
                           value_format=value_format, height=height, font_size=font_size, line_width=line_width)
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points",
                            config={"displayModeBar": False, "scrollZoom": True, "topojsonURL": BASE_MAP_URL})
    return _clicked_code(event)


def _figure(frame: pd.DataFrame, geojson: dict, *, value: str, label: str, name: str, colorscale: str,
            value_format: str, height: int, font_size: int, line_width: float) -> go.Figure:
    figure = go.Figure(go.Choropleth(
        geojson=geojson, locations=frame["code"], z=frame[value], featureidkey="id",
        colorscale=colorscale, marker={"line": {"width": line_width, "color": PAPER}},
        colorbar={"title": {"text": label, "side": "top"}, "tickformat": value_format, "thickness": font_size * 6 // 7,
                  "orientation": "h", "y": -0.02, "yanchor": "top", "len": 0.9},
        text=frame[name], customdata=frame[["code"]],
        hovertemplate=f"<b>%{{text}}</b><br>{label}: %{{z:{value_format}}}<extra></extra>",
    ))
    scale_room = font_size * 4 + 4  # the horizontal scale under the map: its title, bar and ticks
    return figure.update_layout(**chart_layout(font_size=font_size, height=height,
                                               margin={"l": 0, "r": 0, "t": 0, "b": scale_room}), geo=GEO_LAYOUT)


def _clicked_code(event) -> str | None:
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        return None
    point = points[0]
    return str(point.get("location") or (point.get("customdata") or [None])[0])
