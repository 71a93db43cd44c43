"""The emergency board in a real browser.

On a PostgreSQL database of its own (``live_app_server``: the small demo data, the board refreshing
every few seconds) a severe incident is logged while the board is open, as the centre's system
would: the next refresh shows it and highlights it with no click and no reload, the map keeps the
zoom and position the viewer chose, the page keeps its scroll, the highlight lasts until
acknowledged, and another page shows the banner that links back to the board.

On the national demo data (``app_server``): the map is drawn, a click on a province opens its
page, the list downloads as CSV and Excel, the history and the playback open in tabs of their own
(the playback's slider moves month by month). The ``page``
fixture fails any test on a request leaving the machine and on console errors.
"""
from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from data_access.db import connect, schema
from data_access.reference import province_shapes
from data_access.settings import LOCAL_TIMEZONE
from tests.browser.helpers import open_app, open_tab, screenshot, wait_for_app_run
from tests.emergency_fixture import incident, insert

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"]'
MAIN = '[data-testid="stMain"]'
NEW_PROVINCE, NEW_PROVINCE_TH = "30", "นครราชสีมา"
# The deck's view and JSON as the page holds them: Streamlit's deck component keeps the view the
# viewer chose in its React state (props ``viewState`` of deck.gl's component below it) and the
# deck it was sent in its ``element`` prop (above it). React keeps two trees of fibers (the one
# on screen and the one of the render before): the one on screen is found from React's root.
_DECK_STATE = """(el) => {
  let top = el[Object.keys(el).find(k => k.startsWith('__reactFiber'))];
  while (top.return) top = top.return;
  const find = (start, test) => {
    const stack = [start];
    while (stack.length) {
      const f = stack.pop();
      if (!f) continue;
      if (test(f)) return f;
      stack.push(f.sibling, f.child);
    }
    return null;
  };
  const fiber = find(top.stateNode.current, f => f.stateNode === el);
  let json = null;
  for (let f = fiber; f && json === null; f = f.return) json = f.memoizedProps?.element?.json ?? null;
  const view = find(fiber.child, f => typeof f.memoizedProps?.viewState?.zoom === 'number')?.memoizedProps.viewState;
  return {zoom: view?.zoom ?? null, latitude: view?.latitude, longitude: view?.longitude, json};
}"""


def _deck_state(page: Page) -> dict:
    """The deck's view (``zoom``, ``latitude``, ``longitude``) and its points per layer (``points``)."""
    state = page.locator(DECK).evaluate(_DECK_STATE)
    assert state["zoom"] is not None and state["json"], "the deck's view or JSON was not found"
    state["points"] = {layer["id"]: len(layer["data"]) for layer in json.loads(state["json"])["layers"]
                       if layer["id"].startswith("incidents")}
    return state


def _zoom_in(page: Page) -> None:
    """Zoom the board's map in as a viewer would, with the mouse wheel over it."""
    deck = page.locator(DECK)
    deck.scroll_into_view_if_needed()
    box = deck.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.45)
    for _ in range(3):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(300)
    page.wait_for_timeout(800)


def _settled_view(page: Page) -> dict:
    """The deck's state once the view has stopped moving (a wheel zoom eases in)."""
    state = _deck_state(page)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = _deck_state(page)
        if again["zoom"] == state["zoom"]:
            return again
        state = again
    return state


def _incident_list(page: Page):
    return page.locator('[data-testid="stDataFrame"]').filter(has_text="เกิดเหตุมาแล้ว")


def _severe_active(url: str) -> tuple[int, int]:
    """Severe incidents active now, and the next free incident id."""
    engine = connect.make_engine(url)
    e = schema.emergencies.c
    with engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).where(e.status == "active", e.severity >= 3)).scalar_one()
        next_id = conn.execute(sa.select(sa.func.max(e.emergency_id))).scalar_one() + 1
    engine.dispose()
    return n, next_id


