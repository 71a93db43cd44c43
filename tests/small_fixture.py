"""A hand-made database small enough to compute every answer by hand.

As of 22 Nov 2026 (fiscal year 2570, started 1 Oct 2026); "last year" is 22 Nov 2025.
Factories (the expected figures in the tests are worked out from this table):

| id | prov | status      | registered  | closed     | type | attributes                   | hp   | workers |
|----|------|-------------|-------------|------------|------|------------------------------|------|---------|
| F1 | 11   | operating   | 2010-01-01  |            | 101  | all five                     | 6000 | 1200    |
| F2 | 11   | operating   | 2015-01-01  |            | 9    | wastewater                   | 50   | 50      |
| F3 | 50   | operating   | 2020-01-01  |            | 105  | air emission, hazardous waste| 500  | 100     |
| F4 | 10   | struck_off  | 2000-01-01  | 2026-03-01 | 3    | none                         | 100  | 20      |
| F5 | 50   | operating   | 2026-01-10  |            | 106  | wastewater, air emission     | 50   | 50      |
| F6 | 11   | not_started | 2026-09-01  |            | 3    | none                         |      |         |
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from data_access.queries.risk_scores import refresh_factory_risk
from data_access.reference import district_table, province_table

AS_OF = date(2026, 11, 22)
LAST_YEAR = date(2025, 11, 22)
F = {n: f"10{code}0000000{n}" for n, code in
     ((1, "11"), (2, "11"), (3, "50"), (4, "10"), (5, "50"), (6, "11"))}

ATTRS = ("has_wastewater", "has_air_emission", "has_hazardous_substance", "has_hazardous_waste", "has_boiler")


def _factory(n: int, province: str, district: str, status: str, registered: date, closed: date | None,
             ftype: int, attrs: tuple[str, ...], hp: float | None, workers: int | None) -> dict:
    return {
        "factory_id": F[n], "display_reg": f"จ3-{ftype}-{n}/50", "name": f"บริษัท ทดสอบ {n} จำกัด",
        "province_code": province, "district_code": district, "lat": None, "lon": None,
        "coord_precision": None, "category": 3, "factory_type": ftype, "tsic_code": None,
        "capital_thb": 1e6, "workers": workers, "horsepower": hp, "status": status,
        "registered_on": registered, "closed_on": closed, "in_estate": False, "in_latest_feed": True,
        **{a: a in attrs for a in ATTRS},
    }


def factories() -> pd.DataFrame:
    return pd.DataFrame([
        _factory(1, "11", "1101", "operating", date(2010, 1, 1), None, 101, ATTRS, 6000, 1200),
        _factory(2, "11", "1102", "operating", date(2015, 1, 1), None, 9, ("has_wastewater",), 50, 50),
        _factory(3, "50", "5001", "operating", date(2020, 1, 1), None, 105,
                 ("has_air_emission", "has_hazardous_waste"), 500, 100),
        _factory(4, "10", "1001", "struck_off", date(2000, 1, 1), date(2026, 3, 1), 3, (), 100, 20),
        _factory(5, "50", "5002", "operating", date(2026, 1, 10), None, 106,
                 ("has_wastewater", "has_air_emission"), 50, 50),
        _factory(6, "11", "1103", "not_started", date(2026, 9, 1), None, 3, (), None, None),
    ])


def inspections() -> pd.DataFrame:
    rows = [
        (1, F[1], date(2026, 10, 15), "compliant", False, None, None),
        (2, F[1], date(2025, 3, 1), "non_compliant", True, date(2025, 4, 1), date(2025, 5, 1)),
        (3, F[3], date(2024, 12, 1), "non_compliant", True, date(2025, 1, 15), None),
        (4, F[5], date(2026, 10, 20), "compliant", False, None, None),
    ]
    return pd.DataFrame([
        {"inspection_id": i, "factory_id": fid, "inspected_on": day, "inspector_kind": "officer", "result": result,
         "findings": None if result == "compliant" else "น้ำเสียเกินมาตรฐาน", "order_issued": order,
         "follow_up_due": due, "order_closed_on": closed}
        for i, fid, day, result, order, due, closed in rows
    ])


def complaints() -> pd.DataFrame:
    rows = [
        (1, F[1], "11", date(2026, 6, 1), "resolved", date(2026, 6, 20)),
        (2, F[1], "11", date(2026, 11, 1), "open", None),
        (3, None, "50", date(2025, 11, 1), "resolved", date(2025, 12, 15)),
        (4, None, "10", date(2024, 1, 1), "open", None),
    ]
    return pd.DataFrame([
        {"complaint_id": i, "factory_id": fid, "province_code": p, "received_on": day, "channel": "hotline_1569",
         "topic": "odour", "status": status, "resolved_on": resolved}
        for i, fid, p, day, status, resolved in rows
    ])


def emergencies() -> pd.DataFrame:
    rows = [
        (1, F[1], "11", "fire", 3, "active", datetime(2026, 11, 20, 8), None, None),
        (2, None, "50", "flood", 2, "closed", datetime(2025, 11, 20, 6), datetime(2025, 11, 25, 6),
         datetime(2025, 12, 1)),
        (3, None, "10", "drought", 1, "closed", datetime(2026, 3, 1), datetime(2026, 3, 2), datetime(2026, 3, 10)),
    ]
    return pd.DataFrame([
        {"emergency_id": i, "factory_id": fid, "province_code": p, "type": kind, "severity": sev, "status": status,
         "started_at": start, "contained_at": contained, "closed_at": closed, "casualties": 0, "summary": "ทดสอบ"}
        for i, fid, p, kind, sev, status, start, contained, closed in rows
    ])


def gi_certifications() -> pd.DataFrame:
    rows = [
        (1, F[1], 2, date(2023, 1, 1), date(2026, 1, 1), None),
        (2, F[1], 3, date(2026, 2, 1), date(2029, 2, 1), None),
        (3, F[2], 1, date(2024, 5, 1), None, date(2026, 8, 1)),
        (4, F[5], 1, date(2026, 5, 1), None, None),
    ]
    return pd.DataFrame([
        {"certificate_id": i, "factory_id": fid, "level": level, "certified_on": on, "expires_on": exp,
         "revoked_on": rev}
        for i, fid, level, on, exp, rev in rows
    ])


def i40_assessments() -> pd.DataFrame:
    rows = [(1, F[1], date(2024, 6, 1), 2.0), (2, F[1], date(2026, 7, 1), 3.0),
            (3, F[3], date(2025, 1, 1), 3.0), (4, F[3], date(2026, 9, 1), 2.0)]
    return pd.DataFrame([{"assessment_id": i, "factory_id": fid, "assessed_on": on, "level": level}
                         for i, fid, on, level in rows])


def load_log() -> pd.DataFrame:
    return pd.DataFrame([{"load_id": 1, "kind": "demo", "source": "small fixture", "rows_accepted": 25,
                          "rows_rejected": 0, "started_at": datetime(2026, 11, 22, 7),
                          "finished_at": datetime(2026, 11, 22, 7, 1), "loaded_by": "test", "as_of": AS_OF}])


def nonzero_by_code(frame: pd.DataFrame, column: str) -> dict:
    """Province code -> value of ``column`` for the provinces where it is set and not zero."""
    return {code: value for code, value in zip(frame["code"], frame[column]) if value and not pd.isna(value)}


def row_of(frame: pd.DataFrame, code: str) -> dict:
    """The figures of province ``code`` in a frame with one row per province."""
    return frame.set_index("code").loc[code].to_dict()


def assert_figures(actual: dict, expected: dict, tolerance: float | None = None) -> None:
    """Every expected key equal (NaN equals NaN; floats approximately, within ``tolerance`` if given)."""
    for key, want in expected.items():
        got = actual[key]
        if isinstance(want, float) and pd.isna(want):
            assert pd.isna(got), (key, got)
        else:
            assert got == pytest.approx(want, abs=tolerance), (key, got, want)


def load(engine: sa.Engine) -> None:
    """Fill an empty schema with the fixture and score the factories at ``AS_OF``."""
    provinces = province_table().drop(columns=["operating_factories_2026"])
    frames = {
        schema.provinces: provinces, schema.districts: district_table(), schema.factories: factories(),
        schema.inspections: inspections(), schema.complaints: complaints(), schema.emergencies: emergencies(),
        schema.gi_certifications: gi_certifications(), schema.i40_assessments: i40_assessments(),
        schema.load_log: load_log(),
    }
    with engine.begin() as conn:
        for table, frame in frames.items():
            insert_dataframe(conn, table, frame)
        refresh_factory_risk(conn, AS_OF)
