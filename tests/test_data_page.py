"""The Data page in AppTest: an upload that loads (summary, rejects to download, caches cleared
so the tables show the new rows), a dry run, a file it cannot read, and the data-quality figures
with the factories the maps cannot draw."""
from __future__ import annotations

import re
from datetime import date

import pytest

from components import upload
from components.i18n import has_text
from data_access import settings
from data_access.ingest import KINDS
from data_access.ingest.load import STEPS
from data_access.reference import boundaries_note
from tests import ingest_files as files
from tests.apptest import open_page, texts


def t_th(key: str) -> str:
    from components.plumbing.reference import labels

    return labels()[key]["th"].strip()


def latest_report(app):
    """The report of the session's latest upload."""
    return app.session_state["_ingest_result"]

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



# --- the user's language, not code words -----------------------------------------------------

CODE_WORDS = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:demo|seed|scale|reason|app|cp874|operator)\b|=")


def _shown_text(app, skip_columns: set[str]) -> str:
    """Everything the page shows outside the attribution: texts, figures, tables (but
    ``skip_columns``), widget labels and the options they offer."""
    blocks = [*app.title, *app.subheader, *app.markdown, *app.caption, *app.info, *app.warning, *app.error,
              *app.success]
    provenance = boundaries_note() + t_th("data.attribution")  # sources named in their own words
    parts = [str(block.value) for block in blocks if str(block.value).strip()[:200] not in provenance]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    for frame in (d.value for d in app.dataframe):
        shown = frame.drop(columns=[c for c in frame.columns if c in skip_columns])
        parts += [" ".join(map(str, shown.columns)), shown.astype(str).to_string(index=False, header=False)]
    parts += [w.label for w in (*app.checkbox, *app.button, *app.selectbox, *app.expander)]
    parts += [app.selectbox(key="ingest_kind").format_func(kind) for kind in KINDS]
    return "\n".join(parts)


def test_thai_mode_shows_no_code_words(fixture_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.diw_open_data(tmp_path))
    assert not app.exception, app.exception
    shown = _shown_text(app, skip_columns={"รหัสเหตุผล"}).replace("diw_open.csv", "")
    assert CODE_WORDS.findall(shown) == []
    reasons = app.dataframe[0].value.set_index("รหัสเหตุผล")["เหตุผล"]  # the codes keep a column of their own
    assert reasons["bad_id:factory_id"].endswith("(เลขทะเบียนโรงงาน)") and reasons["negative:workers"] == \
        "จำนวนติดลบ (จำนวนคนงาน)"


def test_the_load_log_reads_in_thai_with_buddhist_era_dates(fixture_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.diw_open_data(tmp_path))
    log = app.dataframe[-1].value.set_index("ลำดับ")
    assert log.loc["1", ["ประเภท", "แหล่งข้อมูล", "ผู้นำเข้า"]].tolist() == [
        "ข้อมูลสาธิต", "สร้างขึ้นโดยโปรแกรม (ไม่ใช่ข้อมูลจริง)", "โปรแกรมสร้างข้อมูลสาธิต"]
    assert log.loc["1", "เริ่ม"] == "22 พ.ย. 2569 07:00" and log.loc["1", "ข้อมูล ณ"] == "22 พ.ย. 2569"
    upload = log.loc["2"]
    assert upload["ประเภท"] == "ทะเบียนโรงงาน (กรมโรงงานฯ: ข้อมูลเปิดหรือ GIS)" and upload["แหล่งข้อมูล"] == "diw_open.csv"
    assert upload["ผู้นำเข้า"].endswith("ผ่านหน้าข้อมูล") and str(date.today().year + 543) in upload["เริ่ม"]


def test_numbers_in_the_load_log_have_separators(fixture_app_db, tmp_path):
    rows = [[f"102001{i:08d}", f"จ3-3-{i}/50ชบ", f"โรงงาน {i}", "00300", "ชลบุรี", "", "", "", "100", "20", "", "1",
             "2566-01-01", "", ""] for i in range(1, 1201)]
    app = _upload(open_page(PAGE), files.write_csv(tmp_path / "big.csv", files.DIW_HEADER, rows))
    assert app.dataframe[-1].value.set_index("ลำดับ").loc["2", "รับเข้า"] == "1,200"


