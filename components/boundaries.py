"""Boundaries as the browser receives them: each feature's id and geometry only, coordinates
rounded to ``RISK_MAP_DECIMALS``. The source files carry attribute tables and 15-digit
coordinates that no map draws; left out, the national choropleth's figure is a third the size.

Exterior rings run clockwise. Plotly's ``geo`` maps draw with d3-geo, which reads a ring as
enclosing the side on its right, so a counter-clockwise province (GeoJSON's usual winding) would
fill the rest of the globe; deck.gl and maplibre take either winding.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping

from data_access.settings import RISK_MAP_DECIMALS


def browser_geojson(shapes: gpd.GeoDataFrame) -> dict:
    """A FeatureCollection of ``shapes`` (``code`` and geometry) whose feature ids are the codes."""
    rounded = shapely.transform(shapes.geometry.to_numpy(), lambda xy: np.round(xy, RISK_MAP_DECIMALS))
    rounded = shapely.orient_polygons(rounded, exterior_cw=True)
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": code, "geometry": mapping(geometry)}
                         for code, geometry in zip(shapes["code"], rounded)]}
