"""Bulk loading and reading of DataFrames, natively per engine: DuckDB reads a DataFrame and
returns Arrow columns directly, and PostgreSQL takes ``COPY ... FROM STDIN``. Row-by-row
``to_sql`` runs at a few thousand rows a second, far too slow for a million inspections, and
``pd.read_sql`` builds a Python object per cell: a third of a second for 100,000 factories.

Every function takes a SQLAlchemy ``Connection`` so that the caller decides the transaction: an
import either lands whole or not at all.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import sqlalchemy as sa

from data_access.settings import LOAD_STATISTICS_TARGET

# Rows per slice of a COPY into PostgreSQL (see _csv_chunks): about 2 MB of a registry.
_COPY_CHUNK_ROWS = 8_192
# Column types read back from PostgreSQL through Arrow (see read_frame); Double is a Float.
_ARROW_TYPES = ((sa.Boolean, pa.bool_()), (sa.Integer, pa.int64()), (sa.Float, pa.float64()),
                (sa.Date, pa.date32()), (sa.String, pa.string()))


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


def read_frame(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    """The rows of ``query`` as ``pd.read_sql`` gives them (integer columns with gaps as floats,
    dates as ``date`` objects), but through Arrow: ``pd.read_sql`` builds a Python object per
    cell, ten times slower on DuckDB and twice on PostgreSQL. Unlike it, DuckDB's integers keep
    their width and a text column without any value holds NaN rather than None."""
    if conn.dialect.name == "duckdb":
        return _read_duckdb(conn, query)
    if conn.dialect.name == "postgresql" and all(_arrow_type(c.type) for c in query.selected_columns):
        return _read_postgres(conn, query)
    return pd.read_sql(query, conn)


def _compiled(conn: sa.Connection, query: sa.Select) -> sa.engine.Compiled:
    return query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})


def _read_duckdb(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    """Through DuckDB's relation API (``execute(...).to_arrow_table()`` copies the rows once more:
    five times slower). The API refuses to run while the connection holds a result SQLAlchemy
    left unfetched (``.first()`` reads one row of it): that result is dropped first."""
    compiled = _compiled(conn, query)
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    raw = conn.connection.dbapi_connection
    raw.abort()
    return raw.sql(compiled.string, params=params).to_arrow_table().to_pandas()


def _read_postgres(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    """``COPY (query) TO STDOUT`` as CSV, read by Arrow in the columns' own types. Only an
    unquoted empty field is NULL: COPY quotes an empty text, and writes "NA" as it is."""
    compiled = _compiled(conn, query)
    data = bytearray()
    with (conn.connection.dbapi_connection.cursor() as cursor,
          cursor.copy(f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv)", compiled.params) as copy):
        for block in copy:
            data += block
    columns = query.selected_columns
    if not data:  # Arrow reads no file without a line; pandas gives untyped columns then
        return pd.DataFrame(columns=[c.name for c in columns])
    convert = pa_csv.ConvertOptions(column_types={c.name: _arrow_type(c.type) for c in columns},
                                    null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=False,
                                    true_values=["t"], false_values=["f"])
    read = pa_csv.ReadOptions(column_names=[c.name for c in columns])
    return pa_csv.read_csv(pa.py_buffer(data), read, convert_options=convert).to_pandas()


def _arrow_type(column_type: sa.types.TypeEngine) -> pa.DataType | None:
    """The Arrow type a column of ``column_type`` is read in from PostgreSQL (``None``: not
    one of these, read through pandas)."""
    return next((arrow for sql, arrow in _ARROW_TYPES if isinstance(column_type, sql)), None)


@contextmanager
def staged(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> Iterator[sa.Table]:
    """``frame`` in a temporary table with the types of ``table`` (no keys, no indexes), so that
    it can be compared with the stored rows set by set; dropped afterwards."""
    stage = sa.Table(f"_stage_{table.name}", sa.MetaData(),
                     *(sa.Column(name, table.c[name].type) for name in frame.columns), prefixes=["TEMPORARY"])
    stage.create(conn)
    insert_dataframe(conn, stage, frame)
    yield stage
    stage.drop(conn)


def replace_rows(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame, within: sa.Select | None = None) -> int:
    """Make ``table`` hold exactly the rows of ``frame`` (all its columns, keyed by the primary
    key); returns the row count. With ``within`` (a query of keys of a one-column primary key),
    only the stored rows of those keys are replaced, and ``frame`` holds rows of those keys only.

    Only the rows that differ are deleted and written again. Rewriting a whole table of scores
    after each load costs seconds (foreign-key checks, index upkeep, DuckDB's checkpoint at
    commit) where a newer export changes a few percent of them.
    """
    if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None:
        return insert_dataframe(conn, table, frame)  # nothing stored yet: nothing to compare with
    scope = sa.true() if within is None else table.primary_key.columns[0].in_(within)
    with staged(conn, table, frame) as stage:
        same_key = sa.and_(*(stage.c[c.name] == c for c in table.primary_key))
        same_row = sa.and_(same_key, *(stage.c[name].is_not_distinct_from(table.c[name]) for name in frame.columns))
        conn.execute(table.delete().where(scope, ~sa.exists().where(same_row)))
        conn.execute(table.insert().from_select(list(stage.c.keys()),
                                                sa.select(*stage.c).where(~sa.exists().where(same_key))))
    return len(frame)


def analyze(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    """Refresh the planner's statistics of ``tables`` after a load. PostgreSQL plans the pages'
    queries from them: before autovacuum has run, a fresh load hides plans that turn slow once
    statistics exist, and stale ones after a large load mislead it the other way."""
    if conn.dialect.name == "postgresql":  # for this transaction only; see the setting's note
        conn.execute(sa.text(f"SET LOCAL default_statistics_target = {int(LOAD_STATISTICS_TARGET)}"))
    for table in tables:
        conn.execute(sa.text(f"ANALYZE {conn.dialect.identifier_preparer.format_table(table)}"))


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
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    with (conn.connection.dbapi_connection.cursor() as cursor,
          cursor.copy(f'COPY "{table_name}" ({cols}) FROM STDIN WITH (FORMAT csv)') as copy):
        for chunk in _csv_chunks(frame):
            copy.write(chunk)


def _csv_chunks(frame: pd.DataFrame) -> Iterator[bytes]:
    """The rows as CSV for COPY, written by Arrow: eight times faster than pandas' ``to_csv``
    (a second per 100,000 factories). A slice at a time, so that the server parses one while the
    next is written: a tenth sooner for a registry than all at once."""
    table = _empty_text_as_null(pa.Table.from_pandas(frame, preserve_index=False))
    options = pa_csv.WriteOptions(include_header=False)
    for batch in table.to_batches(max_chunksize=_COPY_CHUNK_ROWS):
        sink = io.BytesIO()
        pa_csv.write_csv(batch, sink, options)
        yield sink.getvalue()


def _empty_text_as_null(table: pa.Table) -> pa.Table:
    """Arrow quotes every text, so an empty one would arrive as an empty text; it goes as NULL,
    as COPY reads the unquoted empty field that ``to_csv`` wrote."""
    for position, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            column = table.column(position)
            table = table.set_column(position, field.name, pc.if_else(pc.equal(column, ""), None, column))
    return table
