"""Risk map queries against answers worked out by hand from tests/small_fixture.py (plus the
coordinates of tests/risk_map_fixture.py), on DuckDB and PostgreSQL.

Scores (tests/test_overview_queries.py): F1 75.0 critical (11), F2 13.0 low (11), F3 45.9 high
(50), F5 31.0 medium (50); F4 is struck off, F6 not started: neither operates on 22 Nov 2026.
Last inspections up to AS_OF: F1 2026-10-15, F3 2024-12-01, F5 2026-10-20, F2 never.
"""
from datetime import date

import h3
import pandas as pd
import pytest

from data_access.queries import overview, risk_map
from data_access.queries.risk_map import FactoryFilter, MatchingCounts
from data_access.rules.fiscal import Period
from data_access.rules.metrics import RISK_MAP
from data_access.rules.scope import NATIONAL, Scope
from tests import small_fixture as fx
from tests.risk_map_fixture import COORDS, place_factories

F1, F2, F3, F5 = fx.F[1], fx.F[2], fx.F[3], fx.F[5]


@pytest.fixture
def loaded(engine):
    fx.load(engine)
    place_factories(engine)
    return engine


@pytest.fixture(params=["counted", "stored"])
def metrics_loaded(loaded, request):
    """The fixture, its headline counts read as counted live or, as after a load, as stored."""
    if request.param == "stored":
        with loaded.begin() as conn:
            overview.refresh_figures(conn, fx.AS_OF)
    return loaded


def test_province_risk_metrics_now(metrics_loaded):
    with metrics_loaded.connect() as conn:
        m = risk_map.province_risk_metrics(conn, Period.at(fx.AS_OF), NATIONAL, FactoryFilter(bands=RISKY))
    assert len(m) == 77
    assert fx.nonzero_by_code(m, "risky") == {"11": 1, "50": 1}
    assert fx.nonzero_by_code(m, "risky_per_1000") == {"11": 500.0, "50": 500.0}
    # F1 was inspected this fiscal year (15 Oct 2026), F3 not since Dec 2024.
    assert fx.nonzero_by_code(m, "risky_inspected_pct") == {"11": 100.0}
    assert m.set_index("code").loc["50", "risky_inspected_pct"] == 0.0
    assert fx.nonzero_by_code(m, "risky_overdue") == {"50": 1}           # F3: last inspected 2024-12-01
    assert fx.nonzero_by_code(m, "risky_open_complaints") == {"11": 1}   # complaint 2 against F1, open
    assert set(RISK_MAP) <= set(m.columns)


def test_matching_factories_per_province_follow_the_filter(loaded):
    """The choropleth's "matching" is the factory map's filter counted per province, whatever
    province the filter names (the map compares them all)."""
    day = Period.at(fx.AS_OF)
    with loaded.connect() as conn:
        risky = risk_map.province_risk_metrics(conn, day, NATIONAL, FactoryFilter(bands=RISKY))
        every = risk_map.province_risk_metrics(conn, day, NATIONAL, FactoryFilter())
        overdue = risk_map.province_risk_metrics(conn, day, NATIONAL,
                                                 FactoryFilter(scope=Scope(province_code="11"), overdue_only=True))
        north = risk_map.province_risk_metrics(conn, day, Scope(region="North"), FactoryFilter())
    assert fx.nonzero_by_code(risky, "matching") == {"11": 1, "50": 1}            # F1, F3
    assert fx.nonzero_by_code(every, "matching") == {"11": 2, "50": 2}            # F1, F2 / F3, F5
    assert fx.nonzero_by_code(overdue, "matching") == {"11": 1, "50": 1}          # F2 never, F3 since Dec 2024
    assert len(north) == 9 and fx.nonzero_by_code(north, "matching") == {"50": 2}  # the North only


def test_province_risk_metrics_last_year(metrics_loaded):
    with metrics_loaded.connect() as conn:
        m = risk_map.province_risk_metrics(conn, Period.at(fx.LAST_YEAR), NATIONAL)
    # F1 (inspected 2025-03-01) and F3 (2024-12-01) were both inspected within the year before.
    assert fx.nonzero_by_code(m, "risky") == {"11": 1, "50": 1}
    assert fx.nonzero_by_code(m, "risky_overdue") == {}
    assert fx.nonzero_by_code(m, "risky_open_complaints") == {}  # complaints against F1 came in 2026


