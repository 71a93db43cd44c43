"""tests/small_fixture.py plus the Green Industry certificates, i4.0 assessments, inspections and
targets the adoption page needs, chosen to fall on fiscal-year boundaries (30 Sep / 1 Oct), to
start, expire, upgrade and get revoked, and assessments that move up and down. Loaded only by
the adoption tests. As of 22 Nov 2026 (fiscal year 2570, day 53 of 365).

Two factories are added: F7 (province 11) and F8 (province 50), operating since 2012. TSIC
codes: F1 20111, F2 10101, F7 10750, F8 25110 (section C), F3 38220 (E), F5 01111 (A), F4 35100 (D).

GI certificates (base C1-C4 and these; none expire unless said):

| id   | factory | level | issued     | expires    | revoked    | counts as                      |
|------|---------|-------|------------|------------|------------|--------------------------------|
| C1   | F1      | 2     | 2023-01-01 | 2026-01-01 |            | new FY2566, expired FY2569     |
| C2   | F1      | 3     | 2026-02-01 | 2029-02-01 |            | upgrade FY2569                 |
| C3   | F2      | 1     | 2024-05-01 |            | 2026-08-01 | new FY2567, revoked FY2569     |
| C4   | F5      | 1     | 2026-05-01 |            |            | new FY2569                     |
| C201 | F2      | 2     | 2024-09-30 | 2027-09-30 |            | upgrade FY2567 (its last day)  |
| C202 | F3      | 1     | 2025-10-01 | 2026-09-30 |            | new FY2569 (its first day), expired FY2569 (its last day) |
| C203 | F3      | 2     | 2026-10-01 | 2029-10-01 | 2026-11-20 | upgrade and revoked FY2570     |
| C204 | F4      | 1     | 2020-01-01 |            |            | F4 closed on 2026-03-01        |
| C205 | F5      | 3     | 2026-11-10 | 2027-05-01 |            | upgrade FY2570, expires in 6 months |
| C206 | F1      | 4     | 2026-10-02 | 2027-11-01 |            | upgrade FY2570, expires in 12 months |
| C207 | F2      | 3     | 2026-11-30 | 2029-11-30 |            | after the day: counts nowhere  |
| C208 | F7      | 1     | 2022-01-01 |            |            | held long, but F7 failed an inspection in 2025 |
| C209 | F8      | 5     | 2020-01-01 |            |            | the top level                  |

i4.0 assessments (base A1-A4 have no dimension scores; scores in I40_DIMENSIONS order):
A1 F1 2024-06-01 2.0; A2 F1 2026-07-01 3.0; A3 F3 2025-01-01 3.0; A4 F3 2026-09-01 2.0 (down);
A201 F2 2025-09-30 1.0 (1,1,1,1,1,1); A202 F2 2025-10-01 2.0 (2,2.5,2,2,2.5,2);
A203 F5 2026-10-05 2.0 (1,2,2,2,2,2); A204 F1 2026-10-20 3.0 (3,3,3,3,3,2.5);
A205 F3 2026-11-01 3.0 (3,3.2,2,3,3,3) (up again); A206 F4 2025-06-01 2.0 (all 2; F4 closes);
A207 F2 2026-11-25 3.0 (after the day); A208 F8 2026-06-01 4.0 (4,4,4,4,4,2).

Inspections added: I201 F2 2026-01-15 compliant; I202 F7 2025-06-01 non-compliant (order closed
2025-07-01); I203 F8 2026-03-01 compliant.

Targets FY2570: 11 gi_new 2, gi_upgraded 2, i40_assessments 4; 50 gi_new 1; TH gi_new 10,
gi_upgraded 6, i40_assessments 20. FY2569: 11 gi_new 1.

The figures worked out by hand from these rows are the expected values in
tests/test_adoption_queries.py, each with its reasoning.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from tests import small_fixture as base

AS_OF = base.AS_OF
FISCAL_YEAR = 2570
F = {**base.F, 7: "101100000007", 8: "105000000008"}
TSIC = {1: "20111", 2: "10101", 3: "38220", 4: "35100", 5: "01111"}


def _factory(n: int, province: str, district: str, ftype: int, tsic: str) -> dict:
    """An operating factory registered in 2012, shaped as the small fixture's."""
    row = base._factory(1, province, district, "operating", date(2012, 1, 1), None, ftype, (), 100, 60)
    return {**row, "factory_id": F[n], "display_reg": f"จ3-{ftype}-{n}/55", "name": f"บริษัท ทดสอบ {n} จำกัด",
            "tsic_code": tsic}


