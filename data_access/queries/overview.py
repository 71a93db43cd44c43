"""The national overview: seven headline figures per province at a point in time.

One grouped query per figure, joined on the province table, gives a frame that feeds the
choropleth and the ranked table; the national KPI cards are its column sums, so cards, map and
table can never disagree.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.schema import (
    complaints,
    emergencies,
    factories,
    factory_risk,
    gi_certifications,
    i40_assessments,
    inspections,
    provinces,
)
from data_access.rules.conditions import complaint_open_on, emergency_active_on, gi_valid_on, operating_on
from data_access.rules.fiscal import fiscal_year_bounds, fiscal_year_of
from data_access.rules.scope import Scope

# The overview's KPI cards, in display order.
KPI_CARDS = ("operating", "risky", "risky_inspected_pct", "open_complaints", "active_emergencies",
             "gi_certified", "i40_advanced")
COUNT_COLUMNS = ("operating", "risky", "risky_inspected", "open_complaints", "active_emergencies",
                 "gi_certified", "i40_advanced")


def province_metrics(conn: sa.Connection, day: date, scope: Scope) -> pd.DataFrame:
    """Per province in ``scope``: the headline counts on ``day`` and the derived shares.

    ``risky_inspected`` counts risky factories inspected since the start of the fiscal year that
    contains ``day``.
    """
    return add_shares(pd.read_sql(province_metrics_query(day, scope), conn))


def province_metrics_query(day: date, scope: Scope) -> sa.Select:
    """The single grouped query behind :func:`province_metrics` (the benchmark runs it raw too)."""
    fy_start, _ = fiscal_year_bounds(fiscal_year_of(day))
    parts = [
        _operating(day), _risky(day), _risky_inspected(day, fy_start), _open_complaints(day),
        _active_emergencies(day), _gi_certified(day), _i40_advanced(day),
    ]
    p = provinces.c
    query = sa.select(p.code, p.name_th, p.name_en, p.region, p.inspection_region,
                      *(sa.func.coalesce(part.c.n, 0).label(name) for name, part in zip(COUNT_COLUMNS, parts)))
    joined = provinces
    for part in parts:
        joined = joined.outerjoin(part, part.c.province_code == p.code)
    return query.select_from(joined).where(scope.province_condition(p.code)).order_by(p.code)


def add_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Derived columns: risky factories per 1,000 and the share of risky factories inspected."""
    frame = frame.copy()
    frame["risky_per_1000"] = _ratio(frame["risky"] * 1000, frame["operating"])
    frame["risky_inspected_pct"] = _ratio(frame["risky_inspected"] * 100, frame["risky"])
    return frame


def national_kpis(metrics: pd.DataFrame) -> dict[str, float | None]:
    """The KPI cards' figures: sums of the province counts, shares recomputed from the sums."""
    totals = {name: float(metrics[name].sum()) for name in COUNT_COLUMNS}
    totals["risky_inspected_pct"] = totals["risky_inspected"] * 100 / totals["risky"] if totals["risky"] else None
    return totals


def kpis_with_change(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Each headline KPI beside its value at the earlier point, from two :func:`province_metrics`
    frames (the page reads them for a day and :func:`fiscal.same_point_last_year` of it)."""
    current, previous = national_kpis(now), national_kpis(before)
    return pd.DataFrame([{"kpi": k, "value": current[k], "previous": previous[k]} for k in KPI_CARDS])


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (numerator / denominator.where(denominator > 0)).astype(float).round(2)


def _count_by_province(column: sa.ColumnElement, *conditions: sa.ColumnElement[bool],
                       distinct: sa.ColumnElement | None = None, source=None) -> sa.Subquery:
    n = sa.func.count(sa.distinct(distinct)) if distinct is not None else sa.func.count()
    query = sa.select(column.label("province_code"), n.label("n")).where(*conditions).group_by(column)
    return (query.select_from(source) if source is not None else query).subquery()


def _operating(day: date) -> sa.Subquery:
    return _count_by_province(factories.c.province_code, operating_on(day))


def _risky_join():
    return factories.join(factory_risk, factory_risk.c.factory_id == factories.c.factory_id)


def _risky(day: date) -> sa.Subquery:
    return _count_by_province(factories.c.province_code, operating_on(day), factory_risk.c.is_risky,
                              source=_risky_join())


def _risky_inspected(day: date, fy_start: date) -> sa.Subquery:
    inspected = (sa.select(inspections.c.factory_id)
                 .where(inspections.c.inspected_on >= fy_start, inspections.c.inspected_on <= day))
    return _count_by_province(factories.c.province_code, operating_on(day), factory_risk.c.is_risky,
                              factories.c.factory_id.in_(inspected), source=_risky_join())


def _open_complaints(day: date) -> sa.Subquery:
    return _count_by_province(complaints.c.province_code, complaint_open_on(day))


def _active_emergencies(day: date) -> sa.Subquery:
    return _count_by_province(emergencies.c.province_code, emergency_active_on(day))


def _gi_certified(day: date) -> sa.Subquery:
    source = gi_certifications.join(factories, factories.c.factory_id == gi_certifications.c.factory_id)
    return _count_by_province(factories.c.province_code, gi_valid_on(day), operating_on(day),
                              distinct=gi_certifications.c.factory_id, source=source)


def _i40_advanced(day: date) -> sa.Subquery:
    a = i40_assessments.c
    latest = (sa.select(a.factory_id, sa.func.max(a.assessed_on).label("assessed_on"))
              .where(a.assessed_on <= day).group_by(a.factory_id).subquery())
    source = (latest.join(i40_assessments, sa.and_(a.factory_id == latest.c.factory_id,
                                                   a.assessed_on == latest.c.assessed_on))
              .join(factories, factories.c.factory_id == latest.c.factory_id))
    return _count_by_province(factories.c.province_code, a.level >= cfg.I40_ADVANCED_LEVEL, operating_on(day),
                              distinct=latest.c.factory_id, source=source)
