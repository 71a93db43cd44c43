"""The importer's command line in a subprocess: a load with its summary and rejects file, a dry
run, a file it cannot read, and the embedded database file held by another program."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import duckdb
import pandas as pd

from data_access.db import connect
from data_access.settings import PROJECT_ROOT
from tests import ingest_files as files


def ingest(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-m", "data_access.ingest", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)


def factory_count(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from factories").fetchone()[0]
    finally:
        con.close()


def test_a_load_prints_its_summary_and_writes_the_rejects_beside_the_file(tmp_path):
    database = tmp_path / "mind.duckdb"
    source = files.diw_open_data(tmp_path)
    result = ingest("factories", str(source), "--database-url", connect.duckdb_url(database), "--as-of", "2026-11-22")
    assert result.returncode == 1, result.stderr  # some rows rejected, the rest loaded
    out = result.stdout
    assert "factories: diw_open.csv (CSV, cp874, 11 rows)" in out
    assert "accepted 3: inserted 3, updated 0, unchanged 0" in out and "rejected 8" in out
    assert "duplicate_id" in out and "outside_province" in out and "recorded as load 1" in out
    rejects = tmp_path / "diw_open.rejects.csv"
    assert rejects.read_bytes().startswith(b"\xef\xbb\xbf")  # opens in Excel with Thai intact
    frame = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(frame) == 8 and list(frame.columns) == [*files.DIW_HEADER, "reason"]
    assert factory_count(database) == 3


def test_a_dry_run_writes_nothing(tmp_path):
    database = tmp_path / "mind.duckdb"
    result = ingest("factories", str(files.diw_open_data(tmp_path)), "--database-url", connect.duckdb_url(database),
                    "--dry-run")
    assert result.returncode == 1, result.stderr  # what the load would do: some rows rejected
    assert "dry run: nothing was written" in result.stdout
    assert factory_count(database) == 0


def test_an_unreadable_file_fails_with_one_line(tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    result = ingest("factories", str(source), "--database-url", connect.duckdb_url(tmp_path / "mind.duckdb"))
    assert result.returncode == 2  # nothing loaded
    assert result.stderr.strip() == ("error: report.pdf: this is not a CSV or Excel (.xlsx) file. "
                                     "Nothing was written.")
    assert not (tmp_path / "report.rejects.csv").exists()


HOLD_FILE_OPEN = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    time.sleep(120)
""")


def test_a_busy_database_file_is_explained(tmp_path):
    database = tmp_path / "mind.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_FILE_OPEN, str(database)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = ingest("factories", str(files.diw_open_data(tmp_path)), "--database-url", connect.duckdb_url(database))
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert result.returncode == 2  # nothing loaded
    assert "in use by another program" in result.stderr and "Data page" in result.stderr
    assert str(database) in result.stderr
