"""The province page in AppTest on tests/province_fixture.py: deep links, Bangkok, a province
without data, bad codes, an empty database, the selectbox and the URL following each other, and
the brief built on request; and its labels in both languages."""
from __future__ import annotations

import re
import tomllib

import pytest

from data_access import settings as cfg
from data_access.settings import ASSETS_DIR
from tests import province_fixture
from tests.apptest import app_database, open_page, open_tab, texts

PAGE = "pages/province.py"
PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.fixture
def province_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(duckdb_url, monkeypatch, province_fixture.load)


def _scorecard(app) -> dict[str, dict]:
    """KPI label -> its row of the scorecard table (the first table of the page)."""
    frame = app.dataframe[0].value
    return {row["ตัวชี้วัด"]: row for row in frame.to_dict("records")}


def test_deep_link_to_a_province_with_data(province_app_db):
    app = open_page(PAGE, code="11")
    assert not app.exception, app.exception
    assert app.title[0].value == "สมุทรปราการ · Samut Prakan"
    shown = texts(app)
    assert "เขตตรวจราชการที่ 2" in shown and "นางบี ทดสอบ" in shown and "22 พ.ย. 2569" in shown
    card = _scorecard(app)
    assert card["สถานประกอบการเข้าระบบ i-Single Form"] == {
        "ตัวชี้วัด": "สถานประกอบการเข้าระบบ i-Single Form", "ผลงาน": "3", "เป้าหมายทั้งปี": "10",
        "ร้อยละของเป้า": "30%", "สถานะ": "🟢 ตามเป้า", "ช่วงเดียวกันปีก่อน": "1", "อันดับ": "1 / 2"}
    assert card["ระยะเวลาแก้ไขเรื่องร้องเรียน (มัธยฐาน)"]["ผลงาน"] == "20.0 วัน"
    assert card["เรื่องร้องเรียนที่ได้ข้อยุติ"]["สถานะ"] == "🔴 ต่ำกว่าเป้า"
    assert card["เรื่องร้องเรียนที่รับ"]["อันดับ"] == "–"  # not judged: not ranked
    assert [tab.label for tab in app.tabs] == [
        "ตัวชี้วัดและการเปรียบเทียบ", "แนวโน้มและแผนที่อำเภอ", "โรงงานที่ควรเข้าตรวจ", "เรื่องร้องเรียนและเหตุฉุกเฉิน"]
    assert not any("เหตุผลที่ควรเข้าตรวจ" in table.value for table in app.dataframe)  # the open tab's alone
    visits = open_tab(app, "visits").dataframe[0].value
    assert visits["โรงงาน"].tolist() == ["บริษัท ทดสอบ 1 จำกัด", "บริษัท ทดสอบ 2 จำกัด"]
    assert "เรื่องร้องเรียนค้าง 1 เรื่อง" in visits["เหตุผลที่ควรเข้าตรวจ"].iloc[0]
    assert "ไม่เคยได้รับการตรวจ" in visits["เหตุผลที่ควรเข้าตรวจ"].iloc[1]
    assert app.query_params["code"] in (["11"], "11")


def test_deep_link_to_a_province_without_data(province_app_db):
    app = open_page(PAGE, code="20")
    assert not app.exception, app.exception
    assert app.title[0].value == "ชลบุรี · Chon Buri"
    assert "ยังไม่มีข้อมูลผู้ตรวจราชการของเขตนี้" in texts(app)
    assert {row["สถานะ"] for row in _scorecard(app).values()} == {"⚪ ไม่ประเมิน"}
    open_tab(app, "visits")
    assert any(box.value == "ไม่มีโรงงานที่เข้าเกณฑ์ต้องเข้าตรวจ" for box in app.success)


def test_bangkok_is_shown_but_not_ranked(province_app_db):
    app = open_page(PAGE, code="10")
    assert not app.exception, app.exception
    assert app.title[0].value == "กรุงเทพมหานคร · Bangkok"
    assert any("กรมโรงงานอุตสาหกรรมกำกับดูแลโรงงานโดยตรง" in box.value for box in app.info)
    assert {row["อันดับ"] for row in _scorecard(app).values()} == {"ไม่จัดอันดับ (กรอ. กำกับ)"}