def test_the_rejects_file_is_headed_in_the_users_language(fixture_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.diw_open_data(tmp_path))
    report = latest_report(app)
    thai = upload.rejects_for_people(report.rejects)
    assert list(thai.columns) == [*files.DIW_HEADER, "เหตุผล", "รหัสเหตุผล"]
    row = thai.set_index("FNAME").loc["โรงงานข้อมูลผิด"]
    assert row["เหตุผล"] == "จำนวนติดลบ (จำนวนคนงาน); วันที่ไม่ถูกต้อง (วันที่ได้รับใบอนุญาต)"
    assert row["รหัสเหตุผล"] == "negative:workers; bad_date:registered_on"


def test_only_formats_that_load_are_offered_and_the_uploader_speaks_thai(fixture_app_db):
    app = open_page(PAGE)
    assert ".xls" not in app.file_uploader(key="ingest_file").allowed_type
    assert "ไฟล์ละไม่เกิน 200 MB" in texts(app)
    styles = [str(element.proto) for element in app.get("html")]
    assert any("stFileUploaderDropzoneInstructions" in style and "เลือกไฟล์" in style for style in styles)


def test_the_outcome_is_said_in_words(fixture_app_db, tmp_path):
    app = _upload(open_page(PAGE), files.diw_open_data(tmp_path))
    assert [w.value for w in app.warning if "รับเข้า 3 แถว" in w.value] == [
        "รับเข้า 3 แถว ปฏิเสธ 8 แถว: แถวที่ถูกปฏิเสธไม่ได้บันทึก ดาวน์โหลดไปแก้ไขได้ด้านล่าง"]
    bad = files.write_csv(tmp_path / "bad.csv", files.DIW_HEADER, [files.DIW_ROWS[3]])
    app = _upload(app, bad)
    assert any("ไม่มีแถวใดนำเข้าได้" in e.value for e in app.error)
    good = files.write_csv(tmp_path / "good.csv", files.DIW_HEADER, [files.DIW_ROWS[1]])
    app = _upload(app, good)
    assert "รับเข้าครบทุกแถว" in [c.value for c in app.caption]


def test_a_refused_full_export_shows_what_it_would_mark_and_can_be_confirmed(fixture_app_db, tmp_path):
    app = open_page(PAGE)
    app.checkbox(key="ingest_full_export").check().run()
    app = _upload(app, files.registry(tmp_path, "one.csv", [("10200100000099", "โรงงานใหม่", "ชลบุรี", "1", 5, "")]))
    assert any(e.value.startswith("ไม่ได้นำเข้า: ทะเบียนฉบับนี้ขาดโรงงานที่ประกอบกิจการเกิน 10%") for e in app.error)
    preview = app.dataframe[0].value.set_index("จังหวัด")
    assert preview["สัดส่วน"].to_dict() == {"สมุทรปราการ": "100%", "เชียงใหม่": "100%", "กรุงเทพมหานคร": "0%"}
    status = app.dataframe[1].value.set_index("ตาราง")
    assert status.loc["โรงงาน", "จำนวนแถว"] == 6  # nothing stored was lost
    app.checkbox(key="ingest_confirm_missing").check().run()
    app = app.button(key="ingest_go").click().run()
    assert "นำเข้า one.csv เสร็จแล้ว" in [s.value for s in app.success]
    assert app.dataframe[1].value.set_index("ตาราง").loc["โรงงาน", "จำนวนแถว"] == 7


def test_english_mode_shows_no_thai_but_proper_names(fixture_app_db, tmp_path):
    app = open_page(PAGE, lang="en")
    app = _upload(app, files.diw_open_data(tmp_path))
    assert not app.exception, app.exception
    shown = _shown_text(app, skip_columns={"Display number", "Factory"})  # the factories' own names and numbers
    for proper in ("ศบฉ.อก.", "จ3-9(6)-100/51ปจ"):  # the emergency centre's name, a number's written form
        shown = shown.replace(proper, "")
    assert re.findall(r"[\u0e00-\u0e7f]+", shown) == []
