"""Reference data shipped in ``assets/``: the province table and the boundary files.

They are read once per process (``lru_cache``): they never change while the app runs.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from data_access.settings import DISTRICT_GEOJSON, PROVINCE_GEOJSON, PROVINCES_CSV


@lru_cache(maxsize=1)
def province_table() -> pd.DataFrame:
    """Province code, Thai and English names, regions and the 2026 operating-factory count."""
    return pd.read_csv(PROVINCES_CSV, dtype={"code": str, "inspection_region": int})


@lru_cache(maxsize=1)
def province_geojson() -> dict:
    """The 77 province polygons, each feature's ``id`` set to its two-digit DOPA code."""
    return _with_ids(PROVINCE_GEOJSON, "ADM1_PCODE")


@lru_cache(maxsize=1)
def district_geojson() -> dict:
    """The 928 district polygons, each feature's ``id`` set to its four-digit DOPA code."""
    return _with_ids(DISTRICT_GEOJSON, "ADM2_PCODE")


def district_table() -> pd.DataFrame:
    """District code, province code and names, from the district boundary file."""
    rows = [
        {
            "code": f["id"],
            "province_code": f["properties"]["ADM1_PCODE"][2:],
            "name_th": f["properties"]["ADM2_TH"],
            "name_en": f["properties"]["ADM2_EN"],
        }
        for f in district_geojson()["features"]
    ]
    return pd.DataFrame(rows).sort_values("code", ignore_index=True)


def _with_ids(path, key: str) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        feature["id"] = feature["properties"][key][2:]  # "TH11" -> "11"
    return data
