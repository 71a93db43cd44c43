"""The risk page in a real browser on the national demo data: the choropleth and the factory map
are drawn (hexagons for the country, points for a province), a click on a province opens its
page, a point shows its tooltip and a click opens the factory card, a table row does too. The
``page`` fixture fails any test on a request leaving the machine (basemap styles, tiles, fonts)
and on console errors. Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from bench.browser_actions import GEO_PIXEL_JS
from components.i18n import labels
from components.plumbing.params import default_factory_filter
from data_access.db.connect import make_engine
from data_access.queries import catalog, risk_map
from data_access.reference import province_shapes
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL
from data_access.settings import TABLE_SCREEN_ROWS
from tests.browser.helpers import ARTIFACTS, date_formats, open_app, screenshot, wait_for_app_run

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"]'
CHOROPLETH = '[data-testid="stPlotlyChart"] .js-plotly-plot'
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
# Nakhon Ratchasima: a large province, easy to hit on the national choropleth.
PROVINCE = "30"


def _expect_deck_drawn(page: Page) -> None:
    """The deck.gl canvas is on screen and shows band colours, not an empty frame."""
    deck = page.locator(DECK)
    expect(deck.locator("canvas").first).to_be_visible()
    deck.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # WebGL draws on the next animation frames
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=10**6)
    reddish = sum(count for count, (r, g, _) in colours if r > 150 and g < 140)
    assert len(colours) > 20 and reddish > 200, (len(colours), reddish)


def _heading(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text()


def test_national_risk_map(page: Page, app_server: str):
    open_app(page, app_server, "/risk")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    assert _heading(page) == "แผนที่ความเสี่ยงโรงงาน"
    expect(page.locator(CHOROPLETH).first).to_be_visible()
    _expect_deck_drawn(page)
    screenshot(page, "risk")


def test_choropleth_click_opens_the_province_page(page: Page, app_server: str):
    open_app(page, app_server, "/risk")
    chart = page.locator(CHOROPLETH).first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shapes = province_shapes()
    inside = shapes.loc[shapes["code"] == PROVINCE, "geometry"].iloc[0]
    point = inside.representative_point()
    x, y = chart.evaluate(GEO_PIXEL_JS, [point.x, point.y])
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(rf"/province\?(.*&)?code={PROVINCE}(&|$)"))
    wait_for_app_run(page)
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    screenshot(page, "risk-click-province")


def test_province_points_tooltip_and_card(page: Page, app_server: str):
    open_app(page, app_server, "/risk?code=11")
    _expect_deck_drawn(page)
    deck = page.locator(DECK)
    box = deck.bounding_box()
    tooltip = page.locator(".deck-tooltip")
    found = None
    for fy in (i / 16 for i in range(2, 15)):  # sweep the map until the pointer is over a factory
        for fx in (j / 24 for j in range(2, 23)):
            x, y = box["x"] + fx * box["width"], box["y"] + fy * box["height"]
            page.mouse.move(x, y)
            page.wait_for_timeout(30)
            if tooltip.count() and tooltip.first.is_visible() and tooltip.first.inner_text().strip():
                found = (x, y)
                break
        if found:
            break
    assert found, "no tooltip anywhere on the province's point map"
    text = tooltip.first.inner_text()
    assert "คะแนน" in text and "ลำดับที่" in text and re.search(r"สป", text), text  # registration, Samut Prakan
    page.mouse.click(*found)
    page.wait_for_url(re.compile(r"[?&]factory=\d{14}"))
    wait_for_app_run(page)
    card_names = page.locator('[data-testid="stMain"] h3').all_inner_texts()
    assert any(name.startswith(("บริษัท", "ห้างหุ้นส่วน", "โรงงาน")) for name in card_names), card_names
    factors = page.get_by_text("คะแนนแต่ละปัจจัย", exact=False)
    factors.scroll_into_view_if_needed()
    expect(factors).to_be_visible()
    screenshot(page, "risk-province-card")


def test_table_row_opens_the_card_and_its_button_closes_it(page: Page, app_server: str):
    open_app(page, app_server, "/risk?code=11")
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url(re.compile(r"[?&]factory=\d{14}"))
    wait_for_app_run(page)
    expect(page.get_by_text("การตรวจล่าสุด", exact=False)).to_be_visible()

    # The card and the table rerun alone (a fragment): the link follows all the same.
    page.locator(".st-key-risk_card_close button").click()
    page.wait_for_url(lambda url: "factory=" not in url)
    wait_for_app_run(page)
    expect(page.get_by_text("การตรวจล่าสุด", exact=False)).to_have_count(0)


@pytest.mark.parametrize("language, bands, dated", [
    ("th", {"ต่ำ", "ปานกลาง", "สูง", "วิกฤต"}, "[$-th-TH,107]d mmm yyyy"),
    ("en", {"low", "medium", "high", "critical"}, "d mmm yyyy")])
def test_the_factory_list_downloads_whole_in_the_session_language(page: Page, app_server: str, language: str,
                                                                  bands: set[str], dated: str):
    """The files are made when clicked, outside the session's run: every matching factory, not
    only the rows on screen, in the words of the session's language all the same."""
    open_app(page, app_server, f"/risk?code=11&lang={language}")
    files = {}
    for kind in ("csv", "xlsx"):
        button = page.locator(f".st-key-risk_table_download_{kind} button")
        button.scroll_into_view_if_needed()
        with page.expect_download() as info:
            button.click()
        files[kind] = ARTIFACTS / f"browser-download-risk-factories-{language}.{kind}"
        info.value.save_as(files[kind])
    rows = pd.read_csv(files["csv"], encoding="utf-8-sig", dtype=str)
    band, factors, inspected = (labels()[f"risk.col.{column}"][language]
                                for column in ("band", "top_factors", "last_inspected_on"))
    assert len(rows) > TABLE_SCREEN_ROWS and set(rows[band]) <= bands
    assert rows[factors].dropna().str.contains("[\u0e00-\u0e7f]").eq(language == "th").all()
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    assert [cell.value for cell in sheet[1]] == list(rows.columns) and sheet.max_row == len(rows) + 1
    assert date_formats(sheet, inspected) == {dated}


def test_the_national_list_downloads_every_matching_factory(page: Page, app_server: str, national_db):
    """Nationally the page reads the first rows of the list only (its map counts hexagons apart);
    the file reads every matching factory when it is asked for."""
    open_app(page, app_server, "/risk")
    expect(page.get_by_text(labels()["risk.map.hexagons"]["th"])).to_be_visible()
    button = page.locator(".st-key-risk_table_download_csv button")
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    saved = ARTIFACTS / "browser-download-risk-factories-national.csv"
    info.value.save_as(saved)
    engine = make_engine(f"duckdb:///{national_db}")
    try:
        with engine.connect() as conn:
            day = Period.at(catalog.data_as_of(conn)).day
            expected = risk_map.matching_counts(conn, day, default_factory_filter(NATIONAL))
    finally:
        engine.dispose()
    rows = pd.read_csv(saved, encoding="utf-8-sig", dtype=str)
    assert len(rows) == expected.matching > TABLE_SCREEN_ROWS
