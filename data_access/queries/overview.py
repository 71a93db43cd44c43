"""The national overview: the headline counts per province at a point in time.

One grouped query per count, joined on the province table, gives a frame that feeds the
choropleth and the ranked table; the national cards are its column sums (ratios recomputed, see
:mod:`data_access.rules.metrics`), so cards, map and table can never disagree.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import (
    HEADLINE_COUNTS, complaints, emergencies, factories, factory_risk, gi_certifications, headline_figures,
    i40_assessments, inspections, provinces,
)
from data_access.queries import per_province
from data_access.rules.conditions import complaint_open_on, emergency_active_on, gi_valid_on, operating_on
from data_access.rules.fiscal import Period, chosen_periods
from data_access.rules.metrics import HEADLINE, add_ratios, national_figures
from data_access.rules.scope import NATIONAL, Scope


def province_metrics(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Per province in ``scope``: the headline counts on ``period.day`` and the ratios of them;
    the counts the last load stored (:func:`refresh_figures`) when it stored ``period``'s.

    ``risky_inspected`` counts risky factories inspected since the start of the fiscal year.
    """
    stored = per_province.stored(conn, headline_figures, (period,), scope, tuple(HEADLINE_COUNTS))
    counts = stored.drop(columns="fiscal_year") if stored is not None else counted_metrics(conn, period, scope)
    return add_ratios(counts)


def counted_metrics(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """The headline counts of :func:`province_metrics`, counted from the tables."""
    return read_frame(conn, province_metrics_query(period, scope))


def refresh_figures(conn: sa.Connection, as_of: date | None) -> int:
    """Count the headline counts of every province for every period of :func:`chosen_periods`
    and store them in ``headline_figures``; returns the rows stored. Every load calls it inside
    its own transaction: a region or a fiscal year chosen then costs no count."""
    frames = [counted_metrics(conn, period, NATIONAL).assign(fiscal_year=period.fiscal_year, day=period.day)
              for period in (chosen_periods(as_of) if as_of is not None else ())]
    return per_province.store(conn, headline_figures, frames)


def province_metrics_query(period: Period, scope: Scope) -> sa.Select:
    """The single grouped query behind :func:`province_metrics` (the benchmark runs it raw too)."""
    day = period.day
    parts = {"operating": _operating(day), "risky": _risky(day), "risky_inspected": _risky_inspected(period),
             "open_complaints": _open_complaints(day), "active_emergencies": _active_emergencies(day),
             "gi_certified": _gi_certified(day), "i40_advanced": _i40_advanced(day)}
    p = provinces.c
    query = sa.select(p.code, p.name_th, p.name_en, p.region, p.inspection_region,
                      *(sa.func.coalesce(part.c.n, 0).label(name) for name, part in parts.items()))
    joined = provinces
    for part in parts.values():
        joined = joined.outerjoin(part, part.c.province_code == p.code)
    return query.select_from(joined).where(scope.province_condition(p.code)).order_by(p.code)


def kpis_with_change(now: pd.DataFrame, before: pd.DataFrame, codes: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """Each headline figure (or each metric of ``codes``) beside its value at the earlier point,
    from two frames of province figures such as :func:`province_metrics` gives (the page reads
    them for a period and :meth:`Period.previous` of it)."""
    current, previous = national_figures(now), national_figures(before)
    return pd.DataFrame([{"kpi": k, "value": current[k], "previous": previous[k]} for k in codes])


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


def _risky_inspected(period: Period) -> sa.Subquery:
    day = period.day
    inspected = (sa.select(inspections.c.factory_id)
                 .where(inspections.c.inspected_on >= period.start, inspections.c.inspected_on <= day))
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
