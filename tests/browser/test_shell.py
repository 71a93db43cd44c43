"""The shell in a real browser on the national demo data: pages open without exceptions, outside
requests or console errors, the navigation is there, deep links work on a cold server, and the
Thai font is Sarabun. Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from components.plumbing.pages import PAGES as SHELL_PAGES
from tests.browser.helpers import open_app, screenshot

pytestmark = pytest.mark.browser  # (also added to everything under tests/browser by its conftest)

# url path of each page of the shell's navigation ("" is the default page, the overview); a page
# kept out of the navigation (presentation mode, which has no sidebar) has tests of its own
PAGES = ["" if index == 0 else spec.url_path for index, spec in enumerate(SHELL_PAGES) if not spec.hidden]
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
ERROR_WORDS = re.compile(r"error|exception|traceback|not found|ข้อผิดพลาด|ไม่พบหน้า", re.IGNORECASE)


def _nav_links(page: Page) -> dict[str, str]:
    """url path -> label of each link of the sidebar navigation."""
    links = page.locator(f'{SIDEBAR_NAV} [data-testid="stSidebarNavLink"]')
    expect(links.first).to_be_visible()
    hrefs = links.evaluate_all("els => els.map(e => new URL(e.href).pathname.replace(/^\\/+|\\/+$/g, ''))")
    return dict(zip(hrefs, (t.strip() for t in links.all_inner_texts()), strict=True))


def _heading(page: Page) -> str:
    h1 = page.locator('[data-testid="stMain"] h1').first
    expect(h1).to_be_visible()
    return h1.inner_text().strip()


def test_overview_opens_with_navigation(page: Page, app_server: str):
    open_app(page, app_server, "/")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    nav = _nav_links(page)
    assert set(PAGES) <= set(nav), nav
    assert not ERROR_WORDS.search(_heading(page))
    screenshot(page, "overview")


def test_data_page_opens_with_navigation(page: Page, app_server: str):
    open_app(page, app_server, "/data")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    assert not ERROR_WORDS.search(_heading(page))
    screenshot(page, "data")


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_every_page_renders_offline(page: Page, app_server: str, path: str):
    # The page fixture fails this test on any request leaving the machine (CDN topojson, map
    # styles, icon fonts, ...), on console errors and on uncaught page errors.
    open_app(page, app_server, f"/{path}")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    assert not ERROR_WORDS.search(_heading(page))
    screenshot(page, f"page-{path or 'overview'}")


def test_cold_deep_link_runs_the_shell(page: Page, cold_app_server: str, app_server: str):
    # First request this server ever sees: with a pages/ folder Streamlit would run the page
    # alone (legacy multipage mode) unless the page makes sure the shell runs.
    open_app(page, cold_app_server, "/province?code=20&fy=2570")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    cold_nav = _nav_links(page)
    cold_heading = _heading(page)
    assert not ERROR_WORDS.search(cold_heading), cold_heading
    assert not ERROR_WORDS.search(page.title()), page.title()
    assert "/province" in page.url and "code=20" in page.url, page.url
    screenshot(page, "cold-deep-link-province")

    # The same link on a warm server (the shell already loaded) looks the same.
    open_app(page, app_server, "/")
    warm_nav = _nav_links(page)
    open_app(page, app_server, "/province?code=20&fy=2570")
    assert cold_nav == warm_nav
    assert cold_heading == _heading(page)


def test_headings_are_set_in_sarabun(page: Page, app_server: str):
    open_app(page, app_server, "/")
    h1 = page.locator('[data-testid="stMain"] h1').first
    expect(h1).to_be_visible()
    page.evaluate("() => document.fonts.ready.then(() => true)")
    family = h1.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Sarabun" in family, family
    # check() alone is true for a family the page never declared, so also require a loaded face.
    loaded = page.evaluate("""async () => {
        await document.fonts.ready;
        const faces = [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Sarabun');
        return {check: document.fonts.check('16px Sarabun'),
                loaded: faces.filter(f => f.status === 'loaded').length, declared: faces.length};
    }""")
    assert loaded["check"] is True, loaded
    assert loaded["loaded"] > 0, loaded


@pytest.mark.parametrize("path", PAGES[1:])
def test_cold_deep_link_to_every_page(fresh_app_server: str, page: Page, path: str):
    # (the server first, so that it outlives the page that the page fixture checks at teardown)
    # Each page's first request on a server of its own: the shell and the right page, no
    # "page not found" dialog from Streamlit's legacy resolution of pages/ file names.
    open_app(page, fresh_app_server, f"/{path}?fy=2570")
    expect(page.locator(SIDEBAR_NAV)).to_be_visible()
    expect(page.locator('[data-testid="stDialog"]')).to_have_count(0)
    assert f"/{path}" in page.url, page.url
    active = page.locator(f'{SIDEBAR_NAV} [data-testid="stSidebarNavLink"][aria-current="page"]')
    assert _nav_links(page)[path] == active.inner_text().strip()
