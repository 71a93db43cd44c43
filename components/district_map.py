"""The district map of a province: districts shaded by risky factories, the province's factories
as points coloured by risk band. Plotly's ``choropleth_map`` on the ``white-bg`` style: our own
boundaries, no tiles, nothing fetched from outside the server.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.i18n import name_column, t
from components.risk_labels import band_label
from components.theme import BAND_COLOURS, SCALE_BAD, chart_layout
from data_access.reference import district_geojson
from data_access.settings import RISK_BAND_NAMES

MAP_HEIGHT = 520
ASSUMED_WIDTH = 640  # px: the map's column on a laptop screen, for the initial zoom


@lru_cache(maxsize=128)
def province_districts(code: str) -> dict:
    """The GeoJSON of one province's districts (feature ids are district codes)."""
    features = [f for f in district_geojson()["features"] if f["id"][:2] == code]
    return {"type": "FeatureCollection", "features": features}


def bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of every ring of every feature."""
    lons, lats = [], []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            lons.extend(point[0] for point in ring)
            lats.extend(point[1] for point in ring)
    return min(lons), min(lats), max(lons), max(lats)


def _view(geojson: dict) -> tuple[dict, float]:
    """Centre and zoom that fit the province in a map of ``ASSUMED_WIDTH`` x ``MAP_HEIGHT``."""
    west, south, east, north = bounds(geojson)
    middle = (south + north) / 2
    lat_span = (north - south) / math.cos(math.radians(middle))
    zoom = min(math.log2(ASSUMED_WIDTH * 360 / (512 * max(east - west, 1e-3))),
               math.log2(MAP_HEIGHT * 360 / (512 * max(lat_span, 1e-3))))
    return {"lat": middle, "lon": (west + east) / 2}, zoom - 0.2


def district_map(districts: pd.DataFrame, points: pd.DataFrame, code: str, *, key: str) -> None:
    """``districts`` (code, names, operating, risky) shaded by ``risky``; ``points`` (name, lat,
    lon, band, score) drawn on top, one trace per band so the legend explains the colours."""
    st.subheader(t("district_map.title"))
    geojson = province_districts(code)
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
            marker={"size": 5 if band in ("low", "medium") else 8, "color": BAND_COLOURS[band]},
            text=chosen["name"], customdata=chosen[["score"]],
            hovertemplate="%{text}<br>" + t("district_map.score") + ": %{customdata[0]:.1f}<extra></extra>",
        ))
    center, zoom = _view(geojson)
    figure.update_layout(**chart_layout(height=MAP_HEIGHT, legend={"orientation": "h", "y": -0.02}),
                         map={"style": "white-bg", "center": center, "zoom": zoom})
    st.plotly_chart(figure, key=key, config={"displayModeBar": False, "scrollZoom": True})