@pytest.mark.parametrize("code", ["99", "abc", "1"])
def test_unknown_code_is_explained(province_app_db, code):
    app = open_page(PAGE, code=code)
    assert not app.exception, app.exception
    assert app.title[0].value == "ข้อมูลรายจังหวัด"
    assert app.warning[0].value == f"ไม่พบจังหวัดรหัส “{code}” ในลิงก์"
    assert app.selectbox(key="province_code_page").value is None  # how to pick one: a picker on the page
    assert not app.dataframe


def test_no_code_asks_for_a_province(province_app_db):
    app = open_page(PAGE)
    assert not app.exception, app.exception
    assert app.info[0].value == "ยังไม่ได้เลือกจังหวัด" and not app.error
    assert app.sidebar.selectbox(key="province_code").value is None
    picker = app.selectbox(key="province_code_page")  # searchable, on the page itself
    picker.select("20").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "ชลบุรี · Chon Buri" and app.query_params["code"] in (["20"], "20")
    assert app.sidebar.selectbox(key="fy").value == 2570  # the shell ran again after the page had stopped


def test_empty_database_is_explained(empty_app_db):
    app = open_page(PAGE, code="20")
    assert not app.exception, app.exception
    assert "python -m data_access.demo" in texts(app)


def test_selectbox_and_url_follow_each_other(province_app_db):
    app = open_page(PAGE, code="11")
    picker = app.sidebar.selectbox(key="province_code")
    assert picker.value == "11"
    position = picker.options.index  # Thai order: เชียงใหม่ under ช, not after every consonant
    assert position("จันทบุรี (22)") < position("เชียงใหม่ (50)") < position("ตาก (63)")
    picker.select("50").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "เชียงใหม่ · Chiang Mai"
    assert app.query_params["code"] in (["50"], "50")
    app.sidebar.selectbox(key="province_code").set_value(None).run()
    assert not app.exception, app.exception
    assert "code" not in app.query_params and app.info[0].value == "ยังไม่ได้เลือกจังหวัด"


def test_every_label_has_both_languages_with_the_same_placeholders():
    # (AppTest cannot rerun a page in English: it formats widget values outside the session.)
    labels = tomllib.loads((ASSETS_DIR / "i18n" / "province.toml").read_text(encoding="utf-8"))
    for key, entry in labels.items():
        assert entry.get("th") and entry.get("en"), key
        assert set(PLACEHOLDER.findall(entry["th"])) == set(PLACEHOLDER.findall(entry["en"])), key


def _builds(app) -> set[str]:
    return {b.key for b in app.button if b.key and b.key.startswith("brief_")}


def test_brief_is_built_only_when_asked(province_app_db):
    # The file names are those of tests/test_brief.py (brief_58_maehongson_2026-11-22.pdf, ...).
    app = open_page(PAGE, code="58")
    assert not [b for b in app.get("download_button") if b.key == "brief_province_download"]
    assert _builds(app) == {"brief_province_build", "brief_region_build"}
    app.button(key="brief_province_build").click().run()
    assert not app.exception, app.exception
    downloads = {b.key: b.proto.label for b in app.get("download_button")}
    assert downloads["brief_province_download"] == "ดาวน์โหลดเอกสารของจังหวัด (PDF)"
    assert _builds(app) == {"brief_region_build"}  # one action, one button: the build gave its place
    app.button(key="brief_region_build").click().run()
    assert not app.exception, app.exception
    downloads = {b.key: b.proto.label for b in app.get("download_button")}
    assert downloads["brief_region_download"] == "ดาวน์โหลดเอกสารทั้งเขตตรวจราชการที่ 15 (PDF)"
    assert "brief_province_download" in downloads and not _builds(app)  # the province brief stays ready


def test_the_district_map_says_when_it_leaves_factories_out(province_app_db, monkeypatch):
    """Samut Prakan has two factories with coordinates (F1, F2); with room for one, the map draws
    the higher score and says how many it left out."""
    monkeypatch.setattr(cfg, "DISTRICT_MAP_MAX_POINTS", 1)
    app = open_page(PAGE, code="11", section="trends", map="factories")
    assert not app.exception, app.exception
    assert "แสดง 1 โรงงานที่คะแนนความเสี่ยงสูงสุด จากที่มีพิกัด 2 แห่ง" in texts(app)
    monkeypatch.setattr(cfg, "DISTRICT_MAP_MAX_POINTS", 2)
    app = open_page(PAGE, code="11", section="trends", map="factories")
    assert "จากที่มีพิกัด" not in texts(app)
