"""Adoption of the two ladders the ministry pushes factories up: Green Industry certification
(GI levels 1-5) and the ministry's Industry 4.0 self-assessment (levels 1.0-4.0, six dimension
scores on the same scale; never NSTDA's 0-6 index).

What the words mean, on a day ``D`` (a period's :attr:`~Period.day`) and in its fiscal-year window
(1 October to ``D``):

* the *stock* of certificates on ``D`` is every certificate issued by then since the programme
  began (the ministry's count: expired, revoked and superseded ones included);
* a certificate is *in force* on ``D`` when issued by then, neither expired nor revoked
  (:func:`gi_valid_on`), and its factory is operating (:func:`operating_on`); a factory is
  *certified* when it holds one, at the level of the highest it holds;
* *new* and *upgraded* certificates are issued in the window (:func:`gi_prior_level`: the same
  counts as the KPIs ``gi_new`` and ``gi_upgraded``); *revoked* ones were revoked in it;
  *expiring* ones are in force on ``D`` and expire within 6 or 12 months of it;
* a factory's i4.0 *standing* on ``D`` is its latest assessment up to ``D`` (operating factories
  only, as on the overview); a *mover* stands higher on ``D`` than it did on the eve of the
  fiscal year; *assessments* are those made in the window (the KPI ``i40_assessments``).

Several fiscal years are read in one query through a small table of windows (one row per
period), so five years of history cost one round trip. Every ``*_query`` function is the SQL of
the reader of the same name, which the benchmark runs raw.

The per-province figures, the GI flows and the GI stock of every period a page can ask for are
also counted by each load and stored (:func:`refresh_figures`): the readers take them from
there, and count live only what was not stored.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import (
    ADOPTION_COUNTS, GI_STOCK_COUNTS, adoption_figures, factories, gi_certifications, i40_assessments, inspections,
    kpi_targets, provinces,
)
from data_access.queries import per_province
from data_access.rules import adoption as rules
from data_access.rules.conditions import gi_prior_level, gi_valid_on, non_compliant_within, operating_on
from data_access.rules.fiscal import Period, chosen_periods, recent_fiscal_years
from data_access.rules.metrics import add_ratios, national_figures
from data_access.rules.scope import NATIONAL, Scope

g, a, f, p = gi_certifications.c, i40_assessments.c, factories.c, provinces.c
EXPIRY_COLUMNS = tuple(f"expiry_{months}m" for months in cfg.GI_EXPIRY_MONTHS)
PROVINCE_COUNTS = tuple(ADOPTION_COUNTS)
TARGET_COLUMNS = {"gi_target": cfg.ADOPTION_TARGETS["gi"], "i40_target": cfg.ADOPTION_TARGETS["i40"]}
FLOW_COLUMNS = ("new", "upgraded", "expired", "revoked")
PROFILE_KEYS = {
    "province": f.province_code, "region": p.region, "inspection_region": p.inspection_region,
    "category": f.category, "factory_type": f.factory_type,
}


def history_periods(period: Period) -> tuple[Period, ...]:
    """The ``TREND_FISCAL_YEARS`` fiscal years up to ``period``'s, oldest first, each read at its
    own point (a past year on its last day, the current one on the as-of date)."""
    return tuple(Period(period.fiscal_year - back, period.as_of) for back in range(cfg.TREND_FISCAL_YEARS - 1, -1, -1))


# --- per province -----------------------------------------------------------------------------

def province_adoption(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Per province in ``scope`` (code, names, regions): every count of ``PROVINCE_COUNTS`` on
    ``period``'s day and in its window, the provinces' own targets (``gi_target``: new plus
    upgraded; ``i40_target``: assessments; NaN without one), the straight-line projections to
    30 September and every ratio of :mod:`data_access.rules.metrics` these make."""
    return province_history(conn, (period,), scope)


