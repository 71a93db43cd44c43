"""Where a map looks: the centre and zoom that frame a box of longitudes and latitudes in a map of
a given size, for plotly's maps and pydeck alike (both use web-Mercator zoom levels over
512-pixel tiles)."""
from __future__ import annotations

import math
from dataclasses import dataclass

# The middle of the country: where a map of all of Thailand is centred.
THAILAND_CENTER = (13.0, 101.0)  # (lat, lon)
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


def geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every ring of every feature."""
    lons, lats = [], []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            lons.extend(point[0] for point in ring)
            lats.extend(point[1] for point in ring)
    return min(lons), min(lats), max(lons), max(lats)
