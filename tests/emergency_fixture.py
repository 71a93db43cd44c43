"""tests/small_fixture.py plus incidents for the emergency board, small enough to work every figure
out by hand. The board is read at MOMENT, 22 Nov 2026 12:00 (fiscal year 2570); the history of
fiscal year 2570 on 22 Nov 2026 counts what was logged by the end of that day (DAY_END).

| id  | prov | factory | type              | sev | status    | started          | contained        | closed           |
|-----|------|---------|-------------------|-----|-----------|------------------|------------------|------------------|
| 1   | 11   | F1      | fire              | 3   | active    | 2026-11-20 08:00 |                  |                  |
| 2   | 50   |         | flood             | 2   | closed    | 2025-11-20 06:00 | 2025-11-25 06:00 | 2025-12-01 00:00 |
| 3   | 10   |         | drought           | 1   | closed    | 2026-03-01 00:00 | 2026-03-02 00:00 | 2026-03-10 00:00 |
| 11  | 50   | F3      | chemical_leak     | 4   | contained | 2026-11-21 06:00 | 2026-11-21 10:00 |                  |
| 12  | 11   | F1      | fire              | 2   | closed    | 2026-09-30 22:00 | 2026-10-01 03:00 | 2026-10-02 22:00 |
| 13  | 30   |         | flood             | 1   | closed    | 2026-11-18 00:00 | 2026-11-19 00:00 | 2026-11-20 12:00 |
| 14  | 30   |         | flood             | 3   | closed    | 2025-10-15 00:00 | 2025-10-16 12:00 | 2025-10-20 00:00 |
| 15  | 11   | F1      | explosion         | 4   | active    | 2026-11-22 09:30 |                  |                  |
| 16  | 50   |         | pm25_open_burning | 1   | active    | 2026-11-22 13:00 |                  |                  |
| 17  | 96   |         | cold_spell        | 2   | closed    | 2026-11-10 00:00 | 2026-11-10 06:00 | 2026-11-15 11:00 |

(1-3 are the small fixture's own.) Incident 12 starts in fiscal year 2569 and ends in 2570;
incident 16 was logged after MOMENT (0 hours since its start then). F1 has a point; F3 has none,
so incident 11 sits at province 50's centre and 16, the second one there without a point, beside it.

Worked out at MOMENT (watch window: closed since 15 Nov 2026 12:00):
- open, severest then longest running: 11 (30 h), 15 (2.5 h), 1 (52 h), 16 (0 h)
- severe active: 15, 1
- provinces: 11 active (2 active), 50 active (1 active, 1 contained), 30 watch (13 closed
  20 Nov), 96 calm (17 closed 7 days and 1 hour before), 10 calm: 2 active, 1 watch, 74 calm
History of fiscal year 2570 on 22 Nov 2026: 1 Oct 2022 .. 22 Nov 2026, all 10 incidents.
- per month: Sep 2026 (FY 2569) fire 1 (incident 12, although it was contained in October);
  Nov 2026 fire, explosion, chemical_leak, flood, pm25_open_burning, cold_spell 1 each; Oct 2025
  flood 1, Nov 2025 flood 1, Mar 2026 drought 1 (all FY 2569); 50 months
- hours to contain / to close by type: fire [5] / [48], 1 still active; flood [24, 36, 120] ->
  median 36, p90 36 + 0.8 * 84 = 103.2 / [60, 120, 258] -> 120, 230.4; chemical_leak [4] / none;
  explosion none, 1 still active; drought [24] / [216]; cold_spell [6] / [131]; pm25 1 still active
- by severity: 1 [24, 24] / [60, 216] -> median 138, p90 200.4, 1 still active; 2 [5, 6, 120] ->
  6, 97.2 / [48, 131, 258] -> 131, 232.6; 3 [36] / [120], 1 still active; 4 [4] / none, 1 still active
- repeat provinces: 50 (3, latest 22 Nov 13:00), 11 (3, latest 22 Nov 09:30), 30 (2); factories: F1 (3)
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from tests import small_fixture as base
from tests.small_fixture import F

MOMENT = datetime(2026, 11, 22, 12, 0)
DAY = MOMENT.date()
F1_POINT = (13.59934, 100.59681)
ROWS = [
    (11, F[3], "50", "chemical_leak", 4, "contained", datetime(2026, 11, 21, 6), datetime(2026, 11, 21, 10), None),
    (12, F[1], "11", "fire", 2, "closed", datetime(2026, 9, 30, 22), datetime(2026, 10, 1, 3),
     datetime(2026, 10, 2, 22)),
    (13, None, "30", "flood", 1, "closed", datetime(2026, 11, 18), datetime(2026, 11, 19), datetime(2026, 11, 20, 12)),
    (14, None, "30", "flood", 3, "closed", datetime(2025, 10, 15), datetime(2025, 10, 16, 12), datetime(2025, 10, 20)),
    (15, F[1], "11", "explosion", 4, "active", datetime(2026, 11, 22, 9, 30), None, None),
    (16, None, "50", "pm25_open_burning", 1, "active", datetime(2026, 11, 22, 13), None, None),
    (17, None, "96", "cold_spell", 2, "closed", datetime(2026, 11, 10), datetime(2026, 11, 10, 6),
     datetime(2026, 11, 15, 11)),
]


def incident(emergency_id: int, factory_id: str | None, province: str, kind: str, severity: int, status: str,
             started: datetime, contained: datetime | None = None, closed: datetime | None = None) -> dict:
    """One row of the ``emergencies`` table."""
    return {"emergency_id": emergency_id, "factory_id": factory_id, "province_code": province, "type": kind,
            "severity": severity, "status": status, "started_at": started, "contained_at": contained,
            "closed_at": closed, "casualties": severity - 1, "summary": "ทดสอบ"}


def emergencies() -> pd.DataFrame:
    return pd.DataFrame([incident(*row) for row in ROWS])


def load(engine: sa.Engine) -> None:
    """The small fixture, F1's point and the incidents above."""
    base.load(engine)
    with engine.begin() as conn:
        conn.execute(schema.factories.update().where(schema.factories.c.factory_id == F[1])
                     .values(lat=F1_POINT[0], lon=F1_POINT[1], coord_precision="exact"))
        insert_dataframe(conn, schema.emergencies, emergencies())


def started_per_month(monthly: pd.DataFrame) -> dict[tuple[str, int, str], int]:
    """(``YYYY-MM``, fiscal year, type) -> incidents started, for the months and types with any."""
    rows = monthly[monthly["n"] > 0]
    return {(month.strftime("%Y-%m"), fy, kind): n for month, fy, kind, n in rows.itertuples(index=False)}


def insert(engine: sa.Engine, *rows: dict) -> None:
    """Log more incidents (rows of :func:`incident`), as the centre's system would while the app runs."""
    with engine.begin() as conn:
        insert_dataframe(conn, schema.emergencies, pd.DataFrame(list(rows)))
