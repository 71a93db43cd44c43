"""Import rate of a DIW open-data registry export (issue 5): a 100,000-row factory CSV made up on
the fly, loaded into a fresh embedded DuckDB file and into PostgreSQL, then loaded again
unchanged, then a newer full export with 5% of the rows changed.

Each load runs in its own process so that its peak memory (max RSS) is the import's alone; its
time runs from reading the file to the commit, the closing ``ANALYZE`` of the tables it wrote
included.
PostgreSQL is ``BENCH_PG_URL``, else ``DATABASE_URL`` when it names a PostgreSQL server, else a
throwaway cluster started for the run (the test suite's own).
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.common import heading
from data_access.db import bootstrap, connect
from data_access.demo.geo import district_areas, place
from data_access.ingest import load_file
from data_access.reference import district_table, province_table
from data_access.rules.fiscal import to_be
from data_access.settings import PROJECT_ROOT

ROWS = 100_000
CHANGED_SHARE = 0.05
MISSING_POINT_SHARE = 0.38  # as in one national extract (DOMAIN.md)
TARGET_ROWS_PER_S = {"duckdb": 50_000, "postgresql": 20_000}
MEMORY_LIMIT_MB = 1024


def registry_frame(rows: int, seed: int = 2570) -> pd.DataFrame:
    """A registry export in DIW's open-data layout: Thai province and district names, 5-digit
    type codes, BE dates, FFLAG status codes, points inside their districts or none."""
    rng = np.random.default_rng(seed)
    areas = district_areas()
    usable = np.flatnonzero(areas.usable)
    district = rng.choice(usable, rows)
    lon, lat, _, _ = place(rng, district)
    no_point = rng.random(rows) < MISSING_POINT_SHARE
    names = province_table().set_index("code")["name_th"]
    district_names = district_table().set_index("code")["name_th"]
    province_code = areas.province_codes[district]
    ftype = rng.integers(1, 108, rows)
    registered = pd.Timestamp("1990-01-01") + pd.to_timedelta(rng.integers(0, 13_000, rows), unit="D")
    return pd.DataFrame({
        "FACREG": [f"1{e}{p}{i:010d}" for e, p, i in zip(rng.integers(0, 2, rows), province_code, range(rows))],
        "DISPFACREG": [f"จ3-{t}-{i % 900 + 1}/{y % 100}" for t, i, y in zip(ftype, range(rows), registered.year)],
        "FNAME": [f"โรงงานทดสอบ {i}" for i in range(rows)],
        "FACTYPE": [f"{t:03d}{s:02d}" for t, s in zip(ftype, rng.integers(0, 10, rows))],
        "FPROVNAME": names.loc[province_code].to_numpy(),
        "FAMPNAME": district_names.loc[areas.codes[district]].to_numpy(),
        "LAT": np.where(no_point, "", np.round(lat, 6).astype(str)),
        "LNG": np.where(no_point, "", np.round(lon, 6).astype(str)),
        "HP": np.round(rng.lognormal(4.5, 1.2, rows), 1),
        "TOTAL_WORKER": rng.integers(0, 800, rows),
        "TOTAL_CAP": np.round(rng.lognormal(15, 1.5, rows), -3),
        "FFLAG": rng.choice(["0", "1", "2", "3"], rows, p=[0.02, 0.85, 0.08, 0.05]),
        "POKDATE": [f"{d.day:02d}/{d.month:02d}/{to_be(d.year)}" for d in registered],
    })


def newer_export(frame: pd.DataFrame, seed: int = 2571) -> pd.DataFrame:
    """The next export: a share of factories changed (status, workers), one in a hundred gone."""
    rng = np.random.default_rng(seed)
    newer = frame.copy()
    changed = rng.random(len(frame)) < CHANGED_SHARE
    newer.loc[changed, "FFLAG"] = "3"
    newer.loc[changed, "TOTAL_WORKER"] = newer.loc[changed, "TOTAL_WORKER"] + 1
    return newer[rng.random(len(frame)) >= 0.01]


# --- one load, measured in its own process ------------------------------------------------------

def _worker(url: str, path: str, full_export: bool) -> None:
    engine = bootstrap.prepare(connect.make_engine(url))
    data = Path(path).read_bytes()
    marks: list[tuple[str, float]] = []
    with engine.connect() as conn:
        start, cpu = time.perf_counter(), time.process_time()
        report = load_file(conn, "factories", data, Path(path).name, full_export=full_export,
                           progress=lambda fraction, step: marks.append((step, time.perf_counter())))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # time from the start of each step to the start of the next ("log" runs to the commit's end)
    steps = {step: later - at for (step, at), (_, later) in itertools.pairwise(marks)}
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": report.rows_read, "inserted": report.inserted,
                      "updated": report.updated, "marked": report.marked_missing,
                      "rejected": report.rows_rejected, "peak_mb": peak_mb, "steps": steps}))


def timed_load(url: str, path: Path, full_export: bool = False) -> dict:
    """One load of ``path`` into ``url`` in a process of its own: its figures (see ``_worker``)."""
    cmd = [sys.executable, "-m", "bench.ingest", "--worker", url, str(path),
           *(["--full-export"] if full_export else [])]
    result = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
                            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    if result.returncode != 0:
        raise RuntimeError(f"the load failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report_load(engine_name: str, step: str, figures: dict, target: float) -> None:
    """One line of figures of a timed load against its target rate, and its steps."""
    rate = figures["rows"] / figures["seconds"]
    risk = figures["steps"].get("risk", 0.0)
    verdict = "meets" if rate >= target and figures["peak_mb"] < MEMORY_LIMIT_MB else "MISSES"
    print(f"{engine_name:10} {step:28} {figures['rows']:>8,} rows {figures['seconds']:6.2f} s "
          f"{rate:>9,.0f} rows/s  peak {figures['peak_mb']:5.0f} MB  "
          f"(ins {figures['inserted']:,} upd {figures['updated']:,} marked {figures['marked']:,} "
          f"rej {figures['rejected']:,})  {verdict} >= {target:,}/s, < {MEMORY_LIMIT_MB} MB")
    print(f"{'':39}steps: " + ", ".join(f"{step} {s:.2f} s" for step, s in figures["steps"].items())
          + (f"; without the risk refresh {figures['rows'] / (figures['seconds'] - risk):,.0f} rows/s" if risk else ""))
    # CPU seconds of the loading process (DuckDB's threads included, a PostgreSQL server's work not):
    # on a shared machine they vary far less than the wall time.
    print(f"{'':39}process CPU {figures['cpu']:.2f} s: {figures['rows'] / figures['cpu']:,.0f} rows per CPU second")


def _measure(engine_name: str, url: str, workdir: Path) -> None:
    frame = registry_frame(ROWS)
    first, newer = workdir / "registry.csv", workdir / "registry-newer.csv"
    frame.to_csv(first, index=False)
    newer_export(frame).to_csv(newer, index=False)
    target = TARGET_ROWS_PER_S[engine_name]
    report_load(engine_name, "first load (all new)", timed_load(url, first), target)
    report_load(engine_name, "same file again", timed_load(url, first), target)
    report_load(engine_name, "newer full export", timed_load(url, newer, full_export=True), target)


@contextlib.contextmanager
def _postgres_server() -> Iterator[str]:
    """BENCH_PG_URL / DATABASE_URL when it names a PostgreSQL server, else a throwaway cluster."""
    given = os.environ.get("BENCH_PG_URL") or os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        yield connect.normalise_url(given)
        return
    from tests.conftest import _ThrowawayCluster  # the test suite's cluster helper

    cluster = _ThrowawayCluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@contextlib.contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh database on that server, dropped afterwards: the loads never touch real data."""
    name = f"bench_ingest_{os.getpid()}"
    with _postgres_server() as server:
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def run(engine: sa.Engine) -> None:
    """The import rates; ``engine`` (the national demo data) is not used: imports go to fresh
    databases so that each run measures the same thing."""
    heading("Import of a 100,000-row registry export (issue 5)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        _measure("duckdb", connect.duckdb_url(workdir / "ingest.duckdb"), workdir)
        with postgres_url() as url:
            _measure("postgresql", url, workdir)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=2, metavar=("URL", "FILE"), required=True)
    parser.add_argument("--full-export", action="store_true")
    args = parser.parse_args()
    _worker(*args.worker, full_export=args.full_export)
