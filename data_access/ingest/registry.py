"""What only a registry export needs, on top of the reading every kind gets (transform.py): the
factory's key from either form of its registration number, a name where the export leaves it
blank, and where the factory is (district, subdistrict, point) with the checks of each.

Like transform.py, this works column by column and never touches the database: what it needs
to know about the stored factories comes in a :class:`Context`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access import settings as cfg
from data_access.ingest import kinds as K
from data_access.ingest import parse, places
from data_access.ingest.headers import Layout, normalise_header
from data_access.ingest.keys import Registrations
from data_access.ingest.problems import Marks


@dataclass(frozen=True)
class Context:
    """What the checks need to know about the database."""

    registrations: Registrations = field(default_factory=Registrations)
    # For a registry load: per stored factory (index factory_id) its registration numbers, province
    # and district, its name and point where the file's checks read them.
    stored: pd.DataFrame | None = None
    # DuckDB refuses to update a foreign-key column of a row other rows refer to, so there such
    # a factory cannot move to another province or district: the keys of the factories other rows
    # refer to, asked for only when a row would move (None: the database moves any factory).
    referenced: Callable[[], frozenset[str]] | None = None


def name_from_operator(cells: dict[str, pd.Series]) -> pd.Series | None:
    """Rows whose factory name is blank (GIS extracts write a single space for many sole
    proprietors) and whose operator is not: their name cell takes the operator's, in place."""
    if "name" not in cells or K.OPERATOR not in cells:
        return None
    taken = parse.blank(cells["name"]) & ~parse.blank(cells[K.OPERATOR])
    cells["name"] = cells["name"].where(~taken, cells[K.OPERATOR])
    return taken


def keys(values: dict, cells: dict, problems: Marks, flags: Marks, file_columns: list[str],
         context: Context, from_operator: pd.Series | None) -> pd.DataFrame | None:
    """``factory_id`` (the key), ``registration_id``, ``display_reg`` and ``name_source`` of each
    row. A number already stored is never erased by a file that lacks it, nor a factory name by
    an operator's name standing in for a blank one. Returns each row's stored factory (see
    :func:`_stored_rows`)."""
    index = next(iter(cells.values())).index
    blank = pd.Series(None, index=index, dtype=object)
    no = pd.Series(False, index=index)
    ids, displays, bad = parse.registration(cells["factory_id"]) if "factory_id" in cells else (blank, blank, no)
    unreadable = no
    if "display_reg" in cells:
        written, unreadable = parse.display_reg(cells["display_reg"])
        displays = written.where(written.notna(), displays)
    problems.add("bad_id:factory_id", bad)
    problems.add("bad_id:display_reg", unreadable & ids.isna())
    flags.add(cfg.INGEST_FLAG_DISPLAY_REG_UNREADABLE, unreadable & ids.notna())
    problems.add("missing:factory_id", ids.isna() & displays.isna() & ~bad & ~unreadable)
    key, conflict, shared = context.registrations.assign(ids, displays)
    problems.add("conflicting_ids", conflict)
    problems.add("ambiguous_reg", shared)
    values["factory_id"], values["registration_id"], values["display_reg"] = key, ids, displays
    taken = from_operator if from_operator is not None else no
    stored = _stored_rows(key, context)
    if stored is not None:
        values["registration_id"] = ids.where(ids.notna(), stored["registration_id"])
        values["display_reg"] = displays.where(displays.notna(), stored["display_reg"])
    if stored is not None and from_operator is not None:
        kept = taken & (stored["name_source"] == cfg.NAME_FROM_FILE)  # a name from an earlier file stays
        values["name"] = values["name"].where(~kept, stored["name"])
        taken = taken & ~kept
    values["name_source"] = pd.Series(np.where(taken, cfg.NAME_FROM_OPERATOR, cfg.NAME_FROM_FILE), index=index)
    flags.add(cfg.INGEST_FLAG_NAME_FROM_OPERATOR, taken)
    file_columns += ["registration_id", "display_reg", "name_source"]
    return stored


