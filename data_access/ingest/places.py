"""Where a row is: province and district codes from codes or names, and whether a point lies in
Thailand and in its own province.

Names are matched through ``geothai`` (DOPA's names in Thai and English, the จ./จังหวัด prefixes,
spacing, the usual short forms) plus ``assets/ingest/province_aliases.csv`` for the old
romanisations that exports still carry ("Bangkok Metropolis", "Samut Prakarn", ...). Codes win
over names: names are spelt many ways, codes one.
"""
from __future__ import annotations

import csv
from functools import lru_cache

import geothai
import numpy as np
import pandas as pd
import shapely

from data_access.ingest.parse import blank, by_unique, digits
from data_access.reference import district_table, province_shapes, province_table
from data_access.settings import INGEST_BOUNDARY_TOLERANCE_DEG, INGEST_PROVINCE_ALIASES_CSV

# Searching a fragment shorter than this would match too many provinces to trust a single hit.
_MIN_SEARCH_LENGTH = 4


def normalise_name(name: str) -> str:
    """geothai's comparison form, also without the abbreviation mark ฯ and an English "province"."""
    cleaned = geothai.normalize(str(name).translate(str.maketrans("", "", "ฯ")))
    return cleaned.removesuffix("province")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every known spelling of every province (comparison form) -> code."""
    names = {}
    for province in geothai.provinces():
        for name in (province.name_th, province.name_en):
            names[normalise_name(name)] = province.code
    with INGEST_PROVINCE_ALIASES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[normalise_name(row["alias"])] = row["code"]
    return names


@lru_cache(maxsize=1)
def province_codes() -> frozenset[str]:
    return frozenset(province_table()["code"])


@lru_cache(maxsize=1)
def district_codes() -> frozenset[str]:
    return frozenset(district_table()["code"])


def province_of_name(name: str) -> str | None:
    """The code of a province name, or ``None`` when it names no province or several."""
    key = normalise_name(name)
    if not key:
        return None
    if key in _names():
        return _names()[key]
    matches = {p.code for p in geothai.provinces() if geothai.is_province(p, key)}
    if not matches and len(key) >= _MIN_SEARCH_LENGTH:
        matches = {r.area.code for r in geothai.search(key) if r.level == "province"}
    return matches.pop() if len(matches) == 1 else None


def _codes_from_names(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    found = names.map(province_of_name)
    return found, found.isna()


def _normalise_province_code(codes: pd.Series) -> pd.Series:
    """``"10"``, ``"10.0"``, ``"TH10"`` and ``"๑๐"`` are all Bangkok's code."""
    cleaned = digits(codes).str.upper().str.removeprefix("TH").str.replace(r"\.0+$", "", regex=True)
    cleaned = cleaned.str.zfill(2)
    return cleaned.where(cleaned.isin(province_codes()), None)


