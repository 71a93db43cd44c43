"""Repeated non-compliance is counted over one window by the risk score and the visit list alike:
the ``RISK_NONCOMPLIANCE_YEARS`` x 365 days up to and including the day, so an inspection exactly
that many days before it is out, and one a day later is in. On both engines."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from data_access import settings as cfg
from data_access.db import schema
from data_access.db.bulk import insert_dataframe
from data_access.queries.risk_scores import refresh_factory_risk, risk_features
from data_access.queries.visits import visit_list
from data_access.reference import district_table, province_table
from data_access.rules.fiscal import Period
from tests.small_fixture import factories

DAY = date(2026, 11, 22)
WINDOW = timedelta(days=365 * cfg.RISK_NONCOMPLIANCE_YEARS)
F2 = factories().iloc[[1]]  # an operating factory of Samut Prakan


def _inspection(number: int, on: date) -> dict:
    return {"inspection_id": number, "factory_id": F2["factory_id"].iloc[0], "inspected_on": on,
            "inspector_kind": "officer", "result": "non_compliant", "findings": None, "order_issued": False,
            "follow_up_due": None, "order_closed_on": None}


def _load(engine, days_before: list[timedelta]) -> None:
    with engine.begin() as conn:
        insert_dataframe(conn, schema.provinces, province_table().drop(columns=["operating_factories_2026"]))
        insert_dataframe(conn, schema.districts, district_table())
        insert_dataframe(conn, schema.factories, F2)
        insert_dataframe(conn, schema.inspections,
                         pd.DataFrame([_inspection(i, DAY - gap) for i, gap in enumerate(days_before, 1)]))
        refresh_factory_risk(conn, DAY)


def _counts(engine) -> tuple[int, int]:
    """Non-compliant inspections as the risk score counts them, and as the visit list does."""
    with engine.connect() as conn:
        features = risk_features(conn, DAY)
        visits = visit_list(conn, "11", Period.at(DAY))
    return int(features["non_compliant_count"].iloc[0]), int(visits["non_compliant"].iloc[0])


def test_the_boundary_day_is_outside_the_window(engine):
    # 500 days ago, and exactly on the window's edge: one inside, one out.
    _load(engine, [timedelta(days=500), WINDOW])
    assert _counts(engine) == (1, 1)


def test_the_day_after_the_boundary_is_inside(engine):
    _load(engine, [timedelta(days=500), WINDOW - timedelta(days=1)])
    assert _counts(engine) == (2, 2)