def province_history(conn: sa.Connection, periods: Sequence[Period], scope: Scope) -> pd.DataFrame:
    """:func:`province_adoption` for several periods at once, with their ``fiscal_year``: from the
    figures the last load stored (:func:`refresh_figures`) when it stored every one of
    ``periods``, else counted from the tables."""
    frame = per_province.stored(conn, adoption_figures, periods, scope, (*PROVINCE_COUNTS, *TARGET_COLUMNS))
    if frame is None:
        frame = read_frame(conn, province_query(periods, scope))
    frame[list(PROVINCE_COUNTS)] = frame[list(PROVINCE_COUNTS)].fillna(0).astype("int64")
    elapsed = frame["fiscal_year"].map({period.fiscal_year: period.elapsed for period in periods})
    frame["gi_moves"] = frame["gi_new"] + frame["gi_upgraded"]
    frame["gi_projected"] = frame["gi_moves"] / elapsed
    frame["i40_projected"] = frame["i40_assessments"] / elapsed
    return add_ratios(frame)


def province_query(periods: Sequence[Period], scope: Scope) -> sa.Select:
    """The one grouped query behind :func:`province_history`: every province of ``scope`` for
    every window, with the counts that exist (NULL where none)."""
    w = windows(periods)
    parts = (_operating(w), _gi_held(w), _gi_flows(w), _i40_standing(w), _i40_made(w), _targets(w))
    names = [c for part in parts for c in part.c if c.name not in ("fiscal_year", "province_code")]
    joined = provinces.join(w, sa.true())
    for part in parts:
        joined = joined.outerjoin(part, sa.and_(part.c.fiscal_year == w.c.fiscal_year,
                                                part.c.province_code == p.code))
    return (sa.select(w.c.fiscal_year, p.code, p.name_th, p.name_en, p.region, p.inspection_region, *names)
            .select_from(joined).where(scope.province_condition(p.code)).order_by(w.c.fiscal_year, p.code))


# --- the figures every load stores -----------------------------------------------------------

def stored_periods(as_of: date) -> tuple[tuple[Period, ...], ...]:
    """The periods the adoption pages read on data of ``as_of``: :func:`chosen_periods` and the
    :func:`history_periods` of each, in groups of distinct fiscal years, as
    :func:`province_query` needs them."""
    years = sorted({read.fiscal_year for fiscal_year in recent_fiscal_years(as_of)
                    for read in history_periods(Period(fiscal_year, as_of))})
    points = tuple(Period(year, as_of) for year in years)
    read = {(period.fiscal_year, period.day) for period in points}
    before = tuple(period for period in chosen_periods(as_of) if (period.fiscal_year, period.day) not in read)
    return (points, before) if before else (points,)


def refresh_figures(conn: sa.Connection, as_of: date | None) -> int:
    """Count :func:`province_query` and the GI stock per level for every province and every
    period of :func:`stored_periods`, and store them in ``adoption_figures``; returns the rows
    stored.

    Every load calls it inside its own transaction, so the stored figures are always those of
    the tables. They make the adoption page's first view and a fiscal-year change cheap: counted
    live, five years of certificates and assessments take about a second on PostgreSQL."""
    frames, counts = [], [*PROVINCE_COUNTS, *GI_STOCK_COUNTS]
    for group in stored_periods(as_of) if as_of is not None else ():
        frame = read_frame(conn, province_query(group, NATIONAL)).rename(columns={"code": "province_code"})
        frame = frame.merge(_stock_by_province(conn, group), on=["fiscal_year", "province_code"], how="left")
        frame[counts] = frame[counts].fillna(0).astype("int64")
        frames.append(frame.assign(day=frame["fiscal_year"].map({period.fiscal_year: period.day for period in group})))
    return per_province.store(conn, adoption_figures, frames)


