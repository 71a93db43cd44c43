"""What ``bench/browser.py`` clicks on each page: one :class:`Action` per kind of click a page
offers, found by the widget's key (Streamlit gives every keyed element the class ``st-key-<key>``).

An action prepares its click untimed (opens a dropdown, finds a map's pixel) and returns the click
itself, which the harness times. Repeat ``i`` alternates the value (option 0 / option 1, on / off,
add / remove), so that every click changes something and an even number of repeats comes back to
where it started.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

Click = Callable[[], None]
Prepare = Callable[[Page, int], Click]

OPEN_TRIES, OPEN_WAIT_MS = 3, 3000
STEADY_TRIES, STEADY_MS = 20, 250
OPTIONS = '[role="listbox"] [role="option"]:not([data-key="__select_all__"])'
# Nakhon Ratchasima: a large province, easy to hit on a national choropleth.
MAP_PROVINCE = "30"
# (gd, [lon, lat]) -> the page pixel [x, y] of that point on a plotly geo map (the browser tests use it too).
GEO_PIXEL_JS = """(gd, lonLat) => { const p = gd._fullLayout.geo._subplot.projection(lonLat);
    const box = gd.querySelector('.main-svg').getBoundingClientRect();
    return [box.left + p[0], box.top + p[1]]; }"""
# The first and second row's selection box in a Streamlit dataframe (glide data grid), from its corner.
ROW_BOX_X, FIRST_ROW_Y, ROW_PX = 18, 35 + 17, 35


@dataclass(frozen=True)
class Action:
    name: str
    prepare: Prepare
    navigates: bool = False  # the click opens another page: the harness reopens this one after it


def _checked(page: Page, locator_text: str) -> Click:
    """Check actionability now (untimed), so that the timed click is only the click."""
    target = page.locator(locator_text)
    target.click(trial=True)
    return target.click


def _open_list(page: Page, key: str) -> None:
    """Open a selectbox's or multiselect's list, again if a late layout shift swallowed the click."""
    combobox = page.locator(f".st-key-{key} input[role='combobox']")
    for _ in range(OPEN_TRIES):
        combobox.scroll_into_view_if_needed()
        combobox.click()
        with contextlib.suppress(PlaywrightTimeoutError):
            page.locator(OPTIONS).first.wait_for(timeout=OPEN_WAIT_MS)
            return
    raise RuntimeError(f"the list of {key} does not open")


def _steady(page: Page, target: Locator) -> dict:
    """Scroll ``target`` into view and wait until the page above it stops moving (charts still
    being drawn push it down); returns its box."""
    box = None
    for _ in range(STEADY_TRIES):
        target.scroll_into_view_if_needed()
        page.wait_for_timeout(STEADY_MS)
        if (now := target.bounding_box()) == box:
            break
        box = now
    return box


def selectbox(key: str) -> Prepare:
    """Open the selectbox and choose its second option, then its first, in turn."""
    def prepare(page: Page, i: int) -> Click:
        _open_list(page, key)
        option = page.locator(OPTIONS).nth((i + 1) % 2)
        option.click(trial=True)
        return option.click
    return prepare


def multiselect(key: str) -> Prepare:
    """Add the first option not chosen yet, then remove it again, in turn."""
    added: list[str] = []

    def prepare(page: Page, i: int) -> Click:
        if i % 2 == 0:
            _open_list(page, key)
            option = page.locator(OPTIONS).first
            added[:] = [option.inner_text().strip()]
            option.click(trial=True)
            return option.click
        return _checked(page, f".st-key-{key} button[aria-label='Remove {added[0]}']")
    return prepare


def flip(key: str) -> Prepare:
    """A checkbox or toggle: on, then off."""
    return lambda page, i: _checked(page, f".st-key-{key} label")


def buttons(key: str, first: int = 1, second: int = 0) -> Prepare:
    """A segmented control or pills: button ``first``, then button ``second``, in turn."""
    return lambda page, i: _checked(page, f".st-key-{key} button >> nth={first if i % 2 == 0 else second}")


def tabs(key: str, first: int = 1, second: int = 0) -> Prepare:
    """Tabs: tab ``first``, then tab ``second``, in turn."""
    return lambda page, i: _checked(page, f".st-key-{key} [role='tab'] >> nth={first if i % 2 == 0 else second}")


def map_click(key: str, province: str = MAP_PROVINCE) -> Prepare:
    """A click on ``province`` on a plotly choropleth (an SVG geo map), at the pixel of a point inside it."""
    def prepare(page: Page, i: int) -> Click:
        from data_access.reference import province_shapes

        chart = page.locator(f".st-key-{key} .js-plotly-plot").first
        _steady(page, chart)
        chart.locator("path.choroplethlocation").first.wait_for()
        shapes = province_shapes()
        point = shapes.loc[shapes["code"] == province, "geometry"].iloc[0].representative_point()
        x, y = chart.evaluate(GEO_PIXEL_JS, [point.x, point.y])
        page.mouse.move(x, y)
        page.wait_for_timeout(200)  # plotly's hover, as a person's pointer gives it
        return lambda: page.mouse.click(x, y)
    return prepare


def table_row(key: str) -> Prepare:
    """The selection box of a dataframe's first row, then of its second, in turn."""
    def prepare(page: Page, i: int) -> Click:
        box = _steady(page, page.locator(f".st-key-{key} [data-testid='stDataFrame']").first)
        x, y = box["x"] + ROW_BOX_X, box["y"] + FIRST_ROW_Y + ROW_PX * (i % 2)
        return lambda: page.mouse.click(x, y)
    return prepare


