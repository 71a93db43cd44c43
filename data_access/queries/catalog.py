"""What the database holds: row counts, which tables hold any rows, the load log and the data's
as-of date."""
from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access.db.bulk import read_frame
from data_access.db.schema import TABLE_ORDER, factories, load_log


def table_counts(conn: sa.Connection) -> pd.DataFrame:
    """Row count per table, in schema order."""
    counts = [
        {"table": table.name, "rows": conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()}
        for table in TABLE_ORDER
    ]
    return pd.DataFrame(counts)


def filled_tables(conn: sa.Connection) -> frozenset[str]:
    """The tables that hold at least one row, in one statement: a figure counted from any other
    is not measured (:mod:`data_access.rules.coverage`)."""
    probes = [sa.select(sa.literal(table.name).label("name"))
              .where(sa.select(sa.literal(1)).select_from(table).exists()) for table in TABLE_ORDER]
    return frozenset(conn.execute(sa.union_all(*probes)).scalars())


def load_history(conn: sa.Connection, limit: int = 50) -> pd.DataFrame:
    """The most recent loads, newest first."""
    c = load_log.c
    query = (sa.select(c.load_id, c.kind, c.source, c.rows_accepted, c.rows_rejected, c.started_at,
                       c.finished_at, c.loaded_by, c.as_of)
             .order_by(c.started_at.desc(), c.load_id.desc()).limit(limit))
    return read_frame(conn, query)


def data_as_of(conn: sa.Connection) -> date | None:
    """The as-of date of the freshest load, or ``None`` when nothing was ever loaded."""
    value = conn.execute(sa.select(sa.func.max(load_log.c.as_of))).scalar_one()
    return pd.Timestamp(value).date() if value is not None else None


def has_factories(conn: sa.Connection) -> bool:
    """Whether any factory is stored: an empty database gets an explanation, not empty charts."""
    return conn.execute(sa.select(factories.c.factory_id).limit(1)).first() is not None