def _stock_by_province(conn: sa.Connection, periods: Sequence[Period]) -> pd.DataFrame:
    """:func:`gi_stock`'s counts per province, one column per level (``gi_issued_l1``...)."""
    w = windows(periods)
    counts = read_frame(conn, _gi_stock_counts(w, (w.c.fiscal_year, f.province_code)))
    wide = counts.pivot_table(index=["fiscal_year", "province_code"], columns="level",
                              values=["issued", "in_force"], aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["issued", "in_force"], cfg.GI_LEVELS]), fill_value=0)
    wide.columns = [f"gi_{name}_l{level}" for name, level in wide.columns]
    return wide.reset_index()


def of_year(history: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """The rows of one fiscal year of a :func:`province_history` frame."""
    return history[history["fiscal_year"] == fiscal_year].reset_index(drop=True)


def of_province(frame: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """The row of province ``code`` of a per-province frame (every row when ``None``)."""
    return frame if code is None else frame[frame["code"] == code]


def at_level(frame: pd.DataFrame, level: int | None) -> pd.DataFrame:
    """The factories of a list (movers, candidates) at ``level`` now (every one when ``None``)."""
    return frame if level is None else frame[frame["level"] == level].reset_index(drop=True)


def target_progress(provinces_frame: pd.DataFrame, targets: pd.DataFrame, period: Period,
                    codes: Sequence[str], kpis: Sequence[str]) -> pd.DataFrame:
    """Each of ``kpis`` (target codes such as ``gi_new``) for each area of ``codes`` (``'TH'``
    the nation, summed over ``provinces_frame``, which must then hold every province; or a
    province code) against its target in ``targets`` (:func:`kpi_values.targets_by_province`),
    with the pace of :func:`rules.with_pace`. Long: one row per area and KPI."""
    rows = []
    for code in codes:
        figures = (national_figures(provinces_frame) if code == cfg.NATIONAL_CODE
                   else provinces_frame.set_index("code").loc[code])
        for kpi in kpis:
            target = targets.at[code, kpi] if code in targets.index and kpi in targets.columns else None
            rows.append({"code": code, "kpi": kpi, "value": float(figures[kpi]),
                         "target": float("nan") if target is None or pd.isna(target) else float(target)})
    frame = pd.DataFrame(rows, columns=["code", "kpi", "value", "target"])
    return rules.with_pace(frame, period)


def windows(periods: Sequence[Period]) -> sa.Subquery:
    """One row per period: its fiscal year, first day, ``day`` and the expiry horizons.

    The values are written into the SQL (they are dates and years the app makes, never text
    from a user), so that the planner sees each window's dates as constants, as in the
    benchmark's raw SQL; the casts type the rows on both engines."""
    columns = [sa.column("fiscal_year", sa.Integer), sa.column("first_day", sa.Date), sa.column("day", sa.Date),
               *(sa.column(name, sa.Date) for name in EXPIRY_COLUMNS)]
    rows = [(period.fiscal_year, period.start, period.day,
             *(rules.months_after(period.day, months) for months in cfg.GI_EXPIRY_MONTHS)) for period in periods]
    values = sa.values(*columns, name="window_rows").data(
        [tuple(sa.literal(value, column.type, literal_execute=True) for value, column in zip(row, columns))
         for row in rows])
    return sa.select(*(sa.cast(c, c.type).label(c.name) for c in values.c)).subquery("windows")


def _operating(w: sa.Subquery) -> sa.Subquery:
    return (sa.select(w.c.fiscal_year, f.province_code, sa.func.count().label("operating"))
            .select_from(factories.join(w, operating_on(w.c.day))).group_by(w.c.fiscal_year, f.province_code)
            .subquery())


def _in_force(w: sa.Subquery) -> sa.FromClause:
    """Certificates in force on each window's day, of factories operating then."""
    return gi_certifications.join(factories, f.factory_id == g.factory_id).join(
        w, sa.and_(gi_valid_on(w.c.day), operating_on(w.c.day)))


def _gi_held(w: sa.Subquery) -> sa.Subquery:
    """Certified factories, those at ``GI_ADVANCED_LEVEL`` or above, certificates in force and
    those of them expiring within each horizon."""
    expiring = [sa.func.count().filter(g.expires_on <= w.c[column]).label(f"gi_expiring_{months}m")
                for column, months in zip(EXPIRY_COLUMNS, cfg.GI_EXPIRY_MONTHS)]
    held = (sa.select(w.c.fiscal_year, f.province_code, g.factory_id, sa.func.max(g.level).label("top"),
                      sa.func.count().label("n"), *expiring)
            .select_from(_in_force(w)).group_by(w.c.fiscal_year, f.province_code, g.factory_id).subquery())
    h = held.c
    return (sa.select(h.fiscal_year, h.province_code, sa.func.count().label("gi_certified"),
                      sa.func.count().filter(h.top >= cfg.GI_ADVANCED_LEVEL).label("gi_level3"),
                      sa.func.sum(h.n).label("gi_certificates"),
                      *(sa.func.sum(h[c.name]).label(c.name) for c in expiring))
            .group_by(h.fiscal_year, h.province_code).subquery())


def _certificate_events(w: sa.Subquery, grouping: Sequence[sa.ColumnElement], scope: Scope | None = None) -> sa.Select:
    """Certificates issued (new, upgraded), expired and revoked in each window, by ``grouping``."""
    ranked = sa.select(g.factory_id, g.level, g.certified_on, g.expires_on, g.revoked_on,
                       gi_prior_level().label("prior_level")).subquery()
    c = ranked.c
    issued = c.certified_on.between(w.c.first_day, w.c.day)
    revoked = c.revoked_on.between(w.c.first_day, w.c.day)
    expired = sa.and_(c.expires_on.between(w.c.first_day, w.c.day),
                      sa.or_(c.revoked_on.is_(None), c.revoked_on > c.expires_on))
    source = ranked.join(factories, f.factory_id == c.factory_id).join(w, sa.or_(issued, revoked, expired))
    query = (sa.select(*grouping,
                       sa.func.count().filter(sa.and_(issued, c.prior_level.is_(None))).label("new"),
                       sa.func.count().filter(sa.and_(issued, c.level > c.prior_level)).label("upgraded"),
                       sa.func.count().filter(expired).label("expired"),
                       sa.func.count().filter(revoked).label("revoked"))
             .select_from(source).group_by(*grouping))
    return query.where(scope.province_condition(f.province_code)) if scope is not None else query


def _gi_flows(w: sa.Subquery) -> sa.Subquery:
    events = _certificate_events(w, (w.c.fiscal_year, f.province_code)).subquery()
    e = events.c
    return sa.select(e.fiscal_year, e.province_code, e.new.label("gi_new"), e.upgraded.label("gi_upgraded"),
                     e.expired.label("gi_expired"), e.revoked.label("gi_revoked")).subquery()


def _latest(w: sa.Subquery, before_first_day: bool) -> sa.Subquery:
    """Each factory's latest assessment up to each window's day (or before its first day)."""
    within = a.assessed_on < w.c.first_day if before_first_day else a.assessed_on <= w.c.day
    order = sa.func.row_number().over(partition_by=(w.c.fiscal_year, a.factory_id),
                                      order_by=(a.assessed_on.desc(), a.assessment_id.desc()))
    ranked = (sa.select(w.c.fiscal_year, a.factory_id, a.assessed_on, a.level,
                        *(a[c] for c in rules.DIMENSION_COLUMNS), order.label("rn"))
              .select_from(i40_assessments.join(w, within)).subquery())
    return sa.select(*(c for c in ranked.c if c.name != "rn")).where(ranked.c.rn == 1).subquery()


def _standing(w: sa.Subquery) -> tuple[sa.Subquery, sa.Subquery, sa.FromClause]:
    """Latest assessments now and on the eve of each window, joined to their operating factory."""
    now, before = _latest(w, False), _latest(w, True)
    joined = (now.join(w, w.c.fiscal_year == now.c.fiscal_year)
              .join(factories, sa.and_(f.factory_id == now.c.factory_id, operating_on(w.c.day)))
              .outerjoin(before, sa.and_(before.c.fiscal_year == now.c.fiscal_year,
                                         before.c.factory_id == now.c.factory_id)))
    return now, before, joined


def _i40_standing(w: sa.Subquery) -> sa.Subquery:
    now, before, joined = _standing(w)
    return (sa.select(now.c.fiscal_year, f.province_code, sa.func.count().label("i40_assessed"),
                      sa.func.sum(now.c.level).label("i40_level_sum"),
                      sa.func.count().filter(now.c.level >= cfg.I40_ADVANCED_LEVEL).label("i40_advanced"),
                      sa.func.count().filter(now.c.level > before.c.level).label("i40_movers"))
            .select_from(joined).group_by(now.c.fiscal_year, f.province_code).subquery())


def _i40_made(w: sa.Subquery) -> sa.Subquery:
    return (sa.select(w.c.fiscal_year, f.province_code, sa.func.count().label("i40_assessments"))
            .select_from(i40_assessments.join(factories, f.factory_id == a.factory_id)
                         .join(w, a.assessed_on.between(w.c.first_day, w.c.day)))
            .group_by(w.c.fiscal_year, f.province_code).subquery())


def _targets(w: sa.Subquery) -> sa.Subquery:
    t = kpi_targets.c
    sums = [sa.func.sum(t.target_value).filter(t.kpi_code.in_(codes)).label(name)
            for name, codes in TARGET_COLUMNS.items()]
    return (sa.select(w.c.fiscal_year, t.province_code.label("province_code"), *sums)
            .select_from(kpi_targets.join(w, t.fiscal_year == w.c.fiscal_year))
            .group_by(w.c.fiscal_year, t.province_code).subquery())


# --- the ladders over five fiscal years ---------------------------------------------------------

def gi_stock(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Per level on the day of each of the five fiscal years up to ``period``'s: ``issued``, the
    certificates issued since the programme began (the ministry's "stock", expired, revoked and
    superseded ones included) and ``in_force`` (``fiscal_year``, ``level``; 0 where none); the
    sums of the stored figures of the scope's provinces when the last load stored them."""
    stored = per_province.stored(conn, adoption_figures, history_periods(period), scope, tuple(GI_STOCK_COUNTS))
    if stored is None:
        return read_frame(conn, gi_stock_query(period, scope))
    sums = stored.groupby("fiscal_year")[list(GI_STOCK_COUNTS)].sum()
    rows = [{"fiscal_year": year, "level": level, "issued": sums.at[year, f"gi_issued_l{level}"],
             "in_force": sums.at[year, f"gi_in_force_l{level}"]} for year in sums.index for level in cfg.GI_LEVELS]
    return pd.DataFrame(rows).astype({"issued": "int64", "in_force": "int64"})


def gi_stock_query(period: Period, scope: Scope) -> sa.Select:
    w = windows(history_periods(period))
    counts = _gi_stock_counts(w, (w.c.fiscal_year,), scope).subquery()
    return _every_year_and_level(w, cfg.GI_LEVELS, sa.Integer, counts)


def _gi_stock_counts(w: sa.Subquery, grouping: Sequence[sa.ColumnElement], scope: Scope | None = None) -> sa.Select:
    """Certificates issued up to each window's day and those in force then, per level and ``grouping``."""
    in_force = sa.and_(gi_valid_on(w.c.day), operating_on(w.c.day))
    query = (sa.select(*grouping, g.level, sa.func.count().label("issued"),
                       sa.func.count().filter(in_force).label("in_force"))
             .select_from(gi_certifications.join(factories, f.factory_id == g.factory_id)
                          .join(w, g.certified_on <= w.c.day))
             .group_by(*grouping, g.level))
    return query.where(scope.province_condition(f.province_code)) if scope is not None else query


def gi_flows(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Per fiscal year of the five: certificates ``new``, ``upgraded``, ``expired`` and
    ``revoked`` in its window (0 where none); the sums of the stored figures of the scope's
    provinces when the last load stored them (:func:`refresh_figures`)."""
    flows = tuple(f"gi_{name}" for name in FLOW_COLUMNS)
    stored = per_province.stored(conn, adoption_figures, history_periods(period), scope, flows)
    if stored is None:
        return read_frame(conn, gi_flows_query(period, scope))
    sums = stored.groupby("fiscal_year")[list(flows)].sum().astype("int64")
    return sums.rename(columns=lambda name: name.removeprefix("gi_")).reset_index()


def gi_flows_query(period: Period, scope: Scope) -> sa.Select:
    w = windows(history_periods(period))
    events = _certificate_events(w, (w.c.fiscal_year,), scope).subquery()
    return (sa.select(w.c.fiscal_year, *(sa.func.coalesce(events.c[c], 0).label(c) for c in FLOW_COLUMNS))
            .select_from(w.outerjoin(events, events.c.fiscal_year == w.c.fiscal_year)).order_by(w.c.fiscal_year))


def i40_levels(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Factories assessed in each of the five fiscal years and the level of their latest
    assessment of that year (``fiscal_year``, ``level``, ``factories``; 0 where none)."""
    return read_frame(conn, i40_levels_query(period, scope))


def i40_levels_query(period: Period, scope: Scope) -> sa.Select:
    w = windows(history_periods(period))
    order = sa.func.row_number().over(partition_by=(w.c.fiscal_year, a.factory_id),
                                      order_by=(a.assessed_on.desc(), a.assessment_id.desc()))
    ranked = (sa.select(w.c.fiscal_year, a.level, order.label("rn"))
              .select_from(i40_assessments.join(factories, f.factory_id == a.factory_id)
                           .join(w, a.assessed_on.between(w.c.first_day, w.c.day)))
              .where(scope.province_condition(f.province_code)).subquery())
    counts = (sa.select(ranked.c.fiscal_year, ranked.c.level, sa.func.count().label("factories"))
              .where(ranked.c.rn == 1).group_by(ranked.c.fiscal_year, ranked.c.level))
    return _every_year_and_level(w, cfg.I40_LEVELS, sa.Double, counts.subquery())


def _every_year_and_level(w: sa.Subquery, levels: Sequence, level_type: type, counts: sa.Subquery) -> sa.Select:
    """``counts`` (per ``fiscal_year`` and ``level``) for every window and every level, in that
    order, 0 where none."""
    grid = sa.values(sa.column("level", level_type), name="levels").data(
        [(sa.literal(level, level_type, literal_execute=True),) for level in levels])
    level = sa.cast(grid.c.level, level_type).label("level")
    numbers = [sa.func.coalesce(c, 0).label(c.name) for c in counts.c if c.name not in ("fiscal_year", "level")]
    return (sa.select(w.c.fiscal_year, level, *numbers)
            .select_from(w.join(grid, sa.true()).outerjoin(counts, sa.and_(counts.c.fiscal_year == w.c.fiscal_year,
                                                                           counts.c.level == grid.c.level)))
            .order_by(w.c.fiscal_year, grid.c.level))


# --- Industry 4.0 profile and movers ------------------------------------------------------------

def i40_profile(conn: sa.Connection, period: Period, scope: Scope, by: str) -> pd.DataFrame:
    """The i4.0 standing of the operating factories of ``scope`` on ``period``'s day, grouped by
    ``by`` (one of ``I40_GROUPINGS``): ``group_code`` (the code: province code, region, inspection
    region, class, factory type, TSIC section; NaN when unknown), ``name_th``/``name_en`` for
    provinces, ``assessed``, ``mean_level``, ``advanced`` (at 3.0 or above), ``advanced_pct``,
    the mean of each dimension score and the ``weakest`` dimension. The last row
    (``is_total``) is the whole scope; groups come in code order."""
    frame = read_frame(conn, i40_profile_query(period, scope, by))
    frame["is_total"] = frame["is_total"].astype(bool)
    frame["advanced_pct"] = (100.0 * frame["advanced"] / frame["assessed"].where(frame["assessed"] > 0)).round(2)
    frame["weakest"] = rules.weakest_dimension(frame)
    return frame


def i40_profile_query(period: Period, scope: Scope, by: str) -> sa.Select:
    w = windows((period,))
    now, _, joined = _standing(w)
    key = _tsic_section(f.tsic_code) if by == "tsic_section" else PROFILE_KEYS[by]
    if by in ("region", "inspection_region"):
        joined = joined.join(provinces, p.code == f.province_code)
    grouped = (sa.select(key.label("group_code"), sa.func.grouping(key).label("is_total"),
                         sa.func.count().label("assessed"), sa.func.avg(now.c.level).label("mean_level"),
                         sa.func.count().filter(now.c.level >= cfg.I40_ADVANCED_LEVEL).label("advanced"),
                         *(sa.func.avg(now.c[c]).label(c) for c in rules.DIMENSION_COLUMNS))
               .select_from(joined).where(scope.province_condition(f.province_code))
               .group_by(sa.func.rollup(key)).subquery())
    order = (grouped.c.is_total, grouped.c.group_code.nulls_last())
    if by != "province":
        return sa.select(grouped, sa.null().label("name_th"), sa.null().label("name_en")).order_by(*order)
    return (sa.select(grouped, p.name_th, p.name_en)
            .select_from(grouped.outerjoin(provinces, p.code == grouped.c.group_code)).order_by(*order))


def _tsic_section(code: sa.ColumnElement) -> sa.ColumnElement:
    """The TSIC section letter of a TSIC code, from its first two digits (NULL when they match
    no section)."""
    division = sa.func.substr(code, 1, 2)
    return sa.case(*((division.between(f"{first:02d}", f"{last:02d}"), letter)
                     for first, last, letter in cfg.TSIC_SECTIONS), else_=sa.null())


def i40_movers(conn: sa.Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Operating factories of ``scope`` that stand higher on ``period``'s day than on the eve of
    its fiscal year: id, name, province (code and names), ``previous_level`` and its date,
    ``level`` and its date; highest level first."""
    return read_frame(conn, i40_movers_query(period, scope))


def i40_movers_query(period: Period, scope: Scope) -> sa.Select:
    w = windows((period,))
    now, before, joined = _standing(w)
    return (sa.select(f.factory_id, f.name, f.province_code, p.name_th.label("province_th"),
                      p.name_en.label("province_en"), before.c.level.label("previous_level"),
                      before.c.assessed_on.label("previous_on"), now.c.level, now.c.assessed_on)
            .select_from(joined.join(provinces, p.code == f.province_code))
            .where(now.c.level > before.c.level, scope.province_condition(f.province_code))
            .order_by(now.c.level.desc(), f.province_code, f.factory_id))


# --- candidates to move up --------------------------------------------------------------------

def candidates(conn: sa.Connection, period: Period, scope: Scope, ladder: str) -> pd.DataFrame:
    """Operating factories of ``scope`` likely to move up ``ladder`` next (``"gi"`` or ``"i40"``),
    each with the reason (:mod:`data_access.rules.adoption`), on ``period``'s day."""
    return rules.candidates(read_frame(conn, candidate_facts_query(period, scope, ladder)), period.day, ladder)


def candidate_facts_query(period: Period, scope: Scope, ladder: str) -> sa.Select:
    """Per operating factory of ``scope`` on the ladder (holding a GI certificate in force, or
    assessed): its GI level and since when it holds it, its inspection record over the
    ``RISK_NONCOMPLIANCE_YEARS`` up to the day, and its latest i4.0 level and scores."""
    w = windows((period,))
    gi, standing = _gi_level_since(w), _latest(w, False)
    on_ladder = gi if ladder == "gi" else standing
    among = (sa.select(f.factory_id).select_from(on_ladder.join(factories, f.factory_id == on_ladder.c.factory_id))
             .where(scope.province_condition(f.province_code)))
    record = _inspection_record(period, among)
    joined = (factories.join(provinces, p.code == f.province_code)
              .join(on_ladder, on_ladder.c.factory_id == f.factory_id))
    for part in (gi, standing):
        if part is not on_ladder:
            joined = joined.outerjoin(part, part.c.factory_id == f.factory_id)
    return (sa.select(f.factory_id, f.name, f.province_code, p.name_th.label("province_th"),
                      p.name_en.label("province_en"), gi.c.gi_level, gi.c.gi_since,
                      *(sa.func.coalesce(record.c[c], 0).label(c) for c in ("inspections", "non_compliant",
                                                                           "open_orders")),
                      record.c.last_inspected_on, standing.c.level.label("i40_level"),
                      *(standing.c[c] for c in rules.DIMENSION_COLUMNS))
            .select_from(joined.outerjoin(record, record.c.factory_id == f.factory_id))
            .where(operating_on(period.day), scope.province_condition(f.province_code)))


def _gi_level_since(w: sa.Subquery) -> sa.Subquery:
    """Per factory: its highest level in force on the day and the earliest issue date among its
    certificates in force at that level (held since then)."""
    top = sa.func.max(g.level).over(partition_by=g.factory_id)
    held = sa.select(g.factory_id, g.level, g.certified_on, top.label("top")).select_from(_in_force(w)).subquery()
    h = held.c
    return (sa.select(h.factory_id, sa.func.max(h.level).label("gi_level"),
                      sa.func.min(h.certified_on).filter(h.level == h.top).label("gi_since"))
            .group_by(h.factory_id).subquery())


def _inspection_record(period: Period, among: sa.Select) -> sa.Subquery:
    """Per factory of ``among`` (a select of factory ids): inspections and non-compliant ones in
    the window of :func:`non_compliant_within`, orders to correct open on the day, and the last
    inspection."""
    i, day = inspections.c, period.day
    since = day - timedelta(days=365 * cfg.RISK_NONCOMPLIANCE_YEARS)
    open_order = sa.and_(i.order_issued, sa.or_(i.order_closed_on.is_(None), i.order_closed_on > day))
    return (sa.select(i.factory_id, sa.func.count().filter(i.inspected_on > since).label("inspections"),
                      sa.func.count().filter(non_compliant_within(day)).label("non_compliant"),
                      sa.func.count().filter(open_order).label("open_orders"),
                      sa.func.max(i.inspected_on).label("last_inspected_on"))
            .where(i.inspected_on <= day, i.factory_id.in_(among)).group_by(i.factory_id).subquery())


# --- the province page's section -------------------------------------------------------------

@dataclass(frozen=True)
class AdoptionSummary:
    """One province's adoption figures (its row of :func:`province_adoption`) and its targets'
    progress (:func:`target_progress`)."""

    figures: pd.Series
    progress: pd.DataFrame


def summary_of(provinces_frame: pd.DataFrame, targets: pd.DataFrame, code: str, period: Period) -> AdoptionSummary:
    """What the province page shows of adoption for province ``code``, from the national
    :func:`province_adoption` and :func:`kpi_values.targets_by_province` of ``period`` (the adoption page
    reads the same two, and a province then costs no query of its own)."""
    kpis = [kpi for ladder in cfg.LADDERS for kpi in cfg.ADOPTION_TARGETS[ladder]]
    progress = target_progress(provinces_frame, targets, period, [code], kpis)
    return AdoptionSummary(provinces_frame.set_index("code").loc[code], progress)
