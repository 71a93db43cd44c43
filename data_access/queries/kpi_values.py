"""Every KPI of :mod:`data_access.rules.kpis` per province and for the nation, with targets, traffic
lights, last year's value and ranks: the one table the scorecard, the comparison and the brief
read.

One grouped query (``GROUP BY ROLLUP`` gives the national row, so national medians are true
medians, not medians of medians) plus the overview's own risky-factory counts, so that the
share of risky factories inspected is the same number on every page. A fiscal year's window runs
from its first day to the period's day; "last year" is :meth:`Period.previous`.
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import (
    complaints, emergencies, factories, gi_certifications, i40_assessments, kpi_figures, kpi_targets,
    program_participation, provinces,
)
from data_access.queries import per_province
from data_access.queries.overview import counted_metrics
from data_access.rules.conditions import end_of, gi_prior_level
from data_access.rules.fiscal import Period, chosen_periods
from data_access.rules.kpis import (
    KPI_ORDER, KPIS, SPECS, TARGET_CODES, achievement_pct, missing, ranking_value, traffic_light,
)
from data_access.rules.scope import NATIONAL

PROGRAM_KPIS = {spec.program: spec.code for spec in KPIS if spec.program}
# Counted columns: the count KPIs and the resolved complaints behind the share resolved.
COUNTS = (*(spec.code for spec in KPIS if spec.unit == "count"), "complaints_resolved")
META_COLUMNS = ("code", "name_th", "name_en", "region", "inspection_region")
OFFICES_EXCLUDED = (cfg.BANGKOK_CODE, cfg.NATIONAL_CODE)


def kpi_table(conn: sa.Connection, period: Period) -> pd.DataFrame:
    """Long table, one row per province (and 'TH') and KPI: ``value``, ``target``,
    ``achievement`` (%), ``light``, ``previous`` (same point of the previous fiscal year),
    ``rank`` among the provincial offices and ``ranked_of``; plus the province's names and regions.
    """
    now, before = kpi_values(conn, period), kpi_values(conn, period.previous())
    return assemble(now, before, targets_by_province(conn, period.fiscal_year), period.elapsed)


def kpi_values(conn: sa.Connection, period: Period) -> pd.DataFrame:
    """Wide table: one row per province and one for the nation ('TH'), one column per KPI; the
    values the last load stored (:func:`refresh_figures`) when it stored ``period``'s."""
    stored = _stored(conn, period)
    return stored if stored is not None else _counted(conn, period)


def refresh_figures(conn: sa.Connection, as_of: date | None) -> int:
    """Count :func:`kpi_values` for every period of :func:`chosen_periods` and store them in
    ``kpi_figures``; returns the rows stored. Every load calls it inside its own transaction:
    counted live, a fiscal year's values take a quarter to half a second, twice for the
    scorecard (this year and the same point last year)."""
    frames = [_counted(conn, period).melt(id_vars="code", value_vars=list(KPI_ORDER), var_name="kpi_code")
              .assign(fiscal_year=period.fiscal_year, day=period.day)
              for period in (chosen_periods(as_of) if as_of is not None else ())]
    return per_province.store(conn, kpi_figures, frames)


def _stored(conn: sa.Connection, period: Period) -> pd.DataFrame | None:
    """:func:`kpi_values` of ``period`` from ``kpi_figures``, or ``None`` unless every KPI of it
    is stored."""
    k, p = kpi_figures.c, provinces.c
    rows = read_frame(conn, sa.select(k.province_code, k.kpi_code, k.value)
                      .where(k.fiscal_year == period.fiscal_year, k.day == period.day))
    if set(rows["kpi_code"]) != set(KPI_ORDER):
        return None
    wide = rows.pivot(index="province_code", columns="kpi_code", values="value").reindex(columns=list(KPI_ORDER))
    names = read_frame(conn, sa.select(p.code, p.name_th, p.name_en, p.region, p.inspection_region))
    frame = names.merge(wide.rename_axis("code").reset_index(), on="code", how="right")
    counts = [c for c in COUNTS if c in frame.columns]
    frame[counts] = frame[counts].astype("int64")
    return frame[[*META_COLUMNS, *KPI_ORDER]]


