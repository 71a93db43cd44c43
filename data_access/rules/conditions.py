"""Point-in-time conditions shared by the query modules: what "operating", "open", "active",
"certified", "new or upgraded" and "non-compliant lately" mean on a given day. Each is a SQLAlchemy condition so
that it composes into any query and means the same everywhere.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.schema import complaints, emergencies, factories, gi_certifications, inspections


def end_of(day: date) -> datetime:
    """The first moment after ``day``: timestamps strictly before it fall on or before ``day``."""
    return datetime.combine(day + timedelta(days=1), time())


def operating_on(day: date) -> sa.ColumnElement[bool]:
    """Factories that were operating on ``day``: registered by then and not yet closed.

    A factory struck off or stopped without a closing date counts as closed on every day.
    """
    f = factories.c
    return sa.and_(
        f.status != cfg.STATUS_NOT_STARTED,
        sa.or_(f.registered_on.is_(None), f.registered_on <= day),
        sa.or_(sa.and_(f.closed_on.is_(None), f.status == cfg.STATUS_OPERATING), f.closed_on > day),
    )


def complaint_open_on(day: date) -> sa.ColumnElement[bool]:
    """Complaints received by ``day`` and not resolved by then."""
    c = complaints.c
    return sa.and_(c.received_on <= day, sa.or_(c.resolved_on.is_(None), c.resolved_on > day))


def emergency_active_on(day: date) -> sa.ColumnElement[bool]:
    """Emergencies started by the end of ``day`` and not contained by then."""
    e = emergencies.c
    moment = end_of(day)
    return sa.and_(e.started_at < moment, sa.or_(e.contained_at.is_(None), e.contained_at >= moment),
                   sa.or_(e.closed_at.is_(None), e.closed_at >= moment))


def gi_valid_on(day: date) -> sa.ColumnElement[bool]:
    """GI certificates issued by ``day``, neither expired nor revoked then."""
    g = gi_certifications.c
    return sa.and_(g.certified_on <= day, sa.or_(g.expires_on.is_(None), g.expires_on > day),
                   sa.or_(g.revoked_on.is_(None), g.revoked_on > day))


def gi_prior_level() -> sa.ColumnElement:
    """Over each factory's certificates in issue order: the highest level it was certified at
    before this certificate (NULL for its first). A certificate is *new* when this is NULL and an
    *upgrade* when its level is above it: the KPIs and the adoption page count with this one
    definition."""
    g = gi_certifications.c
    return sa.func.max(g.level).over(partition_by=g.factory_id, order_by=(g.certified_on, g.certificate_id),
                                     rows=(None, -1))


def non_compliant_within(day: date) -> sa.ColumnElement[bool]:
    """Non-compliant inspections of the ``RISK_NONCOMPLIANCE_YEARS`` (of 365 days) up to ``day``:
    after the day that many years before it, up to and including ``day``. The risk score and the
    visit list count repeated non-compliance with this one window."""
    i = inspections.c
    since = day - timedelta(days=365 * cfg.RISK_NONCOMPLIANCE_YEARS)
    return sa.and_(i.result == "non_compliant", i.inspected_on > since, i.inspected_on <= day)
