"""The app on a database holding only a registry export, in a real browser: every page opens
without an exception, an outside request or a console error, and says what is missing and how to
load it. Screenshots: tests/artifacts/registry-only-*.png."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_app, screenshot

PAGES = {"overview": "/", "risk": "/risk", "province": "/province?code=25", "data": "/data"}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_explains_what_is_missing(page: Page, registry_only_server: str, name: str):
    open_app(page, registry_only_server, "/")  # a deep link is only served as such once the app has run
    open_app(page, registry_only_server, PAGES[name])
    main = page.get_by_test_id("stMain")
    note = main.get_by_test_id("stAlertContentWarning").filter(has_text="ยังไม่มีข้อมูลบางส่วน")
    expect(note).to_be_visible()
    expect(note).to_contain_text("ผลการตรวจโรงงาน (i-Auditor)")
    screenshot(page, f"registry-only-{name}")


def test_the_overview_cards_show_no_measured_zero(page: Page, registry_only_server: str):
    open_app(page, registry_only_server, "/")
    card = page.get_by_test_id("stMetric").filter(has_text="โรงงานเสี่ยงที่ตรวจแล้วในปีงบประมาณนี้")
    expect(card.get_by_test_id("stMetricValue")).to_have_text("–")
    expect(page.get_by_test_id("stMetric").filter(has_text="โรงงานที่ประกอบกิจการ").get_by_test_id(
        "stMetricValue")).to_have_text("7")
