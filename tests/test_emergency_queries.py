"""The emergency board's queries against the hand-computed answers of tests/emergency_fixture.py,
on DuckDB and on PostgreSQL: what is open at a moment and in which order, each province's status,
the severe active incidents of the banner, where each incident is drawn, and the history (months,
times to contain and close with incidents still open and one that crosses fiscal years, repeats)."""
from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from data_access.queries import emergencies as q
from data_access.queries.emergencies import EmergencyFilter
from data_access.rules.fiscal import Period
from data_access.rules.scope import Scope
from data_access.settings import EMERGENCY_SPREAD_DEG
from tests import emergency_fixture as fx
from tests.small_fixture import F

FY2570 = Period(2570, fx.DAY)


@pytest.fixture
def conn(engine):
    fx.load(engine)
    with engine.connect() as connection:
        yield connection


def _ids(frame: pd.DataFrame) -> list[int]:
    return [int(i) for i in frame["emergency_id"]]


def _status(board: q.Board) -> dict[str, str]:
    """Province code -> status, for the provinces that are not calm."""
    table = board.provinces
    return {code: status for code, status in zip(table["code"], table["status"]) if status != "calm"}


def test_board_lists_the_open_incidents_severest_then_longest_running(conn):
    board = q.board(conn, fx.MOMENT, EmergencyFilter())
    assert _ids(board.incidents) == [11, 15, 1, 16]
    assert list(board.incidents["hours_since_start"]) == [30.0, 2.5, 52.0, 0.0]  # 16 was logged after the moment
    assert list(board.incidents["status"]) == ["contained", "active", "active", "active"]
    assert list(board.incidents["province_en"]) == ["Chiang Mai", "Samut Prakan", "Samut Prakan", "Chiang Mai"]


def test_province_status_calm_watch_active(conn):
    board = q.board(conn, fx.MOMENT, EmergencyFilter())
    assert len(board.provinces) == 77
    assert _status(board) == {"11": "active", "30": "watch", "50": "active"}
    counts = board.provinces.set_index("code").loc[["11", "50", "30", "96"], ["active", "contained", "recently_closed"]]
    assert counts.to_numpy().tolist() == [[2, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]]


def test_watch_ends_seven_days_after_closing(conn):
    # Incident 13 was closed on 20 Nov 12:00: province 30 is on watch until 27 Nov 12:00.
    assert _status(q.board(conn, datetime(2026, 11, 27, 12), EmergencyFilter()))["30"] == "watch"
    assert "30" not in _status(q.board(conn, datetime(2026, 11, 27, 12, 1), EmergencyFilter()))


@pytest.mark.parametrize(("flt", "ids", "status"), [
    (EmergencyFilter(types=("fire",)), [1], {"11": "active"}),
    (EmergencyFilter(severities=(4,)), [11, 15], {"11": "active", "50": "watch"}),
    (EmergencyFilter(statuses=("contained",)), [11], {"50": "watch"}),
    (EmergencyFilter(scope=Scope(region="North")), [11, 16], {"50": "active"}),
    (EmergencyFilter(scope=Scope(province_code="11")), [15, 1], {"11": "active"}),
    (EmergencyFilter(first_day=date(2026, 11, 21), last_day=date(2026, 11, 21)), [11], {"50": "watch"}),
], ids=["type", "severity", "status", "region", "province", "dates"])
def test_board_filters(conn, flt, ids, status):
    board = q.board(conn, fx.MOMENT, flt)
    assert _ids(board.incidents) == ids
    assert _status(board) == status


def test_a_region_shows_its_provinces_only(conn):
    board = q.board(conn, fx.MOMENT, EmergencyFilter(scope=Scope(region="North")))
    assert len(board.provinces) == 9 and "50" in set(board.provinces["code"])


def test_severe_active_for_the_banner(conn):
    severe = q.severe_active(conn, fx.MOMENT)
    assert _ids(severe) == [15, 1]  # 11 is severe but contained
    assert list(severe["hours_since_start"]) == [2.5, 52.0]


def test_points_factory_else_province_centre_spread(conn):
    board = q.board(conn, fx.MOMENT, EmergencyFilter()).incidents.set_index("emergency_id")
    # rounded to 4 decimals (about 11 m), as every point sent to the browser
    assert (board.loc[1, "lat"], board.loc[1, "lon"], board.loc[1, "placed"]) == (13.5993, 100.5968, "factory")
    centre = [round(degrees, 4) for degrees in q._province_centres()["50"]]
    assert (board.loc[11, "lat"], board.loc[11, "lon"], board.loc[11, "placed"]) == (*centre, "province")
    apart = math.dist((board.loc[16, "lat"], board.loc[16, "lon"]), (board.loc[11, "lat"], board.loc[11, "lon"]))
    assert apart == pytest.approx(EMERGENCY_SPREAD_DEG, abs=2e-4)


