"""One province as an inspector-general prepares to visit it: who covers it, how its inspections,
complaints and emergencies moved month by month, where its risky factories are, and what is open.

Every function reads one province at one day and returns a DataFrame (or a
:class:`ProvinceHeader`), so the page and the PDF brief show the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import (
    complaints, districts, emergencies, factories, factory_risk, inspections, inspectors_general, provinces,
)
from data_access.rules.conditions import complaint_open_on, emergency_active_on, end_of, operating_on
from data_access.rules.fiscal import Period, fiscal_year_bounds, fiscal_year_of

TREND_SERIES = ("inspections", "complaints", "emergencies")


@dataclass(frozen=True)
class ProvinceHeader:
    """Who and where a province is: names, regions and the inspector-general in office."""

    code: str
    name_th: str
    name_en: str
    region: str
    region_nesdb: str
    inspection_region: int
    inspector_th: str | None = None
    inspector_en: str | None = None
    inspector_since: date | None = None

    @property
    def is_bangkok(self) -> bool:
        """Bangkok's factories are supervised by DIW, not by a Provincial Industry Office."""
        return self.code == cfg.BANGKOK_CODE

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def inspector(self, lang: str) -> str | None:
        return self.inspector_th if lang == "th" else self.inspector_en


def province_header(conn: sa.Connection, code: str, day: date) -> ProvinceHeader | None:
    """Names, regions and the inspector-general in office on ``day`` (the assignment of the
    province's inspection region with the latest ``effective_from`` not after it); ``None`` for
    an unknown code."""
    p, ig = provinces.c, inspectors_general.c
    row = conn.execute(sa.select(p.code, p.name_th, p.name_en, p.region, p.region_nesdb, p.inspection_region)
                       .where(p.code == code)).mappings().first()
    if row is None:
        return None
    region = int(row["inspection_region"])
    inspector = conn.execute(sa.select(ig.name_th, ig.name_en, ig.effective_from)
                             .where(ig.inspection_region == region, ig.effective_from <= day)
                             .order_by(ig.effective_from.desc()).limit(1)).first()
    names = dict(zip(("inspector_th", "inspector_en", "inspector_since"), inspector)) if inspector else {}
    return ProvinceHeader(**{**row, "inspection_region": region}, **names)


def region_provinces(conn: sa.Connection, inspection_region: int) -> list[str]:
    """The province codes of an inspection region, in code order."""
    p = provinces.c
    query = sa.select(p.code).where(p.inspection_region == inspection_region).order_by(p.code)
    return list(conn.execute(query).scalars())


def monthly_trends(conn: sa.Connection, code: str, period: Period) -> pd.DataFrame:
    """Inspections, complaints received and emergencies started per month, over the
    ``TREND_FISCAL_YEARS`` fiscal years up to ``period``'s and up to its day.

    One row per month (``month`` = its first day, ``fiscal_year`` in BE), months without events
    as 0, so a quiet month shows as a dip rather than a gap; ``complete`` is false for the month
    of the period's day when the day is not its last (its counts are of part of a month).
    """
    first, _ = fiscal_year_bounds(period.fiscal_year - cfg.TREND_FISCAL_YEARS + 1)
    day = period.day
    i, c, e = inspections.c, complaints.c, emergencies.c
    parts = [
        sa.select(sa.literal("inspections").label("series"), i.inspected_on.label("on"))
        .select_from(inspections.join(factories, factories.c.factory_id == i.factory_id))
        .where(factories.c.province_code == code, i.inspected_on.between(first, day)),
        sa.select(sa.literal("complaints").label("series"), c.received_on.label("on"))
        .where(c.province_code == code, c.received_on.between(first, day)),
        sa.select(sa.literal("emergencies").label("series"), sa.cast(e.started_at, sa.Date).label("on"))
        .where(e.province_code == code, e.started_at >= datetime.combine(first, datetime.min.time()),
               e.started_at < end_of(day)),
    ]
    events = sa.union_all(*parts).subquery()
    month = sa.func.date_trunc("month", events.c.on)
    query = sa.select(events.c.series, month.label("month"), sa.func.count().label("n")).group_by(
        events.c.series, month)
    counts = read_frame(conn, query)
    months = pd.date_range(pd.Timestamp(first), pd.Timestamp(day), freq="MS")
    counts["month"] = pd.to_datetime(counts["month"]).dt.tz_localize(None)
    wide = (counts.pivot_table(index="month", columns="series", values="n", aggfunc="sum")
            .reindex(index=months, columns=list(TREND_SERIES)).fillna(0).astype("int64"))
    wide.index.name = "month"
    frame = wide.reset_index()
    frame["fiscal_year"] = [fiscal_year_of(m.date()) for m in frame["month"]]
    frame["complete"] = frame["month"] + pd.offsets.MonthEnd(0) <= pd.Timestamp(day)
    return frame


