"""From the cells of an export to rows of our table, each bad row with its reasons.

Work is column by column over the whole file (no loop over rows), so that a national registry
of 100,000 rows is read in about a second. A row is rejected with every reason that applies
(``missing:name; bad_date:registered_on``); rows that load but deserve a look are flagged
(a point outside its province, a province name that disagrees with its code). What only a
registry needs is in registry.py. Nothing here touches the database: what the checks need from
it (the factories already stored) comes in a :class:`~data_access.ingest.registry.Context`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access.ingest import kinds as K
from data_access.ingest import parse, places, registry
from data_access.ingest.headers import Layout
from data_access.ingest.problems import Marks
from data_access.ingest.reader import RawTable
from data_access.ingest.registry import Context
from data_access.rules.fiscal import fiscal_year_of
from data_access.settings import (
    INGEST_FLAG_OUTSIDE_PROVINCE,
    INGEST_FLAG_PROVINCE_MISMATCH,
    INGEST_VALUES_CSV,
    NATIONAL_CODE,
)

REASON_COLUMN = "reason"


@dataclass
class Prepared:
    """The outcome of reading one file."""

    rows: pd.DataFrame                 # accepted rows, the columns of the kind's table the file gives
    file_columns: list[str]            # columns the file gives: updated in rows already stored
    rejects: pd.DataFrame              # rejected rows as written, plus ``reason``
    reasons: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    rows_read: int = 0


@lru_cache(maxsize=1)
def value_maps() -> dict[str, dict[str, str]]:
    """code list -> {source spelling in comparison form -> our code} (``assets/ingest/values.csv``)."""
    table = pd.read_csv(INGEST_VALUES_CSV, dtype=str, keep_default_na=False)
    table["source"] = parse.normalise_code(table["source"])
    return {codes: dict(zip(group["source"], group["value"])) for codes, group in table.groupby("codes")}


def prepare(raw: RawTable, layout: Layout, kind: K.Kind, context: Context) -> Prepared:
    """Read every row of ``raw`` as a row of ``kind``; see the module docstring."""
    body = raw.frame.iloc[layout.header_row + 1:]
    body = body[(body != "").any(axis=1)].reset_index(drop=True)
    cells = {name: _combined(body, positions) for name, positions in layout.fields.items()}
    problems, flags = Marks(body.index), Marks(body.index)
    problems.add("wrong_column_count", (body.iloc[:, layout.width:] != "").any(axis=1))
    registry_file = kind.name == "factories"
    from_operator = registry.name_from_operator(cells) if registry_file else None
    values = {name: _parse_field(kind.field(name), cells[name], problems, kind.table)
              for name in cells if _parsed_here(kind, name)}
    file_columns = [name for name in values if name in kind.table.c]
    stored = registry.keys(values, cells, problems, flags, file_columns, context, from_operator) if registry_file \
        else None
    _derive(kind, values, file_columns, body.index)
    if kind.province:
        _province(kind, values, cells, problems, flags, file_columns, body.index)
    if registry_file:
        registry.place(values, cells, problems, flags, file_columns, context, layout, stored)
    _check_keys(kind, values, body, problems)
    _factory_refs(kind, values, cells, problems, file_columns, context)
    return _split(kind, values, file_columns, body, layout, raw, problems, flags)


def _parsed_here(kind: K.Kind, name: str) -> bool:
    """Every field but places and registration numbers, read from their cells by places.py and
    keys.py."""
    spec = kind.field(name)
    return spec is not None and spec.parse not in (K.PLACE, K.REGISTRATION)


def _combined(body: pd.DataFrame, positions: list[int]) -> pd.Series:
    """A field fed by several columns (two spellings of longitude, say): the first one filled."""
    series = body[positions[0]].astype(str)
    for position in positions[1:]:
        series = series.where(~parse.blank(series), body[position].astype(str))
    return series


def _parse_field(spec: K.Field, cells: pd.Series, problems: Marks, table: sa.Table) -> pd.Series:
    values, bad, what = _parsed(spec, cells, table)
    empty = values.isna() & ~bad  # every parser leaves blank cells empty (and only those, with bad ones)
    problems.add(f"{what}:{spec.name}", bad)
    if spec.required:
        problems.add(f"missing:{spec.name}", empty)
    elif spec.default is not None:
        values = values.where(~empty, spec.default)
    number = pd.to_numeric(values, errors="coerce") if spec.low is not None or spec.high is not None else None
    if spec.low is not None:
        problems.add(f"negative:{spec.name}" if spec.low == 0 else f"out_of_range:{spec.name}", number < spec.low)
    if spec.high is not None:
        problems.add(f"out_of_range:{spec.name}", number > spec.high)
    return values


# Parser of each kind of field, and the word for an unreadable cell in a reason.
_PARSERS = {
    K.INT: (parse.integer, "bad_number"), K.FLOAT: (parse.number, "bad_number"),
    K.FISCAL_YEAR: (parse.fiscal_year, "bad_number"), K.DATE: (parse.date, "bad_date"),
    K.DATETIME: (parse.datetime, "bad_date"), K.PRESENT: (parse.present, "bad_value"),
    K.FACTORY_TYPE: (parse.factory_type, "bad_value"),
    K.LEADING_NUMBER: (parse.leading_number, "bad_value"),
}


def _parsed(spec: K.Field, cells: pd.Series, table: sa.Table) -> tuple[pd.Series, pd.Series, str]:
    """Values, unreadable cells and the word for them in a reason."""
    if spec.parse in _PARSERS:
        parser, word = _PARSERS[spec.parse]
        return *parser(cells), word
    if spec.parse == K.CODE:
        return *parse.code(cells, value_maps().get(spec.codes, {}), spec.allowed), "bad_value"
    if spec.parse == K.FLAG:
        return *parse.flag(cells, value_maps()["flag"]), "bad_value"
    column = table.c.get(spec.name)
    length = column.type.length if column is not None and isinstance(column.type, sa.String) else None
    values, too_long = parse.text(cells, length)
    return values, too_long, "too_long"


def _derive(kind: K.Kind, values: dict, file_columns: list[str], index: pd.Index) -> None:
    """Columns a file gives indirectly: total workers from men and women, class and type from
    the display number, the fiscal year from the date of enrolment."""
    if kind.name == "factories":
        if "workers" not in values and (K.WORKERS_MALE in values or K.WORKERS_FEMALE in values):
            parts = [values[n] for n in (K.WORKERS_MALE, K.WORKERS_FEMALE) if n in values]
            values["workers"] = sum(p.fillna(0) for p in parts).where(~pd.concat(parts, axis=1).isna().all(axis=1))
            file_columns.append("workers")
        if "display_reg" in values:
            found = parse.display_reg_parts(values["display_reg"])
            for name in ("category", "factory_type"):
                values[name] = values[name].fillna(found[name]) if name in values else found[name]
                if name not in file_columns:
                    file_columns.append(name)
        values["in_latest_feed"] = pd.Series(True, index=index)
        file_columns.append("in_latest_feed")
    if kind.name == "programs" and "joined_on" in values:
        from_day = values["joined_on"].map(lambda day: fiscal_year_of(day.date()) if pd.notna(day) else np.nan)
        values["fiscal_year"] = values["fiscal_year"].fillna(from_day) if "fiscal_year" in values else from_day
        if "fiscal_year" not in file_columns:
            file_columns.append("fiscal_year")


def _province(kind: K.Kind, values: dict, cells: dict, problems: Marks, flags: Marks, file_columns: list[str],
              index: pd.Index) -> None:
    """The province of each row: its code where known, else its name (a disagreement is flagged)."""
    code_cells, name_cells = cells.get(K.PROVINCE_CODE), cells.get(K.PROVINCE_NAME)
    from_code, from_name = places.province_readings(code_cells, name_cells, index)
    flags.add(INGEST_FLAG_PROVINCE_MISMATCH, places.disagree(from_code, from_name))
    found = from_code.where(from_code.notna(), from_name)
    if kind.province == "national":
        given = [c for c in (code_cells, name_cells) if c is not None]
        written = given[0].where(~parse.blank(given[0]), "") if given else pd.Series("", index=index)
        national = parse.normalise_code(written).isin(value_maps()["national"]) | parse.blank(written)
        found = found.where(~national | found.notna(), NATIONAL_CODE)
    problems.add("unknown_province", found.isna())
    values[K.PROVINCE_CODE] = found
    file_columns.append(K.PROVINCE_CODE)


def _check_keys(kind: K.Kind, values: dict, body: pd.DataFrame, problems: Marks) -> None:
    """Identical copies of a row load once; different rows sharing a key are all rejected, as
    nothing says which is right."""
    keys = pd.DataFrame({name: values[name] for name in kind.key if name in values})
    keys = keys[keys.notna().all(axis=1)]
    sharing = keys.duplicated(keep=False).reindex(body.index, fill_value=False)
    if not sharing.any():
        return
    copies = body[sharing].duplicated(keep="first").reindex(body.index, fill_value=False)  # same key
    problems.add("duplicate_row", copies)
    problems.add("duplicate_id", keys[~copies.loc[keys.index]].duplicated(keep=False).reindex(
        body.index, fill_value=False))


def _factory_refs(kind: K.Kind, values: dict, cells: dict, problems: Marks, file_columns: list[str],
                  context: Context) -> None:
    """The stored factory a row refers to, by either form of its number."""
    if not kind.factory or "factory_id" not in cells:
        return
    ids, displays, bad = parse.registration(cells["factory_id"])
    keys, shared = context.registrations.find(ids, displays)
    given = ids.notna() | displays.notna()
    problems.add("bad_id:factory_id", bad)
    if kind.field("factory_id").required:
        problems.add("missing:factory_id", ~given & ~bad)
    problems.add("ambiguous_reg", shared)
    problems.add("unknown_factory", given & keys.isna() & ~shared)
    values["factory_id"] = keys
    file_columns.append("factory_id")


def _split(kind: K.Kind, values: dict, file_columns: list[str], body: pd.DataFrame, layout: Layout,
           raw: RawTable, problems: Marks, flags: Marks) -> Prepared:
    """Accepted rows in table form; rejected rows as written, with their reasons."""
    rejected = problems.any()
    rows = pd.DataFrame({name: v for name, v in values.items() if name in kind.table.c}, index=body.index)
    rows = _typed(rows[~rejected].reset_index(drop=True), kind.table)
    original = body[rejected].set_axis(layout.names, axis=1)
    original[REASON_COLUMN] = problems.text(original.index)
    if raw.bad_lines:
        lines = pd.DataFrame([line + [""] * (len(layout.names) - len(line)) for line in raw.bad_lines],
                             columns=layout.names)
        original = pd.concat([original, lines.assign(**{REASON_COLUMN: "wrong_column_count"})], ignore_index=True)
    reasons = Counter(problems.counts())
    if raw.bad_lines:
        reasons["wrong_column_count"] += len(raw.bad_lines)
    if "coord_outside_province" in values:
        flags.add(INGEST_FLAG_OUTSIDE_PROVINCE, values["coord_outside_province"])
    return Prepared(rows, list(dict.fromkeys(file_columns)), original.reset_index(drop=True), reasons,
                    +Counter(flags.counts(~rejected)), len(body) + len(raw.bad_lines))


def _typed(rows: pd.DataFrame, table: sa.Table) -> pd.DataFrame:
    """Each column in the dtype its table column takes in a bulk load."""
    for name in rows.columns:
        column_type = table.c[name].type
        if isinstance(column_type, sa.Integer):
            rows[name] = parse.to_int_array(pd.to_numeric(rows[name], errors="coerce"))
        elif isinstance(column_type, sa.Boolean):
            rows[name] = rows[name].fillna(False).astype(bool)
        elif isinstance(column_type, sa.Float):
            rows[name] = pd.to_numeric(rows[name], errors="coerce").astype(float)
        elif isinstance(column_type, (sa.Date, sa.DateTime)):
            rows[name] = pd.to_datetime(rows[name]).astype("datetime64[s]")
        else:  # text held by Arrow: the bulk loads read it as it is, without a Python object per cell
            rows[name] = rows[name].astype(parse.TEXT)
    return rows
