"""What the emergency board concludes from the incidents of the ศบฉ.อก. log: each province's status
(calm / watch / active), how long incidents took to contain and to close, how many started each
month, which provinces and factories keep having them, and which incidents count as severe.

Plain functions over frames of incident rows (as :mod:`data_access.queries.emergencies` reads
them: ``emergency_id``, ``type``, ``severity``, ``status``, ``started_at``, ``contained_at``,
``closed_at``, ...), so that each rule is tested on its own and the board, the banner, the history
and the downloads say the same thing.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

from data_access import settings as cfg
from data_access.rules.fiscal import fiscal_year_of

CALM, WATCH, ACTIVE = cfg.PROVINCE_EMERGENCY_STATUSES
# Percentile of the "p90" columns.
P90 = 0.9
DURATION_COLUMNS = ("incidents", "contained", "contain_median_h", "contain_p90_h", "closed", "close_median_h",
                    "close_p90_h", "still_active")


def province_statuses(counts: pd.DataFrame) -> pd.Series:
    """Each province's status from its counts of incidents ``active``, ``contained`` (and not yet
    closed) and ``recently_closed`` (within ``EMERGENCY_WATCH_DAYS``): active while any incident
    is active; on watch while one is contained but open, or was closed lately (a leak or a fire
    can flare up again); calm otherwise."""
    watch = (counts["contained"] > 0) | (counts["recently_closed"] > 0)
    return pd.Series(np.select([counts["active"] > 0, watch], [ACTIVE, WATCH], CALM), index=counts.index,
                     dtype=object)


def hours(start: pd.Series, end: pd.Series) -> pd.Series:
    """Hours from ``start`` to ``end`` (timestamps; NaN where either is missing)."""
    return (pd.to_datetime(end) - pd.to_datetime(start)).dt.total_seconds() / 3600


def is_severe(severity: pd.Series) -> pd.Series:
    """Severity ``EMERGENCY_SEVERE_FROM`` or more: the banner on every page and the highlight."""
    return severity >= cfg.EMERGENCY_SEVERE_FROM


def duration_stats(incidents: pd.DataFrame, moment: datetime, by: Sequence[str]) -> pd.DataFrame:
    """Per group of ``by`` (``["type"]``, ``["severity"]``, both): the incidents, how many were
    contained by ``moment`` and the median and 90th percentile of the hours it took, the same for
    closing (hours from the start to the closure), and how many were still active at ``moment``.

    An incident not yet contained has no time to contain: it counts as still active, never as a
    duration (its time so far would pull the median down). Percentiles interpolate between the
    two nearest values, as SQL's ``percentile_cont`` does."""
    moment = pd.Timestamp(moment)
    contained, closed = pd.to_datetime(incidents["contained_at"]), pd.to_datetime(incidents["closed_at"])
    frame = incidents.assign(
        contain_h=hours(incidents["started_at"], contained).where(contained <= moment),
        close_h=hours(incidents["started_at"], closed).where(closed <= moment),
        still_active=~(contained <= moment),
    )
    groups = frame.groupby(list(by), observed=True, sort=True)
    stats = groups.agg(
        incidents=("emergency_id", "size"), contained=("contain_h", "count"),
        contain_median_h=("contain_h", "median"), closed=("close_h", "count"), close_median_h=("close_h", "median"),
        still_active=("still_active", "sum"),
    )
    # groupby's own quantile (linear, skipping gaps) rather than a function called per group: half
    # the time of the three groupings on the national log
    p90 = groups[["contain_h", "close_h"]].quantile(P90)
    stats = stats.assign(contain_p90_h=p90["contain_h"], close_p90_h=p90["close_h"]).round(1)
    stats = stats.astype({"still_active": "int64"}).reset_index()[[*by, *DURATION_COLUMNS]]
    return stats.sort_values(list(by), key=_in_type_order, ignore_index=True)


def _in_type_order(column: pd.Series) -> pd.Series:
    """Types in the order of ``EMERGENCY_TYPES`` (factory accidents first), other columns as they are."""
    return column.map({kind: i for i, kind in enumerate(cfg.EMERGENCY_TYPES)}) if column.name == "type" else column


def monthly_counts(incidents: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """Incidents started per month and type: every month from ``first`` to ``last`` and every type,
    0 where none started (a quiet month shows as a gap in the bars, not as a missing month), with
    the fiscal year (BE) of the month. An incident belongs to the month and fiscal year it started
    in, wherever it ended."""
    months = pd.date_range(pd.Timestamp(first).to_period("M").to_timestamp(), pd.Timestamp(last), freq="MS")
    started = pd.to_datetime(incidents["started_at"]).dt.to_period("M").dt.to_timestamp()
    counts = (pd.crosstab(started, incidents["type"]) if len(incidents)
              else pd.DataFrame(index=pd.DatetimeIndex([]), columns=[]))
    wide = counts.reindex(index=months, columns=list(cfg.EMERGENCY_TYPES)).fillna(0).astype("int64")
    wide.index.name, wide.columns.name = "month", "type"
    long = wide.stack().rename("n").reset_index()
    long["fiscal_year"] = [fiscal_year_of(month.date()) for month in long["month"]]
    return long[["month", "fiscal_year", "type", "n"]]


def repeated(incidents: pd.DataFrame, keys: Sequence[str], minimum: int = cfg.EMERGENCY_REPEAT_MIN) -> pd.DataFrame:
    """The places (``keys``: a province's or a factory's columns) with at least ``minimum``
    incidents: how many, of which types (codes, comma-separated, in the order of
    ``EMERGENCY_TYPES``), the worst severity and the latest start; most incidents first."""
    rows = incidents.dropna(subset=[keys[0]])
    # the places below ``minimum`` first left out: most factories have one incident, and joining
    # each one's types was most of the time
    sizes = rows.groupby(list(keys), sort=False, dropna=False)["emergency_id"].transform("size")
    rows = rows[sizes >= minimum]
    grouped = rows.groupby(list(keys), sort=False, dropna=False).agg(
        incidents=("emergency_id", "size"), worst_severity=("severity", "max"), latest=("started_at", "max"),
        types=("type", lambda kinds: ",".join(sorted(set(kinds), key=cfg.EMERGENCY_TYPES.index))))
    return grouped.reset_index().sort_values(["incidents", "latest", keys[0]], ascending=[False, False, True],
                                             ignore_index=True)
