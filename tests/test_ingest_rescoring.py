"""What a load leaves behind besides its rows, on DuckDB and PostgreSQL: the risk scores of only
the factories a registry load adds or changes in a scored column (the same scores a full
refresh gives), every score when the stored ones are of another day, and fresh statistics
(``ANALYZE``) of the tables the load wrote."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.db import connect, schema
from data_access.ingest import load_file
from data_access.ingest.errors import MissingShareError
from data_access.queries.risk_scores import refresh_factory_risk
from tests import ingest_files as files
from tests.test_ingest_load import AS_OF, load, rows
from tests.test_ingest_real_exports import _province_registry

A, B, C, D = "10200100000041", "10200100000042", "10200100000043", "10200100000044"


def _first_registry(engine: sa.Engine, tmp_path: Path) -> None:
    load(engine, "factories", files.registry(tmp_path, "v1.csv", [
        (A, "โรงงาน ก", "ชลบุรี", "1", 10, "เมืองชลบุรี"), (B, "โรงงาน ข", "ชลบุรี", "1", 60, ""),
        (C, "โรงงาน ค", "ชลบุรี", "1", 30, "")]))
    load(engine, "inspections", files.write_csv(tmp_path / "insp.csv", files.INSPECTION_HEADER, [
        ["1", A, "2026-01-20", "เจ้าหน้าที่", "ไม่ผ่าน", "น้ำเสีย", "มี", "2026-02-20"]]))


def _newer_registry(tmp_path: Path) -> Path:
    """A's name changes (not scored), B's workers (scored), C is the same, D is new."""
    return files.registry(tmp_path, "v2.csv", [
        (A, "โรงงาน ก (ใหม่)", "ชลบุรี", "1", 10, "เมืองชลบุรี"), (B, "โรงงาน ข", "ชลบุรี", "1", 900, ""),
        (C, "โรงงาน ค", "ชลบุรี", "1", 30, ""), (D, "โรงงาน ง", "ชลบุรี", "1", 40, "")])


def _scores(engine: sa.Engine) -> pd.DataFrame:
    return rows(engine, schema.factory_risk).set_index("factory_id")


def _fully_rescored(engine: sa.Engine) -> pd.DataFrame:
    with engine.begin() as conn:
        refresh_factory_risk(conn, AS_OF)
    return _scores(engine)


def test_a_registry_load_rescores_the_factories_it_adds_or_changes_in_a_scored_column(engine, tmp_path):
    _first_registry(engine, tmp_path)
    before = _scores(engine)
    report = load(engine, "factories", _newer_registry(tmp_path))
    assert (report.inserted, report.updated, report.risk_scored) == (1, 2, 2)  # B and D
    after = _scores(engine)
    assert sorted(after.index) == [A, B, C, D]
    assert after.loc[B, "pts_size"] > before.loc[B, "pts_size"]
    pd.testing.assert_frame_equal(after.loc[[A, C]], before.loc[[A, C]])
    pd.testing.assert_frame_equal(after, _fully_rescored(engine))


def test_scores_of_another_day_are_all_recomputed(engine, tmp_path):
    _first_registry(engine, tmp_path)
    later = AS_OF + timedelta(days=1)
    path = _newer_registry(tmp_path)
    with engine.connect() as conn:
        report = load_file(conn, "factories", path.read_bytes(), path.name, as_of=later, loaded_by="test")
    assert report.risk_scored == 4
    assert set(pd.to_datetime(_scores(engine)["computed_on"]).dt.date) == {later}


def _statements(engine: sa.Engine, run) -> list[str]:
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return [s for s in seen if s.upper().startswith("ANALYZE")]


def test_a_load_ends_by_analysing_the_tables_it_wrote(engine, tmp_path):
    path = files.diw_open_data(tmp_path)
    with engine.connect() as conn:  # one connection, as the app's: a load leaves nothing on it for the next

        def run(**options) -> None:
            load_file(conn, "factories", path.read_bytes(), path.name, as_of=AS_OF, **options)

        assert _statements(engine, lambda: run(dry_run=True)) == []
        # Every load counts the stored figures again (they may change with the as-of date).
        stored = ["ANALYZE adoption_figures", "ANALYZE headline_figures", "ANALYZE kpi_figures"]
        first = _statements(engine, run)
        assert first == ["ANALYZE provinces", "ANALYZE districts", "ANALYZE factories", "ANALYZE factory_risk",
                         "ANALYZE load_log", *stored]
        for _ in range(2):  # nothing changed
            assert _statements(engine, run) == ["ANALYZE load_log", *stored]


@pytest.mark.postgres
def test_postgresql_has_statistics_of_a_loaded_registry(postgres_url, tmp_path):
    engine = connect.make_engine(postgres_url)
    try:
        schema.create_all(engine)
        load(engine, "factories", files.diw_open_data(tmp_path))
        with engine.connect() as conn:
            analysed = conn.execute(sa.text("SELECT count(*) FROM pg_stats WHERE tablename = :name"),
                                    {"name": "factories"}).scalar_one()
        assert analysed == len(schema.factories.c)
    finally:
        engine.dispose()


def test_a_refused_load_leaves_nothing_behind_for_the_next_on_the_same_connection(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    cut = _province_registry(tmp_path, "cut.csv", 17)
    with engine.connect() as conn:
        with pytest.raises(MissingShareError):
            load_file(conn, "factories", cut.read_bytes(), cut.name, full_export=True, as_of=AS_OF)
        report = load_file(conn, "factories", cut.read_bytes(), cut.name, full_export=True, confirm_missing=True,
                           as_of=AS_OF)
    assert report.marked_missing == 3
