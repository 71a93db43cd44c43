"""Overview queries against answers worked out by hand from tests/small_fixture.py."""
import pandas as pd
import pytest

from data_access.db.schema import factory_risk
from data_access.queries import catalog, overview
from data_access.rules.fiscal import Period
from data_access.rules.metrics import HEADLINE
from data_access.rules.scope import NATIONAL, Scope
from tests import small_fixture as fx


@pytest.fixture
def loaded(engine):
    fx.load(engine)
    return engine


@pytest.fixture(params=["counted", "stored"])
def metrics_loaded(loaded, request):
    """The fixture, its headline counts read as counted live or, as after a load, as stored."""
    if request.param == "stored":
        with loaded.begin() as conn:
            assert overview.refresh_figures(conn, fx.AS_OF) == 7 * 77  # chosen_periods: 7 periods
    return loaded


def test_stored_risk_scores(loaded):
    with loaded.connect() as conn:
        risk = pd.read_sql(factory_risk.select(), conn).set_index("factory_id")
    expected = {fx.F[1]: (75.0, "critical"), fx.F[2]: (13.0, "low"), fx.F[3]: (45.9, "high"),
                fx.F[5]: (31.0, "medium"), fx.F[6]: (5.0, "low")}
    assert fx.F[4] not in risk.index  # struck off: not scored
    for factory_id, (score, band) in expected.items():
        assert risk.loc[factory_id, "score"] == pytest.approx(score)
        assert risk.loc[factory_id, "band"] == band
    assert sorted(risk.index[risk["is_risky"]]) == [fx.F[1], fx.F[3]]


def test_province_metrics_now(metrics_loaded):
    with metrics_loaded.connect() as conn:
        m = overview.province_metrics(conn, Period.at(fx.AS_OF), NATIONAL)
    assert len(m) == 77
    assert fx.nonzero_by_code(m, "operating") == {"11": 2, "50": 2}
    assert fx.nonzero_by_code(m, "risky") == {"11": 1, "50": 1}
    assert fx.nonzero_by_code(m, "risky_inspected") == {"11": 1}
    assert fx.nonzero_by_code(m, "open_complaints") == {"10": 1, "11": 1}
    assert fx.nonzero_by_code(m, "active_emergencies") == {"11": 1}
    assert fx.nonzero_by_code(m, "gi_certified") == {"11": 1, "50": 1}
    assert fx.nonzero_by_code(m, "i40_advanced") == {"11": 1}
    row = m.set_index("code").loc["11"]
    assert row["risky_per_1000"] == 500.0 and row["risky_inspected_pct"] == 100.0


def test_province_metrics_same_point_last_year(metrics_loaded):
    with metrics_loaded.connect() as conn:
        m = overview.province_metrics(conn, Period.at(fx.LAST_YEAR), NATIONAL)
    assert fx.nonzero_by_code(m, "operating") == {"10": 1, "11": 2, "50": 1}
    assert fx.nonzero_by_code(m, "risky") == {"11": 1, "50": 1}
    assert fx.nonzero_by_code(m, "risky_inspected") == {}
    assert fx.nonzero_by_code(m, "open_complaints") == {"10": 1, "50": 1}
    assert fx.nonzero_by_code(m, "active_emergencies") == {"50": 1}
    assert fx.nonzero_by_code(m, "gi_certified") == {"11": 2}
    assert fx.nonzero_by_code(m, "i40_advanced") == {"50": 1}


def test_kpis_with_change(metrics_loaded):
    with metrics_loaded.connect() as conn:
        now = overview.province_metrics(conn, Period.at(fx.AS_OF), NATIONAL)
        before = overview.province_metrics(conn, Period.at(fx.LAST_YEAR), NATIONAL)
    kpis = overview.kpis_with_change(now, before).set_index("kpi")
    assert list(kpis.index) == list(HEADLINE)
    assert kpis.loc["operating"].tolist() == [4, 4]
    assert kpis.loc["risky"].tolist() == [2, 2]
    assert kpis.loc["risky_inspected_pct"].tolist() == [50.0, 0.0]
    assert kpis.loc["open_complaints"].tolist() == [2, 2]
    assert kpis.loc["active_emergencies"].tolist() == [1, 1]
    assert kpis.loc["gi_certified"].tolist() == [2, 2]
    assert kpis.loc["i40_advanced"].tolist() == [1, 1]


def test_scope_filters_provinces(metrics_loaded):
    with metrics_loaded.connect() as conn:
        north = overview.province_metrics(conn, Period.at(fx.AS_OF), Scope(region="North"))
        one = overview.province_metrics(conn, Period.at(fx.AS_OF), Scope(province_code="11"))
        ir = overview.province_metrics(conn, Period.at(fx.AS_OF), Scope(inspection_region=0))
    assert set(north["region"]) == {"North"} and fx.nonzero_by_code(north, "operating") == {"50": 2}
    assert one["code"].tolist() == ["11"]
    assert ir["code"].tolist() == ["10"]


def test_catalog(loaded):
    with loaded.connect() as conn:
        counts = catalog.table_counts(conn).set_index("table")["rows"]
        assert catalog.data_as_of(conn) == fx.AS_OF
        assert catalog.has_factories(conn)
        assert catalog.load_history(conn)["source"].tolist() == ["small fixture"]
    assert counts["factories"] == 6 and counts["inspections"] == 4 and counts["provinces"] == 77
    assert counts["districts"] == 928 and counts["factory_risk"] == 5


def test_catalog_on_empty_database(engine):
    with engine.connect() as conn:
        assert catalog.data_as_of(conn) is None
        assert not catalog.has_factories(conn)
        assert catalog.table_counts(conn)["rows"].sum() == 0
