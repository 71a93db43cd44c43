"""Factory coordinates inside their own district.

The district and province boundary files were simplified separately, so a district polygon can
stick out of its province polygon (and a few island districts fall outside it altogether). Points
are drawn in the intersection of both, so the app's "outside its province" check never fires on
demo data; districts with too little of themselves inside their province get no factories.

Points are drawn in each district's bounding box and kept when a spatial join with the sampling
areas puts them in their own district (rejection sampling, every district at once).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import geothai
import numpy as np
import pandas as pd
import shapely

from data_access import reference
from data_access.demo.params import MIN_DISTRICT_INSIDE_SHARE

DECIMALS = 6
# Candidates drawn per missing point, over the share of its bounding box an area fills.
_OVERDRAW = 1.3


@dataclass(frozen=True)
class DistrictAreas:
    """Per district (sorted by code): where its factories may be placed."""

    codes: np.ndarray          # 4-digit DOPA codes
    province_codes: np.ndarray
    shapes: gpd.GeoDataFrame   # the usable districts' areas within their province: ``row`` = index here
    bounds: np.ndarray         # (districts x 4) bounding box of each area (NaN when unusable)
    bbox_fill: np.ndarray      # area / bounding-box area, for sizing rejection batches (0: unusable)

    @property
    def usable(self) -> np.ndarray:
        return self.bbox_fill > 0


@lru_cache(maxsize=1)
def district_areas() -> DistrictAreas:
    """The sampling area of every district, built once per process."""
    districts = reference.district_shapes()
    provinces = reference.province_shapes().set_index("code").geometry
    whole = districts.geometry.to_numpy()
    inside = shapely.intersection(whole, provinces.loc[districts["province_code"]].to_numpy())
    area = shapely.area(inside)
    usable = ~shapely.is_empty(inside) & (area >= MIN_DISTRICT_INSIDE_SHARE * shapely.area(whole))
    bounds = np.where(usable[:, None], shapely.bounds(inside), np.nan)
    fill = np.where(usable, area / np.maximum(shapely.area(shapely.envelope(inside)), 1e-12), 0.0)
    rows = np.flatnonzero(usable)
    shapes = gpd.GeoDataFrame({"row": rows}, geometry=inside[rows], crs=districts.crs)
    return DistrictAreas(districts["code"].to_numpy(), districts["province_code"].to_numpy(), shapes, bounds, fill)


def points_in_districts(rng: np.random.Generator, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``counts[d]`` points uniformly inside the area of each district ``d``, rounded to
    ``DECIMALS`` and checked after rounding (so stored values are inside too). Returns
    (district, lon, lat), grouped by district in code order."""
    areas = district_areas()
    need = np.asarray(counts, dtype=np.int64).copy()
    found: list[pd.DataFrame] = []
    while need.any():
        wanted = np.flatnonzero(need)
        batch = (need[wanted] / np.maximum(areas.bbox_fill[wanted], 0.05) * _OVERDRAW).astype(np.int64) + 16
        district = np.repeat(wanted, batch)
        xmin, ymin, xmax, ymax = areas.bounds[district].T
        x = np.round(rng.uniform(xmin, xmax), DECIMALS)
        y = np.round(rng.uniform(ymin, ymax), DECIMALS)
        candidates = gpd.GeoDataFrame({"district": district, "x": x, "y": y},
                                      geometry=gpd.points_from_xy(x, y), crs=areas.shapes.crs)
        joined = gpd.sjoin(candidates, areas.shapes, predicate="within", how="inner")
        kept = joined.loc[joined["district"] == joined["row"], ["district", "x", "y"]].sort_index()
        kept = kept[kept.groupby("district").cumcount() < need[kept["district"].to_numpy()]]
        need -= np.bincount(kept["district"].to_numpy(), minlength=len(need))
        found.append(kept)
    points = pd.concat(found).sort_values("district", kind="stable")
    return points["district"].to_numpy(), points["x"].to_numpy(), points["y"].to_numpy()


def place(rng: np.random.Generator, district_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Random (lon, lat) per row inside the row's district, plus each row's district "anchor"
    point (one fixed point per district, used for approximate geocodes)."""
    areas = district_areas()
    per_district = np.bincount(district_idx, minlength=len(areas.codes))
    with_rows = per_district > 0
    district, x, y = points_in_districts(rng, per_district + with_rows)  # one more per district: its anchor
    first = np.r_[True, district[1:] != district[:-1]]
    anchor_lon = np.full(len(areas.codes), np.nan)
    anchor_lat = np.full(len(areas.codes), np.nan)
    anchor_lon[district[first]], anchor_lat[district[first]] = x[first], y[first]
    order = np.argsort(district_idx, kind="stable")
    lon = np.empty(len(district_idx))
    lat = np.empty(len(district_idx))
    lon[order], lat[order] = x[~first], y[~first]
    return lon, lat, anchor_lon[district_idx], anchor_lat[district_idx]


def subdistricts(rng: np.random.Generator, districts: np.ndarray) -> np.ndarray:
    """A subdistrict (ตำบล) code per row, drawn among its district's (DOPA's list, via geothai)."""
    out = np.empty(len(districts), dtype=object)
    for code in np.unique(districts):
        rows = np.flatnonzero(districts == code)
        choices = [s.code for s in geothai.subdistricts(code)] or [None]
        out[rows] = np.array(choices, dtype=object)[rng.integers(0, len(choices), len(rows))]
    return out
