"""Import of a 64,000-row DIW GIS extract (Thai headers, display registration numbers only) into
the national demo database, on DuckDB and PostgreSQL: rows per second and peak memory.

The extract is made from the national data themselves, so that most rows find their factory by
its display number (written as real extracts write it: Thai digits, spaces), while one in eight
is a factory not stored yet; a share of names is blank (a single space) beside the operator's,
38% of the points are missing and 1% carry a whole-degree digit error; dates are Excel serials.
Each load runs in its own process on a fresh copy of the national database (bench/ingest.py's
worker; DuckDB's three times, the median reported), beside the floor: DuckDB reading the same
file into a table by itself.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.common import heading
from bench.ingest import postgres_url, report_load, timed_load
from data_access.db import connect, schema
from data_access.db.bulk import read_frame
from data_access.demo import SCALES, generate
from data_access.reference import district_table, province_table
from data_access.settings import INGEST_EXCEL_EPOCH
from tests.ingest_files import GIS_EXTRACT_HEADER

ROWS = 64_000
NEW_SHARE = 0.125
BLANK_NAME_SHARE = 0.095      # 60 of the 632 names of one real extract
MISSING_POINT_SHARE = 0.38    # DOMAIN.md
DIGIT_ERROR_SHARE = 0.01
THAI_DIGITS_SHARE = SPACED_SHARE = 0.10
TARGET_ROWS_PER_S = {"duckdb": 50_000, "postgresql": 20_000}
# A DuckDB load takes about a second, where this shared machine's noise is a third of one: the
# median of three loads. A PostgreSQL load needs the national data generated anew for it (a
# quarter of a minute): it runs once.
DUCKDB_LOADS = 3
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def stored_factories(engine: sa.Engine) -> pd.DataFrame:
    f = schema.factories.c
    query = sa.select(f.display_reg, f.name, f.province_code, f.district_code, f.subdistrict_code, f.lat, f.lon,
                      f.category, f.factory_type, f.tsic_code, f.horsepower, f.workers, f.capital_thb,
                      f.registered_on).where(f.display_reg.is_not(None)).order_by(f.factory_id)
    with engine.connect() as conn:
        return read_frame(conn, query)


def _written_numbers(rng: np.random.Generator, numbers: pd.Series) -> pd.Series:
    """Display numbers as extracts write them: some in Thai digits, some with spaces."""
    draw = rng.random(len(numbers))
    thai = numbers.str.translate(_THAI)
    spaced = numbers.str.replace("-", " - ", regex=False)
    return numbers.where(draw >= THAI_DIGITS_SHARE, thai).where(
        (draw < THAI_DIGITS_SHARE) | (draw >= THAI_DIGITS_SHARE + SPACED_SHARE), spaced)


def gis_extract(stored: pd.DataFrame, rows: int = ROWS, seed: int = 2570) -> pd.DataFrame:
    """``rows`` rows in the GIS header set: stored factories, and new ones (a stored factory's
    attributes under a running number no factory has)."""
    rng = np.random.default_rng(seed)
    picked = stored.iloc[rng.choice(len(stored), rows, replace=False)].reset_index(drop=True)
    new = rng.random(rows) < NEW_SHARE
    picked.loc[new, "display_reg"] = [re_running(number, i) for i, number in
                                     enumerate(picked.loc[new, "display_reg"])]
    blank_name = rng.random(rows) < BLANK_NAME_SHARE
    no_point = rng.random(rows) < MISSING_POINT_SHARE
    shifted = rng.random(rows) < DIGIT_ERROR_SHARE
    lat = (picked["lat"] + np.where(shifted, 1.0, 0.0)).round(6)
    men = (picked["workers"].fillna(0) * rng.uniform(0.3, 0.8, rows)).round().astype(int)
    provinces = province_table().set_index("code")["name_th"]
    districts = district_table().set_index("code")["name_th"]
    serial = (pd.to_datetime(picked["registered_on"]) - pd.Timestamp(INGEST_EXCEL_EPOCH)).dt.days
    columns = [
        _written_numbers(rng, picked["display_reg"]),
        picked["name"].where(~blank_name, " "),
        picked["name"].where(~blank_name, [f"นายผู้ประกอบการ {i}" for i in range(rows)]),
        "", picked["factory_type"].map(lambda n: f"{int(n):03d}00" if pd.notna(n) else ""),
        picked["category"].map(lambda n: str(int(n)) if pd.notna(n) else ""), picked["tsic_code"].fillna(""),
        picked["horsepower"].map(lambda hp: f"{hp:,.1f}" if pd.notna(hp) else ""),
        men, (picked["workers"].fillna(0) - men).astype(int), picked["capital_thb"].map(
            lambda thb: f"{thb:,.0f}" if pd.notna(thb) else ""),
        picked["province_code"].map(provinces), picked["district_code"].map(districts).fillna(""), "",
        lat.where(~no_point).map(lambda v: f"{v:.6f}" if pd.notna(v) else ""),
        picked["lon"].where(~no_point).map(lambda v: f"{v:.6f}" if pd.notna(v) else ""),
        serial.map(lambda days: str(int(days)) if pd.notna(days) else ""),
        picked["province_code"], picked["district_code"].fillna(""), picked["subdistrict_code"].fillna(""),
    ]
    return pd.DataFrame({header: column for header, column in zip(GIS_EXTRACT_HEADER, columns)})


def re_running(number: str, i: int) -> str:
    """``จ3-9(6)-100/51ปจ`` with a running number no factory holds: ``จ3-9(6)-8000001/51ปจ``."""
    head, _, tail = number.rpartition("-")
    return f"{head}-8{i:05d}/{tail.split('/', 1)[1]}"


def raw_floor(path: Path, workdir: Path) -> float:
    """Seconds DuckDB alone takes to read the file into a table: the floor under any import."""
    utf8 = workdir / "floor.csv"
    utf8.write_bytes(path.read_bytes().decode("cp874").encode("utf-8"))
    con = duckdb.connect(str(workdir / "floor.duckdb"))
    try:
        start = time.perf_counter()
        con.execute(f"create table extract as select * from read_csv('{utf8}', all_varchar=true)")
        return time.perf_counter() - start
    finally:
        con.close()


def _duckdb_load(engine: sa.Engine, path: Path, workdir: Path) -> dict:
    """One load into a fresh copy of the national database (see bench/ingest.py's worker)."""
    copy = workdir / "national.duckdb"
    shutil.copyfile(engine.url.database, copy)
    return timed_load(connect.duckdb_url(copy), path)


def _postgres_national(url: str) -> None:
    engine = connect.make_engine(url)
    schema.create_all(engine)
    start = time.perf_counter()
    generate(engine, scale=SCALES["national"])
    engine.dispose()
    print(f"{'':11}national demo data into PostgreSQL in {time.perf_counter() - start:.1f} s")


def run(engine: sa.Engine) -> None:
    """``engine`` is the national demo database: the extract is made from it, then loaded into
    a copy of it (DuckDB) and into the same data generated in PostgreSQL."""
    heading(f"Import of a {ROWS:,}-row GIS extract into the national database")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "gis_extract.csv"
        gis_extract(stored_factories(engine)).to_csv(path, index=False, encoding="cp874")
        floor = raw_floor(path, workdir)
        print(f"{'':11}file {path.stat().st_size / 1e6:.1f} MB (TIS-620); floor: DuckDB reads it alone in "
              f"{floor:.2f} s ({ROWS / floor:,.0f} rows/s)")
        loads = [_duckdb_load(engine, path, workdir) for _ in range(DUCKDB_LOADS)]
        print(f"{'':11}DuckDB, {DUCKDB_LOADS} loads each on a fresh copy: "
              + ", ".join(f"{f['seconds']:.2f} s" for f in loads) + "; the median:")
        figures = sorted(loads, key=lambda f: f["seconds"])[DUCKDB_LOADS // 2]
        report_load("duckdb", "GIS extract", figures, TARGET_ROWS_PER_S["duckdb"])
        print(f"{'':11}{figures['seconds'] / floor:.1f}x the floor")
        with postgres_url() as url:
            _postgres_national(url)
            figures = timed_load(url, path)
            report_load("postgresql", "GIS extract", figures, TARGET_ROWS_PER_S["postgresql"])
            print(f"{'':11}{figures['seconds'] / floor:.1f}x the DuckDB floor")
