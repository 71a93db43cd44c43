"""Factory coordinates inside their own district.

The district and province boundary files were simplified separately, so a district polygon can
stick out of its province polygon (and a few island districts fall outside it altogether). Points
are drawn in the intersection of both, so the app's "outside its province" check never fires on
demo data; districts with too little of themselves inside their province get no factories.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import shape

from data_access import reference
from data_access.demo.params import MIN_DISTRICT_INSIDE_SHARE

DECIMALS = 6


@dataclass(frozen=True)
class DistrictAreas:
    """Per district (sorted by code): where its factories may be placed."""

    codes: np.ndarray          # 4-digit DOPA codes
    province_codes: np.ndarray
    areas: list                # shapely geometry (district within its province) or None
    bbox_fill: np.ndarray      # area / bounding-box area, for sizing rejection batches

    @property
    def usable(self) -> np.ndarray:
        return np.array([a is not None for a in self.areas])


@lru_cache(maxsize=1)
def district_areas() -> DistrictAreas:
    """The sampling area of every district, built once per process."""
    provinces = {f["id"]: shape(f["geometry"]) for f in reference.province_geojson()["features"]}
    features = sorted(reference.district_geojson()["features"], key=lambda f: f["id"])
    codes, provs, areas, fill = [], [], [], []
    for feature in features:
        district = shape(feature["geometry"])
        inside = district.intersection(provinces[feature["id"][:2]])
        ok = not inside.is_empty and inside.area >= MIN_DISTRICT_INSIDE_SHARE * district.area
        if ok:
            shapely.prepare(inside)
        codes.append(feature["id"])
        provs.append(feature["id"][:2])
        areas.append(inside if ok else None)
        fill.append(inside.area / shapely.envelope(inside).area if ok else 0.0)
    return DistrictAreas(np.array(codes), np.array(provs), areas, np.array(fill))


def points_in(rng: np.random.Generator, area, n: int, fill: float) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points uniformly inside ``area`` by bounding-box rejection, already rounded to
    ``DECIMALS`` and checked after rounding (so stored values are inside too)."""
    xmin, ymin, xmax, ymax = area.bounds
    xs, ys, got = [], [], 0
    while got < n:
        batch = int((n - got) / max(fill, 0.05) * 1.3) + 16
        x = np.round(rng.uniform(xmin, xmax, batch), DECIMALS)
        y = np.round(rng.uniform(ymin, ymax, batch), DECIMALS)
        keep = shapely.contains_xy(area, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        got += int(keep.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def place(rng: np.random.Generator, district_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Random (lon, lat) per row inside the row's district, plus each row's district "anchor"
    point (one fixed point per district, used for approximate geocodes)."""
    areas = district_areas()
    lon = np.empty(len(district_idx))
    lat = np.empty(len(district_idx))
    anchor_lon = np.full(len(areas.codes), np.nan)
    anchor_lat = np.full(len(areas.codes), np.nan)
    order = np.argsort(district_idx, kind="stable")
    bounds = np.searchsorted(district_idx[order], np.arange(len(areas.codes) + 1))
    for d in np.flatnonzero(np.diff(bounds)):
        rows = order[bounds[d]:bounds[d + 1]]
        x, y = points_in(rng, areas.areas[d], len(rows) + 1, areas.bbox_fill[d])
        lon[rows], lat[rows] = x[1:], y[1:]
        anchor_lon[d], anchor_lat[d] = x[0], y[0]
    return lon, lat, anchor_lon[district_idx], anchor_lat[district_idx]
