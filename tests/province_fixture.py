"""tests/small_fixture.py plus the rows the province page needs, small enough to work every KPI
out by hand. Loaded only by the province tests, so the other tests' counts stay as they are.

Added complaints and emergencies name no factory, and no inspection is added, so the stored risk
scores are those of the small fixture (F1 critical and F3 high are the risky factories).
As of 22 Nov 2026, fiscal year 2570: 53 of its 365 days have elapsed.

KPI values, fiscal year 2570 up to 22 Nov 2026 (province 11 / 50 / nation):
- risky inspected: F1 yes, F3 no -> 100% / 0% / 50%
- complaints received 3 (C2, C101, C102) / 1 (C103) / 4; resolved by the day 2 / 1 / 3
  -> 66.7% / 100% / 75%; days to resolve 10 and 30 / 4 -> medians 20 / 4 / 10
- i-Single Form 3 (one more joins 1 Dec 2026, after the day) / 1 / 4; OPOAI-C 1 / 0;
  award nominations 2 / 0
- GI new 0 / 1 (F3's first certificate) ; upgraded 1 (F2 level 1 -> 2) / 0
- i4.0 assessments 1 (F1) / 0
- emergencies 1 (E1, still active) / 2 (E101 36 h, E102 12 h) -> contain hours - / 24 / 24
Same point of fiscal year 2569 (up to 22 Nov 2025): complaints 11: 1 received and resolved in
10 days; 50: 1 received (C3), unresolved then; i-Single Form 11: 1; emergencies 50: 1 (E2, not
contained by then).
Inspectors-general of inspection region 2 (province 11): A from 2024-10-01, B from 2025-10-01,
C from 2027-01-01 -> B on 22 Nov 2026.
F1 and F2 get coordinates (the small fixture has none), so the district map has points.
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from tests import small_fixture as base
from tests.small_fixture import F

AS_OF = base.AS_OF
FISCAL_YEAR = 2570
ELAPSED = 53 / 365


def complaints() -> pd.DataFrame:
    rows = [
        (101, "11", date(2026, 10, 5), "resolved", date(2026, 10, 15)),
        (102, "11", date(2026, 10, 10), "resolved", date(2026, 11, 9)),
        (103, "50", date(2026, 10, 20), "resolved", date(2026, 10, 24)),
        (104, "11", date(2025, 10, 10), "resolved", date(2025, 10, 20)),
    ]
    return pd.DataFrame([
        {"complaint_id": i, "factory_id": None, "province_code": p, "received_on": day, "channel": "web",
         "topic": "noise", "status": status, "resolved_on": resolved}
        for i, p, day, status, resolved in rows
    ])


def emergencies() -> pd.DataFrame:
    rows = [
        (101, "flood", datetime(2026, 10, 2, 8), datetime(2026, 10, 3, 20), datetime(2026, 10, 10)),
        (102, "pm25_open_burning", datetime(2026, 10, 5), datetime(2026, 10, 5, 12), datetime(2026, 10, 6)),
    ]
    return pd.DataFrame([
        {"emergency_id": i, "factory_id": None, "province_code": "50", "type": kind, "severity": 2,
         "status": "closed", "started_at": start, "contained_at": contained, "closed_at": closed,
         "casualties": 0, "summary": "น้ำท่วมเขตอุตสาหกรรม"}
        for i, kind, start, contained, closed in rows
    ])


def gi_certifications() -> pd.DataFrame:
    rows = [(101, F[2], 2, date(2026, 10, 10)), (102, F[3], 1, date(2026, 11, 1)), (103, F[5], 2, date(2026, 11, 30))]
    return pd.DataFrame([{"certificate_id": i, "factory_id": fid, "level": level, "certified_on": on,
                          "expires_on": None, "revoked_on": None} for i, fid, level, on in rows])


def i40_assessments() -> pd.DataFrame:
    return pd.DataFrame([{"assessment_id": 101, "factory_id": F[1], "assessed_on": date(2026, 10, 30), "level": 3.0}])


def program_participation() -> pd.DataFrame:
    rows = [
        (1, "i_single_form", F[1], None, "11", 2570, date(2026, 10, 3)),
        (2, "i_single_form", F[2], None, "11", 2570, date(2026, 10, 20)),
        (3, "i_single_form", F[6], None, "11", 2570, date(2026, 11, 22)),
        (4, "i_single_form", F[3], None, "50", 2570, date(2026, 11, 2)),
        (5, "i_single_form", F[5], None, "11", 2570, date(2026, 12, 1)),
        (6, "opoai_c", None, "วิสาหกิจชุมชนบ้านทดสอบ", "11", 2570, date(2026, 11, 5)),
        (7, "award_nomination", F[1], None, "11", 2570, date(2026, 11, 10)),
        (8, "award_nomination", F[2], None, "11", 2570, date(2026, 11, 11)),
        (9, "i_single_form", F[1], None, "11", 2569, date(2025, 11, 1)),
        (10, "i_single_form", F[2], None, "11", 2569, date(2026, 2, 1)),
    ]
    return pd.DataFrame([{"participation_id": i, "program": prog, "factory_id": fid, "group_name": group,
                          "province_code": p, "fiscal_year": fy, "joined_on": on}
                         for i, prog, fid, group, p, fy, on in rows])


TARGETS_2570 = {
    "11": {"i_single_form": 10, "gi_new": 2, "gi_upgraded": 1, "opoai_c_groups": 2, "award_nominations": 5,
           "i40_assessments": 2},
    "50": {"i_single_form": 4},
    "TH": {"risky_inspected_pct": 100, "complaints_resolved_pct": 90, "complaint_days_median": 15,
           "emergency_contain_hours": 24, "i_single_form": 20, "award_nominations": 10},
}


def kpi_targets() -> pd.DataFrame:
    return pd.DataFrame([{"fiscal_year": FISCAL_YEAR, "province_code": code, "kpi_code": kpi, "target_value": value}
                         for code, targets in TARGETS_2570.items() for kpi, value in targets.items()])


def inspectors_general() -> pd.DataFrame:
    rows = [(2, date(2024, 10, 1), "นายเอ ทดสอบ", "Mr A"), (2, date(2025, 10, 1), "นางบี ทดสอบ", "Mrs B"),
            (2, date(2027, 1, 1), "นายซี ทดสอบ", "Mr C"), (15, date(2025, 10, 1), "นางสาวดี ทดสอบ", "Ms D")]
    return pd.DataFrame([{"inspection_region": r, "effective_from": on, "name_th": th, "name_en": en}
                         for r, on, th, en in rows])


COORDINATES = {F[1]: (13.59934, 100.59681), F[2]: (13.58123, 100.84012)}


def load(engine: sa.Engine) -> None:
    """The small fixture, then the rows above (risk scores unchanged: see the module docstring)."""
    base.load(engine)
    with engine.begin() as conn:
        for factory_id, (lat, lon) in COORDINATES.items():
            conn.execute(schema.factories.update().where(schema.factories.c.factory_id == factory_id)
                         .values(lat=lat, lon=lon, coord_precision="exact"))
    frames = {
        schema.complaints: complaints(), schema.emergencies: emergencies(),
        schema.gi_certifications: gi_certifications(), schema.i40_assessments: i40_assessments(),
        schema.program_participation: program_participation(), schema.kpi_targets: kpi_targets(),
        schema.inspectors_general: inspectors_general(),
    }
    with engine.begin() as conn:
        for table, frame in frames.items():
            insert_dataframe(conn, table, frame)
