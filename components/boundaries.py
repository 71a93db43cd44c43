"""Boundaries as the browser receives them: each feature's id and geometry only, coordinates
rounded to ``RISK_MAP_DECIMALS``. The source files carry attribute tables and 15-digit
coordinates that no map draws; left out, the national choropleth's figure is a third the size.
"""
from __future__ import annotations

from functools import lru_cache

from data_access.reference import district_geojson, province_geojson
from data_access.settings import RISK_MAP_DECIMALS


@lru_cache(maxsize=1)
def provinces() -> dict:
    """The 77 provinces (feature ids are province codes)."""
    return _collection(province_geojson()["features"])


@lru_cache(maxsize=128)
def provinces_and_districts(province_code: str) -> dict:
    """The 77 provinces, then the districts of ``province_code`` (feature ids are their codes)."""
    districts = [f for f in district_geojson()["features"] if f["id"][:2] == province_code]
    return _collection([*province_geojson()["features"], *districts])


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": f["id"], "geometry": _rounded(f["geometry"])} for f in features]}


def _rounded(geometry: dict) -> dict:
    def walk(value):
        return round(value, RISK_MAP_DECIMALS) if isinstance(value, float) else [walk(v) for v in value]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