def district_risk(conn: sa.Connection, code: str, day: date) -> pd.DataFrame:
    """Every district of the province with its operating and risky factories on ``day``."""
    d, f, r = districts.c, factories.c, factory_risk.c
    counts = (sa.select(f.district_code, sa.func.count().label("operating"),
                        sa.func.count().filter(r.is_risky).label("risky"))
              .select_from(factories.outerjoin(factory_risk, r.factory_id == f.factory_id))
              .where(f.province_code == code, operating_on(day)).group_by(f.district_code).subquery())
    query = (sa.select(d.code, d.name_th, d.name_en,
                       sa.func.coalesce(counts.c.operating, 0).label("operating"),
                       sa.func.coalesce(counts.c.risky, 0).label("risky"))
             .select_from(districts.outerjoin(counts, counts.c.district_code == d.code))
             .where(d.province_code == code).order_by(d.code))
    return read_frame(conn, query)


def factory_points(conn: sa.Connection, code: str, day: date, limit: int | None = None) -> pd.DataFrame:
    """The province's operating factories that have a coordinate, with their risk band: the
    ``limit`` (default ``DISTRICT_MAP_MAX_POINTS``) highest scores of them, lowest first (the
    riskiest are drawn on top), and in ``located`` how many have a coordinate in all; only the
    columns a map draws, coordinates rounded as for every map sent to the browser."""
    f, r = factories.c, factory_risk.c
    query = (sa.select(f.factory_id, f.name, f.lat, f.lon, r.score, r.band, r.is_risky,
                       sa.func.count().over().label("located"))
             .select_from(factories.outerjoin(factory_risk, r.factory_id == f.factory_id))
             .where(f.province_code == code, operating_on(day), f.lat.is_not(None), f.lon.is_not(None))
             .order_by(r.score.desc().nulls_last(), f.factory_id.desc())
             .limit(cfg.DISTRICT_MAP_MAX_POINTS if limit is None else limit))
    frame = read_frame(conn, query).round({"lat": cfg.RISK_MAP_DECIMALS, "lon": cfg.RISK_MAP_DECIMALS})
    return frame.iloc[::-1].reset_index(drop=True)


def open_complaints(conn: sa.Connection, code: str, day: date) -> pd.DataFrame:
    """Complaints of the province open on ``day``, oldest first. Only what the complaint is
    about: no complainant is stored, and none is shown."""
    c, f, d = complaints.c, factories.c, districts.c
    query = (sa.select(c.complaint_id, c.received_on, c.channel, c.topic, c.status,
                       f.name.label("factory_name"), d.name_th.label("district_th"),
                       d.name_en.label("district_en"))
             .select_from(complaints.outerjoin(factories, f.factory_id == c.factory_id)
                          .outerjoin(districts, d.code == f.district_code))
             .where(c.province_code == code, complaint_open_on(day))
             .order_by(c.received_on, c.complaint_id))
    frame = read_frame(conn, query)
    frame["days_open"] = (pd.Timestamp(day) - pd.to_datetime(frame["received_on"])).dt.days
    return frame


def province_emergencies(conn: sa.Connection, code: str, day: date) -> pd.DataFrame:
    """Emergencies active on ``day`` and those started in the ``RECENT_EMERGENCY_DAYS`` before
    it, active first, then newest first; ``hours_to_contain`` for those contained by then."""
    e, f = emergencies.c, factories.c
    moment = end_of(day)
    recent = datetime.combine(day - timedelta(days=cfg.RECENT_EMERGENCY_DAYS), datetime.min.time())
    active = emergency_active_on(day)
    query = (sa.select(e.emergency_id, e.type, e.severity, e.started_at, e.contained_at, e.closed_at,
                       e.casualties, e.summary, f.name.label("factory_name"), active.label("active"))
             .select_from(emergencies.outerjoin(factories, f.factory_id == e.factory_id))
             .where(e.province_code == code, e.started_at < moment, sa.or_(active, e.started_at >= recent))
             .order_by(active.desc(), e.started_at.desc(), e.emergency_id))
    frame = read_frame(conn, query)
    frame["active"] = frame["active"].astype(bool)
    contained = pd.to_datetime(frame["contained_at"])
    hours = (contained - pd.to_datetime(frame["started_at"])).dt.total_seconds() / 3600
    frame["hours_to_contain"] = hours.where(contained < pd.Timestamp(moment)).round(1)
    return frame
