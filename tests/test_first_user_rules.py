"""The rules behind what a first user stumbled on, on hand-made data: the visit list says what its
caption says (a factory just inspected is listed only for a reason the visit did not settle),
downloads keep ids as text and dates as dates under one naming rule, the scorecard speaks of
times to keep under a target in words that read right and ranks only what it judges, and the
trends name every fiscal year and mark the month not yet complete."""
from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pandas as pd
import pytest

from components.scorecard import achievement_text, rank_text
from components.tables import csv_bytes, excel_bytes, file_name, id_columns
from components.trends import fiscal_year_ticks
from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from data_access.queries.province import monthly_trends
from data_access.queries.risk_scores import refresh_factory_risk
from data_access.queries.visits import visit_list
from data_access.reference import district_table, province_table
from data_access.rules.fiscal import Period
from tests.small_fixture import factories

DAY = date(2026, 11, 22)


# --- the visit list ---------------------------------------------------------------------------

def _factory(n: int) -> dict:
    row = factories().iloc[1].to_dict()  # F2: operating in Samut Prakan, low risk, wastewater
    return {**row, "factory_id": f"1011000000010{n}", "name": f"โรงงานเยี่ยม {n}"}


def _inspection(number: int, factory: int, days_ago: int, result: str = "compliant") -> dict:
    return {"inspection_id": number, "factory_id": f"1011000000010{factory}", "inspected_on": DAY - timedelta(days_ago),
            "inspector_kind": "officer", "result": result, "findings": None, "order_issued": False,
            "follow_up_due": None, "order_closed_on": None}


def _complaint(number: int, factory: int, days_ago: int) -> dict:
    return {"complaint_id": number, "factory_id": f"1011000000010{factory}", "province_code": "11",
            "received_on": DAY - timedelta(days_ago), "channel": "web", "topic": "odour", "status": "open",
            "resolved_on": None}


@pytest.fixture
def visited(engine):
    """1: inspected today, a complaint open since last week; 2: inspected last week, a complaint
    since yesterday; 3: failed twice, last seen 10 days ago; 4: failed twice, last seen 60 days
    ago. None is risky, and each was inspected within the year."""
    inspections = [_inspection(1, 1, 0), _inspection(2, 2, 7),
                   _inspection(3, 3, 200, "non_compliant"), _inspection(4, 3, 10, "non_compliant"),
                   _inspection(5, 4, 300, "non_compliant"), _inspection(6, 4, 60, "non_compliant")]
    with engine.begin() as conn:
        insert_dataframe(conn, schema.provinces, province_table().drop(columns=["operating_factories_2026"]))
        insert_dataframe(conn, schema.districts, district_table())
        insert_dataframe(conn, schema.factories, pd.DataFrame([_factory(n) for n in (1, 2, 3, 4)]))
        insert_dataframe(conn, schema.inspections, pd.DataFrame(inspections))
        insert_dataframe(conn, schema.complaints, pd.DataFrame([_complaint(1, 1, 7), _complaint(2, 2, 1)]))
        refresh_factory_risk(conn, DAY)
    return engine


def test_a_factory_just_inspected_is_listed_only_for_what_the_visit_did_not_settle(visited):
    with visited.connect() as conn:
        listed = visit_list(conn, "11", Period.at(DAY)).set_index("factory_id")
    assert sorted(listed.index) == ["10110000000102", "10110000000104"]
    assert listed.loc["10110000000102", "open_complaints"] == 1           # came in after the visit
    assert listed.loc["10110000000104", "repeat_non_compliant"]           # failed twice, not seen since
    assert not listed["risky_not_inspected"].any() and not listed["inspection_overdue"].any()


# --- downloads --------------------------------------------------------------------------------

def _frame() -> pd.DataFrame:
    return pd.DataFrame({"เลขทะเบียน": ["10200500000011", "10200500000028"], "ทะเบียนเดิม": ["จ3-9-1/50", "น.3-42-2/60"],
                         "ตรวจล่าสุด": [date(2026, 11, 20), None], "คะแนน": [75.0, 12.5]})


def test_csv_keeps_ids_as_text_and_dates_iso():
    text = csv_bytes(_frame()).decode("utf-8-sig")
    assert id_columns(_frame()) == ["เลขทะเบียน"]  # a display number is not mistaken for a number
    assert '"=""10200500000011"""' in text and ",2026-11-20," in text
    assert csv_bytes(_frame()).startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads Thai


def test_excel_holds_text_ids_and_date_cells():
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(_frame()))).active
    first = [cell for cell in sheet[2]]
    assert first[0].value == "10200500000011" and first[0].data_type == "s"
    assert first[2].is_date and first[2].value.date() == date(2026, 11, 20)
    assert "107" in first[2].number_format  # shown in the Buddhist Era (Thai calendar) in Thai


def test_every_download_is_named_by_what_it_holds_and_its_day():
    assert file_name("visits_20", DAY, "csv") == "visits_20_2026-11-22.csv"
    assert file_name("risk_factories", DAY, "xlsx") == "risk_factories_2026-11-22.xlsx"


# --- the scorecard ------------------------------------------------------------------------------

@pytest.mark.parametrize("code, achievement, words", [
    ("emergency_contain_hours", 200.0, "อยู่ในเป้า"),        # 3.9 h against 24 h: capped at 200%
    ("emergency_contain_hours", 100.0, "อยู่ในเป้า"),        # exactly the target
    ("complaint_days_median", 100 * 15 / 18, "เกินเป้า 20%"),  # 18 days against 15
    ("i_single_form", 30.0, "30%"),                         # a count to reach: its share
    ("complaint_days_median", float("nan"), "–"),
])
def test_a_time_to_keep_under_reads_as_within_or_over_its_target(code, achievement, words):
    assert achievement_text(code, achievement) == words


def test_only_what_is_judged_is_ranked():
    assert rank_text(5, 76, False) == "5 / 76"
    assert rank_text(76, 76, False, judged=False) == "–"
    assert rank_text(1, 76, True) == "ไม่จัดอันดับ (กรอ. กำกับ)"


# --- the trends ---------------------------------------------------------------------------------

def test_trends_name_every_fiscal_year_and_mark_the_month_in_progress(engine):
    with engine.begin() as conn:
        insert_dataframe(conn, schema.provinces, province_table().drop(columns=["operating_factories_2026"]))
    with engine.connect() as conn:
        trends = monthly_trends(conn, "11", Period.at(DAY))
        at_month_end = monthly_trends(conn, "11", Period.at(date(2026, 11, 30)))
    assert trends["fiscal_year"].unique().tolist() == [2566, 2567, 2568, 2569, 2570]
    assert trends["complete"].tolist() == [True] * (len(trends) - 1) + [False]   # 22 Nov: a part of November
    assert at_month_end["complete"].all()
    assert fiscal_year_ticks(trends)[1] == ["2566", "2567", "2568", "2569", "2570"]
