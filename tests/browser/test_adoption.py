"""The adoption page in a real browser on the national demo data: a cold deep link with filters
(on a server that has run nothing yet), the default view in Thai and English with its charts and
map, the candidate list downloaded as CSV (UTF-8 with BOM) and Excel, and the province page's
link to the page filtered to its province. The ``page`` fixture fails a test on any request
leaving the machine, console error or page error. Screenshots go to tests/artifacts/.

The national GI stock is checked here too, on the same data: its shape follows the real
September 2019 stock (L1 >> L2 > L3 >> L4 > L5)."""
from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from data_access.db.connect import make_engine
from data_access.queries import adoption, catalog
from data_access.reference import province_shapes
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL
from tests.browser.helpers import (
    ARTIFACTS, CHOROPLETH_AREAS, date_formats, open_app, open_tab, screenshot, wait_for_app_run,
)

pytestmark = pytest.mark.browser

MAIN = '[data-testid="stMain"]'
THAI = re.compile("[\u0e00-\u0e7f]")


def test_cold_deep_link_with_filters_shows_the_filtered_view(fresh_app_server: str, page: Page):
    open_app(page, fresh_app_server, "/adoption?ladder=i40&code=20&level=2&by=category&fy=2569")
    main = page.locator(MAIN)
    expect(main.locator("h1").first).to_contain_text("อุตสาหกรรมสีเขียวและอุตสาหกรรม 4.0")
    expect(main.get_by_text("ปีงบประมาณ 2569 · ข้อมูล ณ 30 ก.ย. 2569 · ชลบุรี")).to_be_visible()
    expect(main.get_by_text("คะแนนรายมิติ: ชลบุรี เทียบทั้งประเทศ")).to_be_visible()
    expect(page.get_by_role("combobox", name="จังหวัด (หน้าการยกระดับ)")).to_match_aria_snapshot(
        '- combobox "จังหวัด (หน้าการยกระดับ)": ชลบุรี')
    expect(main.get_by_role("combobox", name="ระดับ (รายชื่อโรงงาน)")).to_match_aria_snapshot(
        '- combobox "ระดับ (รายชื่อโรงงาน)": ระดับ 2.0')
    for part in ("ladder=i40", "code=20", "level=2", "by=category", "fy=2569"):
        assert part in page.url, page.url
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)  # levels per year and the dimensions
    screenshot(page, "adoption-cold-i40-20")
    open_tab(page, "แผนที่และอันดับจังหวัด")
    # the map (every province drawn, no tiles) and the five-year comparison
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)
    expect(page.locator(f"{MAIN} {CHOROPLETH_AREAS}")).to_have_count(len(province_shapes()))
    for part in ("ladder=i40", "code=20", "level=2", "by=category", "fy=2569", "section=provinces"):
        assert part in page.url, page.url
    open_tab(page, "โรงงานที่พร้อมยกระดับ")
    expect(main.get_by_text("โรงงานที่พร้อมยกระดับอุตสาหกรรม 4.0", exact=False)).to_be_visible()


