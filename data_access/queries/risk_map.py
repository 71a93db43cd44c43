"""The risk map: where the risky factories are, which provinces are behind on them, and what is
known about any one factory.

"Risky" is always ``factory_risk.is_risky`` (docs/risk-model.md); this module only counts,
filters and aggregates it. Province figures extend :func:`overview.province_metrics`, so the
risky counts on the overview and on the risk map are the same numbers. Factory-level answers are
point-in-time like everything else: operating, inspected, open and certified *on* the given day.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import h3
import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import (
    complaints, districts, emergencies, factories, factory_risk, gi_certifications, i40_assessments, inspections,
    provinces,
)
from data_access.queries.overview import province_metrics
from data_access.rules.conditions import complaint_open_on, emergency_active_on, end_of, gi_valid_on, operating_on
from data_access.rules.fiscal import Period
from data_access.rules.risk import band_of, top_factors
from data_access.rules.scope import NATIONAL, Scope

POINT_COLUMNS = ("factory_id", "display_reg", "name", "factory_type", "category", "province_code", "province_th",
                 "province_en", "district_code", "district_th", "district_en", "lat", "lon", "score", "band",
                 "top_factors", "last_inspected_on", "open_complaints")
PTS_COLUMNS = tuple(f"pts_{name}" for name in cfg.RISK_FACTORS)


@dataclass(frozen=True)
class FactoryFilter:
    """Which operating factories the map and the table show. Empty tuples mean "any".

    ``factors`` matches a factory that earns points from at least one of them (the directive's
    "wastewater, air pollution or other environmental risk" is an "or").
    """

    scope: Scope = NATIONAL
    bands: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()
    categories: tuple[int, ...] = ()
    factory_types: tuple[int, ...] = ()
    overdue_only: bool = False
    open_complaints_only: bool = False


@dataclass(frozen=True)
class FactoryFacts:
    """Who and where a factory is, and its stored score."""

    factory_id: str
    display_reg: str | None
    name: str
    factory_type: int | None
    category: int | None
    status: str
    workers: int | None
    horsepower: float | None
    province_th: str
    province_en: str
    district_th: str | None
    district_en: str | None
    score: float
    band: str
    is_risky: bool
    computed_on: date

    def province(self, lang: str) -> str:
        return self.province_th if lang == "th" else self.province_en

    def district(self, lang: str) -> str | None:
        return self.district_th if lang == "th" else self.district_en


@dataclass(frozen=True)
class FactoryCard:
    """Everything the factory card shows, read at one day."""

    factory: FactoryFacts
    points: pd.DataFrame            # factor, points, weight; largest contribution first
    inspections: pd.DataFrame = field(repr=False)
    complaints: pd.DataFrame = field(repr=False)
    emergencies: pd.DataFrame = field(repr=False)
    gi: dict | None = None          # latest valid certificate: level, certified_on, expires_on
    i40: dict | None = None         # latest assessment: level, assessed_on


# --- (a) province metrics ----------------------------------------------------------------------

def province_risk_metrics(conn: sa.Connection, period: Period, scope: Scope,
                          flt: FactoryFilter | None = None) -> pd.DataFrame:
    """The overview's province figures plus those only the risk map needs: risky factories not
    inspected in the last ``INSPECTION_OVERDUE_DAYS`` (or never), open complaints against risky
    factories and, given the page's filter, ``matching``: the factories of each province that pass
    it (its province left aside, so the map compares every province of ``scope`` on the same
    filter, and agrees with the factory map)."""
    scored = _scored_on(conn, period.day)
    extra = read_frame(conn, _risky_extras_query(period.day, scope, scored))
    frame = province_metrics(conn, period, scope).merge(extra, on="code", how="left")
    if flt is not None:
        matching = read_frame(conn, _matching_by_province_query(period.day, replace(flt, scope=scope), scored))
        frame = frame.merge(matching, on="code", how="left").fillna({"matching": 0})
        frame["matching"] = frame["matching"].astype("int64")
    return frame


def _matching_by_province_query(day: date, flt: FactoryFilter, scored: bool) -> sa.Select:
    matching = _matching_query(day, flt, scored).order_by(None).subquery()
    return (sa.select(matching.c.province_code.label("code"), sa.func.count().label("matching"))
            .group_by(matching.c.province_code))


def _risky_extras_query(day: date, scope: Scope, scored: bool) -> sa.Select:
    f, r, p = factories.c, factory_risk.c, provinces.c
    risky = factories.join(factory_risk, r.factory_id == f.factory_id)
    overdue = (sa.select(f.province_code, sa.func.count().label("n")).select_from(risky)
               .where(operating_on(day), r.is_risky, _overdue(day, scored)).group_by(f.province_code).subquery())
    against = (sa.select(f.province_code, sa.func.count().label("n"))
               .select_from(complaints.join(risky, f.factory_id == complaints.c.factory_id))
               .where(complaint_open_on(day), operating_on(day), r.is_risky).group_by(f.province_code).subquery())
    return (sa.select(p.code, sa.func.coalesce(overdue.c.n, 0).label("risky_overdue"),
                      sa.func.coalesce(against.c.n, 0).label("risky_open_complaints"))
            .select_from(provinces.outerjoin(overdue, overdue.c.province_code == p.code)
                         .outerjoin(against, against.c.province_code == p.code))
            .where(scope.province_condition(p.code)))


def _scored_on(conn: sa.Connection, day: date) -> bool:
    """Whether every stored score is of ``day``: then ``factory_risk.last_inspected_on`` is each
    factory's latest inspection up to ``day``, read as it is instead of from a million inspections.
    A load rescores every factory as of its own day, so this holds for the current fiscal year."""
    r = factory_risk.c
    return not conn.execute(sa.select(sa.literal(1)).where(r.computed_on != day).limit(1)).first()


def _last_inspected(day: date, scored: bool) -> tuple[sa.ColumnElement, sa.Subquery | None]:
    """The latest inspection up to ``day`` per factory, and the subquery to join it from (none
    when the scores of ``day`` hold it: see :func:`_scored_on`)."""
    if scored:
        return factory_risk.c.last_inspected_on, None
    i = inspections.c
    last = (sa.select(i.factory_id, sa.func.max(i.inspected_on).label("last_inspected_on"))
            .where(i.inspected_on <= day).group_by(i.factory_id).subquery())
    return last.c.last_inspected_on, last


def _overdue(day: date, scored: bool) -> sa.ColumnElement[bool]:
    """No inspection in the ``INSPECTION_OVERDUE_DAYS`` up to ``day`` (never inspected included).

    From the scores of ``day`` where they hold the latest inspection; else ``NOT EXISTS``, not
    ``NOT IN``: PostgreSQL turns the first into an anti-join, but cannot hash a quarter of a
    million ids for the second in its default ``work_mem`` and rescans them per row."""
    since = day - timedelta(days=cfg.INSPECTION_OVERDUE_DAYS)
    if scored:
        last = factory_risk.c.last_inspected_on
        return sa.or_(last.is_(None), last <= since)
    i = inspections.c
    return ~sa.exists().where(i.factory_id == factories.c.factory_id, i.inspected_on > since, i.inspected_on <= day)


# --- (b) matching factories --------------------------------------------------------------------

@dataclass(frozen=True)
class MatchingCounts:
    """How many factories :func:`matching_factories` holds, how many of them have coordinates and
    how many are risky."""

    matching: int
    located: int
    risky: int


def matching_counts(conn: sa.Connection, day: date, flt: FactoryFilter) -> MatchingCounts:
    """The counts of the factories that pass ``flt`` on ``day``, without their rows: a national
    filter matches tens of thousands (20 MB of rows for the low band added), of which the page
    shows the first ones, and their hexagons rather than their points."""
    m = _matching_query(day, flt, _scored_on(conn, day)).order_by(None).subquery().c
    located = sa.and_(m.lat.is_not(None), m.lon.is_not(None))
    row = conn.execute(sa.select(sa.func.count(), sa.func.count().filter(located),
                                 sa.func.count().filter(m.band.in_(cfg.RISKY_BANDS)))).one()
    return MatchingCounts(*(int(value) for value in row))


def matching_factories(conn: sa.Connection, day: date, flt: FactoryFilter, limit: int | None = None) -> pd.DataFrame:
    """Operating factories that pass ``flt`` on ``day``, highest score first (the first ``limit``
    only, when given), with the columns the map and the table show (``POINT_COLUMNS``);
    coordinates rounded for the browser."""
    frame = read_frame(conn, _matching_query(day, flt, _scored_on(conn, day)).limit(limit))
    frame["top_factors"] = top_factors(frame[list(PTS_COLUMNS)])
    frame[["lat", "lon"]] = _rounded_points(frame)
    frame["last_inspected_on"] = pd.to_datetime(frame["last_inspected_on"]).dt.date
    return frame[list(POINT_COLUMNS)]


def _rounded_points(frame: pd.DataFrame) -> pd.DataFrame:
    """Coordinates rounded as the browser gets them (the hexagons are counted from the same)."""
    return frame[["lat", "lon"]].astype(float).round(cfg.RISK_MAP_DECIMALS)


def _matching_query(day: date, flt: FactoryFilter, scored: bool) -> sa.Select:
    f, r, c = factories.c, factory_risk.c, complaints.c
    last_inspected_on, last = _last_inspected(day, scored)
    open_now = (sa.select(c.factory_id, sa.func.count().label("n"))
                .where(complaint_open_on(day), c.factory_id.is_not(None)).group_by(c.factory_id).subquery())
    conditions = [operating_on(day), flt.scope.province_condition(f.province_code)]
    if flt.bands:
        conditions.append(r.band.in_(flt.bands))
    if flt.factors:
        conditions.append(sa.or_(*(r[f"pts_{name}"] > 0 for name in flt.factors)))
    if flt.categories:
        conditions.append(f.category.in_(flt.categories))
    if flt.factory_types:
        conditions.append(f.factory_type.in_(flt.factory_types))
    if flt.overdue_only:
        conditions.append(_overdue(day, scored))
    if flt.open_complaints_only:
        conditions.append(open_now.c.n > 0)
    source = (factories.join(factory_risk, r.factory_id == f.factory_id)
              .join(provinces, provinces.c.code == f.province_code)
              .outerjoin(districts, districts.c.code == f.district_code)
              .outerjoin(open_now, open_now.c.factory_id == f.factory_id))
    if last is not None:
        source = source.outerjoin(last, last.c.factory_id == f.factory_id)
    return (sa.select(f.factory_id, f.display_reg, f.name, f.factory_type, f.category, f.province_code,
                      provinces.c.name_th.label("province_th"), provinces.c.name_en.label("province_en"),
                      f.district_code, districts.c.name_th.label("district_th"),
                      districts.c.name_en.label("district_en"), f.lat, f.lon, r.score, r.band,
                      *(r[name] for name in PTS_COLUMNS), last_inspected_on.label("last_inspected_on"),
                      sa.func.coalesce(open_now.c.n, 0).label("open_complaints"))
            .select_from(source).where(*conditions).order_by(r.score.desc(), f.factory_id))


# --- (c) national aggregation ------------------------------------------------------------------

def factory_cells(conn: sa.Connection, day: date, flt: FactoryFilter,
                  resolution: int = cfg.RISK_HEX_RESOLUTION) -> pd.DataFrame:
    """The factories of :func:`matching_factories` that have coordinates, counted per H3 cell:
    ``cell``, ``n``, ``risky``, ``max_score`` and ``max_band`` (the band of the worst factory).
    Only the columns the cells need are read: a national filter matches tens of thousands."""
    matching = _matching_query(day, flt, _scored_on(conn, day)).order_by(None).subquery()
    m = matching.c
    frame = read_frame(conn, sa.select(m.factory_id, m.lat, m.lon, m.score, m.band))
    frame[["lat", "lon"]] = _rounded_points(frame)
    return cells_of(frame, resolution)


def cells_of(frame: pd.DataFrame, resolution: int) -> pd.DataFrame:
    """Aggregate factories with ``lat``/``lon``/``score``/``band`` into H3 cells."""
    located = frame.dropna(subset=["lat", "lon"])
    cells = [h3.latlng_to_cell(lat, lon, resolution) for lat, lon in zip(located["lat"], located["lon"])]
    grouped = (located.assign(cell=cells, risky=located["band"].isin(cfg.RISKY_BANDS))
               .groupby("cell", sort=True)
               .agg(n=("factory_id", "size"), risky=("risky", "sum"), max_score=("score", "max"))
               .reset_index())
    grouped["risky"] = grouped["risky"].astype(int)
    grouped["max_band"] = grouped["max_score"].map(band_of).astype(object)
    return grouped


# --- (d) one factory ---------------------------------------------------------------------------

def factory_card(conn: sa.Connection, factory_id: str, day: date) -> FactoryCard | None:
    """What the card shows for one factory at ``day``, or ``None`` for an unknown or unscored id."""
    f, r, d, p = factories.c, factory_risk.c, districts.c, provinces.c
    row = conn.execute(
        sa.select(f.factory_id, f.display_reg, f.name, f.factory_type, f.category, f.status, f.workers,
                  f.horsepower, p.name_th.label("province_th"), p.name_en.label("province_en"),
                  d.name_th.label("district_th"), d.name_en.label("district_en"), r.score, r.band, r.is_risky,
                  r.computed_on, *(r[name] for name in PTS_COLUMNS))
        .select_from(factories.join(factory_risk, r.factory_id == f.factory_id)
                     .join(provinces, p.code == f.province_code).outerjoin(districts, d.code == f.district_code))
        .where(f.factory_id == factory_id)
    ).mappings().first()
    if row is None:
        return None
    facts = dict(row)
    points = pd.DataFrame({"factor": cfg.RISK_FACTORS, "points": [float(facts.pop(c)) for c in PTS_COLUMNS],
                           "weight": [float(cfg.RISK_WEIGHTS[n]) for n in cfg.RISK_FACTORS]})
    return FactoryCard(
        factory=FactoryFacts(**facts),
        points=points.sort_values("points", ascending=False, kind="stable", ignore_index=True),
        inspections=_card_inspections(conn, factory_id, day),
        complaints=_card_complaints(conn, factory_id, day),
        emergencies=_card_emergencies(conn, factory_id, day),
        gi=_latest(conn, sa.select(gi_certifications.c.level, gi_certifications.c.certified_on,
                                   gi_certifications.c.expires_on)
                   .where(gi_certifications.c.factory_id == factory_id, gi_valid_on(day))
                   .order_by(gi_certifications.c.certified_on.desc(), gi_certifications.c.level.desc())),
        i40=_latest(conn, sa.select(i40_assessments.c.level, i40_assessments.c.assessed_on)
                    .where(i40_assessments.c.factory_id == factory_id, i40_assessments.c.assessed_on <= day)
                    .order_by(i40_assessments.c.assessed_on.desc())),
    )


def _card_inspections(conn: sa.Connection, factory_id: str, day: date) -> pd.DataFrame:
    i = inspections.c
    query = (sa.select(i.inspected_on, i.inspector_kind, i.result, i.findings, i.order_issued, i.follow_up_due,
                       sa.case((i.order_closed_on <= day, i.order_closed_on)).label("order_closed_on"))
             .where(i.factory_id == factory_id, i.inspected_on <= day)
             .order_by(i.inspected_on.desc(), i.inspection_id.desc()).limit(cfg.RISK_CARD_INSPECTIONS))
    return read_frame(conn, query)


def _card_complaints(conn: sa.Connection, factory_id: str, day: date) -> pd.DataFrame:
    """No complainant is named anywhere in the schema: only what, when, how and the outcome."""
    c = complaints.c
    query = (sa.select(c.received_on, c.channel, c.topic, complaint_open_on(day).label("is_open"),
                       sa.case((c.resolved_on <= day, c.resolved_on)).label("resolved_on"))
             .where(c.factory_id == factory_id, c.received_on <= day)
             .order_by(c.received_on.desc(), c.complaint_id.desc()).limit(cfg.RISK_CARD_EVENTS))
    return read_frame(conn, query)


def _card_emergencies(conn: sa.Connection, factory_id: str, day: date) -> pd.DataFrame:
    e = emergencies.c
    query = (sa.select(e.started_at, e.type, e.severity, emergency_active_on(day).label("is_active"),
                       e.casualties, e.summary)
             .where(e.factory_id == factory_id, e.started_at < end_of(day))
             .order_by(e.started_at.desc(), e.emergency_id.desc()).limit(cfg.RISK_CARD_EVENTS))
    return read_frame(conn, query)


def _latest(conn: sa.Connection, query: sa.Select) -> dict | None:
    row = conn.execute(query.limit(1)).mappings().first()
    return dict(row) if row is not None else None
