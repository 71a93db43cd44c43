"""The emergency centre's log (ศบฉ.อก.): what is open now, where and since when (the board), the
severe incidents still active (the banner on every page), and the history of five fiscal years.

"Now" is the log's own word: an incident is on the board while its status is active or contained
(an operator closes it), and durations come from its timestamps. Every function is told the
moment it reads at, so that the board's refresh can share one read among all its viewers; the
log's timestamps are local time without a zone, and so is the moment.

Each incident gets a point for the maps: its factory's, or, for an area event (a flood, a cold
spell) or a factory without coordinates, its province's centre, spread on a small spiral when
several sit there.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access import reference
from data_access import settings as cfg
from data_access.db.bulk import read_frame
from data_access.db.schema import emergencies, factories, provinces
from data_access.rules import emergencies as rules
from data_access.rules.conditions import end_of
from data_access.rules.fiscal import Period, fiscal_year_bounds
from data_access.rules.scope import NATIONAL, Scope

ACTIVE, CONTAINED, CLOSED = cfg.EMERGENCY_STATUSES
OPEN_STATUSES = (ACTIVE, CONTAINED)
# Where an incident's point comes from: its factory's coordinates, or its province's centre.
AT_FACTORY, AT_PROVINCE = "factory", "province"
# The golden angle: successive points of a spiral never line up.
_SPIRAL_TURN = math.pi * (3 - math.sqrt(5))
DURATION_GROUPINGS = {"type": ("type",), "severity": ("severity",), "type_severity": ("type", "severity")}


@dataclass(frozen=True)
class EmergencyFilter:
    """Which incidents a view reads; an empty tuple or ``None`` puts no restriction on that part.
    Days bound the start (both included). Frozen and hashable: it keys a cached query."""

    scope: Scope = NATIONAL
    types: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    first_day: date | None = None
    last_day: date | None = None

    def condition(self) -> sa.ColumnElement[bool]:
        e = emergencies.c
        parts = [self.scope.province_condition(e.province_code)]
        for column, chosen in ((e.type, self.types), (e.severity, self.severities), (e.status, self.statuses)):
            if chosen:
                parts.append(column.in_(chosen))
        if self.first_day is not None:
            parts.append(e.started_at >= datetime.combine(self.first_day, time()))
        if self.last_day is not None:
            parts.append(e.started_at < end_of(self.last_day))
        return sa.and_(*parts)


SEVERE_ACTIVE = EmergencyFilter(severities=tuple(s for s in cfg.EMERGENCY_SEVERITIES if s >= cfg.EMERGENCY_SEVERE_FROM),
                                statuses=(ACTIVE,))


@dataclass(frozen=True)
class Board:
    """The board at one moment: the open incidents, severest first and then the longest running,
    and every province in scope with its counts and status."""

    incidents: pd.DataFrame = field(repr=False)
    provinces: pd.DataFrame = field(repr=False)


def board(conn: sa.Connection, moment: datetime, flt: EmergencyFilter) -> Board:
    """The incidents of ``flt`` open at ``moment`` (with ``hours_since_start``) and the status of
    each province of ``flt.scope``: counts of ``active``, ``contained`` and ``recently_closed``
    (closed within ``EMERGENCY_WATCH_DAYS`` before ``moment``), then the status rule."""
    rows = _incidents(conn, moment, board_condition(moment, flt))
    closed = rows["status"] == CLOSED
    return Board(_severest_first(rows[~closed]),
                 _province_status(conn, flt.scope, rows[~closed], rows[closed & (rows["closed_at"] <= moment)]))


def board_condition(moment: datetime, flt: EmergencyFilter) -> sa.ColumnElement[bool]:
    """The incidents of ``flt`` the board reads: open ones, and those closed within
    ``EMERGENCY_WATCH_DAYS`` before ``moment`` (they put a province on watch)."""
    e = emergencies.c
    watch_from = moment - timedelta(days=cfg.EMERGENCY_WATCH_DAYS)
    return sa.and_(flt.condition(), sa.or_(e.status.in_(OPEN_STATUSES), e.closed_at >= watch_from))


def severe_active(conn: sa.Connection, moment: datetime) -> pd.DataFrame:
    """Every severe incident active at ``moment``, the whole country: what the banner tells."""
    return _severest_first(_incidents(conn, moment, SEVERE_ACTIVE.condition()))


def _severest_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Severity first, then the longest running: what the centre must look at first."""
    return rows.sort_values(["severity", "started_at", "emergency_id"], ascending=[False, True, True],
                            ignore_index=True)


def _province_status(conn: sa.Connection, scope: Scope, open_rows: pd.DataFrame,
                     recently_closed: pd.DataFrame) -> pd.DataFrame:
    p = provinces.c
    table = read_frame(conn, sa.select(p.code, p.name_th, p.name_en, p.region, p.inspection_region)
                       .where(scope.province_condition(p.code)).order_by(p.code))
    status = open_rows["status"]
    counted = {"active": open_rows[status == ACTIVE], "contained": open_rows[status == CONTAINED],
               "recently_closed": recently_closed}
    for name, rows in counted.items():
        per_province = Counter(rows["province_code"])
        table[name] = np.array([per_province[code] for code in table["code"]], dtype="int64")
    table["status"] = rules.province_statuses(table)
    return table


