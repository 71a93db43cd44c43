"""The database layer on both engines: schema, bulk loads, URL resolution, the busy-file guard."""
from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.db import bulk, connect, schema
from data_access.settings import DUCKDB_CONFIG, LOAD_STATISTICS_TARGET

EXPECTED_PRIMARY_KEYS = {
    "provinces": ["code"],
    "inspectors_general": ["inspection_region", "effective_from"],
    "districts": ["code"],
    "factories": ["factory_id"],
    "inspections": ["inspection_id"],
    "complaints": ["complaint_id"],
    "emergencies": ["emergency_id"],
    "gi_certifications": ["certificate_id"],
    "i40_assessments": ["assessment_id"],
    "program_participation": ["participation_id"],
    "kpi_targets": ["fiscal_year", "province_code", "kpi_code"],
    "load_log": ["load_id"],
}


# --- schema ------------------------------------------------------------------------------------

def _primary_keys(conn: sa.Connection) -> dict[str, list[str]]:
    """Primary keys as the database reports them (information_schema: the same on both engines;
    SQLAlchemy's inspector cannot read DuckDB's constraints)."""
    rows = conn.execute(sa.text("""
        select tc.table_name, kcu.column_name
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
         and kcu.table_schema = tc.table_schema
        where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema()
        order by tc.table_name, kcu.ordinal_position
    """)).all()
    keys: dict[str, list[str]] = {}
    for table, column in rows:
        keys.setdefault(table, []).append(column)
    return keys


def _columns(conn: sa.Connection) -> dict[str, set[str]]:
    rows = conn.execute(sa.text(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = current_schema()"
    )).all()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


def test_schema_declares_the_twelve_tables_in_foreign_key_order():
    declared = {t.name: [c.name for c in t.primary_key.columns] for t in schema.metadata.sorted_tables}
    for name, key in EXPECTED_PRIMARY_KEYS.items():
        assert declared.get(name) == key, name
    # TABLE_ORDER lists every table, each after the tables its foreign keys point at.
    assert sorted(t.name for t in schema.TABLE_ORDER) == sorted(schema.metadata.tables)
    seen: set[str] = set()
    for table in schema.TABLE_ORDER:
        for fk in table.foreign_keys:
            assert fk.column.table.name in seen | {table.name}, (table.name, fk.target_fullname)
        seen.add(table.name)


def test_create_all_makes_every_table_with_its_primary_key(engine):
    with engine.connect() as conn:
        keys = _primary_keys(conn)
        columns = _columns(conn)
    for name, key in EXPECTED_PRIMARY_KEYS.items():
        assert keys.get(name) == key, name
    for table in schema.metadata.sorted_tables:
        assert keys.get(table.name) == [c.name for c in table.primary_key.columns], table.name
        assert columns.get(table.name) == {c.name for c in table.columns}, table.name


def test_create_all_is_safe_to_repeat(engine):
    schema.create_all(engine)
    with engine.connect() as conn:
        assert set(EXPECTED_PRIMARY_KEYS) <= set(_columns(conn))


# --- bulk loads --------------------------------------------------------------------------------

PROVINCES = pd.DataFrame({
    "code": ["10", "20", "57"],
    "name_th": ["กรุงเทพมหานคร", "ชลบุรี", "เชียงราย"],
    "name_en": ["Bangkok", "Chon Buri", "Chiang Rai"],
    "region": ["central", "east", "north"],
    "region_nesdb": ["bangkok", "east", "north"],
    "inspection_region": [0, 2, 15],
})

DISTRICTS = pd.DataFrame({
    "code": ["2001", "2007"],
    "province_code": ["20", "20"],
    "name_th": ["เมืองชลบุรี", "ศรีราชา"],
    "name_en": ["Mueang Chon Buri", "Si Racha"],
})


def _factories() -> pd.DataFrame:
    return pd.DataFrame({
        "factory_id": ["10200000125341", "20200012345678", "57100000000001"],
        "display_reg": ["จ3-9(6)-100/51ปจ", None, "น.57-1/2560"],
        # Thai with a comma, double quotes and the SARA AM of น้ำ (quoting paths of COPY/CSV).
        "name": ['บริษัท น้ำดื่ม "ใสสะอาด", จำกัด', "Thai Steel Co., Ltd.", "โรงสีข้าวเชียงราย"],
        "province_code": ["10", "20", "57"],
        "district_code": [None, "2007", None],
        "lat": [13.756331, 13.1682742, np.nan],
        "lon": [100.501765, 100.9306491, np.nan],
        "coord_precision": ["exact", "approximate", None],
        "category": [3, 2, 1],
        "factory_type": [9, 59, 1],
        "tsic_code": ["10750", None, "10611"],
        "capital_thb": [12_500_000.0, np.nan, 0.25],
        "workers": pd.array([120, None, 3], dtype="Int64"),
        "horsepower": [350.5, np.nan, 12.0],
        "status": ["operating", "stopped", "not_started"],
        "registered_on": [dt.date(2008, 2, 29), dt.date(1995, 10, 1), None],
        "closed_on": pd.to_datetime([None, "2023-12-31", None]),
        "in_estate": [False, True, False],
        "has_wastewater": [True, True, False],
        "has_air_emission": [False, True, False],
        "has_hazardous_substance": [False, True, False],
        "has_hazardous_waste": [False, False, False],
        "has_boiler": [True, False, False],
        "in_latest_feed": [True, True, False],
    })


