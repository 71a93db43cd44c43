"""The stored risk scores: each factory's features counted from the tables at an as-of date, and
the refresh that scores them (:mod:`data_access.rules.risk`) and writes ``factory_risk``. The demo
generator and the importer call :func:`refresh_factory_risk` inside their own transaction, so the
dashboards never see new rows with old scores.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame, replace_rows
from data_access.db.schema import complaints, emergencies, factories, factory_risk, inspections
from data_access.rules.conditions import non_compliant_within
from data_access.rules.risk import score_factories


# The columns of ``factories`` a score reads: a registry load that changes none of them in a
# stored factory leaves its score as it is.
RISK_FACTORY_COLUMNS = ("factory_type", "has_wastewater", "has_air_emission", "has_hazardous_substance",
                        "has_hazardous_waste", "has_boiler", "horsepower", "workers", "status")


def risk_features(conn: sa.Connection, as_of: date, only: sa.Select | None = None) -> pd.DataFrame:
    """The features of every factory that is not struck off, counted at ``as_of``; of the
    factories ``only`` selects (their ids), when given."""
    em_since = datetime.combine(as_of - timedelta(days=365 * cfg.RISK_EMERGENCY_YEARS), time())
    insp = (
        sa.select(
            inspections.c.factory_id,
            sa.func.max(inspections.c.inspected_on).label("last_inspected_on"),
            sa.func.count().filter(non_compliant_within(as_of)).label("non_compliant_count"),
            sa.func.count().filter(sa.and_(inspections.c.order_issued,
                                           inspections.c.order_closed_on.is_(None))).label("open_orders"),
        ).where(inspections.c.inspected_on <= as_of, _among(inspections.c.factory_id, only))
        .group_by(inspections.c.factory_id).subquery()
    )
    comp = (
        sa.select(complaints.c.factory_id, sa.func.count().label("complaints_12m"))
        .where(complaints.c.received_on > as_of - timedelta(days=cfg.RISK_COMPLAINT_DAYS),
               complaints.c.received_on <= as_of, complaints.c.factory_id.is_not(None),
               _among(complaints.c.factory_id, only))
        .group_by(complaints.c.factory_id).subquery()
    )
    emer = (
        sa.select(emergencies.c.factory_id, sa.func.count().label("emergencies_3y"))
        .where(emergencies.c.started_at >= em_since, emergencies.c.factory_id.is_not(None),
               _among(emergencies.c.factory_id, only))
        .group_by(emergencies.c.factory_id).subquery()
    )
    f = factories.c
    query = (
        sa.select(
            f.factory_id, *(f[name] for name in RISK_FACTORY_COLUMNS if name != "status"), insp.c.last_inspected_on,
            sa.func.coalesce(insp.c.non_compliant_count, 0).label("non_compliant_count"),
            sa.func.coalesce(insp.c.open_orders, 0).label("open_orders"),
            sa.func.coalesce(comp.c.complaints_12m, 0).label("complaints_12m"),
            sa.func.coalesce(emer.c.emergencies_3y, 0).label("emergencies_3y"),
        )
        .select_from(factories.outerjoin(insp, insp.c.factory_id == f.factory_id)
                     .outerjoin(comp, comp.c.factory_id == f.factory_id)
                     .outerjoin(emer, emer.c.factory_id == f.factory_id))
        .where(f.status != cfg.STATUS_STRUCK_OFF, _among(f.factory_id, only))
    )
    frame = read_frame(conn, query)
    last = pd.to_datetime(frame["last_inspected_on"])
    frame["days_since_inspection"] = (pd.Timestamp(as_of) - last).dt.days
    return frame


def _among(column: sa.ColumnElement, only: sa.Select | None) -> sa.ColumnElement[bool]:
    return sa.true() if only is None else column.in_(only)


def refresh_factory_risk(conn: sa.Connection, as_of: date, only: sa.Select | None = None) -> int:
    """Recompute and store every factory's score at ``as_of`` (only the scores of the factories
    ``only`` selects, when given: a registry load touches a share of them); returns the number
    scored.

    Only the scores that changed are written: a newer export changes a few percent of them."""
    features = risk_features(conn, as_of, only)
    scored = score_factories(features)
    stored = scored.rename(columns={name: f"pts_{name}" for name in cfg.RISK_FACTORS})
    stored.insert(0, "factory_id", features["factory_id"])
    stored["last_inspected_on"] = pd.to_datetime(features["last_inspected_on"]).dt.date
    stored["computed_on"] = as_of
    return replace_rows(conn, factory_risk, stored, within=only)
