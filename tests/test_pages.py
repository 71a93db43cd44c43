"""Every page of the shell opens in AppTest: on data, on an empty database, in English, and the
first start on the embedded default builds the demo data itself. The first run sets the objects
it leaves alive aside from the garbage collector."""
from __future__ import annotations

import gc

import pytest

from components.plumbing import heap
from components.plumbing.pages import PAGES
from data_access import demo
from data_access.db import bootstrap, connect
from tests.apptest import open_page, texts

PAGE_FILES = [spec.file for spec in PAGES]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_opens_on_data(fixture_app_db, page):
    app = open_page(page)
    assert not app.exception, app.exception
    assert app.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_explains_an_empty_database(empty_app_db, page):
    app = open_page(page)
    assert not app.exception, app.exception
    if page != "pages/data.py":
        assert "python -m data_access.demo" in texts(app)


def test_data_page_on_empty_database_says_nothing_was_loaded(empty_app_db):
    app = open_page("pages/data.py")
    assert "ยังไม่มีการนำเข้าข้อมูล" in texts(app)


def test_overview_cards_show_the_fixture_figures(fixture_app_db):
    app = open_page()
    values = {metric.label: metric.value for metric in app.metric}
    assert values["โรงงานที่ประกอบกิจการ"] == "4"
    assert values["โรงงานเสี่ยงที่ตรวจแล้วในปีงบประมาณนี้"] == "50.0%"
    assert values["เหตุฉุกเฉินที่ยังควบคุมไม่ได้"] == "1"


def test_the_first_run_sets_what_it_leaves_alive_aside_from_the_collector(fixture_app_db):
    heap.set_aside_startup_objects.cache_clear()
    gc.unfreeze()
    open_page()
    assert gc.get_freeze_count() > 10_000  # the libraries' modules, the labels, the boundaries


def test_english_toggle_and_url(fixture_app_db):
    app = open_page(lang="en")
    assert app.title[0].value == "National overview"
    assert app.query_params["lang"] == ["en"] or app.query_params["lang"] == "en"


def test_unknown_fiscal_year_in_url_is_explained(fixture_app_db):
    app = open_page(fy="2400")
    assert not app.exception
    assert any("fy=2400" in warning.value for warning in app.warning)
    assert str(app.session_state["fy"]) == "2570"


def test_region_filter_from_url(fixture_app_db):
    app = open_page(region="North")
    values = {metric.label: metric.value for metric in app.metric}
    assert values["โรงงานที่ประกอบกิจการ"] == "2"  # F3 and F5 in Chiang Mai


def test_first_start_builds_demo_data_on_the_embedded_default(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(connect, "DEFAULT_DUCKDB_PATH", tmp_path / "mind.duckdb")
    monkeypatch.setitem(demo.SCALES, "national", demo.SCALES["small"])
    assert bootstrap.auto_demo_enabled()
    app = open_page(timeout=120)
    assert not app.exception, app.exception
    operating = {metric.label: metric.value for metric in app.metric}["โรงงานที่ประกอบกิจการ"]
    assert int(operating.replace(",", "")) > 1000
    assert (tmp_path / "mind.duckdb").exists()


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_opens_in_english(fixture_app_db, page):
    app = open_page(page, lang="en")
    assert not app.exception, app.exception
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in app.title[0].value), app.title[0].value
