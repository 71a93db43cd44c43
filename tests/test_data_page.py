"""The Data page in AppTest: an upload that loads (summary, rejects to download, caches cleared
so the tables show the new rows), a dry run, a file it cannot read, and the data-quality figures
with the factories the maps cannot draw."""
from __future__ import annotations

import pytest

from components import upload
from components.i18n import has_text
from data_access import settings
from data_access.ingest import KINDS
from data_access.ingest.load import STEPS
from tests import ingest_files as files
from tests.apptest import open_page, texts

PAGE = "pages/data.py"


def _upload(app, path, *, dry_run: bool = False):
    if dry_run:
        app.checkbox(key="ingest_dry_run").check().run()
    app.file_uploader(key="ingest_file").set_value((path.name, path.read_bytes(), "text/csv")).run()
    return app.button(key="ingest_go").click().run()


def _metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_an_upload_loads_the_file_and_shows_what_happened(empty_app_db, tmp_path):
    app = open_page(PAGE)
    app = _upload(app, files.diw_open_data(tmp_path))
    assert not app.exception, app.exception
    assert "นำเข้า diw_open.csv เสร็จแล้ว" in [s.value for s in app.success]
    figures = _metrics(app)
    assert (figures["รับเข้า"], figures["ปฏิเสธ"], figures["เพิ่มใหม่"], figures["รับเข้าแต่ควรตรวจสอบ"]) == (
        "3", "8", "3", "1")
    reasons = app.dataframe[0].value
    assert dict(zip(reasons["เหตุผล"], reasons["จำนวนแถว"]))["รหัสซ้ำกันในไฟล์ (ข้อมูลต่างกัน)"] == 2
    assert app.get("download_button"), "the rejected rows can be downloaded"
    # the page ran again on fresh caches: the table of tables counts the new factories
    status = app.dataframe[1].value.set_index("ตาราง")
    assert status.loc["โรงงาน", "จำนวนแถว"] == 3 and status.loc["โรงงาน", "แหล่งข้อมูล"] == "diw_open.csv"
    assert "ข้อมูล ณ วันที่" in texts(app)


def test_a_dry_run_upload_writes_nothing(empty_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.diw_open_data(tmp_path), dry_run=True)
    assert not app.exception, app.exception
    assert "ตรวจสอบ diw_open.csv เสร็จแล้ว ยังไม่ได้บันทึกข้อมูล" in [i.value for i in app.info]
    assert _metrics(app)["เพิ่มใหม่"] == "3"
    status = app.dataframe[1].value.set_index("ตาราง")
    assert status.loc["โรงงาน", "จำนวนแถว"] == 0


def test_an_unreadable_upload_says_why_in_thai(empty_app_db, tmp_path):
    path = tmp_path / "scan.csv"
    path.write_bytes(b"%PDF-1.7\n\x00\x01")
    app = _upload(open_page(PAGE), path)
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [
        "นำเข้า scan.csv ไม่สำเร็จ ฐานข้อมูลไม่มีการเปลี่ยนแปลง: ไฟล์นี้ไม่ใช่ CSV หรือ Excel (.xlsx)"]


def test_a_file_of_another_kind_is_named(empty_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.inspections(tmp_path))
    expected = ("นำเข้า iauditor.csv ไม่สำเร็จ ฐานข้อมูลไม่มีการเปลี่ยนแปลง: "
                "ไฟล์นี้ดูเหมือนเป็นข้อมูล “ผลการตรวจโรงงาน (i-Auditor)” "
                "ไม่ใช่ “ทะเบียนโรงงาน (กรมโรงงานฯ: ข้อมูลเปิดหรือ GIS)” กรุณาเลือกชนิดข้อมูลให้ตรง")
    assert [e.value for e in app.error] == [expected]


def test_quality_figures_and_the_factories_without_coordinates(fixture_app_db):
    app = open_page(PAGE)
    assert not app.exception, app.exception
    figures = _metrics(app)
    assert figures["มีพิกัดใช้งานได้"] == "0.0%"  # none of the six fixture factories has a point
    assert figures["ไม่ระบุประเภทโรงงาน"] == "0.0%"
    assert app.expander[0].label == "โรงงานที่ไม่มีพิกัด 6 แห่ง (นับในตัวชี้วัดแต่ไม่แสดงบนแผนที่)"
    listed = app.dataframe[1].value
    assert len(listed) == 6 and set(listed["จังหวัด"]) == {"สมุทรปราการ", "เชียงใหม่", "กรุงเทพมหานคร"}


@pytest.mark.parametrize("code, label", [
    ("missing:name", "ไม่มีค่าในคอลัมน์ที่จำเป็น (ชื่อโรงงาน)"), ("unknown_province", "ไม่รู้จักจังหวัด"),
    ("bad_number:complaint_id", "ตัวเลขอ่านไม่ได้ (เลขที่เรื่องร้องเรียน)"),
    ("something_new", "something_new"),
])
def test_reason_labels(code, label):
    assert upload.reason_label(code) == label


def test_every_import_label_is_translated():
    keys = [*(f"ingest.kind.{k}" for k in KINDS), *(f"ingest.step.{s}" for s in STEPS),
            *(f"quality.factory_status.{s}" for s in settings.FACTORY_STATUSES),
            f"ingest.flag.{settings.INGEST_FLAG_OUTSIDE_PROVINCE}",
            *(f"ingest.reason.{r}" for r in ("missing", "bad_number", "bad_date", "bad_value", "bad_id", "too_long",
                                              "negative", "out_of_range", "unknown_province", "outside_thailand",
                                              "duplicate_id", "duplicate_row", "unknown_factory", "wrong_column_count",
                                              "moved_factory")),
            *(f"ingest.error.{c}" for c in ("empty", "old_xls", "bad_encoding", "not_a_table", "not_xlsx",
                                             "wrong_kind", "no_header", "unknown_kind", "database", "failed"))]
    assert [key for key in keys if not has_text(key)] == []

