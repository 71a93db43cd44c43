"""Writing a prepared file into its table, set by set, inside the caller's transaction.

The rows go into a temporary staging table through the native bulk load
(:func:`data_access.db.bulk.staged`); then ``UPDATE ... FROM`` statements set the stored
rows that differ from the file and an ``INSERT ... SELECT`` adds the rows not stored yet. Rows
that do not differ are not touched, so loading the same file twice changes nothing. This form,
rather than ``INSERT ... ON CONFLICT DO UPDATE``, is what DuckDB accepts on rows other tables
refer to: it refuses any update that sets a foreign-key column of such a row, even to the same
value, so there those columns are updated in a statement of their own, only where they change
(PostgreSQL takes one statement). A registry load also notes the factories whose risk score it
may change, so that only those are rescored (:func:`rescore`).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema
from data_access.db.bulk import insert_dataframe, read_frame, staged
from data_access.ingest.errors import MissingShareError
from data_access.ingest.keys import Registrations
from data_access.ingest.kinds import OPERATOR, Kind
from data_access.ingest.parse import objects
from data_access.ingest.registry import Context
from data_access.ingest.transform import Prepared
from data_access.queries.risk_scores import RISK_FACTORY_COLUMNS, refresh_factory_risk
from data_access.reference import districts_frame, provinces_frame
from data_access.settings import INGEST_MISSING_MAX_SHARE, STATUS_OPERATING

_FACTORY_KEY = schema.factories.c.factory_id


@dataclass(frozen=True)
class Written:
    inserted: int = 0
    updated: int = 0
    marked_missing: int = 0    # factories absent from a full export, now flagged as such
    missing: pd.DataFrame | None = None  # a full export: per province, what it left out (missing_by_province)
    touched: sa.Table | None = None  # a registry load into stored factories: those whose score may change

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.marked_missing)


def ensure_reference(conn: sa.Connection) -> list[sa.Table]:
    """Provinces and districts from ``assets/`` when the database has none: every row we load
    refers to them. Returns the tables filled."""
    filled = []
    for table, frame in ((schema.provinces, provinces_frame), (schema.districts, districts_frame)):
        if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 0:
            insert_dataframe(conn, table, frame())
            filled.append(table)
    return filled


def context(conn: sa.Connection, kind: Kind, fields: Collection[str]) -> Context:
    """What the checks of ``kind`` need to know about the stored factories, for a file that gives
    ``fields``."""
    if kind.table is not schema.factories:
        return Context(registrations=_registrations(conn) if kind.factory else Registrations())
    stored = _stored_factories(conn, _stored_columns(fields))
    return Context(registrations=Registrations.of(stored.rename_axis("factory_id").reset_index()), stored=stored,
                   referenced=partial(_referenced, conn) if conn.dialect.name == "duckdb" else None)


def _registrations(conn: sa.Connection) -> Registrations:
    f = schema.factories.c
    return Registrations.of(read_frame(conn, sa.select(f.factory_id, f.registration_id, f.display_reg)))


def _stored_columns(fields: Collection[str]) -> list[str]:
    """The stored columns the checks of a registry file read: both registration forms and the
    place always; the name where the file may take an operator's for a blank one; the point
    where the file has points (a row without one keeps the stored one)."""
    columns = ["registration_id", "display_reg", "province_code", "district_code"]
    if "name" in fields and OPERATOR in fields:
        columns += ["name", "name_source"]
    if "lat" in fields and "lon" in fields:
        columns += ["lat", "lon", "coord_precision", "coord_source"]
    return columns


def _stored_factories(conn: sa.Connection, columns: list[str]) -> pd.DataFrame:
    """Per stored factory (index factory_id): ``columns``."""
    f = schema.factories.c
    stored = read_frame(conn, sa.select(f.factory_id, *(f[name] for name in columns)))
    # The keys as plain objects: a lookup of 100,000 keys in pandas' Arrow-backed text takes a
    # third of a second, in objects a tenth of that.
    return stored.set_index(pd.Index(objects(stored.pop("factory_id")), dtype=object))


def _referenced(conn: sa.Connection) -> frozenset[str]:
    """The factories rows of other tables refer to (their inspections, their risk score...)."""
    children = [t for t in schema.TABLE_ORDER if any(fk.column is _FACTORY_KEY for fk in t.foreign_keys)]
    return frozenset(conn.execute(sa.union(*(sa.select(t.c.factory_id) for t in children))).scalars())


def write(conn: sa.Connection, kind: Kind, prepared: Prepared, full_export: bool,
          confirm_missing: bool = False) -> Written:
    """Insert new rows, update changed ones and, for a full registry export, flag the factories
    it no longer lists (they stay: their inspections and history still count). A full export
    that would flag more than ``INGEST_MISSING_MAX_SHARE`` of a province's operating factories
    raises :class:`MissingShareError` unless ``confirm_missing``."""
    table, rows = kind.table, _with_defaults(kind, prepared.rows)
    if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None:
        insert_dataframe(conn, table, rows)  # nothing stored yet: nothing to compare with
        return Written(inserted=len(rows))
    columns = [c for c in prepared.file_columns if c in rows and c not in kind.key]
    with staged(conn, table, rows) as stage:
        match = sa.and_(*(table.c[k] == stage.c[k] for k in kind.key))
        touched = _note_touched(conn, stage, match, columns) if table is schema.factories else None
        stored, updated, changed = _matching(conn, table, stage, match, columns)
        if updated:  # the same file again: nothing to look for twice more
            _update_changed(conn, table, stage, match, changed)
        inserted = len(rows) - stored  # keys are unique in the file (see transform._check_keys) and the table
        if inserted:
            new = sa.select(*stage.c).where(~sa.exists().where(match))
            conn.execute(table.insert().from_select(list(stage.c.keys()), new))
        missing = missing_by_province(conn, stage) if full_export and table is schema.factories else None
        marked = _mark_missing(conn, stage, missing, confirm_missing) if missing is not None else 0
    written = Written(inserted=inserted, updated=updated, marked_missing=marked, missing=missing, touched=touched)
    if touched is not None and not written.changed:  # no rescoring (see rescore) to drop it
        touched.drop(conn)
        return replace(written, touched=None)
    return written


def _with_defaults(kind: Kind, rows: pd.DataFrame) -> pd.DataFrame:
    """What new rows get in the columns the file does not give (a registry without ESTATE, say);
    stored rows keep theirs, as only the file's own columns are updated."""
    defaults = {spec.name: spec.default for spec in kind.fields
                if spec.default is not None and spec.name in kind.table.c and spec.name not in rows}
    return rows.assign(**defaults)


