"""Presentation mode in a real browser at 1920x1080 on the national demo data: no sidebar, toolbar
or widget on screen, body text of at least 28 px, the deck moving on by itself (a short interval
from the link) and by the keyboard, a screenshot of every slide in Thai and in English; and every
page of the app, presentation mode included, free of WCAG 2 A/AA violations by axe-core.

No request leaves the machine: the ``page`` fixture fails a test on any, on console errors and
on page errors. axe-core is injected from the npm package installed by ``scripts/setup.sh test``.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ROOT, open_app, screenshot, wait_for_app_run

PROJECTOR = {"width": 1920, "height": 1080}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INTERVAL_S = 3  # the link's ?every=: short, so that the test sees the deck move on by itself
MOVE_TIMEOUT_MS = 30_000
# What a presenter must not see: Streamlit's chrome and any control a person could operate.
CHROME = ('[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"], '
          '[data-testid="stToolbar"]')
WIDGETS = "button, input, select, textarea, [role='combobox'], [role='slider'], [data-testid='stPageLink']"
FOOTER = '[data-testid="deck-footer"]'


def _slide_number(page: Page, n: int, count: int, lang: str = "th") -> None:
    text = f"สไลด์ {n} / {count}" if lang == "th" else f"Slide {n} of {count}"
    expect(page.locator(FOOTER)).to_contain_text(text, timeout=MOVE_TIMEOUT_MS)
    wait_for_app_run(page)


def _visible(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 120))")


def test_presentation_mode_runs_by_itself_and_by_keys(page: Page, app_server: str):
    page.set_viewport_size(PROJECTOR)
    open_app(page, app_server, f"/?present=1&fy=2570&every={INTERVAL_S}")
    assert "/present" in page.url and "present=1" in page.url, page.url
    _slide_number(page, 1, 5)
    assert _visible(page, CHROME) == []
    assert _visible(page, WIDGETS) == []
    sizes = page.evaluate("""() => [getComputedStyle(document.body).fontSize,
        ...[...document.querySelectorAll('[data-testid="stMain"] p')].filter(p => p.checkVisibility())
            .map(p => getComputedStyle(p).fontSize)]""")
    assert all(float(size.removesuffix("px")) >= 28 for size in sizes), sizes
    figure = page.locator('[data-testid="stMain"] h1').first
    expect(figure).to_have_text("แผนที่โรงงานเสี่ยงทั่วประเทศ")
    screenshot(page, "present-auto-1")
    for n in (2, 3):  # by itself
        _slide_number(page, n, 5)
        screenshot(page, f"present-auto-{n}")
    page.keyboard.press("p")  # paused: the keys alone move it now
    expect(page.locator(FOOTER)).to_contain_text("หยุดอยู่", timeout=MOVE_TIMEOUT_MS)
    wait_for_app_run(page)
    page.keyboard.press("ArrowRight")
    _slide_number(page, 4, 5)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("สถานการณ์เหตุฉุกเฉิน")
    page.keyboard.press("ArrowLeft")
    _slide_number(page, 3, 5)
    assert re.search(r"[?&]slide=3(&|$)", page.url), page.url


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_slide_of_a_province_deck(page: Page, app_server: str, lang: str):
    page.set_viewport_size(PROJECTOR)
    open_app(page, app_server, f"/present?present=1&paused=1&code=20&lang={lang}")
    titles = []
    for n in range(1, 7):
        _slide_number(page, n, 6, lang)
        titles.append(page.locator('[data-testid="stMain"] h1').first.inner_text().strip())
        screenshot(page, f"present-{lang}-{n}")
        page.keyboard.press("Space" if n % 2 else "ArrowRight")
    _slide_number(page, 1, 6, lang)  # the deck loops
    assert titles[-1] == ("ชลบุรี โดยสังเขป" if lang == "th" else "Chon Buri at a glance")
    assert len(set(titles)) == 6, titles
    # Paused, the deck offers itself to take home.
    expect(page.locator(".st-key-deck_takehome button")).to_have_count(2)


def test_a_click_moves_the_deck_on(page: Page, app_server: str):
    page.set_viewport_size(PROJECTOR)
    open_app(page, app_server, "/present?present=1&paused=1")
    _slide_number(page, 1, 5)
    page.mouse.click(1500, 560)
    _slide_number(page, 2, 5)
    page.mouse.click(100, 560)  # the left quarter goes back
    _slide_number(page, 1, 5)


def test_the_sidebar_opens_presentation_mode(page: Page, app_server: str):
    open_app(page, app_server, "/?lang=en")
    page.locator('[data-testid="stSidebar"] button', has_text="Open presentation mode").click()
    _slide_number(page, 1, 5, "en")
    assert "present=1" in page.url and "lang=en" in page.url, page.url
    assert _visible(page, CHROME) == []


A11Y_PAGES = ["/", "/risk", "/province?code=20", "/emergencies", "/adoption", "/data", "/?lang=en",
              "/present?present=1&paused=1&code=20", *(f"/present?present=1&paused=1&code=20&slide={n}"
                                                      for n in range(2, 7)), "/present?present=1&lang=en"]


@pytest.mark.parametrize("path", A11Y_PAGES)
def test_no_wcag_violation(page: Page, app_server: str, path: str):
    page.set_viewport_size(PROJECTOR)
    open_app(page, app_server, path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.html.slice(0, 160)).join(" | ")}`);
    }""", AXE_TAGS)
    assert violations == [], "\n".join(violations)
