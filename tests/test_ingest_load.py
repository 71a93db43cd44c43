"""Loading hand-made messy exports on DuckDB and PostgreSQL: accepted rows field by field, the
rejects and their reasons, re-loads that change nothing, a newer export, and failed loads that
leave the database exactly as it was."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.db import schema
from data_access.ingest import IngestError, UnreadableFileError, load_file, store
from data_access.ingest import load as load_module
from tests import ingest_files as files

AS_OF = date(2026, 11, 22)


def load(engine: sa.Engine, kind: str, path: Path, **options) -> load_module.LoadReport:
    with engine.connect() as conn:
        return load_file(conn, kind, path.read_bytes(), path.name, as_of=AS_OF, loaded_by="test", **options)


def rows(engine: sa.Engine, table: sa.Table) -> pd.DataFrame:
    key = [c for c in table.primary_key.columns]
    with engine.connect() as conn:
        return pd.read_sql(sa.select(table).order_by(*key), conn)


def snapshot(engine: sa.Engine) -> dict[str, pd.DataFrame]:
    return {table.name: rows(engine, table) for table in schema.TABLE_ORDER}


def factory(engine: sa.Engine, factory_id: str) -> dict:
    frame = rows(engine, schema.factories).set_index("factory_id")
    return frame.loc[factory_id].to_dict()


def assert_same(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], skip: tuple[str, ...] = ()) -> None:
    for name, frame in before.items():
        if name not in skip:
            pd.testing.assert_frame_equal(frame, after[name], obj=name)


# --- factories: DIW open data ----------------------------------------------------------------

def test_open_data_export_in_cp874_loads_the_good_rows_field_by_field(engine, tmp_path):
    report = load(engine, "factories", files.diw_open_data(tmp_path))
    assert report.file_format == "CSV, cp874"
    assert (report.rows_read, report.rows_accepted, report.rows_rejected) == (11, 3, 8)
    assert (report.inserted, report.updated) == (3, 0)

    first = factory(engine, "10200100000001")
    assert first["display_reg"] == "จ3-9(6)-1/51ชบ"
    assert first["name"] == "บริษัท ชลบุรีอาหาร จำกัด"
    assert first["province_code"] == "20" and first["district_code"] == "2001"
    assert (first["lat"], first["lon"]) == (13.3611, 100.9847)
    assert first["coord_precision"] == "exact" and not first["coord_outside_province"]
    assert (first["category"], first["factory_type"]) == (3, 9)  # class from the display number, 00906 -> 9
    assert first["tsic_code"] == "10750"
    assert (first["horsepower"], first["workers"], first["capital_thb"]) == (1250.5, 120, 5_000_000)
    assert first["status"] == "operating"
    assert pd.Timestamp(first["registered_on"]).date() == date(2008, 3, 15)  # 15/03/2551 BE
    assert first["in_latest_feed"] and not first["in_estate"] and not first["has_wastewater"]

    second = factory(engine, "10100100000002")
    assert second["province_code"] == "10" and pd.isna(second["district_code"])
    assert pd.isna(second["lat"]) and pd.isna(second["lon"]) and pd.isna(second["coord_precision"])
    assert (second["factory_type"], second["status"]) == (71, "stopped")
    assert pd.Timestamp(second["registered_on"]).date() == date(2017, 1, 31)  # 2560-01-31 BE
    assert pd.isna(second["capital_thb"])

    third = factory(engine, "10200100000003")
    assert third["province_code"] == "20" and third["coord_outside_province"]  # kept, flagged
    assert third["category"] == 2
    assert pd.Timestamp(third["registered_on"]).date() == date(2023, 3, 15)  # Excel serial 45000
    assert report.flags == {"outside_province": 1}


def test_rejects_hold_the_rows_as_written_with_every_reason(engine, tmp_path):
    report = load(engine, "factories", files.diw_open_data(tmp_path))
    assert dict(report.reasons) == files.DIW_REASONS
    rejects = report.rejects
    assert list(rejects.columns) == [*files.DIW_HEADER, "reason"]
    by_name = rejects.set_index("FNAME")["reason"].to_dict()
    assert by_name["โรงงานแอตแลนติส"] == "unknown_province"
    assert by_name["โรงงานพิกัดต่างประเทศ"] == "outside_thailand"
    assert by_name["โรงงานข้อมูลผิด"] == "negative:workers; bad_date:registered_on"
    assert by_name["โรงงานซ้ำ ก"] == by_name["โรงงานซ้ำ ข"] == "duplicate_id"
    assert by_name["บริษัท ชลบุรีอาหาร จำกัด"] == "duplicate_row"
    assert by_name["โรงงานเลขผิด"] == "bad_id:factory_id"
    assert rejects.loc[rejects["FACREG"] == "10200100000010", "reason"].item() == "missing:name"
    # as written: Thai digits and separators untouched
    assert rejects.loc[rejects["FNAME"] == "โรงงานข้อมูลผิด", "TOTAL_WORKER"].item() == "-5"
    stored = set(rows(engine, schema.factories)["factory_id"])
    assert stored == {"10200100000001", "10100100000002", "10200100000003"}


# --- factories: DIW GIS extract ----------------------------------------------------------------

GIS_EXPECTED = {
    "50100100000011": {"name": "โรงงานเชียงใหม่", "province_code": "50", "district_code": "5001", "factory_type": 105,
                       "category": 3, "horsepower": 500.0, "workers": 50, "capital_thb": 2_000_000.0,
                       "registered_on": date(2006, 1, 1), "lat": 18.7883, "status": "operating"},
    "11100100000012": {"name": "โรงงานสมุทรปราการ", "province_code": "11", "district_code": "1102", "factory_type": 9,
                       "category": 2, "horsepower": 75.5, "workers": 15, "capital_thb": None,
                       "registered_on": date(2024, 5, 1), "lat": None, "status": "operating"},
    "10100100000013": {"name": "โรงงานกรุงเทพ", "province_code": "10", "district_code": None, "factory_type": 71,
                       "category": 3, "horsepower": 60.0, "workers": None, "capital_thb": 1_500_000.0,
                       "registered_on": None, "lat": None, "status": "operating"},
}


def _assert_gis_rows(engine: sa.Engine) -> None:
    stored = rows(engine, schema.factories).set_index("factory_id")
    assert set(stored.index) == set(GIS_EXPECTED)
    for factory_id, expected in GIS_EXPECTED.items():
        row = stored.loc[factory_id]
        for column, value in expected.items():
            got = row[column]
            if column == "registered_on" and pd.notna(got):
                got = pd.Timestamp(got).date()
            if value is None:
                assert pd.isna(got), (factory_id, column, got)
            else:
                assert got == value, (factory_id, column, got)


def test_gis_extract_in_excel_with_a_title_line(engine, tmp_path):
    report = load(engine, "factories", files.gis_extract(tmp_path))
    assert report.file_format == "Excel"
    assert (report.rows_accepted, report.rows_rejected) == (3, 0)
    assert report.unused_columns == []  # ผู้ประกอบก is known (not stored)
    _assert_gis_rows(engine)


def test_gis_extract_as_utf8_csv_with_bom(engine, tmp_path):
    report = load(engine, "factories", files.gis_extract_csv(tmp_path))
    assert report.file_format == "CSV, utf-8 with BOM"
    assert (report.rows_accepted, report.rows_rejected) == (3, 0)
    _assert_gis_rows(engine)


# --- repeatable ------------------------------------------------------------------------------

def test_loading_the_same_file_again_changes_nothing_but_the_log(engine, tmp_path):
    path = files.diw_open_data(tmp_path)
    first = load(engine, "factories", path)
    before = snapshot(engine)
    again = load(engine, "factories", path)
    after = snapshot(engine)
    assert_same(before, after, skip=("load_log",))
    assert (again.inserted, again.updated, again.marked_missing, again.risk_scored) == (0, 0, 0, None)
    log = after["load_log"]
    assert list(log["load_id"]) == [first.load_id, again.load_id] == [1, 2]
    assert log["file_hash"].nunique() == 1 and len(log.loc[0, "file_hash"]) == 64
    assert list(log["rows_accepted"]) == [3, 3] and list(log["rows_rejected"]) == [8, 8]
    assert list(log["kind"]) == ["factories"] * 2 and list(log["loaded_by"]) == ["test"] * 2
    assert list(pd.to_datetime(log["as_of"]).dt.date) == [AS_OF] * 2
    assert (log["finished_at"] >= log["started_at"]).all()


def test_a_newer_full_export_updates_changed_rows_and_marks_missing_ones(engine, tmp_path):
    a, b, c, d = "10200100000021", "10200100000022", "10200100000023", "10200100000024"
    load(engine, "factories", files.registry(tmp_path, "v1.csv", [
        (a, "โรงงาน ก", "ชลบุรี", "1", 10, "เมืองชลบุรี"), (b, "โรงงาน ข", "ชลบุรี", "1", 20, ""),
        (c, "โรงงาน ค", "ชลบุรี", "1", 30, "")]))
    load(engine, "inspections", files.write_csv(tmp_path / "insp.csv", files.INSPECTION_HEADER, [
        ["1", a, "2026-01-20", "เจ้าหน้าที่", "ผ่าน", "", "", ""]]))
    report = load(engine, "factories", files.registry(tmp_path, "v2.csv", [
        (a, "โรงงาน ก (ใหม่)", "ชลบุรี", "2", 12, "เมืองชลบุรี"), (b, "โรงงาน ข", "ชลบุรี", "1", 20, ""),
        (d, "โรงงาน ง", "ชลบุรี", "1", 40, "")]), full_export=True,
        confirm_missing=True)  # one of Chon Buri's three operating factories: above the share allowed unconfirmed
    assert (report.inserted, report.updated, report.unchanged, report.marked_missing) == (1, 1, 1, 1)
    changed = factory(engine, a)
    assert (changed["name"], changed["status"], changed["workers"]) == ("โรงงาน ก (ใหม่)", "struck_off", 12)
    assert changed["in_latest_feed"]
    assert factory(engine, b)["name"] == "โรงงาน ข"
    gone = factory(engine, c)  # kept, with its history, only flagged
    assert not gone["in_latest_feed"] and gone["name"] == "โรงงาน ค"
    assert factory(engine, d)["in_latest_feed"]
    risk = rows(engine, schema.factory_risk)
    assert a not in set(risk["factory_id"])  # struck off: no longer scored
    assert set(pd.to_datetime(risk["computed_on"]).dt.date) == {AS_OF}


def test_two_rows_changing_different_columns_keep_each_others(engine, tmp_path):
    """Only the columns that differ somewhere in the file are written; each row keeps the rest."""
    a, b, c = "10200100000041", "10200100000042", "10200100000043"
    load(engine, "factories", files.registry(tmp_path, "v1.csv", [
        (a, "โรงงาน ก", "ชลบุรี", "1", 10, ""), (b, "โรงงาน ข", "ชลบุรี", "1", 20, ""),
        (c, "โรงงาน ค", "ชลบุรี", "1", 30, "")]))
    report = load(engine, "factories", files.registry(tmp_path, "v2.csv", [
        (a, "โรงงาน ก (ใหม่)", "ชลบุรี", "1", 10, ""), (b, "โรงงาน ข", "ชลบุรี", "1", 25, ""),
        (c, "โรงงาน ค", "ชลบุรี", "1", 30, "")]))
    assert (report.inserted, report.updated, report.unchanged) == (0, 2, 1)
    stored = [factory(engine, fid) for fid in (a, b, c)]
    assert [(f["name"], f["workers"], f["status"]) for f in stored] == [
        ("โรงงาน ก (ใหม่)", 10, "operating"), ("โรงงาน ข", 25, "operating"), ("โรงงาน ค", 30, "operating")]


def test_a_factory_that_moves_district(engine, tmp_path):
    fid = "10200100000031"
    load(engine, "factories", files.registry(tmp_path, "v1.csv", [(fid, "โรงงาน", "ชลบุรี", "1", 10, "เมืองชลบุรี")]))
    moved = [(fid, "โรงงาน", "ชลบุรี", "1", 10, "บ้านบึง")]
    report = load(engine, "factories", files.registry(tmp_path, "v2.csv", moved))
    if engine.dialect.name == "duckdb":
        # DuckDB cannot update a foreign-key column of a row others refer to (its risk score)
        assert dict(report.reasons) == {"moved_factory": 1}
        assert factory(engine, fid)["district_code"] == "2001"
    else:
        assert report.updated == 1 and factory(engine, fid)["district_code"] == "2002"


def test_a_file_that_names_no_district_keeps_the_known_one(engine, tmp_path):
    fid = "10200100000032"
    load(engine, "factories", files.registry(tmp_path, "v1.csv", [(fid, "โรงงาน", "ชลบุรี", "1", 10, "เมืองชลบุรี")]))
    report = load(engine, "factories", files.registry(tmp_path, "v2.csv", [(fid, "โรงงาน", "ชลบุรี", "1", 10, "")]))
    assert (report.rows_rejected, report.updated, report.unchanged) == (0, 0, 1)
    assert factory(engine, fid)["district_code"] == "2001"


# --- all or nothing ----------------------------------------------------------------------------

@pytest.mark.parametrize("content, code", [
    (b"%PDF-1.7\n\x00\x01\x02 binary", "not_a_table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "old_xls"),
    (b"PK\x03\x04 not really a workbook", "not_xlsx"),
    ("ชื่อ,ที่อยู่\nก,ข\n".encode(), "no_header"),
    (b"", "empty"),
])
def test_an_unreadable_file_fails_with_one_message_and_changes_nothing(engine, tmp_path, content, code):
    load(engine, "factories", files.diw_open_data(tmp_path))
    before = snapshot(engine)
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as failure:
        load(engine, "factories", path)
    assert failure.value.code == code
    assert "\n" not in str(failure.value)
    assert_same(before, snapshot(engine))


def test_a_file_of_another_kind_is_named_and_changes_nothing(engine, tmp_path):
    before = snapshot(engine)
    with pytest.raises(UnreadableFileError) as failure:
        load(engine, "factories", files.inspections(tmp_path))
    assert failure.value.code == "wrong_kind" and "'inspections'" in str(failure.value)
    assert_same(before, snapshot(engine))


def test_a_failure_after_writing_rolls_the_whole_load_back(engine, tmp_path, monkeypatch):
    load(engine, "factories", files.diw_open_data(tmp_path))
    before = snapshot(engine)
    # The load-log row collides with the existing one: the database refuses it at the very end.
    monkeypatch.setattr(store, "next_load_id", lambda conn: 1)
    with pytest.raises(IngestError) as failure:
        load(engine, "factories", files.gis_extract(tmp_path))
    assert failure.value.code == "database"
    assert_same(before, snapshot(engine))


def test_a_dry_run_reports_and_writes_nothing(engine, tmp_path):
    before = snapshot(engine)
    report = load(engine, "factories", files.diw_open_data(tmp_path), dry_run=True)
    assert report.dry_run and (report.inserted, report.rows_rejected) == (3, 8)
    assert_same(before, snapshot(engine))


# --- the other kinds ---------------------------------------------------------------------------

@pytest.fixture
def registry_loaded(engine, tmp_path):
    load(engine, "factories", files.diw_open_data(tmp_path))
    return engine


def test_inspections(registry_loaded, tmp_path):
    report = load(registry_loaded, "inspections", files.inspections(tmp_path))
    assert dict(report.reasons) == {"unknown_factory": 1, "bad_value:result": 1}
    stored = rows(registry_loaded, schema.inspections).set_index("inspection_id")
    assert list(stored.index) == [1, 2]
    first = stored.loc[1]
    assert (first["factory_id"], pd.Timestamp(first["inspected_on"]).date()) == ("10200100000001", date(2026, 1, 15))
    assert (first["inspector_kind"], first["result"], first["findings"]) == ("officer", "non_compliant",
                                                                              "น้ำเสียเกินมาตรฐาน")
    assert first["order_issued"] and pd.Timestamp(first["follow_up_due"]).date() == date(2026, 2, 15)
    second = stored.loc[2]
    assert (second["inspector_kind"], second["result"], second["order_issued"]) == ("third_party", "compliant", False)
    assert pd.isna(second["findings"]) and pd.isna(second["order_closed_on"])
    assert report.risk_scored == 3  # the three factories, rescored in the same load


def test_complaints(registry_loaded, tmp_path):
    report = load(registry_loaded, "complaints", files.complaints(tmp_path))
    assert dict(report.reasons) == {"unknown_province": 1}
    stored = rows(registry_loaded, schema.complaints).set_index("complaint_id")
    assert stored.loc[101, ["factory_id", "province_code", "channel", "topic", "status"]].tolist() == [
        "10200100000001", "20", "hotline_1569", "odour", "resolved"]
    assert pd.Timestamp(stored.loc[101, "resolved_on"]).date() == date(2025, 11, 20)
    assert pd.isna(stored.loc[102, "factory_id"])
    assert stored.loc[102, ["province_code", "topic", "status"]].tolist() == ["50", "dust_smoke", "open"]


def test_emergencies(registry_loaded, tmp_path):
    report = load(registry_loaded, "emergencies", files.emergencies(tmp_path))
    assert dict(report.reasons) == {"out_of_range:severity": 1}
    stored = rows(registry_loaded, schema.emergencies).set_index("emergency_id")
    fire = stored.loc[7]
    assert (fire["type"], fire["severity"], fire["status"], fire["casualties"]) == ("fire", 3, "contained", 2)
    assert fire["started_at"] == datetime(2026, 1, 15, 14, 30) and fire["contained_at"] == datetime(2026, 1, 15, 18, 5)
    haze = stored.loc[8]
    assert (haze["province_code"], haze["type"], haze["casualties"]) == ("50", "pm25_open_burning", 0)
    assert pd.isna(haze["factory_id"])


def test_gi_i40_programs_and_targets(registry_loaded, tmp_path):
    assert dict(load(registry_loaded, "gi", files.gi(tmp_path)).reasons) == {"out_of_range:level": 1}
    certificate = rows(registry_loaded, schema.gi_certifications).set_index("certificate_id").loc[31]
    assert certificate["level"] == 3 and pd.Timestamp(certificate["expires_on"]).date() == date(2028, 5, 31)

    assert load(registry_loaded, "i40", files.i40(tmp_path)).rows_accepted == 1
    assessment = rows(registry_loaded, schema.i40_assessments).iloc[0]
    assert (assessment["level"], assessment["score_smart_operation"]) == (3.0, 3.5)
    assert pd.isna(assessment["score_workforce"])

    load(registry_loaded, "programs", files.programs(tmp_path))
    enrolled = rows(registry_loaded, schema.program_participation).set_index("participation_id")
    assert enrolled.loc[51, ["program", "group_name", "province_code", "fiscal_year"]].tolist() == [
        "opoai_c", "วิสาหกิจชุมชนบ้านบึง", "20", 2569]  # fiscal year of 1 Nov 2025
    assert enrolled.loc[52, ["program", "fiscal_year"]].tolist() == ["i_single_form", 2569]  # 2026 CE -> 2569

    report = load(registry_loaded, "targets", files.targets(tmp_path))
    assert dict(report.reasons) == {"bad_value:kpi_code": 1}
    stored = rows(registry_loaded, schema.kpi_targets)
    assert stored[["fiscal_year", "province_code", "kpi_code", "target_value"]].values.tolist() == [
        [2570, "20", "gi_new", 40.0], [2570, "TH", "gi_new", 2000.0]]


def test_each_load_counts_the_stored_figures_again(registry_loaded, tmp_path):
    """The adoption page and the scorecards read the figures the last load stored: a
    certificate loaded is in them as soon as its load has finished."""
    def chon_buri() -> pd.DataFrame:
        figures = rows(registry_loaded, schema.adoption_figures)
        figures["day"] = pd.to_datetime(figures["day"]).dt.date
        return figures[figures["province_code"] == "20"].set_index(["fiscal_year", "day"])

    before = chon_buri()
    load(registry_loaded, "gi", files.gi(tmp_path))
    after = chon_buri()
    # Nine fiscal years (the five a user can choose and the four before the oldest), each on its
    # last day or on the as-of date, and FY2569 on 22 Nov 2025, "the same point last year".
    assert list(after.index) == [*((year, date(year - 543, 9, 30)) for year in range(2562, 2569)),
                                 (2569, date(2025, 11, 22)), (2569, date(2026, 9, 30)), (2570, AS_OF)]
    # Certificate 31 of factory ...01, level 3 from 1 Jun 2025 (FY2568): new that year, held since.
    assert (before.loc[(2568, date(2025, 9, 30)), "gi_new"], after.loc[(2568, date(2025, 9, 30)), "gi_new"]) == (0, 1)
    assert after.loc[(2570, AS_OF), ["gi_certified", "gi_level3", "gi_certificates"]].tolist() == [1, 1, 1]
    kpis = rows(registry_loaded, schema.kpi_figures).set_index(["fiscal_year", "province_code", "kpi_code"])
    assert kpis.loc[(2568, "20", "gi_new"), "value"] == 1.0  # the scorecard's KPI, stored by the same load
