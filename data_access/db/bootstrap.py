"""Preparing a database for the app: the schema always, the demo data only on the embedded default."""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from data_access import demo
from data_access.db import connect, schema
from data_access.queries import stored_figures
from data_access.queries.catalog import data_as_of

Progress = Callable[[float, str], None]


def auto_demo_enabled() -> bool:
    """The embedded default (no ``DATABASE_URL`` anywhere) is filled with demo data on first start."""
    return connect.database_url() == connect.duckdb_url(connect.DEFAULT_DUCKDB_PATH)


def prepare(engine: sa.Engine) -> sa.Engine:
    """Create any missing table, so that an empty database reads as "no data", not as an error.
    A database made before the stored figures existed, or before one of their columns did, gets
    them counted once, here: loads keep them up to date from then on."""
    current = _stored_figures_current(engine)
    schema.create_all(engine)
    if not current:
        with engine.begin() as conn:
            stored_figures.refresh(conn, data_as_of(conn))
    return engine


def _stored_figures_current(engine: sa.Engine) -> bool:
    """Whether every table of stored figures exists with every column this version declares."""
    inspector = sa.inspect(engine)
    if not all(inspector.has_table(table.name) for table in stored_figures.STORED_TABLES):
        return False
    with engine.connect() as conn:
        return all(set(conn.execute(sa.select(sa.text("*")).select_from(sa.table(table.name)).limit(0)).keys())
                   == set(table.columns.keys()) for table in stored_figures.STORED_TABLES)


def build_demo(engine: sa.Engine, progress: Progress | None = None) -> dict[str, int]:
    """Create the schema and fill it with the national demo data."""
    schema.create_all(engine)
    return demo.generate(engine, scale=demo.SCALES["national"], progress=progress)