def _differs(table: sa.Table, stage: sa.Table, columns: list[str]) -> sa.ColumnElement[bool]:
    return sa.or_(*(table.c[c].is_distinct_from(stage.c[c]) for c in columns))


def _matching(conn: sa.Connection, table: sa.Table, stage: sa.Table, match: sa.ColumnElement[bool],
              columns: list[str]) -> tuple[int, int, list[str]]:
    """How many rows of the file are stored already, how many of those differ in ``columns``,
    and which of ``columns`` differ in any: one join, which also says how many rows are new
    (drivers do not all report the rows of an ``INSERT ... SELECT``). Only the columns that
    differ are then written: a GIS extract changes a few of a registry's twenty, and each column
    an update sets costs DuckDB a pass over it."""
    counts = [sa.func.count().filter(table.c[c].is_distinct_from(stage.c[c])) for c in columns]
    differing = sa.func.count().filter(_differs(table, stage, columns)) if columns else sa.literal(0)
    stored, changed, *per_column = conn.execute(
        sa.select(sa.func.count(), differing, *counts).select_from(table.join(stage, match))).one()
    return int(stored), int(changed), [c for c, n in zip(columns, per_column) if n]


def _update_changed(conn: sa.Connection, table: sa.Table, stage: sa.Table, match: sa.ColumnElement[bool],
                    columns: list[str]) -> None:
    """Set ``columns`` from the staging table in the stored rows where any of them differs.
    DuckDB takes the foreign-key columns in a statement of their own (see the module
    docstring); elsewhere one statement writes each row once."""
    if conn.dialect.name != "duckdb":
        _update(conn, table, stage, match, columns)
        return
    for group in ([c for c in columns if not table.c[c].foreign_keys],
                  [c for c in columns if table.c[c].foreign_keys]):
        _update(conn, table, stage, match, group)


def _update(conn: sa.Connection, table: sa.Table, stage: sa.Table, match: sa.ColumnElement[bool],
            columns: list[str]) -> None:
    """Set ``columns`` from the staging table in the stored rows where any of them differs."""
    if columns:
        statement = table.update().where(match, _differs(table, stage, columns))
        conn.execute(statement.values({c: stage.c[c] for c in columns}))