def factories() -> pd.DataFrame:
    return pd.DataFrame([_factory(7, "11", "1101", 9, "10750"), _factory(8, "50", "5001", 64, "25110")])


def gi_certifications() -> pd.DataFrame:
    rows = [
        (201, 2, 2, date(2024, 9, 30), date(2027, 9, 30), None),
        (202, 3, 1, date(2025, 10, 1), date(2026, 9, 30), None),
        (203, 3, 2, date(2026, 10, 1), date(2029, 10, 1), date(2026, 11, 20)),
        (204, 4, 1, date(2020, 1, 1), None, None),
        (205, 5, 3, date(2026, 11, 10), date(2027, 5, 1), None),
        (206, 1, 4, date(2026, 10, 2), date(2027, 11, 1), None),
        (207, 2, 3, date(2026, 11, 30), date(2029, 11, 30), None),
        (208, 7, 1, date(2022, 1, 1), None, None),
        (209, 8, 5, date(2020, 1, 1), None, None),
    ]
    return pd.DataFrame([{"certificate_id": i, "factory_id": F[n], "level": level, "certified_on": on,
                          "expires_on": exp, "revoked_on": rev} for i, n, level, on, exp, rev in rows])


SCORES = {
    201: (1, 1, 1, 1, 1, 1), 202: (2, 2.5, 2, 2, 2.5, 2), 203: (1, 2, 2, 2, 2, 2), 204: (3, 3, 3, 3, 3, 2.5),
    205: (3, 3.2, 2, 3, 3, 3), 206: (2, 2, 2, 2, 2, 2), 207: (3, 3, 3, 3, 3, 3), 208: (4, 4, 4, 4, 4, 2),
}


def i40_assessments() -> pd.DataFrame:
    rows = [(201, 2, date(2025, 9, 30), 1.0), (202, 2, date(2025, 10, 1), 2.0), (203, 5, date(2026, 10, 5), 2.0),
            (204, 1, date(2026, 10, 20), 3.0), (205, 3, date(2026, 11, 1), 3.0), (206, 4, date(2025, 6, 1), 2.0),
            (207, 2, date(2026, 11, 25), 3.0), (208, 8, date(2026, 6, 1), 4.0)]
    return pd.DataFrame([{"assessment_id": i, "factory_id": F[n], "assessed_on": on, "level": level,
                          **{f"score_{d}": float(s) for d, s in zip(cfg.I40_DIMENSIONS, SCORES[i])}}
                         for i, n, on, level in rows])


def inspections() -> pd.DataFrame:
    rows = [(201, 2, date(2026, 1, 15), "compliant", False, None, None),
            (202, 7, date(2025, 6, 1), "non_compliant", True, date(2025, 6, 30), date(2025, 7, 1)),
            (203, 8, date(2026, 3, 1), "compliant", False, None, None)]
    return pd.DataFrame([{"inspection_id": i, "factory_id": F[n], "inspected_on": on, "inspector_kind": "officer",
                          "result": result, "findings": None, "order_issued": order, "follow_up_due": due,
                          "order_closed_on": closed} for i, n, on, result, order, due, closed in rows])


TARGETS = {(2570, "11"): {"gi_new": 2, "gi_upgraded": 2, "i40_assessments": 4}, (2570, "50"): {"gi_new": 1},
           (2570, "TH"): {"gi_new": 10, "gi_upgraded": 6, "i40_assessments": 20}, (2569, "11"): {"gi_new": 1}}


def kpi_targets() -> pd.DataFrame:
    return pd.DataFrame([{"fiscal_year": fy, "province_code": code, "kpi_code": kpi, "target_value": float(value)}
                         for (fy, code), targets in TARGETS.items() for kpi, value in targets.items()])


def load(engine: sa.Engine) -> None:
    """The small fixture, then the rows above (risk scores are the small fixture's)."""
    base.load(engine)
    with engine.begin() as conn:
        for n, code in TSIC.items():
            conn.execute(schema.factories.update().where(schema.factories.c.factory_id == F[n]).values(tsic_code=code))
        for table, frame in {schema.factories: factories(), schema.inspections: inspections(),
                             schema.gi_certifications: gi_certifications(), schema.i40_assessments: i40_assessments(),
                             schema.kpi_targets: kpi_targets()}.items():
            insert_dataframe(conn, table, frame)