FISCAL_YEAR = Action("fiscal year (sidebar)", selectbox("fy"))
REGION = Action("region (sidebar)", selectbox("region"))
INSPECTION_REGION = Action("inspection region (sidebar)", selectbox("ir"))
LANGUAGE = Action("language toggle", buttons("_lang_choice"))

# Every page the benchmark opens (path and query), with the clicks it offers.
PAGES: dict[str, list[Action]] = {
    "/": [
        FISCAL_YEAR, REGION, INSPECTION_REGION,
        Action("map metric", selectbox("overview_metric")),
        Action("map click (opens province)", map_click("overview_map"), navigates=True),
        LANGUAGE,
    ],
    "/risk": [
        FISCAL_YEAR, REGION, INSPECTION_REGION,
        Action("province choice", selectbox("risk_filter_code")),
        Action("risk band added/removed", multiselect("risk_filter_band")),
        Action("toggle: not inspected > 365 days", flip("risk_filter_overdue")),
        Action("toggle: open complaints", flip("risk_filter_complaints")),
        Action("map metric", selectbox("risk_metric")),
        Action("map click (opens province)", map_click("risk_choropleth"), navigates=True),
        Action("table row (factory card)", table_row("risk_table")),
        LANGUAGE,
    ],
    "/province?code=20": [
        FISCAL_YEAR,
        Action("province choice", selectbox("province_code")),
        Action("tab (KPIs / factories to visit)", tabs("province_section", 2, 0)),
        LANGUAGE,
    ],
    "/province?code=20&section=trends": [
        FISCAL_YEAR,
        Action("district map mode", buttons("province_map_mode")),
    ],
    "/adoption": [
        FISCAL_YEAR,
        Action("province choice (sidebar)", selectbox("adoption_code")),
        Action("ladder (GI / i4.0)", buttons("adoption_ladder")),
        Action("level", selectbox("adoption_level_gi")),
        Action("tab (targets / candidates)", tabs("adoption_section", 2, 0)),
        LANGUAGE,
    ],
    "/adoption?section=provinces": [
        FISCAL_YEAR,
        Action("map metric", selectbox("adoption_metric_gi")),
        Action("map click (opens province)", map_click("adoption_map"), navigates=True),
    ],
    "/emergencies": [
        FISCAL_YEAR,
        Action("type added/removed", multiselect("emergency_type")),
        Action("province choice", selectbox("emergency_code")),
        Action("severity pill", buttons("emergency_severity", 0, 0)),
        Action("status pill", buttons("emergency_status", 0, 0)),
        Action("tab (now / history)", tabs("emergency_section")),
        LANGUAGE,
    ],
    "/emergencies?section=history": [
        FISCAL_YEAR,
        Action("durations grouping pill", buttons("emergency_durations_by")),
        Action("table row (opens province)", table_row("emergency_repeat_provinces"), navigates=True),
    ],
    "/data": [
        FISCAL_YEAR,
        Action("checkbox: check only", flip("ingest_dry_run")),
        LANGUAGE,
    ],
}

BARE_PAGE = "/"
BARE_CLICK = Action("checkbox", flip("bare_checkbox"))