def _normalise(value):
    """Make a stored value and its DataFrame original comparable (NaN/NaT/NA -> None)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _rows(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: _normalise(v) for k, v in zip(frame.columns, row)}
        for row in frame.itertuples(index=False, name=None)
    ]


def _stored(conn: sa.Connection, table: sa.Table, key: str) -> list[dict]:
    result = conn.execute(sa.select(table).order_by(table.c[key])).mappings()
    return [{k: _normalise(v) for k, v in row.items()} for row in result]


def test_insert_dataframe_round_trips_exactly(engine):
    factories = _factories()
    with engine.begin() as conn:
        assert bulk.insert_dataframe(conn, schema.provinces, PROVINCES) == 3
        assert bulk.insert_dataframe(conn, schema.districts, DISTRICTS) == 2
        assert bulk.insert_dataframe(conn, schema.factories, factories) == 3
    with engine.connect() as conn:
        assert _stored(conn, schema.provinces, "code") == _rows(PROVINCES)
        assert _stored(conn, schema.districts, "code") == _rows(DISTRICTS)
        stored = _stored(conn, schema.factories, "factory_id")
    expected = _rows(factories)
    for got, want in zip(stored, expected, strict=True):
        for column, value in want.items():
            if isinstance(value, float) and got[column] != value:
                single = float(np.float32(value))
                assert got[column] != single, (
                    f"factories.{column} is stored as a 32-bit float ({value!r} came back as "
                    f"{got[column]!r}): declare it sa.Double (DuckDB's FLOAT is 4 bytes)"
                )
            assert got[column] == value, (want["factory_id"], column, got[column], value)
            if isinstance(value, bool):
                assert isinstance(got[column], bool), column
            if isinstance(value, dt.date):
                assert type(got[column]) is dt.date, column
    assert stored[0]["name"] == 'บริษัท น้ำดื่ม "ใสสะอาด", จำกัด'


def test_insert_dataframe_takes_a_subset_of_columns_and_ignores_extras(engine):
    frame = PROVINCES.assign(unused_column=["x", "y", "z"])
    with engine.begin() as conn:
        assert bulk.insert_dataframe(conn, schema.provinces, frame) == 3
        assert bulk.insert_dataframe(conn, schema.provinces, frame.iloc[0:0]) == 0
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.provinces)).scalar() == 3


def test_insert_dataframe_lands_whole_or_not_at_all(engine):
    duplicate = pd.concat([PROVINCES, PROVINCES.iloc[[0]]], ignore_index=True)
    with pytest.raises(Exception):
        with engine.begin() as conn:
            bulk.insert_dataframe(conn, schema.provinces, PROVINCES.iloc[[1]])
            bulk.insert_dataframe(conn, schema.provinces, duplicate)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.provinces)).scalar() == 0


# --- which database ----------------------------------------------------------------------------

@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(connect, "SECRETS_FILE", path)
    return path


@pytest.mark.postgres
def test_a_load_gathers_postgresql_statistics_at_its_own_target_for_its_transaction_only(postgres_url):
    engine = connect.make_engine(postgres_url)
    try:
        schema.create_all(engine)
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO provinces (code, name_th, name_en, region, region_nesdb, "
                                 "inspection_region) SELECT lpad(n::text, 2, '0'), 'p' || n, 'p' || n, 'north', "
                                 "'north', 1 FROM generate_series(1, 99) AS n"))
            bulk.analyze(conn, [schema.provinces])
        with engine.connect() as conn:
            bounds = conn.execute(sa.text("SELECT array_length(histogram_bounds, 1) FROM pg_stats "
                                          "WHERE tablename = 'provinces' AND attname = 'code'")).scalar_one()
            server_default = conn.execute(sa.text("SHOW default_statistics_target")).scalar_one()
    finally:
        engine.dispose()
    assert bounds == LOAD_STATISTICS_TARGET + 1  # 99 distinct codes in that many buckets
    assert server_default == "100"  # SET LOCAL: the connection's next transaction has the server's own


@pytest.mark.parametrize("in_memory", [False, True], ids=["file", "memory"])
def test_duckdb_engines_give_freed_memory_back(tmp_path, in_memory):
    engine = connect.make_engine(connect.duckdb_url(":memory:" if in_memory else tmp_path / "memory.duckdb"))
    try:
        with engine.connect() as conn:
            settings = dict(conn.execute(sa.text(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('allocator_flush_threshold', 'allocator_background_threads')")).all())
    finally:
        engine.dispose()
    assert settings["allocator_background_threads"] == "true"
    assert settings["allocator_flush_threshold"] == DUCKDB_CONFIG["allocator_flush_threshold"]  # not 128 MiB


def test_database_url_is_not_inherited_by_the_tests():
    assert "DATABASE_URL" not in os.environ


def test_database_url_defaults_to_the_embedded_duckdb_file(secrets_file):
    from data_access.settings import DEFAULT_DUCKDB_PATH

    assert not secrets_file.exists()
    assert connect.database_url() == f"duckdb:///{DEFAULT_DUCKDB_PATH}"
    secrets_file.write_text('OTHER_SETTING = "x"\n', encoding="utf-8")
    assert connect.database_url() == f"duckdb:///{DEFAULT_DUCKDB_PATH}"


def test_database_url_from_secrets_file(secrets_file):
    secrets_file.write_text('DATABASE_URL = "postgresql://mind:pw@db.example/mind"\n', encoding="utf-8")
    assert connect.database_url() == "postgresql://mind:pw@db.example/mind"


def test_database_url_environment_beats_secrets_file(secrets_file, monkeypatch):
    secrets_file.write_text('DATABASE_URL = "postgresql://mind:pw@db.example/mind"\n', encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", "postgres://env@127.0.0.1:5433/envdb")
    assert connect.database_url() == "postgres://env@127.0.0.1:5433/envdb"


@pytest.mark.parametrize(("url", "expected"), [
    ("postgres://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
    ("postgresql://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("duckdb:///data/mind.duckdb", "duckdb:///data/mind.duckdb"),
    ("duckdb:///:memory:", "duckdb:///:memory:"),
])
def test_normalise_url(url, expected):
    assert connect.normalise_url(url) == expected


# --- the busy DuckDB file ----------------------------------------------------------------------

HOLD_FILE_OPEN = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("create table if not exists held (x integer)")
    print("ready", flush=True)
    time.sleep(120)
""")


