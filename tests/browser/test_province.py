"""The province page in a real browser on the national demo data: ``?code=`` links opened cold
(a fresh browser page, first on a server no session has loaded ``/`` on) for a large province,
Bangkok and a province with few factories; each tab drawn only when open, in the link and kept
across a language switch; the charts and the map drawn; the brief downloaded. Screenshots go to
tests/artifacts/.
"""
from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from data_access.reference import province_table
from tests.browser.helpers import (
    ARTIFACTS, date_formats, open_app, open_tab, screenshot, switch_language, wait_for_app_run,
)
from tests.pdf_text import normalise, page_text

pytestmark = pytest.mark.browser

# Chon Buri (many factories), Bangkok (supervised by DIW, not ranked), Mae Hong Son (the fewest)
CODES = ["20", "10", "58"]
MAIN = '[data-testid="stMain"]'
THAI = re.compile("[\u0e00-\u0e7f]")


def _name_th(code: str) -> str:
    table = province_table()
    return table.loc[table["code"] == code, "name_th"].iloc[0]


@pytest.mark.parametrize("code", CODES)
def test_deep_link_opens_cold(page: Page, cold_app_server: str, code: str):
    open_app(page, cold_app_server, f"/province?code={code}")
    heading = page.locator(f"{MAIN} h1").first
    expect(heading).to_contain_text(_name_th(code))
    assert "code=" + code in page.url, page.url
    main = page.locator(MAIN)
    expect(main.get_by_text("ตัวชี้วัดเทียบเป้าหมาย")).to_be_visible()
    if code == "10":  # (tables draw on a canvas: their cells are not in the DOM)
        expect(main.get_by_text("กรมโรงงานอุตสาหกรรมกำกับดูแลโรงงานโดยตรง", exact=False)).to_be_visible()
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(0)  # the other tabs are not drawn
    screenshot(page, f"province-{code}")
    open_tab(page, "แนวโน้มและแผนที่อำเภอ")
    # trends and the district map: two plotly figures, the districts an SVG geo map (no tiles)
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)
    expect(page.locator(f"{MAIN} .js-plotly-plot path.choroplethlocation").first).to_be_attached()
    assert "section=trends" in page.url, page.url
    screenshot(page, f"province-{code}-trends")
    open_tab(page, "โรงงานที่ควรเข้าตรวจ")
    expect(main.get_by_role("heading", name="โรงงานที่ควรเข้าตรวจ")).to_be_visible()
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(0)


def test_the_open_tab_is_in_the_link_and_outlives_the_language(page: Page, app_server: str):
    """The tab is a URL parameter of its own: a link opens it, and a language switch, which
    changes every label, leaves the same tab open."""
    open_app(page, app_server, "/province?code=58&section=complaints")
    expect(page.get_by_role("tab", name="เรื่องร้องเรียนและเหตุฉุกเฉิน")).to_have_attribute("aria-selected", "true")
    for label, tab in (("English", "Complaints and emergencies"), ("ไทย", "เรื่องร้องเรียนและเหตุฉุกเฉิน")):
        switch_language(page, label)
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        assert "section=complaints" in page.url and "code=58" in page.url, page.url
    open_tab(page, "ตัวชี้วัดและการเปรียบเทียบ")
    assert "section=" not in page.url, page.url  # the default tab leaves the link short


def test_unknown_code_is_explained(page: Page, app_server: str):
    open_app(page, app_server, "/province?code=99")
    expect(page.locator(MAIN).get_by_text("ไม่พบจังหวัดรหัส “99” ในลิงก์")).to_be_visible()
    screenshot(page, "province-unknown-code")


def test_province_brief_downloads(page: Page, app_server: str):
    open_app(page, app_server, "/province?code=58")
    page.get_by_role("button", name="จัดทำเอกสารของจังหวัด (PDF)").click()
    download_button = page.get_by_role("button", name="ดาวน์โหลดเอกสารของจังหวัด (PDF)")
    expect(download_button).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="จัดทำเอกสารของจังหวัด (PDF)")).to_have_count(0)  # one action, one button
    with page.expect_download() as info:
        download_button.click()
    download = info.value
    assert download.suggested_filename.startswith("brief_58_maehongson_") and download.suggested_filename.endswith(
        ".pdf")
    target = ARTIFACTS / "browser-download-brief-58.pdf"
    download.save_as(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    page_one = page_text(target, 1)
    assert normalise("แผนที่รายอำเภอ") in page_one and normalise("แนวโน้มรายเดือน") in page_one  # map, trends: page 1


def test_the_district_map_shows_the_factories_and_back(page: Page, app_server: str):
    """The map's encoding is a fragment of the page: it redraws the map and keeps the link."""
    open_app(page, app_server, "/province?code=58&section=trends")
    points_shown = """points => {
        const map = document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')[1];
        return Boolean(map && map.data) && (map.data.length > 1) === points;
    }"""  # the districts shaded (one trace), or plain under one trace of factories per band
    page.wait_for_function(points_shown, arg=False)
    for button, points in ((1, True), (0, False)):
        page.locator(f".st-key-province_map_mode button >> nth={button}").click()
        page.wait_for_function(points_shown, arg=points)
        wait_for_app_run(page)
        drawn = "canvas" if points else "path.choroplethlocation"  # the factories on WebGL, the districts as SVG
        expect(page.locator(f"{MAIN} .js-plotly-plot").nth(1).locator(drawn).first).to_be_attached()
        assert ("map=factories" in page.url) == points, page.url
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)  # the trends are still there


def test_visit_list_and_complaints_download_in_english(page: Page, app_server: str):
    """Both files are put in words when clicked, outside the session's run: in its language all the
    same, every row, dates as date cells."""
    open_app(page, app_server, "/province?code=20&lang=en&section=visits")
    main = page.locator(MAIN)
    expect(main.get_by_role("heading", name="Factories to visit")).to_be_visible()
    with page.expect_download() as info:
        page.locator(".st-key-province_visits_xlsx button").click()
    visits_path = ARTIFACTS / "browser-download-visits-20-en.xlsx"
    info.value.save_as(visits_path)
    sheet = openpyxl.load_workbook(visits_path).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["#", "Factory", "Why visit"], header
    reasons = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert reasons and not [text for text in reasons if THAI.search(text)], reasons[:3]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(range(1, len(reasons) + 1))
    assert date_formats(sheet, "Last inspected") == {"d mmm yyyy"}
    open_tab(page, "Complaints and emergencies")
    title = main.get_by_text(re.compile(r"^Open complaints \(\d+\)$"))
    expect(title).to_be_visible()
    with page.expect_download() as info:
        page.locator(".st-key-province_complaints_csv button").click()
    complaints_path = ARTIFACTS / "browser-download-complaints-20-en.csv"
    info.value.save_as(complaints_path)
    frame = pd.read_csv(complaints_path, encoding="utf-8-sig", dtype=str)
    assert list(frame.columns) == ["Received", "Days open", "Topic", "Channel", "Factory", "Status"]
    assert len(frame) == int(re.search(r"\d+", title.inner_text()).group())
    assert not frame["Topic"].str.contains(THAI).any() and frame["Received"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
