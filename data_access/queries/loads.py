"""Per table: how many rows it holds and the latest load that wrote it (when, from which source,
how many rows that load refused). Each importable table is written by its own kind of load
(:data:`~data_access.db.schema.IMPORT_TABLES`); the demo generator writes them all.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.db.bulk import read_frame
from data_access.db.schema import IMPORT_TABLES, load_log
from data_access.queries.catalog import table_counts
from data_access.settings import DEMO_LOAD_KIND

_KIND_OF_TABLE = {table.name: kind for kind, table in IMPORT_TABLES.items()}


def latest_loads(conn: sa.Connection) -> pd.DataFrame:
    """The latest load of each kind: finish time, source and rows rejected."""
    c = load_log.c
    latest = sa.select(sa.func.max(c.load_id)).group_by(c.kind)
    query = sa.select(c.load_id, c.kind, c.finished_at.label("last_load"), c.source,
                      c.rows_rejected.label("rejected")).where(c.load_id.in_(latest))
    return read_frame(conn, query).set_index("kind")


def table_status(conn: sa.Connection) -> pd.DataFrame:
    """Table, rows, and the kind, finish time, source and rejected rows of the latest load that
    wrote it (empty when none did)."""
    loads = latest_loads(conn)
    rows = []
    for table, count in table_counts(conn).itertuples(index=False):
        kinds = [k for k in (_KIND_OF_TABLE.get(table), DEMO_LOAD_KIND) if k in loads.index]
        last = loads.loc[kinds].sort_values("load_id").iloc[-1] if kinds else pd.Series(dtype=object)
        rows.append({"table": table, "rows": count, "kind": last.name if kinds else None,
                     **{k: last.get(k) for k in ("last_load", "source", "rejected")}})
    return pd.DataFrame(rows)