def test_default_view_in_thai_with_downloads(page: Page, app_server: str):
    open_app(page, app_server, "/adoption")
    main = page.locator(MAIN)
    expect(main.get_by_text("ใบรับรองอุตสาหกรรมสีเขียวตามระดับ")).to_be_visible()
    expect(main.get_by_text("ความก้าวหน้าเทียบเป้าหมายปีงบประมาณ")).to_be_visible()
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)  # stock and flows: the first tab's alone
    screenshot(page, "adoption-gi-th")
    open_tab(page, "โรงงานที่พร้อมยกระดับ")
    with page.expect_download() as info:
        page.locator(".st-key-adoption_candidates_csv button").click()
    csv_path = ARTIFACTS / "browser-download-adoption-candidates.csv"
    info.value.save_as(csv_path)
    assert csv_path.read_bytes()[:3] == b"\xef\xbb\xbf"
    frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str)
    assert list(frame.columns) == ["เลขทะเบียนโรงงาน", "โรงงาน", "จังหวัด", "ระดับปัจจุบัน", "ระดับถัดไป", "เหตุผล",
                                   "ตรวจล่าสุด"]
    assert len(frame) > 100 and frame["เหตุผล"].str.startswith("ถือระดับนี้มา").all()
    with page.expect_download() as info:
        page.locator(".st-key-adoption_candidates_xlsx button").click()
    xlsx_path = ARTIFACTS / "browser-download-adoption-candidates.xlsx"
    info.value.save_as(xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(frame.columns) and len(rows) == len(frame) + 1
    assert date_formats(sheet, "ตรวจล่าสุด") == {"[$-th-TH,107]d mmm yyyy"}  # Buddhist Era in Thai


def test_i40_ladder_in_english(page: Page, app_server: str):
    open_app(page, app_server, "/adoption?lang=en&ladder=i40")
    main = page.locator(MAIN)
    expect(main.locator("h1").first).to_have_text("Green Industry and Industry 4.0 adoption")
    expect(main.get_by_text("Factories assessed each fiscal year, by level")).to_be_visible()
    expect(main.get_by_text("not NSTDA's Thailand i4.0 Index (scored 0-6)", exact=False)).to_be_visible()
    headings = main.locator("h1, h2, h3, [data-testid='stCaptionContainer'], [data-testid='stMetricLabel']")
    thai = [text for text in headings.all_inner_texts() if THAI.search(text)]
    assert not thai, thai
    expect(page.locator(f"{MAIN} .js-plotly-plot")).to_have_count(2)  # levels per year and the dimensions
    screenshot(page, "adoption-i40-en")
    open_tab(page, "Factories likely to move up")
    # The workbook is built when clicked, outside the session's run: it is in the session's language all the same.
    with page.expect_download() as info:
        page.locator(".st-key-adoption_candidates_xlsx button").click()
    xlsx_path = ARTIFACTS / "browser-download-adoption-candidates-en.xlsx"
    info.value.save_as(xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert date_formats(sheet, "Last inspected") == {"d mmm yyyy"}
    header = [cell.value for cell in sheet[1]]
    reasons = [row[header.index("Reason")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert reasons and not [text for text in reasons if THAI.search(text)], reasons[:3]  # put in words when clicked


def test_province_page_links_to_the_page_filtered(page: Page, app_server: str):
    open_app(page, app_server, "/province?code=58")
    main = page.locator(MAIN)
    expect(main.get_by_text("การยกระดับ: อุตสาหกรรมสีเขียวและอุตสาหกรรม 4.0")).to_be_visible()
    main.get_by_text("ดูรายละเอียดการยกระดับของจังหวัดนี้").click()
    page.wait_for_url(re.compile(r"/adoption\?.*code=58"))
    wait_for_app_run(page)
    expect(main.get_by_text("ปีงบประมาณ", exact=False).first).to_be_visible()
    expect(main.get_by_text("แม่ฮ่องสอน", exact=False).first).to_be_visible()
    assert "code=58" in page.url
    screenshot(page, "adoption-from-province-58")


def test_national_gi_stock_has_the_shape_of_the_2019_stock(national_db):
    engine = make_engine(f"duckdb:///{national_db}")
    try:
        with engine.connect() as conn:
            stock = adoption.gi_stock(conn, Period.at(catalog.data_as_of(conn)), NATIONAL)
    finally:
        engine.dispose()
    for year, levels in stock.groupby("fiscal_year"):
        l1, l2, l3, l4, l5 = levels.sort_values("level")["issued"]
        # September 2019: 20,581 / 8,737 / 7,329 / 493 / 72 (ratios 2.4, 1.2, 14.9, 6.8)
        assert l1 > 1.8 * l2 and l2 > l3 > 4 * l4 and l4 > 3 * l5 > 0, (year, l1, l2, l3, l4, l5)