def test_province_risk_metrics_in_scope(metrics_loaded):
    with metrics_loaded.connect() as conn:
        m = risk_map.province_risk_metrics(conn, Period.at(fx.AS_OF), Scope(province_code="50"))
    assert m["code"].tolist() == ["50"]
    assert m[["risky", "risky_overdue", "risky_open_complaints"]].iloc[0].tolist() == [1, 1, 0]


def _ids(loaded, flt, day=fx.AS_OF):
    with loaded.connect() as conn:
        return risk_map.matching_factories(conn, day, flt)["factory_id"].tolist()


@pytest.mark.parametrize("flt, expected", [
    (FactoryFilter(), [F1, F3, F5, F2]),                                   # every operating factory, by score
    (FactoryFilter(bands=("high", "critical")), [F1, F3]),
    (FactoryFilter(bands=("low",)), [F2]),
    (FactoryFilter(factors=("wastewater",)), [F1, F5, F2]),
    (FactoryFilter(factors=("open_orders",)), [F3]),                        # F3's order of Dec 2024 is open
    (FactoryFilter(factors=("complaints", "emergencies")), [F1]),           # any of them
    (FactoryFilter(factors=("inspection_gap",)), [F3, F2]),
    (FactoryFilter(categories=(3,)), [F1, F3, F5, F2]),
    (FactoryFilter(categories=(1, 2)), []),
    (FactoryFilter(factory_types=(105, 106)), [F3, F5]),
    (FactoryFilter(overdue_only=True), [F3, F2]),
    (FactoryFilter(open_complaints_only=True), [F1]),
    (FactoryFilter(scope=Scope(province_code="50")), [F3, F5]),
    (FactoryFilter(scope=Scope(region="North")), [F3, F5]),
    (FactoryFilter(scope=Scope(inspection_region=0)), []),                   # Bangkok: F4 is struck off
    (FactoryFilter(bands=("high", "critical"), overdue_only=True), [F3]),
])
def test_matching_factories_filters(loaded, flt, expected, monkeypatch):
    assert _ids(loaded, flt) == expected
    # The same answers with the latest inspections counted from the inspections themselves, as
    # for a day the stored scores are not of.
    monkeypatch.setattr(risk_map, "_scored_on", lambda conn, day: False)
    assert _ids(loaded, flt) == expected


def test_scores_hold_the_latest_inspection_of_their_day_only(loaded):
    with loaded.connect() as conn:
        assert risk_map._scored_on(conn, fx.AS_OF) and not risk_map._scored_on(conn, fx.LAST_YEAR)


def test_matching_factories_last_year(loaded):
    # On 22 Nov 2025 F5 was not registered yet; F4 operated but is not scored (struck off since).
    assert _ids(loaded, FactoryFilter(), fx.LAST_YEAR) == [F1, F3, F2]
    assert _ids(loaded, FactoryFilter(overdue_only=True), fx.LAST_YEAR) == [F2]


def test_matching_counts_and_the_first_rows(loaded):
    """The page counts the matching factories without their rows, and reads the first rows only
    of a filter whose points it does not draw."""
    with loaded.connect() as conn:
        every = risk_map.matching_counts(conn, fx.AS_OF, FactoryFilter())
        north = risk_map.matching_counts(conn, fx.AS_OF, FactoryFilter(scope=Scope(region="North")))
        none = risk_map.matching_counts(conn, fx.AS_OF, FactoryFilter(categories=(1, 2)))
        first = risk_map.matching_factories(conn, fx.AS_OF, FactoryFilter(), limit=2)
    assert every == MatchingCounts(matching=4, located=3, risky=2)   # F2 has no point; F1 and F3 risky
    assert north == MatchingCounts(matching=2, located=2, risky=1)   # F3, F5
    assert none == MatchingCounts(matching=0, located=0, risky=0)
    assert first["factory_id"].tolist() == [F1, F3]


def test_matching_factories_columns(loaded):
    with loaded.connect() as conn:
        frame = risk_map.matching_factories(conn, fx.AS_OF, FactoryFilter()).set_index("factory_id")
    assert list(frame.reset_index().columns) == list(risk_map.POINT_COLUMNS)
    f1 = frame.loc[F1]
    assert (f1["lat"], f1["lon"]) == (13.6, 100.5968)           # rounded to 4 decimals
    assert f1["province_th"] == "สมุทรปราการ" and f1["district_code"] == "1101"
    assert f1["score"] == pytest.approx(75.0) and f1["band"] == "critical"
    # type 15, size 10, then the three 8-point attributes: the first in RISK_FACTORS order wins.
    assert f1["top_factors"] == "type_hazard,size,wastewater"
    assert f1["last_inspected_on"] == date(2026, 10, 15) and f1["open_complaints"] == 1
    assert frame.loc[F3, "top_factors"] == "type_hazard,air_emission,hazardous_waste"
    assert frame.loc[F2, "top_factors"] == "wastewater,inspection_gap"   # only two factors earn points
    assert pd.isna(frame.loc[F2, "lat"]) and pd.isna(frame.loc[F2, "last_inspected_on"])
    assert frame.loc[F2, "open_complaints"] == 0


