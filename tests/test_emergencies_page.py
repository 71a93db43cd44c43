"""The emergency board in AppTest on tests/emergency_fixture.py, read at the fixture's moment: the
counts, the list and its order, the filters from the link, a bad link explained with nothing
stored touched, a new severe incident highlighted until acknowledged, and the banner the other
pages show while a severe incident is active (in Thai and in English)."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from components.emergency_history import _points_by_month
from components.i18n import t
from components.plumbing import alerts
from data_access import settings as cfg
from data_access.db import connect, schema
from tests import emergency_fixture as fx
from tests.apptest import app_database, open_page, open_tab, texts

PAGE = "pages/emergencies.py"
LIST_COLUMN = "เกิดเหตุมาแล้ว"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list:
    """The board's clock, stopped at the fixture's moment; ``clock[0] += ...`` moves it."""
    now = [fx.MOMENT]
    monkeypatch.setattr(alerts, "live_moment", lambda: now[0])
    return now


@pytest.fixture
def board_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch, clock: list) -> str:
    return app_database(duckdb_url, monkeypatch, fx.load)


def _metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _incident_list(app):
    return next(frame.value for frame in app.dataframe if LIST_COLUMN in frame.value.columns)


def _stored(url: str) -> int:
    engine = connect.make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(schema.emergencies)).scalar_one()
    engine.dispose()
    return count


def test_board_counts_and_list(board_db):
    app = open_page(PAGE)
    assert not app.exception, app.exception
    assert _metrics(app) == {"ยังควบคุมไม่ได้": "3", "ควบคุมได้ รอปิดเหตุ": "1", "รุนแรง ระดับ 3-4": "2",
                             "จังหวัดที่มีเหตุ": "2", "จังหวัดเฝ้าระวัง": "1"}
    rows = _incident_list(app)
    assert rows[["ระดับ", "ประเภท", "จังหวัด", LIST_COLUMN, "สถานะ"]].values.tolist() == [
        [4, "สารเคมีรั่วไหล", "เชียงใหม่", "1 วัน 6 ชม.", "ควบคุมได้แล้ว"],
        [4, "การระเบิด", "สมุทรปราการ", "2 ชม. 30 นาที", "ยังควบคุมไม่ได้"],
        [3, "อัคคีภัย", "สมุทรปราการ", "2 วัน 4 ชม.", "ยังควบคุมไม่ได้"],
        [1, "ฝุ่น PM2.5 และการเผาในที่โล่ง", "เชียงใหม่", "0 นาที", "ยังควบคุมไม่ได้"],
    ]
    assert rows["โรงงาน"].iloc[3] == "เหตุในพื้นที่ (ไม่ระบุโรงงาน)"
    assert "ข้อมูลล่าสุด 22 พ.ย. 2569 12:00:00" in texts(app)
    assert not _has_button(app)
    assert _banner(app) == ""  # the board itself carries no banner
    assert [tab.label for tab in app.tabs] == ["สถานการณ์ล่าสุด", "สถิติย้อนหลัง", "ย้อนดูรายเดือน"]
    assert "เหตุที่เริ่มตั้งแต่" not in texts(app)  # the history is in a tab of its own, not run yet
    assert "เหตุที่เริ่มตั้งแต่ 1 ต.ค. 2565 ถึง 22 พ.ย. 2569: 10 เหตุ" in texts(open_tab(app, "history"))


def _has_button(app) -> bool:
    return any(button.key == "emergency_acknowledge" for button in app.button)


def _banner(app) -> str:
    return "".join(block.value for block in app.markdown if "🚨" in block.value)


def test_filters_come_from_the_link(board_db):
    app = open_page(PAGE, type="fire,explosion", severity="4")
    assert not app.exception, app.exception
    assert _incident_list(app)["ประเภท"].tolist() == ["การระเบิด"]
    assert _metrics(app)["จังหวัดที่มีเหตุ"] == "1"
    assert app.query_params["type"] in ("fire,explosion", ["fire,explosion"])
    assert app.multiselect(key="emergency_type").value == ["fire", "explosion"]


def test_a_province_and_a_date_range(board_db):
    app = open_page(PAGE, code="50", dates="2026-11-22..2026-11-22")
    assert not app.exception, app.exception
    assert _incident_list(app)["ประเภท"].tolist() == ["ฝุ่น PM2.5 และการเผาในที่โล่ง"]
    assert "เหตุที่เริ่มตั้งแต่ 22 พ.ย. 2569 ถึง 22 พ.ย. 2569: 1 เหตุ" in texts(open_tab(app, "history"))


def test_a_bad_link_is_explained_and_nothing_stored_changes(board_db):
    app = open_page(PAGE, type="fire,volcano", severity="9", dates="2026-13-01..'; DROP TABLE emergencies; --",
                    code="99", by="<b>x</b>")
    assert not app.exception, app.exception
    assert len(app.warning) == 1, [w.value for w in app.warning]
    message = app.warning[0].value
    assert "volcano" in message and "severity=9" in message and "99" in message and "ช่วงวันที่" in message
    assert _incident_list(app)["ประเภท"].tolist() == ["อัคคีภัย"]  # fire stands; the rest took defaults
    assert _stored(board_db) == len(fx.ROWS) + 3


def test_a_new_severe_incident_is_highlighted_until_acknowledged(board_db, clock):
    app = open_page(PAGE)
    assert not _has_button(app)
    engine = connect.make_engine(board_db)
    fx.insert(engine, fx.incident(20, None, "20", "explosion", 4, "active", fx.MOMENT - timedelta(minutes=10)))
    engine.dispose()
    clock[0] += timedelta(seconds=60)  # the next refresh reads afresh: no cache to clear
    app.run()
    assert _has_button(app)
    assert "เหตุรุนแรงใหม่ 1 เหตุ ตั้งแต่ดูครั้งก่อน" in texts(app) and "ชลบุรี" in texts(app)
    rows = _incident_list(app)
    # level 4 after the two level-4 incidents that started earlier
    assert rows["ใหม่"].tolist() == ["", "", "● ใหม่", "", ""] and rows["จังหวัด"].iloc[2] == "ชลบุรี"
    app.run()  # another refresh: still highlighted
    assert _has_button(app) and _incident_list(app)["ใหม่"].iloc[2] == "● ใหม่"
    app.button(key="emergency_acknowledge").click().run()
    assert not _has_button(app)
    assert set(_incident_list(app)["ใหม่"]) == {""}


def test_other_pages_show_the_banner_while_a_severe_incident_is_active(board_db, clock):
    app = open_page()
    banner = _banner(app)
    assert "เหตุรุนแรงยังควบคุมไม่ได้ 2 เหตุ · หนักสุด: การระเบิด ระดับ 4 สมุทรปราการ นาน 2 ชม. 30 นาที" in banner
    assert any(link.label == "ดูสถานการณ์ →" for link in app.get("page_link"))
    english = open_page("pages/risk.py", lang="en")
    assert "2 severe incident(s) active · worst: Explosion, level 4, Samut Prakan, for 2 h 30 min" in _banner(english)
    engine = connect.make_engine(board_db)
    with engine.begin() as conn:
        conn.execute(schema.emergencies.update().where(schema.emergencies.c.emergency_id.in_([1, 15]))
                     .values(status="contained", contained_at=fx.MOMENT))
    engine.dispose()
    clock[0] += timedelta(seconds=60)
    assert _banner(app.run()) == ""  # contained: no banner


def test_board_in_english(board_db):
    app = open_page(PAGE, lang="en")
    assert not app.exception, app.exception
    rows = next(frame.value for frame in app.dataframe if "Running for" in frame.value.columns)
    assert rows["Type"].tolist() == ["Chemical leak", "Explosion", "Fire", "PM2.5 and open burning"]
    assert rows["Running for"].tolist() == ["1 d 6 h", "2 h 30 min", "2 d 4 h", "0 min"]
    shown = "\n".join([*(m.label for m in app.metric), *(c.value for c in app.caption), app.title[0].value])
    assert not any("\u0e00" <= ch <= "\u0e7f" for ch in shown), shown


def test_playback_steps_hold_each_months_points_per_type():
    """Three incidents over three months: each step lists its month's points in the traces of
    their types, in the incidents' order; a month without any has every trace empty."""
    incidents = pd.DataFrame({
        "started_at": pd.to_datetime(["2026-03-05 10:00", "2026-01-20 08:00", "2026-01-02 23:00"]),
        "type": ["fire", "flood", "fire"], "severity": [3, 1, 2], "lat": [13.0, 14.0, 15.0],
        "lon": [100.0, 101.0, 102.0], "province_th": ["ก", "ข", "ค"], "province_en": ["A", "B", "C"]})
    steps = _points_by_month(incidents, pd.date_range("2026-01-01", periods=3, freq="MS"))
    fire, flood = cfg.EMERGENCY_TYPES.index("fire"), cfg.EMERGENCY_TYPES.index("flood")
    assert len(steps) == 3 and all(len(step["lat"]) == len(cfg.EMERGENCY_TYPES) for step in steps)
    assert steps[0]["lat"][fire] == [15.0] and steps[0]["lat"][flood] == [14.0]
    assert steps[0]["marker.size"][fire] == [12] and steps[0]["text"][flood] == ["ข · " + t("emergency.severity", n=1)]
    assert not any(steps[1]["lat"]) and steps[2]["lon"][fire] == [100.0] and steps[2]["lat"][flood] == []