@pytest.mark.postgres
def test_a_severe_incident_logged_while_the_board_is_open(page: Page, live_app_server):
    base_url, database_url = live_app_server.url, live_app_server.database_url
    refresh_ms = live_app_server.refresh_s * 1000
    open_app(page, base_url, "/emergencies?status=active,contained")  # a filter the refreshes must keep
    expect(page.locator(f"{DECK} canvas").first).to_be_visible()
    before = _deck_state(page)
    _zoom_in(page)
    zoomed = _settled_view(page)
    assert zoomed["zoom"] > before["zoom"] + 1, (before, zoomed)
    scrolled = page.locator(MAIN).evaluate("el => el.scrollTop")
    updated = page.get_by_text("ข้อมูลล่าสุด").inner_text()
    alert = page.locator(".st-key-emergency_new_alert")
    expect(alert).to_have_count(0)

    severe, new_id = _severe_active(database_url)
    now = datetime.now(ZoneInfo(LOCAL_TIMEZONE)).replace(tzinfo=None)
    engine = connect.make_engine(database_url)
    insert(engine, incident(new_id, None, NEW_PROVINCE, "explosion", 4, "active", now - timedelta(minutes=5)))
    engine.dispose()

    # No click, no reload: the board's next refreshes show it.
    expect(alert).to_be_visible(timeout=4 * refresh_ms)
    expect(alert).to_contain_text("เหตุรุนแรงใหม่ 1 เหตุ ตั้งแต่ดูครั้งก่อน")
    expect(alert).to_contain_text(f"การระเบิด ระดับ 4 · {NEW_PROVINCE_TH}")
    assert page.get_by_text("ข้อมูลล่าสุด").inner_text() != updated
    new_row = _incident_list(page).locator('[role="row"]').filter(has_text="● ใหม่")
    expect(new_row).to_have_count(1)
    expect(new_row).to_contain_text(NEW_PROVINCE_TH)
    expect(new_row).to_contain_text("การระเบิด")
    after = _deck_state(page)
    assert after["points"]["incidents-new"] == 1 and zoomed["points"]["incidents-new"] == 0  # the deck changed ...
    assert after["points"]["incidents-active"] == zoomed["points"]["incidents-active"] + 1
    assert (after["zoom"], after["latitude"], after["longitude"]) == (
        zoomed["zoom"], zoomed["latitude"], zoomed["longitude"])  # ... and the viewer's view did not
    assert page.locator(MAIN).evaluate("el => el.scrollTop") == scrolled
    assert re.search(r"status=active(,|%2C)contained", page.url), page.url
    chosen = page.locator('.st-key-emergency_status button[aria-pressed="true"]')
    expect(chosen).to_have_text(["ยังควบคุมไม่ได้", "ควบคุมได้แล้ว"])
    screenshot(page, "emergencies-new-severe")

    page.wait_for_timeout(refresh_ms + 500)  # one more refresh: still highlighted
    expect(alert).to_be_visible()
    page.get_by_role("button", name="รับทราบ").click()
    expect(alert).to_have_count(0)
    expect(_incident_list(page).locator('[role="row"]').filter(has_text="● ใหม่")).to_have_count(0)
    assert _deck_state(page)["zoom"] == zoomed["zoom"]

    page.locator('[data-testid="stSidebarNav"]').get_by_text("ภาพรวมประเทศ").click()
    wait_for_app_run(page)
    banner = page.locator(".st-key-emergency_banner")
    expect(banner).to_contain_text(f"เหตุรุนแรงยังควบคุมไม่ได้ {severe + 1} เหตุ")
    screenshot(page, "emergencies-banner")
    banner.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/emergencies(\?|$)"))
    wait_for_app_run(page)
    expect(page.locator(f"{MAIN} h1").first).to_have_text("สถานการณ์เหตุฉุกเฉิน ศบฉ.อก.")


def test_national_board_map_click_and_downloads(page: Page, app_server: str):
    open_app(page, app_server, "/emergencies")
    expect(page.locator(f"{DECK} canvas").first).to_be_visible()
    rows = _incident_list(page).locator('[role="row"]')
    expect(rows.nth(2)).to_be_attached()  # the grid writes its rows for screen readers once it has drawn
    assert rows.count() > 2
    screenshot(page, "emergencies")

    for label, read in (("ดาวน์โหลด CSV", _read_csv), ("ดาวน์โหลด Excel", _read_excel)):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).first.click()
        frame = read(download.value.path().read_bytes())
        assert {"ระดับ", "ประเภท", "จังหวัด", "เกิดเหตุมาแล้ว", "สถานะ"} <= set(frame.columns), frame.columns
        assert len(frame) == rows.count() - 1  # the header row
        assert frame["ระดับ"].is_monotonic_decreasing

    deck = page.locator(DECK)
    deck.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    state = _deck_state(page)
    point = province_shapes().set_index("code").loc["40", "geometry"].representative_point()  # Khon Kaen
    box = deck.bounding_box()
    x, y = _screen_point(state, box, point.x, point.y)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/province\?(.*&)?code=40(&|$)"))
    wait_for_app_run(page)
    expect(page.locator('[data-testid="stSidebarNav"]')).to_be_visible()