def test_history_window_months_and_fiscal_years(conn):
    history = q.history(conn, FY2570, EmergencyFilter(), fx.DAY)
    assert (history.first, history.last) == (date(2022, 10, 1), fx.DAY)
    assert sorted(_ids(history.incidents)) == [1, 2, 3, 11, 12, 13, 14, 15, 16, 17]
    monthly = history.monthly
    assert monthly["month"].nunique() == 50 and monthly["n"].sum() == 10
    assert fx.started_per_month(monthly) == {
        ("2025-10", 2569, "flood"): 1, ("2025-11", 2569, "flood"): 1, ("2026-03", 2569, "drought"): 1,
        ("2026-09", 2569, "fire"): 1,  # incident 12: started in FY 2569, contained in FY 2570
        **{("2026-11", 2570, kind): 1 for kind in ("fire", "explosion", "chemical_leak", "flood",
                                                   "cold_spell", "pm25_open_burning")},
    }


def _stats(history: q.History, grouping: str) -> dict:
    frame = history.durations(grouping).set_index(grouping).astype(object)
    return {key: [None if pd.isna(v) else v for v in row] for key, row in zip(frame.index, frame.to_numpy())}


def test_times_to_contain_and_close_by_type(conn):
    stats = _stats(q.history(conn, FY2570, EmergencyFilter(), fx.DAY), "type")
    # incidents, contained, median, p90, closed, median, p90, still active
    assert stats == {
        "fire": [2, 1, 5.0, 5.0, 1, 48.0, 48.0, 1],
        "explosion": [1, 0, None, None, 0, None, None, 1],
        "chemical_leak": [1, 1, 4.0, 4.0, 0, None, None, 0],
        "flood": [3, 3, 36.0, 103.2, 3, 120.0, 230.4, 0],
        "drought": [1, 1, 24.0, 24.0, 1, 216.0, 216.0, 0],
        "cold_spell": [1, 1, 6.0, 6.0, 1, 131.0, 131.0, 0],
        "pm25_open_burning": [1, 0, None, None, 0, None, None, 1],
    }
    assert list(stats) == ["fire", "explosion", "chemical_leak", "flood", "drought", "cold_spell", "pm25_open_burning"]


def test_times_to_contain_and_close_by_severity(conn):
    stats = _stats(q.history(conn, FY2570, EmergencyFilter(), fx.DAY), "severity")
    assert stats == {
        1: [3, 2, 24.0, 24.0, 2, 138.0, 200.4, 1],
        2: [3, 3, 6.0, 97.2, 3, 131.0, 232.6, 0],
        3: [2, 1, 36.0, 36.0, 1, 120.0, 120.0, 1],
        4: [2, 1, 4.0, 4.0, 0, None, None, 1],
    }


def test_times_by_type_and_severity(conn):
    frame = q.history(conn, FY2570, EmergencyFilter(), fx.DAY).durations("type_severity")
    assert len(frame) == 10 and list(frame.columns[:2]) == ["type", "severity"]
    fires = frame[frame["type"] == "fire"].set_index("severity")
    assert fires["still_active"].to_dict() == {2: 0, 3: 1} and fires.loc[2, "close_median_h"] == 48.0


def test_repeat_provinces_and_factories(conn):
    history = q.history(conn, FY2570, EmergencyFilter(), fx.DAY)
    provinces = history.repeat_provinces
    assert list(provinces["province_code"]) == ["50", "11", "30"]
    assert list(provinces["incidents"]) == [3, 3, 2] and list(provinces["worst_severity"]) == [4, 4, 3]
    assert list(provinces["types"]) == ["chemical_leak,flood,pm25_open_burning", "fire,explosion", "flood"]
    factories = history.repeat_factories
    assert list(factories["factory_id"]) == [F[1]] and list(factories["incidents"]) == [3]
    assert factories["latest"].iloc[0] == pd.Timestamp(2026, 11, 22, 9, 30)


def test_history_of_a_date_range_and_of_the_year_before(conn):
    autumn = q.history(conn, FY2570, EmergencyFilter(first_day=date(2026, 10, 1), last_day=date(2026, 11, 22)), fx.DAY)
    assert (autumn.first, autumn.last) == (date(2026, 10, 1), fx.DAY)
    assert sorted(_ids(autumn.incidents)) == [1, 11, 13, 15, 16, 17]  # 12 started on 30 September
    last_year = q.history(conn, Period(2569, fx.DAY), EmergencyFilter(), fx.DAY)
    assert (last_year.first, last_year.last) == (date(2021, 10, 1), date(2026, 9, 30))
    assert sorted(_ids(last_year.incidents)) == [2, 3, 12, 14]  # 12 started at 22:00 on its last day


def test_an_empty_log_gives_empty_frames(engine):
    from tests import small_fixture

    small_fixture.load(engine)
    with engine.connect() as conn:
        board = q.board(conn, fx.MOMENT, EmergencyFilter(types=("drought",), statuses=("active",)))
        history = q.history(conn, FY2570, EmergencyFilter(types=("explosion",)), fx.DAY)
    assert board.incidents.empty and set(board.provinces["status"]) == {"calm"}
    assert history.incidents.empty and history.monthly["n"].sum() == 0
    assert history.durations("type").empty and history.repeat_provinces.empty and history.repeat_factories.empty