def _incidents(conn: sa.Connection, moment: datetime, condition: sa.ColumnElement[bool]) -> pd.DataFrame:
    """The incidents matching ``condition`` with their province's names, their factory's name and
    registration, a point for the maps (``lat``, ``lon``, ``placed``) and ``hours_since_start``
    at ``moment`` (0 for a start logged after it)."""
    rows = read_frame(conn, incidents_query(condition))
    times = {column: pd.to_datetime(rows[column]) for column in ("started_at", "contained_at", "closed_at")}
    since = (pd.Timestamp(moment) - times["started_at"]).dt.total_seconds().to_numpy() / 3600
    return rows.assign(**times, **_placed(rows), hours_since_start=np.round(np.clip(since, 0, None), 2))


def incidents_query(condition: sa.ColumnElement[bool]) -> sa.Select:
    """The one select behind every read of this module (the benchmark runs it raw too)."""
    e, f, p = emergencies.c, factories.c, provinces.c
    return (sa.select(e.emergency_id, e.type, e.severity, e.status, e.province_code,
                      p.name_th.label("province_th"), p.name_en.label("province_en"),
                      e.factory_id, f.name.label("factory_name"), f.display_reg, e.started_at, e.contained_at,
                      e.closed_at, e.casualties, e.summary, f.lat, f.lon)
            .select_from(emergencies.join(provinces, p.code == e.province_code)
                         .outerjoin(factories, f.factory_id == e.factory_id))
            .where(condition).order_by(e.emergency_id))


def _placed(rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each incident's map point (``lat``, ``lon``, ``placed``): its factory's, else its
    province's centre, the k-th incident placed there ``EMERGENCY_SPREAD_DEG`` * sqrt(k) from it
    along a golden-angle spiral. Whole arrays at a time: this runs on every refresh."""
    lat, lon = (rows[column].to_numpy(dtype=float, na_value=np.nan, copy=True) for column in ("lat", "lon"))
    located = ~(np.isnan(lat) | np.isnan(lon))
    centres, seen = _province_centres(), {}
    for i in np.flatnonzero(~located):
        code = rows["province_code"].iat[i]
        rank = seen[code] = seen.get(code, -1) + 1
        centre_lat, centre_lon = centres.get(code, (np.nan, np.nan))
        radius, angle = cfg.EMERGENCY_SPREAD_DEG * math.sqrt(rank), rank * _SPIRAL_TURN
        lat[i], lon[i] = centre_lat + radius * math.sin(angle), centre_lon + radius * math.cos(angle)
    return {"lat": np.round(lat, cfg.RISK_MAP_DECIMALS), "lon": np.round(lon, cfg.RISK_MAP_DECIMALS),
            "placed": np.where(located, AT_FACTORY, AT_PROVINCE)}


@lru_cache(maxsize=1)
def _province_centres() -> dict[str, tuple[float, float]]:
    """A point inside each province, (lat, lon) by code: the boundaries' representative point,
    which unlike a centroid always falls inside the province (Thailand's are not convex)."""
    shapes = reference.province_shapes()
    points = shapes.geometry.representative_point()
    return {code: (point.y, point.x) for code, point in zip(shapes["code"], points)}


@dataclass(frozen=True)
class History:
    """The incidents that started in ``first`` .. ``last`` and what the history shows of them."""

    first: date
    last: date
    moment: datetime
    incidents: pd.DataFrame = field(repr=False)
    monthly: pd.DataFrame = field(repr=False)
    repeat_provinces: pd.DataFrame = field(repr=False)
    repeat_factories: pd.DataFrame = field(repr=False)
    # Per key of ``DURATION_GROUPINGS``: made with the history (and cached with it), not each
    # time the page runs.
    durations_by: dict[str, pd.DataFrame] = field(repr=False)

    def durations(self, grouping: str) -> pd.DataFrame:
        """Time to contain and to close by ``grouping`` (a key of ``DURATION_GROUPINGS``)."""
        return self.durations_by[grouping]


def history_window(period: Period, today: date, flt: EmergencyFilter) -> tuple[date, date]:
    """The days the history covers: the filter's own range when it has one, else the
    ``EMERGENCY_HISTORY_FISCAL_YEARS`` fiscal years up to ``period``'s; never past ``today``."""
    first = flt.first_day or fiscal_year_bounds(period.fiscal_year - cfg.EMERGENCY_HISTORY_FISCAL_YEARS + 1)[0]
    last = min(flt.last_day or period.end, today)
    return first, max(first, last)


def history(conn: sa.Connection, period: Period, flt: EmergencyFilter, today: date) -> History:
    """Every incident of ``flt`` that started in :func:`history_window`, counted per month and type,
    and the provinces and factories with repeated incidents, and the durations by every grouping,
    counting what the log holds up to the end of ``today`` (the history is read once a day, not
    live)."""
    moment = end_of(today)
    first, last = history_window(period, today, flt)
    rows = _incidents(conn, moment, replace(flt, first_day=first, last_day=last).condition())
    province_keys = ["province_code", "province_th", "province_en"]
    return History(first, last, moment, rows, rules.monthly_counts(rows, first, last),
                   rules.repeated(rows, province_keys),
                   rules.repeated(rows, ["factory_id", "factory_name", "display_reg", *province_keys]),
                   {grouping: rules.duration_stats(rows, moment, by) for grouping, by in DURATION_GROUPINGS.items()})
