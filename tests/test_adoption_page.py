"""The adoption page in AppTest on tests/adoption_fixture.py (figures worked out in
tests/test_adoption_queries.py): the default view, deep links to a province, a ladder and a
level, links with bad values, widgets writing the URL, English, and the province page's
adoption section with its link. As of 22 Nov 2026, fiscal year 2570."""
from __future__ import annotations

import json
import re
import tomllib

import pytest

from components.plumbing.params import ADOPTION_SECTIONS
from data_access.settings import ASSETS_DIR
from tests import adoption_fixture as fx
from tests.apptest import app_database, open_page, open_tab, texts

PAGE = "pages/adoption.py"
PLACEHOLDER = re.compile(r"{(\w+)}")
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture
def adoption_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(duckdb_url, monkeypatch, fx.load)


def _param(app, name: str) -> str | None:
    value = app.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def _cards(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _table(app, column: str):
    """The one table of the page that has ``column``."""
    tables = [frame.value for frame in app.dataframe if column in frame.value.columns]
    assert len(tables) == 1, [list(frame.value.columns) for frame in app.dataframe]
    return tables[0]


def test_default_view_is_the_green_industry_ladder_of_the_nation(adoption_app_db):
    app = open_page(PAGE)
    assert not app.exception, app.exception
    assert app.title[0].value.startswith("อุตสาหกรรมสีเขียวและอุตสาหกรรม 4.0")
    assert "ปีงบประมาณ 2570 · ข้อมูล ณ 22 พ.ย. 2569 · ทั้งประเทศ" in texts(app)
    cards = _cards(app)
    assert cards["โรงงานที่ได้รับรองอุตสาหกรรมสีเขียว"] == "5"       # 11: F1, F2, F7; 50: F5, F8
    assert cards["สัดส่วนโรงงานสีเขียว"] == "83.3%"                   # 5 of 6 operating
    assert cards["ยกระดับปีนี้"] == "3" and cards["ใบรับรองใหม่ปีนี้"] == "0"
    assert cards["จะหมดอายุใน 6 เดือน"] == "1" and cards["จะหมดอายุใน 12 เดือน"] == "3"
    progress = _table(app, "เป้าหมายทั้งปี")
    assert progress["พื้นที่"].tolist() == ["ทั้งประเทศ", "ทั้งประเทศ"]
    assert progress["ผลงานถึงวันนี้"].tolist() == [0, 3] and progress["เป้าหมายทั้งปี"].tolist() == [10, 6]
    assert progress["สถานะ"].tolist() == ["⚠️ ไม่ทันเป้า", "✅ ทันเป้า"]
    assert len(app.get("plotly_chart")) == 2  # stock and flows: the first tab's alone
    assert all(_param(app, name) is None for name in ("code", "ladder", "level", "section"))
    open_tab(app, "provinces")
    assert len(app.get("plotly_chart")) == 1  # the map; no province has 10 factories to rank a share
    assert "ยังไม่มีจังหวัดที่มีข้อมูลพอจัดอันดับ" in [box.value for box in app.info]
    candidates = _table(open_tab(app, "candidates"), "เหตุผล")
    assert candidates["เลขทะเบียนโรงงาน"].tolist() == [fx.F[2]]
    assert candidates["ระดับปัจจุบัน"].tolist() == ["ระดับ 2 ปฏิบัติการสีเขียว"]
    assert candidates["ระดับถัดไป"].tolist() == ["ระดับ 3 ระบบสีเขียว"]
    assert candidates["เหตุผล"].iloc[0].startswith("ถือระดับนี้มา 2.1 ปี · ตรวจ 1 ครั้งใน 3 ปี")
    assert _cards(app)["สัดส่วนโรงงานสีเขียว"] == "83.3%"  # the cards stand above every tab


def test_a_count_metric_ranks_every_province_over_five_years(adoption_app_db):
    app = open_page(PAGE, gi_metric="gi_certified", section="provinces")
    assert not app.exception, app.exception
    assert len(app.get("plotly_chart")) == 2  # map, five years
    ranking = _table(app, "อันดับ")
    assert ranking["จังหวัด"].tolist()[:2] == ["สมุทรปราการ", "เชียงใหม่"]


@pytest.mark.parametrize("params", [{"gi_metric": "gi_certified"}, {"ladder": "i40"}])
def test_fiscal_years_on_the_charts_are_labels_not_numbers(adoption_app_db, params):
    """"2566" read as a number gets ticks at half years (2,566.5) between the fiscal years."""
    app = open_page(PAGE, **params)
    by_year = []
    charts = [*app.get("plotly_chart"), *open_tab(app, "provinces").get("plotly_chart")]
    for chart in charts:
        figure = json.loads(chart.proto.spec)
        for trace in figure["data"]:
            if trace.get("x") and all(str(x) in {"2566", "2567", "2568", "2569", "2570"} for x in trace["x"]):
                axis = "xaxis" + trace.get("xaxis", "x")[1:]
                by_year.append(figure["layout"].get(axis, {}).get("type"))
    assert len(by_year) >= 3 and set(by_year) == {"category"}, by_year


def test_deep_link_to_a_province_and_the_i40_ladder(adoption_app_db):
    app = open_page(PAGE, code="50", ladder="i40", by="tsic_section")
    assert not app.exception, app.exception
    assert app.sidebar.selectbox(key="adoption_code").value == "50"
    assert "เชียงใหม่" in texts(app)
    cards = _cards(app)
    assert cards["โรงงานที่มีผลประเมิน"] == "3" and cards["ระดับเฉลี่ย อุตฯ 4.0"] == "3.0"
    assert cards["เลื่อนระดับขึ้นในปีนี้"] == "1"
    progress = _table(app, "เป้าหมายทั้งปี")
    assert progress["พื้นที่"].tolist() == ["ทั้งประเทศ", "เชียงใหม่"]
    assert progress["สถานะ"].tolist()[1] == "⚪ ไม่มีเป้า"
    profile = _table(app, "หมวดอุตสาหกรรมตามมาตรฐานการจัดประเภทอุตสาหกรรม")
    assert profile.iloc[:, 0].tolist() == ["หมวด A เกษตรกรรม การป่าไม้ และการประมง", "หมวด C การผลิต",
                                           "หมวด E การจัดหาน้ำ การจัดการน้ำเสีย ของเสีย และสิ่งปฏิกูล",
                                           "รวมทั้งหมดในขอบเขต"]
    movers = _table(app, "ระดับก่อนปีงบประมาณ")
    assert movers[["เลขทะเบียนโรงงาน", "ระดับก่อนปีงบประมาณ", "ระดับล่าสุด"]].values.tolist() == [
        [fx.F[3], "ระดับ 2.0", "ระดับ 3.0"]]
    candidates = _table(open_tab(app, "candidates"), "เหตุผล")
    assert candidates["เลขทะเบียนโรงงาน"].tolist() == [fx.F[3], fx.F[5]]
    assert candidates["เหตุผล"].tolist()[0] == "มิติบุคลากร 2.00 ต่ำกว่าอีกห้ามิติ (เฉลี่ย 3.04)"
    assert _param(app, "code") == "50" and _param(app, "ladder") == "i40" and _param(app, "by") == "tsic_section"


def test_a_level_filters_the_factory_lists(adoption_app_db):
    app = open_page(PAGE, ladder="i40", level="3")
    assert not app.exception, app.exception
    assert _table(app, "ระดับก่อนปีงบประมาณ")["เลขทะเบียนโรงงาน"].tolist() == [fx.F[3]]
    assert _table(open_tab(app, "candidates"), "เหตุผล")["เลขทะเบียนโรงงาน"].tolist() == [fx.F[3]]
    app.selectbox(key="adoption_level_i40").select(2).run()
    assert not app.exception, app.exception
    assert _table(app, "เหตุผล")["เลขทะเบียนโรงงาน"].tolist() == [fx.F[5]]
    assert _param(app, "level") == "2"
    open_tab(app, "ladder")
    assert any(box.value == "ยังไม่มีโรงงานที่เลื่อนระดับขึ้นในปีงบประมาณนี้" for box in app.info)


def test_widgets_write_the_url(adoption_app_db):
    app = open_page(PAGE)
    app.sidebar.selectbox(key="adoption_code").select("11").run()
    assert not app.exception, app.exception
    assert _param(app, "code") == "11"
    assert _table(app, "เป้าหมายทั้งปี")["พื้นที่"].tolist() == ["ทั้งประเทศ"] * 2 + ["สมุทรปราการ"] * 2
    app.segmented_control(key="adoption_ladder").set_value("i40").run()
    assert not app.exception, app.exception
    assert _param(app, "ladder") == "i40" and _param(app, "code") == "11"
    app.sidebar.selectbox(key="adoption_code").set_value(None).run()
    assert _param(app, "code") is None and "ทั้งประเทศ" in texts(app)


@pytest.mark.parametrize(("params", "message"), [
    ({"code": "99"}, "ไม่พบจังหวัดรหัส 99"),
    ({"code": "11", "region": "North"}, "ไม่พบจังหวัดรหัส 11 (หรือจังหวัดนี้อยู่นอกภาค"),
    ({"ladder": "i40", "level": "5"}, "level=5"),
    ({"ladder": "nstda"}, "ladder=nstda"),
    ({"by": "colour"}, "by=colour"),
])
def test_bad_values_in_a_link_are_explained(adoption_app_db, params, message):
    app = open_page(PAGE, **params)
    assert not app.exception, app.exception
    assert len(app.warning) == 1 and message in app.warning[0].value, [w.value for w in app.warning]
    assert _param(app, "code") is None and _param(app, "level") is None


def test_english(adoption_app_db):
    app = open_page(PAGE, lang="en", ladder="i40", code="50")
    assert not app.exception, app.exception
    assert app.title[0].value == "Green Industry and Industry 4.0 adoption"
    for section in ADOPTION_SECTIONS:
        open_tab(app, section)
        assert [tab.label for tab in app.tabs] == ["Targets and levels", "Provinces: map and ranking",
                                                   "Factories likely to move up"]
        shown = [*app.subheader, *app.caption, *app.metric, *app.info]
        words = [getattr(block, "value", "") for block in shown] + [metric.label for metric in app.metric]
        assert not [w for w in words if THAI.search(str(w))], (section, [w for w in words if THAI.search(str(w))])
        for frame in app.dataframe:
            assert not THAI.search(" ".join(frame.value.columns)), list(frame.value.columns)
    assert "Chiang Mai" in texts(app) and "ministry's Industry 4.0 self-assessment scale (1.0-4.0)" in texts(app)


def test_province_page_has_an_adoption_section_and_a_link(adoption_app_db):
    app = open_page("pages/province.py", code="11")
    assert not app.exception, app.exception
    assert "การยกระดับ: อุตสาหกรรมสีเขียวและอุตสาหกรรม 4.0" in [block.value for block in app.subheader]
    cards = _cards(app)
    assert cards["สัดส่วนโรงงานสีเขียว"] == "100.0%" and cards["ระดับเฉลี่ย อุตฯ 4.0"] == "2.5"
    progress = _table(app, "ต้องทำต่อเดือน")
    assert progress["ตัวชี้วัด"].tolist() == ["ใบรับรอง GI ใหม่", "ยกระดับ GI", "ประเมิน Industry 4.0"]
    assert progress["เป้าหมายทั้งปี"].tolist() == [2, 2, 4]
    links = [link for link in app.get("page_link") if "adoption" in link.proto.page]
    assert len(links) == 1 and "code=11" in links[0].proto.query_string


def test_every_label_has_both_languages_with_the_same_placeholders():
    labels = tomllib.loads((ASSETS_DIR / "i18n" / "adoption.toml").read_text(encoding="utf-8"))
    for key, entry in labels.items():
        assert entry.get("th") and entry.get("en"), key
        assert set(PLACEHOLDER.findall(entry["th"])) == set(PLACEHOLDER.findall(entry["en"])), key
        assert not THAI.search(entry["en"]), key
