"""What a first user met within minutes, checked in a real browser on the national demo data:
the language switched Thai -> English -> Thai on every page with filters and a province set,
every map inside its frame at 1280, 1440 and 1920 px for the nation, a region and a province,
the ranked figure of a table at hand without scrolling, no code words in Thai, and a factory
found from the sidebar. Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from data_access import settings as cfg
from data_access.reference import province_shapes, province_table
from tests.browser.helpers import GEO_VIEW_JS, open_app, screenshot, switch_language, wait_for_app_run

pytestmark = pytest.mark.browser

WIDTHS = ((1280, 720), (1440, 900), (1920, 1080))
PLOTLY_MAP = '[data-testid="stPlotlyChart"] .js-plotly-plot'
DECK = '[data-testid="stDeckGlJsonChart"]'
# Every page with filters set in the sidebar (the North, inspection region 16) and, where a page
# has one, a province of them (Chiang Rai) and a tab other than the first.
FILTERED = {"": "region=North&ir=16", "risk": "region=North&ir=16&code=57&band=high",
            "province": "region=North&ir=16&code=57&section=visits", "data": "region=North&ir=16"}
CODE_WORDS = re.compile(r"\b(" + "|".join(
    (*cfg.RISK_BAND_NAMES, *cfg.RISK_FACTORS, *cfg.FACTORY_STATUSES, *cfg.EMERGENCY_TYPES, "None", "nan", "NaT",
     "True", "False", "demo", "seed", "Choose an option")) + r")\b")


def _params(page: Page) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


@pytest.mark.parametrize("path", list(FILTERED), ids=[p or "overview" for p in FILTERED])
def test_language_round_trip_keeps_the_filters_and_codes(page: Page, app_server: str, path: str):
    open_app(page, app_server, f"/{path}?{FILTERED[path]}")
    wanted = parse_qs(FILTERED[path])
    for label, lang in (("English", "en"), ("ไทย", None), ("English", "en")):
        switch_language(page, label)
        params = _params(page)
        assert params.get("lang") == lang, page.url
        for name, (value,) in wanted.items():
            assert params.get(name) == value, (label, name, page.url)  # codes, not labels, and kept
        assert not re.search("[\u0e00-\u0e7f]", unquote(urlsplit(page.url).query)), page.url  # no Thai labels
    screenshot(page, f"round-trip-{path or 'overview'}")


def _data_bounds(codes: list[str]) -> tuple[float, float, float, float]:
    shapes = province_shapes()
    return tuple(float(v) for v in shapes[shapes["code"].isin(codes)].total_bounds)


def _assert_choropleth_frames(page: Page, bounds: tuple[float, float, float, float], where: str) -> None:
    chart = page.locator(PLOTLY_MAP).first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    shown = chart.evaluate(GEO_VIEW_JS)
    west, south, east, north = bounds
    assert shown[0] <= west and shown[1] <= south and shown[2] >= east and shown[3] >= north, (where, shown, bounds)


@pytest.mark.parametrize("width, height", WIDTHS, ids=[f"{w}x{h}" for w, h in WIDTHS])
def test_every_map_fits_its_frame(page: Page, app_server: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    table = province_table()
    north = list(table.loc[table["region"] == "North", "code"])
    south = list(table.loc[table["region"] == "South", "code"])
    for path, codes in (("/", list(table["code"])), ("/?region=North", north), ("/risk?region=South", south)):
        open_app(page, app_server, path)
        _assert_choropleth_frames(page, _data_bounds(codes), f"{path} at {width}")
        screenshot(page, f"fit-{width}-{path.strip('/?').replace('=', '-') or 'national'}")
    open_app(page, app_server, "/risk?code=57&band=")
    canvas = page.locator(f"{DECK} canvas").first
    expect(canvas).to_be_visible()
    assert canvas.bounding_box()["width"] >= cfg.MAP_WIDTH_FACTORIES, "the factory map is framed for a wider column"
    open_app(page, app_server, "/province?code=20&section=trends")
    district_map = page.locator(PLOTLY_MAP).nth(1)  # after the trends
    district_map.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    shown = district_map.evaluate(GEO_VIEW_JS)
    west, south_, east, north_ = _data_bounds(["20"])
    assert shown[0] <= west and shown[1] <= south_ and shown[2] >= east and shown[3] >= north_, shown
    screenshot(page, f"fit-{width}-province-20")


@pytest.mark.parametrize("width, height", WIDTHS, ids=[f"{w}x{h}" for w, h in WIDTHS])
def test_the_ranked_figure_comes_first(page: Page, app_server: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_server, "/")
    headers = page.locator('[data-testid="stDataFrame"] th')  # written by the grid after the run has ended
    for index, name in enumerate(["อันดับ", "จังหวัด", "โรงงานเสี่ยง"]):  # pinned: never scrolled away
        expect(headers.nth(index)).to_have_text(name)
    screenshot(page, f"ranking-{width}")


@pytest.mark.parametrize("path", ["", "risk", "province?code=20", "data"])
def test_thai_pages_show_no_code_words(page: Page, app_server: str, path: str):
    open_app(page, app_server, f"/{path}")
    text = page.locator('[data-testid="stApp"]').inner_text()
    found = sorted(set(CODE_WORDS.findall(text)))
    assert not found, found


def test_a_factory_is_found_from_the_sidebar_and_opens_its_card(page: Page, app_server: str):
    open_app(page, app_server, "/")
    box = page.get_by_label("ค้นหาโรงงาน")
    box.fill("20")
    box.press("Enter")
    wait_for_app_run(page)
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a')
    expect(links.first).to_be_visible()
    name = links.first.inner_text().split(" · ")[0]
    links.first.click()
    page.wait_for_url(re.compile(r"/risk\?(.*&)?factory=\d{14}"))
    wait_for_app_run(page)
    expect(page.locator('[data-testid="stMain"] h3', has_text=name).first).to_be_visible()
    screenshot(page, "search-opens-card")