def _counted(conn: sa.Connection, period: Period) -> pd.DataFrame:
    """:func:`kpi_values` counted from the tables."""
    start, day = period.start, period.day
    metrics = counted_metrics(conn, period, NATIONAL)
    national = {"code": cfg.NATIONAL_CODE, "risky": metrics["risky"].sum(),
                "risky_inspected": metrics["risky_inspected"].sum()}
    frame = pd.concat([metrics[[*META_COLUMNS, "risky", "risky_inspected"]], pd.DataFrame([national])],
                      ignore_index=True)
    frame["risky_inspected_pct"] = _pct(frame["risky_inspected"], frame["risky"])
    parts = [read_frame(conn, query).set_index("province_code")
             for query in (_complaints(start, day), _programs(period.fiscal_year, day), _gi(start, day),
                           _i40(start, day), _emergencies(start, day))]
    frame = frame.join(pd.concat(parts, axis=1), on="code")
    counts = [c for c in COUNTS if c in frame.columns]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    frame["complaints_resolved_pct"] = _pct(frame["complaints_resolved"], frame["complaints_received"])
    return frame[[*META_COLUMNS, *KPI_ORDER]]


def targets_by_province(conn: sa.Connection, fiscal_year: int) -> pd.DataFrame:
    """Wide table of a fiscal year's targets: index province code (and 'TH'), one column per KPI."""
    t = kpi_targets.c
    query = sa.select(t.province_code, t.kpi_code, t.target_value).where(t.fiscal_year == fiscal_year)
    rows = read_frame(conn, query)
    wide = rows.pivot_table(index="province_code", columns="kpi_code", values="target_value", aggfunc="first")
    return wide.reindex(columns=list(TARGET_CODES))


