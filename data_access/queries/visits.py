"""The visit list: the factories of a province an inspector should see, highest risk first, each
with the facts that put it on the list.

A factory is listed when at least one holds on the day (the caption of the list says the same):

1. it is risky and not yet inspected this fiscal year (the first directive);
2. its last inspection is more than ``INSPECTION_OVERDUE_DAYS`` old, or it was never inspected;
3. the follow-up date of an order to correct has passed and the order is still open;
4. a complaint about it is open that came in after its last inspection (a visit since would
   have seen to an older one);
5. it failed ``VISIT_REPEAT_NONCOMPLIANT`` inspections within ``RISK_NONCOMPLIANCE_YEARS`` and
   was not inspected in the last ``VISIT_RECENT_DAYS`` days.

A factory just inspected is therefore listed only for an overdue order or a newer complaint. The
facts come back as columns; the wording is the app's.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import complaints, districts, factories, factory_risk, inspections
from data_access.rules.conditions import complaint_open_on, non_compliant_within, operating_on
from data_access.rules.fiscal import Period
from data_access.rules.risk import top_factors

POINT_COLUMNS = [f"pts_{name}" for name in cfg.RISK_FACTORS]


def visit_list(conn: sa.Connection, code: str, period: Period, limit: int = cfg.VISIT_LIST_SIZE) -> pd.DataFrame:
    """Up to ``limit`` factories of province ``code`` worth a visit on ``period.day``, highest
    score first.

    Columns: factory id, name, district names, ``score``, ``band``, ``top_factors`` (the factors
    that weigh most, as "code,code"), ``last_inspected_on``, ``days_since_inspection`` (NaN: never),
    ``non_compliant``, ``overdue_orders`` with ``oldest_due``, ``open_complaints`` (those received
    after the last inspection), and the flags ``risky_not_inspected``, ``inspection_overdue`` and
    ``repeat_non_compliant``.
    """
    fy_start, day = period.start, period.day
    insp = _inspection_record(code, day)
    comp = _open_complaints_since_inspection(insp, day)
    f, r, d = factories.c, factory_risk.c, districts.c
    never_or_before = sa.or_(insp.c.last_inspected_on.is_(None), insp.c.last_inspected_on < fy_start)
    overdue = sa.or_(insp.c.last_inspected_on.is_(None),
                     insp.c.last_inspected_on < day - timedelta(days=cfg.INSPECTION_OVERDUE_DAYS))
    open_n = sa.func.coalesce(comp.c.open_complaints, 0)
    non_compliant = sa.func.coalesce(insp.c.non_compliant, 0)
    overdue_orders = sa.func.coalesce(insp.c.overdue_orders, 0)
    risky_not_inspected = sa.and_(r.is_risky, never_or_before)
    repeat_non_compliant = sa.and_(non_compliant >= cfg.VISIT_REPEAT_NONCOMPLIANT,
                                   insp.c.last_inspected_on < day - timedelta(days=cfg.VISIT_RECENT_DAYS))
    query = (
        sa.select(f.factory_id, f.name, d.name_th.label("district_th"), d.name_en.label("district_en"),
                  r.score, r.band, *(r[c] for c in POINT_COLUMNS), insp.c.last_inspected_on,
                  non_compliant.label("non_compliant"), overdue_orders.label("overdue_orders"),
                  insp.c.oldest_due, open_n.label("open_complaints"),
                  risky_not_inspected.label("risky_not_inspected"), overdue.label("inspection_overdue"),
                  repeat_non_compliant.label("repeat_non_compliant"))
        .select_from(factories.join(factory_risk, r.factory_id == f.factory_id)
                     .outerjoin(districts, d.code == f.district_code)
                     .outerjoin(insp, insp.c.factory_id == f.factory_id)
                     .outerjoin(comp, comp.c.factory_id == f.factory_id))
        .where(f.province_code == code, operating_on(day),
               sa.or_(risky_not_inspected, overdue, overdue_orders > 0, open_n > 0, repeat_non_compliant))
        .order_by(r.score.desc(), f.factory_id).limit(limit)
    )
    frame = read_frame(conn, query)
    frame["top_factors"] = top_factors(frame[POINT_COLUMNS])
    last = pd.to_datetime(frame["last_inspected_on"])
    frame["days_since_inspection"] = (pd.Timestamp(day) - last).dt.days
    for flag in ("risky_not_inspected", "inspection_overdue", "repeat_non_compliant"):
        frame[flag] = frame[flag].fillna(False).astype(bool)
    return frame.drop(columns=POINT_COLUMNS)


def _inspection_record(code: str, day: date) -> sa.Subquery:
    """Per factory of the province, up to ``day``: last inspection, recent non-compliant inspections, and orders
    to correct whose follow-up date has passed while they are still open."""
    i = inspections.c
    overdue_order = sa.and_(i.order_issued, i.follow_up_due < day,
                            sa.or_(i.order_closed_on.is_(None), i.order_closed_on > day))
    return (sa.select(i.factory_id, sa.func.max(i.inspected_on).label("last_inspected_on"),
                      sa.func.count().filter(non_compliant_within(day)).label("non_compliant"),
                      sa.func.count().filter(overdue_order).label("overdue_orders"),
                      sa.func.min(i.follow_up_due).filter(overdue_order).label("oldest_due"))
            .select_from(inspections.join(factories, factories.c.factory_id == i.factory_id))
            .where(factories.c.province_code == code, i.inspected_on <= day)
            .group_by(i.factory_id).subquery())


def _open_complaints_since_inspection(inspection_record: sa.Subquery, day: date) -> sa.Subquery:
    """Per factory: complaints open on ``day`` received after its last inspection (all of them
    for a factory never inspected)."""
    c, last = complaints.c, inspection_record.c.last_inspected_on
    return (sa.select(c.factory_id, sa.func.count().label("open_complaints"))
            .select_from(complaints.outerjoin(inspection_record, inspection_record.c.factory_id == c.factory_id))
            .where(c.factory_id.is_not(None), complaint_open_on(day), sa.or_(last.is_(None), c.received_on > last))
            .group_by(c.factory_id).subquery())