def test_duckdb_file_held_by_another_process_raises_busy(tmp_path):
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_FILE_OPEN, str(path)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = holder.stdout.readline()
        assert line.strip() == "ready", holder.stderr.read() if holder.poll() is not None else line
        with pytest.raises(connect.DatabaseBusyError) as excinfo:
            connect.make_engine(connect.duckdb_url(path))
        message = str(excinfo.value)
        assert str(path) in message
        assert "in use by another program" in message
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # Once the other process is gone, the file opens normally.
    engine = connect.make_engine(connect.duckdb_url(path))
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("select count(*) from held")).scalar() == 0
    finally:
        engine.dispose()


def test_a_database_made_before_the_registration_columns_is_brought_up_to_date(engine):
    """An older database whose factories are keyed by VARCHAR(14) and lack registration_id,
    name_source and the rest: preparing it adds the columns, fills the 14-digit ids, and lets a
    display number (up to 40 characters) be a key."""
    with engine.begin() as conn:
        for table in reversed(schema.TABLE_ORDER):
            conn.execute(sa.text(f'DROP TABLE "{table.name}"'))
    schema.metadata.create_all(engine, tables=[schema.provinces, schema.districts])
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE factories (factory_id VARCHAR(14) PRIMARY KEY, name VARCHAR(255) NOT NULL, "
                             "province_code VARCHAR(2) NOT NULL REFERENCES provinces(code), "
                             "status VARCHAR(12) NOT NULL)"))
        conn.execute(sa.text("INSERT INTO provinces VALUES ('20', 'ชลบุรี', 'Chon Buri', 'East', 'East', 2)"))
        conn.execute(sa.text("INSERT INTO factories VALUES ('10200100000001', 'เก่า', '20', 'operating')"))
    schema.create_all(engine)
    f = schema.factories.c
    with engine.begin() as conn:
        assert tuple(conn.execute(sa.select(f.registration_id, f.name_source)).one()) == ("10200100000001", "file")
        conn.execute(schema.factories.insert().values(factory_id="น.3-101(12)-123456/2569ชบ", name="ใหม่",
                                                      province_code="20", status="operating"))
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.factories)).scalar_one() == 2


def test_a_database_made_before_the_stored_figures_gets_them_counted_once(engine):
    """Data loaded by an earlier version, which stored no figures: preparing the database counts
    them, and preparing it again leaves them as they are (loads keep them up to date)."""
    from data_access.db import bootstrap
    from data_access.queries import stored_figures
    from tests import small_fixture

    small_fixture.load(engine)
    with engine.begin() as conn:
        for table in stored_figures.STORED_TABLES:
            conn.execute(sa.text(f'DROP TABLE "{table.name}"'))
    bootstrap.prepare(engine)

    def stored() -> list[int]:
        with engine.connect() as conn:
            return [conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in stored_figures.STORED_TABLES]

    # Adoption: ten periods of the 77 provinces; headline counts: seven periods; KPIs: seven
    # periods of 78 rows (the provinces and the nation) and 12 KPIs.
    assert stored() == [10 * 77, 7 * 77, 7 * 78 * 12]
    with engine.begin() as conn:
        conn.execute(schema.kpi_figures.delete().where(schema.kpi_figures.c.province_code == "TH"))
    bootstrap.prepare(engine)
    assert stored() == [10 * 77, 7 * 77, 7 * 77 * 12]
