"""The risk page in AppTest on tests/small_fixture.py with the coordinates of
tests/risk_map_fixture.py: the default view, deep links (province, filters, factory card), links
with bad values, filters that match nothing, widgets writing the URL, an empty database.

Operating on 22 Nov 2026: F1 critical 75.0 (11), F3 high 45.9 (50), F5 medium 31.0 (50), F2 low
13.0 (11, no coordinates).
"""
from __future__ import annotations

import json

import pytest

from tests import small_fixture as fx
from tests.apptest import app_database, open_page, texts
from tests.risk_map_fixture import place_factories

PAGE = "pages/risk.py"
NAMES = {n: f"บริษัท ทดสอบ {n} จำกัด" for n in fx.F}


def _load_with_places(engine) -> None:
    fx.load(engine)
    place_factories(engine)


@pytest.fixture
def risk_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(duckdb_url, monkeypatch, _load_with_places)


def _table_names(app) -> list[str]:
    tables = [frame.value for frame in app.dataframe if "ชื่อโรงงาน" in frame.value.columns]
    assert len(tables) == 1
    return tables[0]["ชื่อโรงงาน"].tolist()


def _deck(app) -> dict:
    decks = app.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def _param(app, name: str) -> str | None:
    value = app.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_default_view_shows_the_risky_factories(risk_app_db):
    app = open_page(PAGE)
    assert not app.exception, app.exception
    assert app.title[0].value == "แผนที่ความเสี่ยงโรงงาน"
    assert app.multiselect(key="risk_filter_band").value == ["high", "critical"]
    assert _table_names(app) == [NAMES[1], NAMES[3]]
    layers = {layer["id"]: layer for layer in _deck(app)["layers"]}
    assert list(layers) == ["boundaries", "band-high", "band-critical"]  # two factories: points, not hexagons
    assert layers["band-critical"]["data"][0][:2] == [100.5968, 13.6]
    assert len(app.get("plotly_chart")) == 1                              # the province choropleth
    assert all(_param(app, name) is None for name in ("code", "band", "factor", "overdue"))
    assert "ตรงตัวกรอง 2 โรงงาน (เสี่ยง 2)" in texts(app)


def test_province_deep_link(risk_app_db):
    app = open_page(PAGE, code="11")
    assert not app.exception, app.exception
    assert app.selectbox(key="risk_filter_code").value == "11"
    assert _table_names(app) == [NAMES[1]]
    boundaries = next(layer for layer in _deck(app)["layers"] if layer["id"] == "boundaries")
    assert len(boundaries["data"]["features"]) == 77 + 6  # the provinces and Samut Prakan's districts
    assert _param(app, "code") == "11"


def test_unknown_province_code_is_explained(risk_app_db):
    app = open_page(PAGE, code="99")
    assert not app.exception, app.exception
    assert any("99" in warning.value for warning in app.warning)
    assert app.selectbox(key="risk_filter_code").value == "all"
    assert _table_names(app) == [NAMES[1], NAMES[3]]  # the whole country instead
    assert _param(app, "code") is None


def test_filters_that_match_nothing_explain_themselves(risk_app_db):
    app = open_page(PAGE, band="low", complaints="1")  # F2 is the low one; only F1 has an open complaint
    assert not app.exception, app.exception
    assert "ไม่มีโรงงานที่ประกอบกิจการตรงกับตัวกรองทั้งหมดนี้" in texts(app)
    assert not app.get("deck_gl_json_chart") and not app.dataframe
    assert len(app.get("plotly_chart")) == 1  # the provinces are still compared


def test_filter_link_sets_the_widgets(risk_app_db):
    app = open_page(PAGE, band="", factor="wastewater", overdue="1")
    assert not app.exception, app.exception
    assert app.multiselect(key="risk_filter_band").value == []
    assert app.multiselect(key="risk_filter_factor").value == ["wastewater"]
    assert app.toggle(key="risk_filter_overdue").value is True
    assert _table_names(app) == [NAMES[2]]  # F1 and F5 were inspected in October


def test_bad_filter_values_are_named(risk_app_db):
    app = open_page(PAGE, band="extreme", type="abc")
    assert not app.exception, app.exception
    warnings = " ".join(warning.value for warning in app.warning)
    assert "band=extreme" in warnings and "type=abc" in warnings
    assert _table_names(app) == [NAMES[1], NAMES[3], NAMES[5], NAMES[2]]  # band= had no valid band: all


def test_widgets_write_the_url(risk_app_db):
    app = open_page(PAGE)
    app.multiselect(key="risk_filter_band").set_value(["low", "medium"]).run()
    assert _table_names(app) == [NAMES[5], NAMES[2]]
    assert _param(app, "band") == "low,medium"
    app.selectbox(key="risk_filter_code").set_value("50").run()
    assert _table_names(app) == [NAMES[5]]
    assert _param(app, "code") == "50"
    app.multiselect(key="risk_filter_class").set_value([1]).run()
    assert _param(app, "class") == "1" and "ไม่มีโรงงานที่ประกอบกิจการ" in texts(app)


def test_factory_card_link(risk_app_db):
    app = open_page(PAGE, factory=fx.F[1])
    assert not app.exception, app.exception
    assert NAMES[1] in [header.value for header in app.subheader]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["คะแนนความเสี่ยง"] == "75.0" and metrics["ระดับ"] == "วิกฤต"
    assert metrics["อุตสาหกรรมสีเขียว (GI)"] == "ระดับ 3"
    assert metrics["Industry 4.0 (ประเมินล่าสุด)"] == "3.0"
    frames = [frame.value for frame in app.dataframe]
    inspections = next(f for f in frames if "ผู้ตรวจ" in f.columns)
    complaints = next(f for f in frames if "ช่องทาง" in f.columns)
    assert inspections["ผล"].tolist() == ["ผ่าน", "ไม่ผ่าน"]
    assert complaints["สถานะ"].tolist() == ["ค้างดำเนินการ", "ยุติแล้ว"]
    assert len(app.get("plotly_chart")) == 2  # the choropleth and the factor chart
    app.button(key="risk_card_close").click().run()
    assert NAMES[1] not in [header.value for header in app.subheader] and _param(app, "factory") is None


def test_unknown_factory_link(risk_app_db):
    app = open_page(PAGE, factory="00000000000000")
    assert not app.exception, app.exception
    assert any("00000000000000" in warning.value for warning in app.warning)


def test_empty_database(empty_app_db):
    app = open_page(PAGE, code="11")
    assert not app.exception, app.exception
    assert "python -m data_access.demo" in texts(app)
