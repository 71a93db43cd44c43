"""Reference data shipped in ``assets/``: the province table, the province and district
boundaries (GeoDataFrames), the labels of the app and the boundaries' attribution.

They are read once per process (``lru_cache``): they never change while the app runs. The app
reaches them through :mod:`components.plumbing.reference`, the importer and the demo generator
directly.
"""
from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from data_access.rules.deck import Slide, parse_deck
from data_access.settings import (
    ASSETS_DIR,
    BOUNDARIES_NOTE,
    DECK_FILE,
    DISTRICT_GEOJSON,
    LABELS_DIR,
    PROVINCE_GEOJSON,
    PROVINCES_CSV,
)


@lru_cache(maxsize=1)
def province_table() -> pd.DataFrame:
    """Province code, Thai and English names, regions and the 2026 operating-factory count."""
    return pd.read_csv(PROVINCES_CSV, dtype={"code": str, "inspection_region": int})


def _features(path: Path) -> list[dict]:
    """The features of a boundary file, read as plain JSON: the files are small, and
    ``geopandas.read_file`` would load GDAL, some 30 MB more in every server process for nothing else."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _read_shapes(path: Path) -> gpd.GeoDataFrame:
    """A boundary file as a GeoDataFrame (WGS84) of shapely geometries."""
    return gpd.GeoDataFrame.from_features(_features(path), crs="EPSG:4326")


@lru_cache(maxsize=1)
def province_shapes() -> gpd.GeoDataFrame:
    """The 77 province polygons (WGS84): ``code`` (two-digit DOPA code), ``name_th``, ``name_en``."""
    frame = _read_shapes(PROVINCE_GEOJSON)
    return gpd.GeoDataFrame({"code": frame["ADM1_PCODE"].str[2:], "name_th": frame["ADM1_TH"],
                             "name_en": frame["ADM1_EN"]}, geometry=frame.geometry, crs=frame.crs)


@lru_cache(maxsize=1)
def district_shapes() -> gpd.GeoDataFrame:
    """The 928 district polygons (WGS84), by code: ``code`` (four digits), ``province_code``,
    ``name_th``, ``name_en``."""
    frame = _read_shapes(DISTRICT_GEOJSON)
    shapes = gpd.GeoDataFrame({"code": frame["ADM2_PCODE"].str[2:], "province_code": frame["ADM1_PCODE"].str[2:],
                               "name_th": frame["ADM2_TH"], "name_en": frame["ADM2_EN"]},
                              geometry=frame.geometry, crs=frame.crs)
    return shapes.sort_values("code", ignore_index=True)


def district_table() -> pd.DataFrame:
    """District code, province code and names, from the district boundary file's attributes (the
    importer needs the codes, not the shapes: it builds no geometry)."""
    table = pd.DataFrame([{"code": p["ADM2_PCODE"][2:], "province_code": p["ADM1_PCODE"][2:], "name_th": p["ADM2_TH"],
                           "name_en": p["ADM2_EN"]} for p in (f["properties"] for f in _features(DISTRICT_GEOJSON))])
    return table.sort_values("code", ignore_index=True)


def provinces_frame() -> pd.DataFrame:
    """The rows of the ``provinces`` table (the reference CSV without its factory counts)."""
    table = province_table()
    return pd.DataFrame({
        "code": table["code"].astype(str),
        "name_th": table["name_th"],
        "name_en": table["name_en"],
        "region": table["region"],
        "region_nesdb": table["region_nesdb"],
        "inspection_region": table["inspection_region"].astype(np.int16),
    })


def districts_frame() -> pd.DataFrame:
    """The rows of the ``districts`` table, from the district boundary file."""
    return district_table()[["code", "province_code", "name_th", "name_en"]].copy()


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """Every label of the app: ``key -> {"th": ..., "en": ...}``, from the files of
    ``assets/i18n/`` merged (one file per subject; keys are unique)."""
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(LABELS_DIR.glob("*.toml")):
        texts.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return texts


@lru_cache(maxsize=1)
def boundaries_note() -> str:
    """Where the boundaries come from and how they were simplified (Markdown; their licence
    asks for the attribution)."""
    return BOUNDARIES_NOTE.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def asset_text(relative_path: str) -> str:
    """The text of a file under ``assets/`` (the brief's template and stylesheet)."""
    return (ASSETS_DIR / relative_path).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def deck() -> tuple[Slide, ...]:
    """The seminar deck of ``assets/deck/seminar.toml``, checked."""
    return parse_deck(DECK_FILE.read_text(encoding="utf-8"))