def place(values: dict, cells: dict, problems: Marks, flags: Marks, file_columns: list[str], context: Context,
          layout: Layout, stored: pd.DataFrame | None) -> None:
    """District (codes win over names; a disagreement is flagged), subdistrict and point, and
    the checks of the point: outside Thailand rejects the row, outside its own province is kept
    and flagged (real extracts carry whole-degree digit errors)."""
    province = values[K.PROVINCE_CODE]
    if K.DISTRICT_CODE in cells or K.DISTRICT_NAME in cells:
        from_code, from_name = places.district_readings(province, cells.get(K.DISTRICT_CODE),
                                                        cells.get(K.DISTRICT_NAME))
        flags.add(cfg.INGEST_FLAG_DISTRICT_MISMATCH, places.disagree(from_code, from_name))
        values["district_code"] = from_code.where(from_code.notna(), from_name)
        file_columns.append("district_code")
    if stored is not None:
        _keep_known_district(values, problems, context, stored)
    if "subdistrict_code" in cells:
        district = values.get("district_code", pd.Series(None, index=province.index, dtype=object))
        values["subdistrict_code"] = places.subdistricts(province, district, cells["subdistrict_code"])
        file_columns.append("subdistrict_code")
    if "lat" in values and "lon" in values:
        _point(values, cells, problems, file_columns, stored, _coord_source(layout))


def _stored_rows(key: pd.Series, context: Context) -> pd.DataFrame | None:
    """The stored row of each file row's factory (all null for a new one); none stored: None."""
    if context.stored is None or context.stored.empty:
        return None
    return context.stored.reindex(parse.objects(key)).set_axis(key.index)


def _keep_known_district(values: dict, problems: Marks, context: Context, stored: pd.DataFrame) -> None:
    """A file that names no district (or one we cannot read) keeps the district we know, as long
    as the province is the same; where the database cannot move a factory, one that would move
    is rejected."""
    same_province = stored["province_code"] == values["province_code"]
    if "district_code" in values:
        known = stored["district_code"].where(same_province)
        values["district_code"] = values["district_code"].where(values["district_code"].notna(), known)
    if context.referenced is not None:
        moved = ~same_province
        if "district_code" in values:
            moved |= stored["district_code"].fillna("") != values["district_code"].fillna("")
        moved &= stored["province_code"].notna()  # a stored factory (a new one is not moving)
        if moved.any():
            problems.add("moved_factory", moved & values["factory_id"].isin(context.referenced()))


def _coord_source(layout: Layout) -> str:
    """Which export the points come from, by the header of the latitude column."""
    header = normalise_header(layout.names[layout.fields["lat"][0]])
    return cfg.INGEST_COORD_SOURCE_BY_HEADER.get(header, cfg.COORD_FROM_FILE)


def _point(values: dict, cells: dict, problems: Marks, file_columns: list[str], stored: pd.DataFrame | None,
           source: str) -> None:
    """The row's point with its precision (from the decimals written) and source; a row without
    one keeps the point already stored."""
    lat, lon = values["lat"], values["lon"]
    missing = places.no_point(lat, lon)
    decimals = np.minimum(parse.decimals(cells["lat"]), parse.decimals(cells["lon"]))
    point = pd.DataFrame({
        "lat": lat.where(~missing), "lon": lon.where(~missing),
        "coord_precision": np.where(decimals >= cfg.INGEST_EXACT_DECIMALS, cfg.COORD_EXACT, cfg.COORD_APPROXIMATE),
        "coord_source": source,
    }, index=lat.index)
    point.loc[missing, ["coord_precision", "coord_source"]] = None
    if stored is not None:
        point = point.where(~missing, stored[point.columns], axis=0)
    outside_country, outside_province = places.check_points(values[K.PROVINCE_CODE], point["lat"], point["lon"])
    problems.add("outside_thailand", outside_country)
    values.update({name: point[name] for name in point.columns})
    values["coord_outside_province"] = outside_province
    file_columns += [*point.columns, "coord_outside_province"]