def test_factory_cells(loaded):
    with loaded.connect() as conn:
        cells = risk_map.factory_cells(conn, fx.AS_OF, FactoryFilter(), 5).set_index("cell")
    chiang_mai = h3.latlng_to_cell(*COORDS[3], 5)
    samut_prakan = h3.latlng_to_cell(13.6, 100.5968, 5)
    assert chiang_mai == h3.latlng_to_cell(*COORDS[5], 5)  # the fixture puts F3 and F5 together
    assert sorted(cells.index) == sorted([chiang_mai, samut_prakan])  # F2 has no point
    assert cells.loc[chiang_mai, ["n", "risky"]].tolist() == [2, 1]
    assert cells.loc[chiang_mai, "max_score"] == pytest.approx(45.9)
    assert cells.loc[chiang_mai, "max_band"] == "high"
    assert cells.loc[samut_prakan, ["n", "risky", "max_band"]].tolist() == [1, 1, "critical"]


def test_factory_cells_empty(loaded):
    with loaded.connect() as conn:
        cells = risk_map.factory_cells(conn, fx.AS_OF, FactoryFilter(categories=(1,)), 5)
    assert cells.empty and {"cell", "n", "risky", "max_score", "max_band"} <= set(cells.columns)


RISKY = ("high", "critical")


def _dates(frame, column):
    return [pd.Timestamp(v).date() for v in frame[column]]


def test_factory_card_now(loaded):
    with loaded.connect() as conn:
        card = risk_map.factory_card(conn, F1, fx.AS_OF)
    assert card.factory.name == "บริษัท ทดสอบ 1 จำกัด" and card.factory.band == "critical"
    assert card.factory.score == pytest.approx(75.0)
    points = card.points.set_index("factor")["points"]
    assert points.sum() == pytest.approx(75.0)
    assert points[["type_hazard", "size", "complaints", "emergencies", "non_compliance"]].tolist() == \
        pytest.approx([15, 10, 6.67, 5, 3.33])
    assert points["open_orders"] == 0 and points["inspection_gap"] == 0
    assert card.points["factor"].iloc[0] == "type_hazard" and card.points["weight"].sum() == 100
    assert _dates(card.inspections, "inspected_on") == [date(2026, 10, 15), date(2025, 3, 1)]
    assert card.inspections["result"].tolist() == ["compliant", "non_compliant"]
    assert _dates(card.complaints, "received_on") == [date(2026, 11, 1), date(2026, 6, 1)]
    assert card.complaints["is_open"].tolist() == [True, False]
    assert card.emergencies["type"].tolist() == ["fire"] and card.emergencies["is_active"].tolist() == [True]
    assert card.gi["level"] == 3 and card.gi["certified_on"] == date(2026, 2, 1)
    assert card.i40["level"] == 3.0 and card.i40["assessed_on"] == date(2026, 7, 1)


def test_factory_card_last_year(loaded):
    with loaded.connect() as conn:
        card = risk_map.factory_card(conn, F1, fx.LAST_YEAR)
    assert _dates(card.inspections, "inspected_on") == [date(2025, 3, 1)]
    assert card.inspections["order_issued"].tolist() == [True]
    assert card.complaints.empty and card.emergencies.empty
    assert card.gi["level"] == 2 and card.gi["expires_on"] == date(2026, 1, 1)
    assert card.i40["level"] == 2.0


def test_factory_card_without_history(loaded):
    with loaded.connect() as conn:
        card = risk_map.factory_card(conn, F2, fx.AS_OF)
        unknown = risk_map.factory_card(conn, "99999999999999", fx.AS_OF)
        struck_off = risk_map.factory_card(conn, fx.F[4], fx.AS_OF)
    assert card.inspections.empty and card.complaints.empty and card.emergencies.empty
    assert card.gi is None  # its level-1 certificate was revoked on 1 Aug 2026
    assert card.i40 is None
    assert unknown is None and struck_off is None  # struck-off factories are not scored

