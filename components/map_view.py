"""Where a map looks: the centre and zoom that frame a box of longitudes and latitudes in a map of
a given size, for plotly's maps and pydeck alike (web-Mercator zoom levels over 512-pixel tiles).
The server does not know the width of the column a map lands in, so the pages give the narrowest
one (at 1280 px): wider screens show a margin around the same view, none cuts it off. (Plotly's
``fitbounds`` fits in the browser, but the plotly.js inside Streamlit has it for ``geo`` maps
only: the province choropleths use it, the WebGL maps of points cannot.)"""
from __future__ import annotations

import math
from dataclasses import dataclass

_TILE = 512


@dataclass(frozen=True)
class MapView:
    lat: float
    lon: float
    zoom: float


def fit(west: float, south: float, east: float, north: float, *, width: int, height: int,
        margin: float = 0.2, max_zoom: float = 13.0) -> MapView:
    """The view that frames the box in ``width`` x ``height`` pixels, ``margin`` zoom levels out."""
    middle = (south + north) / 2
    lat_span = (north - south) / math.cos(math.radians(middle))
    zoom = min(math.log2(width * 360 / (_TILE * max(east - west, 1e-3))),
               math.log2(height * 360 / (_TILE * max(lat_span, 1e-3))), max_zoom)
    return MapView(middle, (west + east) / 2, round(zoom - margin, 2))


def geojson_bounds(geojson: dict, ids: set[str] | None = None) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the features of ``geojson`` (those whose ids are in ``ids``)."""
    lons, lats = [], []
    for feature in geojson["features"]:
        if ids is not None and feature["id"] not in ids:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            lons.extend(point[0] for point in ring)
            lats.extend(point[1] for point in ring)
    return min(lons), min(lats), max(lons), max(lats)

