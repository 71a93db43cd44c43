"""A database holding nothing but a registry export (no inspections, complaints, emergencies, GI,
i4.0, programmes or targets): every page opens, says what is missing and how to load it, and
shows no figure of the missing data as a measured zero, in Thai and in English."""
from __future__ import annotations

import pytest

from components.plumbing.pages import PAGES
from tests.apptest import open_page, open_tab, texts

MISSING_TH = "ยังไม่มีข้อมูลบางส่วน"
MISSING_EN = "Some data are not loaded yet"
NOT_LOADED_KINDS_TH = ("ผลการตรวจโรงงาน (i-Auditor)", "เรื่องร้องเรียน", "เหตุฉุกเฉิน (ศบฉ.อก.)",
                       "ใบรับรองอุตสาหกรรมสีเขียว", "ผลประเมิน Industry 4.0", "เป้าหมายตัวชี้วัด")


def _warnings(app) -> str:
    return "\n".join(str(w.value) for w in app.warning)


@pytest.mark.parametrize("page", [spec.file for spec in PAGES])
@pytest.mark.parametrize("lang, title", [("th", MISSING_TH), ("en", MISSING_EN)])
def test_every_page_says_what_is_missing(registry_only_app_db, page, lang, title):
    app = open_page(page, lang=lang, code="25")
    assert not app.exception, app.exception
    assert title in _warnings(app)


def test_the_note_lists_the_missing_exports_and_the_way_to_load_them(registry_only_app_db):
    app = open_page()
    note = _warnings(app)
    for kind in ("ผลการตรวจโรงงาน (i-Auditor)", "เรื่องร้องเรียน", "เหตุฉุกเฉิน (ศบฉ.อก.)", "ใบรับรองอุตสาหกรรมสีเขียว",
                 "ผลประเมิน Industry 4.0"):
        assert kind in note
    assert "ทะเบียนโรงงาน (กรมโรงงานฯ" not in note  # the registry is loaded
    assert "หน้า “ข้อมูลและแหล่งที่มา”" in note and "แสดงเป็น “–” (ยังวัดไม่ได้) ไม่ใช่ศูนย์" in note
    assert "คะแนนความเสี่ยงตอนนี้คิดจากทะเบียนโรงงานเท่านั้น" in texts(app)
    assert [link.label for link in app.get("page_link")] == ["ไปนำเข้าข้อมูลที่หน้าข้อมูลและแหล่งที่มา"]


def test_overview_shows_unmeasured_figures_as_missing_not_zero(registry_only_app_db):
    app = open_page()
    cards = {metric.label: metric.value for metric in app.metric}
    assert cards["โรงงานที่ประกอบกิจการ"] == "7"  # the eight factories, one of them stopped
    for label in ("โรงงานเสี่ยง", "โรงงานเสี่ยงที่ตรวจแล้วในปีงบประมาณนี้", "เรื่องร้องเรียนค้างดำเนินการ",
                  "เหตุฉุกเฉินที่ยังควบคุมไม่ได้", "โรงงานที่ได้รับรองอุตสาหกรรมสีเขียว", "โรงงาน Industry 4.0 ระดับ 3.0 ขึ้นไป"):
        assert cards[label] == "–", label
    ranking = app.dataframe[0].value
    assert ranking["ร้อยละโรงงานเสี่ยงที่ตรวจแล้ว"].isna().all()


def test_overview_map_of_an_unmeasured_metric_says_so(registry_only_app_db):
    app = open_page(metric="risky_inspected_pct")
    assert any("ยังวัดไม่ได้" in info.value for info in app.info)


def test_the_province_scorecard_judges_nothing_it_cannot_measure(registry_only_app_db):
    app = open_page("pages/province.py", code="25")
    card = app.dataframe[0].value
    assert set(card["ผลงาน"]) == {"–"}
    assert not card["สถานะ"].str.contains("🔴").any()
    shown = texts(open_tab(app, "complaints")) + "\n".join(str(i.value) for i in app.info)
    assert "ยังไม่ได้นำเข้า “เรื่องร้องเรียน”" in shown and "ยังไม่ได้นำเข้า “เหตุฉุกเฉิน (ศบฉ.อก.)”" in shown
    assert "ไม่มีเรื่องร้องเรียนค้าง" not in shown


def test_the_data_page_names_every_export_not_loaded(registry_only_app_db):
    app = open_page("pages/data.py")
    note = _warnings(app)
    for kind in NOT_LOADED_KINDS_TH:
        assert kind in note
    assert not app.get("page_link")  # it is the page where they are loaded


@pytest.mark.parametrize("ladder, kind", [("gi", "ใบรับรองอุตสาหกรรมสีเขียว"), ("i40", "ผลประเมิน Industry 4.0")])
def test_the_adoption_page_counts_nothing_of_a_ladder_not_loaded(registry_only_app_db, ladder, kind):
    app = open_page("pages/adoption.py", ladder=ladder)
    assert not app.exception, app.exception
    shown = "\n".join(str(i.value) for i in app.info)
    assert "ยังวัดไม่ได้" in shown and kind in shown
    assert not app.metric and not app.dataframe  # no card, no table of zeros


def test_the_province_page_shows_no_adoption_section_of_nothing(registry_only_app_db):
    app = open_page("pages/province.py", code="25")
    shown = "\n".join(str(i.value) for i in app.info)
    assert "ยังวัดไม่ได้" in shown and "ใบรับรองอุตสาหกรรมสีเขียว" in shown
    assert "การยกระดับ: อุตสาหกรรมสีเขียวและอุตสาหกรรม 4.0" not in [h.value for h in app.subheader]


def test_the_emergency_board_does_not_call_an_empty_log_calm(registry_only_app_db):
    app = open_page("pages/emergencies.py")
    assert "ยังไม่ได้นำเข้า “เหตุฉุกเฉิน (ศบฉ.อก.)”" in "\n".join(str(i.value) for i in app.info)
    assert not app.metric  # no "0 active"
