"""Province queries and the KPI table against answers worked out by hand from
tests/province_fixture.py (its docstring lists the figures), on DuckDB and PostgreSQL."""
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from data_access.db import schema
from data_access.queries import kpi_values, province, visits
from data_access.queries.province_view import province_view, region_views
from data_access.rules.fiscal import Period
from tests import province_fixture as fx
from tests.small_fixture import LAST_YEAR, F
from tests.small_fixture import assert_figures as _same
from tests.small_fixture import row_of as _row

NAN = float("nan")


@pytest.fixture
def loaded(engine):
    fx.load(engine)
    return engine


@pytest.fixture(params=["counted", "stored"])
def kpis_loaded(loaded, request):
    """The fixture, its KPI values read as counted live or, as after a load, as stored."""
    if request.param == "stored":
        with loaded.begin() as conn:
            # FY2565-2570 on their last day or the as-of date, and FY2569 on 22 Nov 2025: 7 periods,
            # 78 rows (77 provinces and the nation) and 12 KPIs each.
            assert kpi_values.refresh_figures(conn, fx.AS_OF) == 7 * 78 * 12
    return loaded


def test_kpi_values_this_fiscal_year(kpis_loaded):
    with kpis_loaded.connect() as conn:
        values = kpi_values.kpi_values(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    assert len(values) == 78  # 77 provinces and the nation
    _same(_row(values, "11"), {
        "risky_inspected_pct": 100.0, "complaints_received": 3, "complaints_resolved_pct": 200 / 3,
        "complaint_days_median": 20.0, "i_single_form": 3, "gi_new": 0, "gi_upgraded": 1, "opoai_c_groups": 1,
        "award_nominations": 2, "i40_assessments": 1, "emergencies": 1, "emergency_contain_hours": NAN,
    })
    _same(_row(values, "50"), {
        "risky_inspected_pct": 0.0, "complaints_received": 1, "complaints_resolved_pct": 100.0,
        "complaint_days_median": 4.0, "i_single_form": 1, "gi_new": 1, "gi_upgraded": 0, "opoai_c_groups": 0,
        "award_nominations": 0, "i40_assessments": 0, "emergencies": 2, "emergency_contain_hours": 24.0,
    })
    _same(_row(values, "TH"), {
        "risky_inspected_pct": 50.0, "complaints_received": 4, "complaints_resolved_pct": 75.0,
        "complaint_days_median": 10.0, "i_single_form": 4, "gi_new": 1, "gi_upgraded": 1, "opoai_c_groups": 1,
        "award_nominations": 2, "i40_assessments": 1, "emergencies": 3, "emergency_contain_hours": 24.0,
    })


def test_kpi_values_of_a_province_with_no_data(kpis_loaded):
    with kpis_loaded.connect() as conn:
        values = kpi_values.kpi_values(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    counts = ("complaints_received", "i_single_form", "gi_new", "gi_upgraded", "opoai_c_groups",
              "award_nominations", "i40_assessments", "emergencies")
    _same(_row(values, "58"), {**{c: 0 for c in counts}, "risky_inspected_pct": NAN,
                               "complaints_resolved_pct": NAN, "complaint_days_median": NAN,
                               "emergency_contain_hours": NAN})


def test_kpi_values_same_point_last_year(kpis_loaded):
    with kpis_loaded.connect() as conn:
        values = kpi_values.kpi_values(conn, Period(fx.FISCAL_YEAR - 1, LAST_YEAR))
    _same(_row(values, "11"), {"risky_inspected_pct": 0.0, "complaints_received": 1,
                               "complaints_resolved_pct": 100.0, "complaint_days_median": 10.0,
                               "i_single_form": 1, "emergencies": 0})
    _same(_row(values, "50"), {"complaints_received": 1, "complaints_resolved_pct": 0.0,
                               "complaint_days_median": NAN, "emergencies": 1, "emergency_contain_hours": NAN})


def test_the_stored_kpi_values_are_read_until_the_next_load(loaded):
    with loaded.begin() as conn:
        kpi_values.refresh_figures(conn, fx.AS_OF)
        conn.execute(schema.emergencies.delete())  # behind the loads' back

    def emergencies() -> tuple[int, int]:
        """The nation's emergencies this fiscal year, as stored for 22 Nov and counted for 21 Nov."""
        with loaded.connect() as conn:
            stored = kpi_values.kpi_values(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
            counted = kpi_values.kpi_values(conn, Period(fx.FISCAL_YEAR, fx.AS_OF - timedelta(days=1)))
        return _row(stored, "TH")["emergencies"], _row(counted, "TH")["emergencies"]

    assert emergencies() == (3, 0)
    with loaded.begin() as conn:
        kpi_values.refresh_figures(conn, fx.AS_OF)
    assert emergencies() == (0, 0)


def test_scorecard_targets_lights_and_ranks(kpis_loaded):
    with kpis_loaded.connect() as conn:
        table = kpi_values.kpi_table(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    card = kpi_values.scorecard_of(table, "11").set_index("kpi")
    expected = {  # value, target, achievement, light, previous, rank, ranked_of
        "risky_inspected_pct": (100.0, 100.0, 100.0, "green", 0.0, 1, 2),
        "complaints_received": (3, NAN, NAN, "none", 1, 76, 76),  # 74 offices at 0 share rank 1, 50 is 75th
        "complaints_resolved_pct": (200 / 3, 90.0, 200 / 3 / 0.9, "red", 100.0, 2, 2),
        "complaint_days_median": (20.0, 15.0, 75.0, "red", 10.0, 2, 2),
        "i_single_form": (3, 10.0, 30.0, "green", 1, 1, 2),  # 30% at 14.5% of the year
        "gi_new": (0, 2.0, 0.0, "red", 0, 1, 1),
        "gi_upgraded": (1, 1.0, 100.0, "green", 0, 1, 1),
        "opoai_c_groups": (1, 2.0, 50.0, "green", 0, 1, 1),
        "award_nominations": (2, 5.0, 40.0, "green", 0, 1, 1),
        "i40_assessments": (1, 2.0, 50.0, "green", 0, 1, 1),
        "emergencies": (1, NAN, NAN, "none", 0, 75, 76),
        "emergency_contain_hours": (NAN, 24.0, NAN, "none", NAN, NAN, 1),  # only 50 has a median
    }
    assert list(card.index) == list(expected)
    columns = ["value", "target", "achievement", "light", "previous", "rank", "ranked_of"]
    for kpi, want in expected.items():
        _same(card.loc[kpi, columns].to_dict(), dict(zip(columns, want)))
    fifty = kpi_values.scorecard_of(table, "50").set_index("kpi")
    assert fifty.loc["i_single_form", "light"] == "green" and fifty.loc["i_single_form", "rank"] == 2
    assert fifty.loc["complaint_days_median", "achievement"] == 200.0  # 15 / 4, capped
    assert fifty.loc["emergency_contain_hours", "light"] == "green"    # 24 h against 24 h
    assert fifty.loc["risky_inspected_pct", "light"] == "red"


def test_scorecard_of_a_province_with_no_data(kpis_loaded):
    with kpis_loaded.connect() as conn:
        table = kpi_values.kpi_table(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    card = kpi_values.scorecard_of(table, "58").set_index("kpi")
    assert set(card["light"]) == {"none"}
    # national percentage and median targets apply; counts have no national share
    assert card.loc["complaints_resolved_pct", "target"] == 90.0
    assert card.loc["emergency_contain_hours", "target"] == 24.0
    assert pd.isna(card.loc["i_single_form", "target"])
    assert card.loc["complaints_received", "rank"] == 1 and pd.isna(card.loc["i_single_form", "rank"])


def test_bangkok_and_the_nation_are_not_ranked(kpis_loaded):
    with kpis_loaded.connect() as conn:
        table = kpi_values.kpi_table(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    for code in ("10", "TH"):
        assert table.loc[table["code"] == code, "rank"].isna().all()
    national = kpi_values.scorecard_of(table, "TH").set_index("kpi")
    assert national.loc["i_single_form", "achievement"] == pytest.approx(20.0)  # 4 of 20


def test_compare_with_region_and_nation(kpis_loaded):
    with kpis_loaded.connect() as conn:
        table = kpi_values.kpi_table(conn, Period(fx.FISCAL_YEAR, fx.AS_OF))
    compare = kpi_values.compare_of(table, "50").set_index("kpi")
    # the North's nine provincial offices: only Chiang Mai (50) has events
    _same(compare.loc["complaints_received"].to_dict(),
          {"province": 1, "region_average": 1 / 9, "national": 4})
    _same(compare.loc["emergency_contain_hours"].to_dict(),
          {"province": 24.0, "province_achievement": 100.0, "region_average": 24.0, "national": 24.0})
    _same(compare.loc["i_single_form"].to_dict(),
          {"province_achievement": 25.0, "region_achievement": 25.0, "national_achievement": 20.0})


def test_province_header_and_inspector_general(loaded):
    with loaded.connect() as conn:
        samut_prakan = province.province_header(conn, "11", fx.AS_OF)
        earlier = province.province_header(conn, "11", date(2025, 1, 1))
        bangkok = province.province_header(conn, "10", fx.AS_OF)
        assert province.province_header(conn, "99", fx.AS_OF) is None
    assert samut_prakan.name_th == "สมุทรปราการ" and samut_prakan.name_en == "Samut Prakan"
    assert samut_prakan.region == "Central" and samut_prakan.inspection_region == 2
    assert (samut_prakan.inspector_en, samut_prakan.inspector_since) == ("Mrs B", date(2025, 10, 1))
    assert earlier.inspector_en == "Mr A"
    assert bangkok.is_bangkok and bangkok.inspector_th is None


def test_monthly_trends(loaded):
    with loaded.connect() as conn:
        trends = province.monthly_trends(conn, "11", Period.at(fx.AS_OF))
        chiang_mai = province.monthly_trends(conn, "50", Period.at(fx.AS_OF))
    assert len(trends) == 50  # Oct 2022 (fiscal year 2566) to Nov 2026
    assert trends["month"].iloc[0] == pd.Timestamp("2022-10-01")
    assert trends["fiscal_year"].iloc[0] == 2566 and trends["fiscal_year"].iloc[-1] == 2570
    by_month = trends.set_index("month")
    assert by_month.loc["2026-10-01", ["inspections", "complaints", "emergencies"]].tolist() == [1, 2, 0]
    assert by_month.loc["2026-11-01", ["inspections", "complaints", "emergencies"]].tolist() == [0, 1, 1]
    assert by_month.loc["2025-03-01", "inspections"] == 1
    assert trends[["inspections", "complaints", "emergencies"]].sum().tolist() == [2, 5, 1]
    assert chiang_mai.set_index("month").loc["2026-10-01", "emergencies"] == 2


def test_district_risk_and_points(loaded):
    with loaded.connect() as conn:
        districts = province.district_risk(conn, "11", fx.AS_OF)
        points = province.factory_points(conn, "11", fx.AS_OF)
        none = province.factory_points(conn, "50", fx.AS_OF)
        capped = province.factory_points(conn, "11", fx.AS_OF, limit=1)
    assert districts["code"].tolist() == ["1101", "1102", "1103", "1104", "1105", "1106"]
    assert districts[["operating", "risky"]].sum().tolist() == [2, 1]
    assert _row(districts, "1101")["risky"] == 1 and _row(districts, "1102")["operating"] == 1
    assert points["factory_id"].tolist() == [F[2], F[1]]  # lowest score first: risky dots on top
    assert points["band"].tolist() == ["low", "critical"]
    assert points["lat"].iloc[1] == pytest.approx(13.5993)  # rounded to RISK_MAP_DECIMALS
    assert none.empty  # Chiang Mai's factories have no coordinates
    assert points["located"].tolist() == [2, 2]
    assert capped["factory_id"].tolist() == [F[1]] and capped["located"].tolist() == [2]  # the highest score kept


def test_open_complaints_carry_no_personal_data(loaded):
    with loaded.connect() as conn:
        samut_prakan = province.open_complaints(conn, "11", fx.AS_OF)
        bangkok = province.open_complaints(conn, "10", fx.AS_OF)
    assert samut_prakan["complaint_id"].tolist() == [2]
    assert samut_prakan["days_open"].tolist() == [21] and samut_prakan["factory_name"].tolist() == [
        "บริษัท ทดสอบ 1 จำกัด"]
    assert bangkok["days_open"].tolist() == [1056] and bangkok["factory_name"].isna().all()
    assert set(samut_prakan.columns) == {"complaint_id", "received_on", "channel", "topic", "status",
                                         "factory_name", "district_th", "district_en", "days_open"}


def test_emergencies_active_and_recent(loaded):
    with loaded.connect() as conn:
        chiang_mai = province.province_emergencies(conn, "50", fx.AS_OF)
        samut_prakan = province.province_emergencies(conn, "11", fx.AS_OF)
        last_year = province.province_emergencies(conn, "50", LAST_YEAR)
    assert chiang_mai["emergency_id"].tolist() == [102, 101]  # newest first; E2 of 2025 is not recent
    assert chiang_mai["hours_to_contain"].tolist() == [12.0, 36.0] and not chiang_mai["active"].any()
    assert samut_prakan["emergency_id"].tolist() == [1] and samut_prakan["active"].tolist() == [True]
    assert pd.isna(samut_prakan["hours_to_contain"].iloc[0])
    assert last_year["emergency_id"].tolist() == [2] and last_year["active"].tolist() == [True]
    assert last_year["started_at"].iloc[0] == datetime(2025, 11, 20, 6)


def test_visit_list(loaded):
    with loaded.connect() as conn:
        samut_prakan = visits.visit_list(conn, "11", Period.at(fx.AS_OF))
        chiang_mai = visits.visit_list(conn, "50", Period.at(fx.AS_OF))
        first_only = visits.visit_list(conn, "11", Period.at(fx.AS_OF), limit=1)
    # F1: open complaint (inspected this year); F2: never inspected. F6 is not operating.
    assert samut_prakan["factory_id"].tolist() == [F[1], F[2]]
    f1, f2 = samut_prakan.to_dict("records")
    assert (f1["score"], f1["band"], f1["open_complaints"], f1["non_compliant"]) == (75.0, "critical", 1, 1)
    assert not f1["risky_not_inspected"] and not f1["inspection_overdue"] and f1["days_since_inspection"] == 38
    assert f2["inspection_overdue"] and pd.isna(f2["days_since_inspection"])
    assert f2["top_factors"] == "wastewater,inspection_gap"
    # F3: risky, last inspected 1 Dec 2024, an order due 15 Jan 2025 still open. F5 is up to date.
    assert chiang_mai["factory_id"].tolist() == [F[3]]
    f3 = chiang_mai.iloc[0]
    assert f3["risky_not_inspected"] and f3["inspection_overdue"] and f3["days_since_inspection"] == 721
    assert f3["overdue_orders"] == 1 and pd.Timestamp(f3["oldest_due"]) == pd.Timestamp("2025-01-15")
    assert f3["top_factors"] == "type_hazard,air_emission,hazardous_waste"
    assert first_only["factory_id"].tolist() == [F[1]]


def test_province_and_region_views(loaded):
    with loaded.connect() as conn:
        assert province_view(conn, "99", Period.at(fx.AS_OF)) is None
        views = region_views(conn, 15, Period.at(fx.AS_OF))
    assert [view.code for view in views] == ["50", "51", "52", "58"]
    assert views[0].emergencies["emergency_id"].tolist() == [102, 101]
    assert views[3].visits.empty and views[3].trends[["inspections", "complaints", "emergencies"]].sum().sum() == 0