_TOUCHED = sa.Table("_touched_factories", sa.MetaData(), sa.Column("factory_id", sa.String), prefixes=["TEMPORARY"])


def _note_touched(conn: sa.Connection, stage: sa.Table, match: sa.ColumnElement[bool],
                  columns: list[str]) -> sa.Table:
    """The factories of the file that are new or change a column their risk score reads, in a
    temporary table (before they are written): the only scores such a load can change."""
    f = schema.factories
    _TOUCHED.create(conn)
    scored = [c for c in columns if c in RISK_FACTORY_COLUMNS]
    change = sa.or_(f.c.factory_id.is_(None), _differs(f, stage, scored)) if scored else f.c.factory_id.is_(None)
    new_or_changed = sa.select(stage.c.factory_id).select_from(stage.outerjoin(f, match)).where(change)
    conn.execute(_TOUCHED.insert().from_select(["factory_id"], new_or_changed))
    return _TOUCHED


def rescore(conn: sa.Connection, written: Written, as_of: date) -> int:
    """Recompute the risk scores a load may have changed: of the factories it touched when every
    stored score is of ``as_of`` already (a registry load changes no other factory's score), else
    every score, so that they are all of the same day."""
    current = written.touched is not None and conn.execute(
        sa.select(sa.func.count()).where(schema.factory_risk.c.computed_on != as_of)).scalar_one() == 0
    scored = refresh_factory_risk(conn, as_of, only=sa.select(written.touched.c.factory_id) if current else None)
    if written.touched is not None:
        written.touched.drop(conn)
    return scored


def missing_by_province(conn: sa.Connection, stage: sa.Table) -> pd.DataFrame:
    """Per province where a full export leaves out factories still in the feed: its operating
    factories (as they stand after this file), how many factories and how many operating ones
    the export leaves out, and that share of the operating ones; worst share first."""
    f, p = schema.factories, schema.provinces
    left_out = stage.c.factory_id.is_(None)
    operating = f.c.status == STATUS_OPERATING
    query = (sa.select(f.c.province_code, p.c.name_th, p.c.name_en,
                       sa.func.count().filter(operating).label("operating"),
                       sa.func.count().filter(left_out).label("missing"),
                       sa.func.count().filter(operating, left_out).label("missing_operating"))
             .select_from(f.join(p, p.c.code == f.c.province_code)
                          .outerjoin(stage, stage.c.factory_id == f.c.factory_id))
             .where(f.c.in_latest_feed)
             .group_by(f.c.province_code, p.c.name_th, p.c.name_en)
             .having(sa.func.count().filter(left_out) > 0))
    frame = read_frame(conn, query)
    frame["share"] = (frame["missing_operating"] / frame["operating"].where(frame["operating"] > 0)).fillna(0.0)
    return frame.sort_values(["share", "province_code"], ascending=[False, True], ignore_index=True)


def _mark_missing(conn: sa.Connection, stage: sa.Table, missing: pd.DataFrame, confirmed: bool) -> int:
    refused = missing[missing["share"] > INGEST_MISSING_MAX_SHARE]
    if len(refused) and not confirmed:
        worst = refused.iloc[0]
        raise MissingShareError(
            f"this full export leaves out {int(refused['missing_operating'].sum()):,} operating factories of "
            f"{len(refused)} province(s), more than {INGEST_MISSING_MAX_SHARE:.0%} of a province's (the most: "
            f"{worst['name_en']}, {worst['share']:.0%}): it may be cut short or its status codes may have changed. "
            "Check the file, or confirm that those factories are gone (--confirm-missing)",
            missing, provinces=len(refused), worst=worst["province_code"], share=float(worst["share"]),
            limit=INGEST_MISSING_MAX_SHARE)
    f = schema.factories
    listed = sa.exists().where(stage.c.factory_id == f.c.factory_id)
    return conn.execute(f.update().where(f.c.in_latest_feed, ~listed).values(in_latest_feed=False)).rowcount


def next_load_id(conn: sa.Connection) -> int:
    """load_log ids are assigned by the writers (DuckDB has no sequence behind them)."""
    return int(conn.execute(sa.select(sa.func.max(schema.load_log.c.load_id))).scalar_one() or 0) + 1


def log_load(conn: sa.Connection, row: dict) -> None:
    conn.execute(schema.load_log.insert().values(**row))