def test_a_factory_with_repeat_incidents_opens_its_card(page: Page, app_server: str):
    open_app(page, app_server, "/emergencies?section=history")
    table = page.locator('[data-testid="stDataFrame"]').filter(has_text="เลขทะเบียน")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url(re.compile(r"/risk\?(.*&)?factory=\d{14}(&|$)"))
    wait_for_app_run(page)
    expect(page.get_by_text("การตรวจล่าสุด", exact=False)).to_be_visible()  # the card is open


def test_playback_goes_month_by_month(page: Page, app_server: str):
    open_app(page, app_server, "/emergencies")
    open_tab(page, "ย้อนดูรายเดือน")
    assert "section=playback" in page.url, page.url
    playback = page.locator('[data-testid="stPlotlyChart"]').last
    playback.scroll_into_view_if_needed()
    month = playback.locator("text").filter(has_text=re.compile(r"^เดือน "))  # the slider's current value

    def points() -> int:
        return playback.locator(".js-plotly-plot").evaluate(
            "gd => gd.data.slice(1).reduce((n, trace) => n + (trace.lat || []).length, 0)")

    def counted(label: str) -> int:
        return int(re.search(r"เกิดเหตุ (\d+) เหตุ", label).group(1))

    first = month.text_content()
    assert re.fullmatch(r"เดือน ต\.ค\. 25\d\d: เกิดเหตุ \d+ เหตุ", first), first
    assert points() == counted(first) > 0
    rail = playback.locator("rect.slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] * 0.6, rail["y"] + rail["height"] / 2)
    expect(month).not_to_have_text(first)
    later = month.text_content()
    assert points() == counted(later)
    screenshot(page, "emergencies-playback")


def _read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith("\ufeff".encode())  # UTF-8 with a byte-order mark: Excel shows Thai
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def _read_excel(data: bytes) -> pd.DataFrame:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *values = sheet.iter_rows(values_only=True)
    return pd.DataFrame(values, columns=header)


def _screen_point(view: dict, box: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) is on screen in a web-Mercator view of 512-pixel tiles (deck.gl's)."""
    import math

    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)

    def project(lo: float, la: float) -> tuple[float, float]:
        y = math.pi - math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
        return scale * (math.radians(lo) + math.pi), scale * y

    cx, cy = project(view["longitude"], view["latitude"])
    px, py = project(lon, lat)
    return box["x"] + box["width"] / 2 + px - cx, box["y"] + box["height"] / 2 + py - cy


def test_another_grouping_of_the_durations_redraws_the_table_and_its_file(page: Page, app_server: str):
    """The grouping is a fragment of the page: it changes the table, its download and the link."""
    open_app(page, app_server, "/emergencies?section=history")
    files = {}
    for grouping, button, header in (("severity", 1, "ระดับ"), ("type", 0, "ประเภท")):
        pill = page.locator(f".st-key-emergency_durations_by button >> nth={button}")
        pill.scroll_into_view_if_needed()
        pill.click()
        wait_for_app_run(page)
        with page.expect_download() as download:
            page.locator(".st-key-emergency_durations_download_csv button").click()
        files[grouping] = download.value.suggested_filename
        assert _read_csv(download.value.path().read_bytes()).columns[0] == header
        assert ("by=severity" in page.url) == (grouping == "severity"), page.url
    assert files["severity"].startswith("emergency_durations_by_severity_"), files
    assert files["type"].startswith("emergency_durations_by_type_"), files


def test_history_download_in_english_holds_every_incident_of_the_window(page: Page, app_server: str):
    """The five-year file is put in words when clicked, outside the session's run: in English all
    the same, one row per incident the caption counts, times as ISO."""
    open_app(page, app_server, "/emergencies?lang=en&section=history")
    window = page.locator(MAIN).get_by_text(re.compile(r"^Incidents that started from .*: [\d,]+, as filtered above$"))
    expect(window).to_be_visible()
    incidents = int(re.search(r": ([\d,]+), as filtered", window.inner_text()).group(1).replace(",", ""))
    button = page.locator(".st-key-emergency_history_download_csv button")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    frame = _read_csv(download.value.path().read_bytes())
    assert list(frame.columns[:4]) == ["Incident id", "Type", "Level", "Status"], frame.columns
    assert len(frame) == incidents and frame["Incident id"].is_unique
    assert not frame["Type"].str.contains("[\u0e00-\u0e7f]").any()
    assert frame["Started"].str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}").all()