def assemble(now: pd.DataFrame, before: pd.DataFrame, targets: pd.DataFrame, elapsed: float) -> pd.DataFrame:
    """The long KPI table from two :func:`kpi_values` frames and the targets (pure)."""
    previous = before.set_index("code")
    parts = []
    for spec in KPIS:
        part = now[list(META_COLUMNS)].copy()
        part["kpi"] = spec.code
        part["value"] = now[spec.code].astype(float)
        part["target"] = _targets_for(spec.code, part["code"], targets) if spec.has_target else float("nan")
        part["achievement"] = [_float(achievement_pct(spec, v, t)) for v, t in zip(part["value"], part["target"])]
        part["light"] = [traffic_light(spec, v, t, elapsed) for v, t in zip(part["value"], part["target"])]
        part["previous"] = part["code"].map(previous[spec.code]).astype(float)
        part["rank"], part["ranked_of"] = _ranks(spec.code, part)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def scorecard_of(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """The rows of one province (or 'TH') in scorecard order."""
    rows = table[table["code"] == code].set_index("kpi").reindex(list(KPI_ORDER))
    return rows.reset_index()


def compare_of(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per KPI: the province beside the average of its region's provincial offices and the
    national figure, each with its achievement (counts are compared through achievement, since
    a national total dwarfs any province)."""
    own = scorecard_of(table, code).set_index("kpi")
    region = own["region"].dropna().iloc[0] if own["region"].notna().any() else None
    offices = table[(table["region"] == region) & ~table["code"].isin(OFFICES_EXCLUDED)]
    averages = offices.groupby("kpi")[["value", "achievement"]].mean()
    national = scorecard_of(table, cfg.NATIONAL_CODE).set_index("kpi")
    frame = pd.DataFrame({
        "province": own["value"], "province_achievement": own["achievement"],
        "region_average": averages["value"], "region_achievement": averages["achievement"],
        "national": national["value"], "national_achievement": national["achievement"],
    }, index=pd.Index(KPI_ORDER, name="kpi"))
    return frame.reset_index()


def _targets_for(kpi: str, codes: pd.Series, targets: pd.DataFrame) -> pd.Series:
    """Each province's own target; a national percentage or median target where it has none."""
    if kpi not in targets.columns:
        return pd.Series(float("nan"), index=codes.index)
    own = codes.map(targets[kpi]).astype(float)
    if SPECS[kpi].national_target_applies and cfg.NATIONAL_CODE in targets.index:
        own = own.fillna(targets.loc[cfg.NATIONAL_CODE, kpi])
    return own


def _ranks(kpi: str, part: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Rank among the provincial offices (Bangkok, supervised by DIW, and the nation are not
    ranked); ties share the better rank."""
    spec = SPECS[kpi]
    keys = pd.Series([ranking_value(spec, v, t) for v, t in zip(part["value"], part["target"])],
                     index=part.index, dtype=float)
    keys[part["code"].isin(OFFICES_EXCLUDED)] = float("nan")
    rank = keys.rank(method="min", ascending=False)
    return rank, pd.Series(float(keys.notna().sum()), index=part.index)


def _pct(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (100.0 * numerator.astype(float) / denominator.astype(float).where(denominator > 0)).astype(float)


def _float(value: float | None) -> float:
    return float("nan") if missing(value) else float(value)


def _national_rollup(column: sa.ColumnElement) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """The province column of a grouped select, and its GROUP BY: the rollup adds the national
    row, labelled 'TH'."""
    return sa.func.coalesce(column, cfg.NATIONAL_CODE).label("province_code"), sa.func.rollup(column)


def _median(expression: sa.ColumnElement) -> sa.ColumnElement:
    """Median of the non-null values of ``expression`` (the same SQL on DuckDB and PostgreSQL)."""
    return sa.func.percentile_cont(0.5).within_group(sa.cast(expression, sa.Float))


def _complaints(start: date, day: date) -> sa.Select:
    """Received in the window and resolved by ``day`` of them; median days to resolve of those
    resolved in the window."""
    c = complaints.c
    received = c.received_on.between(start, day)
    resolved_in_window = c.resolved_on.between(start, day)
    province, grouping = _national_rollup(c.province_code)
    return (sa.select(province,
                      sa.func.count().filter(received).label("complaints_received"),
                      sa.func.count().filter(sa.and_(received, c.resolved_on <= day)).label("complaints_resolved"),
                      _median(sa.case((resolved_in_window, c.resolved_on - c.received_on)))
                      .label("complaint_days_median"))
            .where(sa.or_(received, resolved_in_window)).group_by(grouping))


def _programs(fiscal_year: int, day: date) -> sa.Select:
    """Enrolments, community groups and nominations credited to the fiscal year by ``day``."""
    p = program_participation.c
    province, grouping = _national_rollup(p.province_code)
    counts = [sa.func.count().filter(p.program == program).label(kpi) for program, kpi in PROGRAM_KPIS.items()]
    return (sa.select(province, *counts)
            .where(p.fiscal_year == fiscal_year, p.joined_on <= day).group_by(grouping))


def _gi(start: date, day: date) -> sa.Select:
    """GI certificates issued in the window: new (the factory's first certificate) and upgraded
    (a level above every earlier certificate of the factory)."""
    g = gi_certifications.c
    certificates = sa.select(g.factory_id, g.level, g.certified_on, gi_prior_level().label("prior_level")).subquery()
    c = certificates.c
    province, grouping = _national_rollup(factories.c.province_code)
    return (sa.select(province,
                      sa.func.count().filter(c.prior_level.is_(None)).label("gi_new"),
                      sa.func.count().filter(c.level > c.prior_level).label("gi_upgraded"))
            .select_from(certificates.join(factories, factories.c.factory_id == c.factory_id))
            .where(c.certified_on.between(start, day)).group_by(grouping))


def _i40(start: date, day: date) -> sa.Select:
    """i4.0 self-assessments made in the window, credited to the factory's province."""
    a = i40_assessments.c
    province, grouping = _national_rollup(factories.c.province_code)
    return (sa.select(province, sa.func.count().label("i40_assessments"))
            .select_from(i40_assessments.join(factories, factories.c.factory_id == a.factory_id))
            .where(a.assessed_on.between(start, day)).group_by(grouping))


def _emergencies(start: date, day: date) -> sa.Select:
    """Emergencies that started in the window, and the median hours to contain those contained
    by the end of ``day``."""
    e = emergencies.c
    moment = end_of(day)
    hours = (sa.extract("epoch", e.contained_at) - sa.extract("epoch", e.started_at)) / 3600.0
    province, grouping = _national_rollup(e.province_code)
    return (sa.select(province, sa.func.count().label("emergencies"),
                      _median(sa.case((e.contained_at < moment, hours))).label("emergency_contain_hours"))
            .where(e.started_at >= datetime.combine(start, datetime.min.time()), e.started_at < moment)
            .group_by(grouping))