def province_readings(code: pd.Series | None, name: pd.Series | None,
                      index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Each row's province as its code says and as its name says (null where a column is absent
    or unreadable)."""
    from_code = _normalise_province_code(code).astype(object) if code is not None else pd.Series(None, index=index,
                                                                                                  dtype=object)
    from_name = pd.Series(None, index=index, dtype=object)
    if name is not None:
        from_name, _ = by_unique(name.where(~blank(name), ""), _codes_from_names)
    return from_code, from_name


def provinces(code: pd.Series | None, name: pd.Series | None, index: pd.Index) -> pd.Series:
    """The province code of each row: its code where the file gives a known one, else its name."""
    from_code, from_name = province_readings(code, name, index)
    return from_code.where(from_code.notna(), from_name)


def disagree(from_code: pd.Series, from_name: pd.Series) -> pd.Series:
    """Rows whose code and name both read, as different places (the code is kept)."""
    return from_code.notna() & from_name.notna() & (from_code != from_name)


def district_readings(province: pd.Series, code: pd.Series | None,
                      name: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    """Each row's district as its code says and as its name says, within the row's province. The
    district is optional: one we cannot read leaves the column empty, it does not reject the row."""
    from_code = pd.Series(None, index=province.index, dtype=object)
    from_name = pd.Series(None, index=province.index, dtype=object)
    if code is not None:
        cleaned = digits(code).str.replace(r"\.0+$", "", regex=True).str.zfill(4)
        ok = cleaned.isin(district_codes()) & (cleaned.str[:2] == province)
        from_code = cleaned.where(ok, None).astype(object)
    if name is not None:
        pairs = province.fillna("") + "|" + name.fillna("")
        from_name, _ = by_unique(pairs, lambda keys: (keys.map(_district_of_pair), keys.isna()))
    return from_code, from_name


def subdistricts(province: pd.Series, district: pd.Series, code: pd.Series) -> pd.Series:
    """The subdistrict (ตำบล) code of each row: six digits inside the row's district (or its
    province, where the district is unknown); anything else leaves it empty, as for districts."""
    cleaned = digits(code).str.replace(r"\.0+$", "", regex=True).str.zfill(6)
    inside = cleaned.str[:4].where(district.notna(), cleaned.str[:2]) == district.fillna(province)
    return cleaned.astype(object).where(cleaned.str.fullmatch("[0-9]{6}") & inside, None)


@lru_cache(maxsize=128)
def _district_names(province: str) -> dict[str, str]:
    """The districts of a province that the reference table knows, by name in comparison form."""
    names = {}
    for district in geothai.districts(province):
        if district.code in district_codes():
            names[geothai.normalize(district.name_th)] = district.code
            names[geothai.normalize(district.name_en)] = district.code
    return names


def _district_of_pair(pair: str) -> str | None:
    province, _, name = pair.partition("|")
    key = geothai.normalize(name)
    if not province or not key:
        return None
    if key in _district_names(province):
        return _district_names(province)[key]
    matches = [d.code for d in geothai.districts(province) if geothai.is_district(d, key)]  # "อ.เมือง"
    return matches[0] if len(matches) == 1 and matches[0] in district_codes() else None


@lru_cache(maxsize=1)
def _province_areas() -> dict[str, object]:
    """Each province's polygon (from the boundary GeoDataFrame) widened by the tolerance, in
    degrees on purpose (the boundaries' own simplification error is), prepared for fast tests."""
    shapes = province_shapes()
    areas = dict(zip(shapes["code"], shapely.buffer(shapes.geometry.to_numpy(), INGEST_BOUNDARY_TOLERANCE_DEG)))
    for area in areas.values():
        shapely.prepare(area)
    return areas


@lru_cache(maxsize=1)
def _thailand() -> object:
    area = shapely.union_all(list(_province_areas().values()))
    shapely.prepare(area)
    return area


def check_points(province: pd.Series, lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series]:
    """For rows with a point: (outside Thailand, inside Thailand but outside its own province).

    One vectorised test per province on prepared polygons, not a spatial join of the points with
    the provinces: the join was measured 15% slower on a whole registry export.
    """
    has_point = lat.notna() & lon.notna()
    rows = has_point.to_numpy()
    elsewhere = has_point.copy()
    elsewhere[rows] = ~_inside_own_province(province.to_numpy()[rows], lon.to_numpy(dtype=float)[rows],
                                            lat.to_numpy(dtype=float)[rows])
    in_country = pd.Series(False, index=province.index)
    if elsewhere.any():
        in_country.loc[elsewhere] = shapely.contains_xy(
            _thailand(), lon[elsewhere].to_numpy(dtype=float), lat[elsewhere].to_numpy(dtype=float))
    outside_thailand = elsewhere & ~in_country
    return outside_thailand, elsewhere & in_country


def _inside_own_province(codes: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Whether each point lies in the area of its province code: one vectorised test per
    province, on plain arrays (index alignment per province cost more than the tests)."""
    inside = np.zeros(len(codes), dtype=bool)
    groups, uniques = pd.factorize(codes)  # a missing code is -1: in no province
    for group, code in enumerate(uniques):
        area = _province_areas().get(code)
        if area is not None:
            rows = np.flatnonzero(groups == group)
            inside[rows] = shapely.contains_xy(area, lon[rows], lat[rows])
    return inside


def no_point(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Rows without a usable point: either coordinate missing, or both zero (a common placeholder)."""
    return lat.isna() | lon.isna() | ((lat == 0) & (lon == 0)) | ~np.isfinite(lat.fillna(0) + lon.fillna(0))
