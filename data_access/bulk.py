"""Bulk loading of DataFrames, natively per engine: DuckDB reads the DataFrame directly, and
PostgreSQL takes ``COPY ... FROM STDIN``. Row-by-row ``to_sql`` runs at a few thousand rows a
second, far too slow for a million inspections.

Both functions take a SQLAlchemy ``Connection`` so that the caller decides the transaction: an
import either lands whole or not at all.
"""
from __future__ import annotations

import io

import pandas as pd
import sqlalchemy as sa


def insert_dataframe(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Append ``frame`` (columns named as in ``table``) to ``table``; returns the row count."""
    if frame.empty:
        return 0
    frame = _coerce(frame, table)
    if conn.dialect.name == "duckdb":
        _insert_duckdb(conn, table.name, frame)
    elif conn.dialect.name == "postgresql":
        _copy_postgres(conn, table.name, frame)
    else:  # any other engine: slower, but correct
        conn.execute(table.insert(), frame.to_dict("records"))
    return len(frame)


def _coerce(frame: pd.DataFrame, table: sa.Table) -> pd.DataFrame:
    """Keep the table's columns only, with integer columns as nullable integers: a column of
    counts with one gap arrives as floats, which PostgreSQL's COPY rejects for an integer."""
    columns = [c for c in table.columns if c.name in frame.columns]
    frame = frame[[c.name for c in columns]].copy()
    for column in columns:
        if isinstance(column.type, sa.Integer) and frame[column.name].dtype.kind == "f":
            frame[column.name] = frame[column.name].round().astype("Int64")
    return frame


def _insert_duckdb(conn: sa.Connection, table_name: str, frame: pd.DataFrame) -> None:
    raw = conn.connection.dbapi_connection
    view = f"_bulk_{table_name}"
    raw.register(view, frame)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        raw.execute(f'INSERT INTO "{table_name}" ({cols}) SELECT {cols} FROM "{view}"')
    finally:
        raw.unregister(view)


def _copy_postgres(conn: sa.Connection, table_name: str, frame: pd.DataFrame) -> None:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=False, date_format="%Y-%m-%d %H:%M:%S")
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    with conn.connection.dbapi_connection.cursor() as cursor:
        with cursor.copy(f'COPY "{table_name}" ({cols}) FROM STDIN WITH (FORMAT csv)') as copy:
            copy.write(buffer.getvalue())
