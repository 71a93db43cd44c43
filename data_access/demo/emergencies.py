"""Emergencies for the ศบฉ.อก. board: every type over the five fiscal years, seasonal where nature
sets the calendar, factory accidents tied to a factory of the province, and a handful still active
(or contained but not closed) at the as-of date so the board always has something to show.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import params as P
from data_access.demo.factories import Registry
from data_access.demo.sampling import Context, allocate, day_months, uniform_days
from data_access.demo.words import EMERGENCY_STATUS_TEXT, EMERGENCY_TEXT

ACTIVE, CONTAINED, CLOSED = S.EMERGENCY_STATUSES
HOUR = 3600
DAY = 86_400
SETTLE_DAYS = 16               # regular events start this long before as_of, so all are closed
# Relative weight of each calendar month (Jan..Dec) for seasonal types.
MONTH_WEIGHTS = {
    "pm25_open_burning": (3, 4, 4, 2, .1, .1, .1, .1, .1, .1, .2, 1),
    "flood": (.2, .1, .1, .1, .2, .3, .5, 2, 3, 3, 2, 1),
    "drought": (.3, 1, 2, 3, 2, .3, .1, .1, .1, .1, .1, .1),
    "cold_spell": (3, .5, 0, 0, 0, 0, 0, 0, 0, 0, .5, 3),
}
# Relative weight of each geographic region for natural events (others weigh 1).
REGION_WEIGHTS = {
    "pm25_open_burning": {"North": 6, "Northeast": 4, "Central": 1.5, "East": .5, "South": .2},
    "flood": {"Central": 2, "North": 1.5, "Northeast": 1.5, "South": 2},
    "drought": {"Northeast": 3, "North": 2, "Central": 1.5, "South": .5},
    "cold_spell": {"North": 4, "Northeast": 3, "Central": .3, "East": .1, "West": .3, "South": 0},
}
CASUALTY_MEAN = {True: (0.02, 0.15, 0.8, 3.0), False: (0.0, 0.0, 0.05, 0.5)}  # factory-related?


def build(ctx: Context, reg: Registry, provinces: pd.DataFrame) -> pd.DataFrame:
    """The ``emergencies`` table, ordered by start, ids 1..N."""
    rng = ctx.rng("emergencies")
    types = list(S.EMERGENCY_TYPES)
    shares = np.array([P.EMERGENCY_TYPE_SHARES[t] for t in types])
    counts = np.maximum(allocate(max(int(round(P.EMERGENCIES * ctx.scale)), len(types)), shares), 1)
    settled_end = ctx.end_day - SETTLE_DAYS
    parts = [_events(ctx, rng, reg, provinces, t, c, ctx.window_start, settled_end) for t, c in zip(types, counts)]
    regular = pd.concat(parts, ignore_index=True)
    regular = _timeline(rng, regular, open_state=None)
    recent = _recent(ctx, rng, reg, provinces)
    frame = pd.concat([regular, recent], ignore_index=True).sort_values(["started_at", "type"], kind="stable")
    frame.insert(0, "emergency_id", np.arange(1, len(frame) + 1, dtype=np.int64))
    frame["province_code"] = provinces["code"].to_numpy()[frame["province_idx"].to_numpy()]
    frame["summary"] = _summaries(frame, provinces)
    return frame.drop(columns=["province_idx"]).reset_index(drop=True)


def _events(ctx: Context, rng: np.random.Generator, reg: Registry, provinces: pd.DataFrame,
            kind: str, count: int, lo: int, hi: int, ongoing: bool = False) -> pd.DataFrame:
    """``count`` events of one type starting in ``[lo, hi)``: at a factory (drawn by hazard and
    operating days; with ``ongoing``, only factories operating throughout) for accidents, in a
    province drawn by region and season otherwise."""
    if kind in P.FACTORY_EMERGENCY_TYPES:
        start, end = reg.overlap(lo, hi)
        p = reg.weight ** 1.5 * np.clip(end - start, 0, None)
        if ongoing:
            p = p * ((reg.start <= lo) & (reg.end >= hi))
        factory = rng.choice(len(reg.ids), size=count, p=p / p.sum())
        day = uniform_days(rng, start[factory], end[factory])
        return _rows(rng, kind, day, reg.province_idx[factory], reg.ids[factory])
    days = np.arange(lo, hi)
    w = np.array(MONTH_WEIGHTS.get(kind, (1,) * 12), dtype=float)[day_months(days) - 1]
    day = rng.choice(days, size=count, p=w / w.sum())
    region_w = provinces["region"].map(REGION_WEIGHTS.get(kind, {})).fillna(1.0).to_numpy()
    pw = region_w * np.sqrt(provinces["operating_factories_2026"].to_numpy())
    prov = rng.choice(len(provinces), size=count, p=pw / pw.sum())
    return _rows(rng, kind, day, prov, np.full(count, None, dtype=object))


def _rows(rng: np.random.Generator, kind: str, day: np.ndarray, prov: np.ndarray,
          factory_id: np.ndarray) -> pd.DataFrame:
    """Start time (any hour), severity (skewed low) and casualties (mostly none) of events."""
    n = len(day)
    severity = rng.choice(S.EMERGENCY_SEVERITIES, size=n, p=P.SEVERITY_SHARES)
    mean = np.array(CASUALTY_MEAN[kind in P.FACTORY_EMERGENCY_TYPES])[severity - 1]
    started = day.astype(np.int64) * DAY + rng.integers(0, 24 * 60, n) * 60
    return pd.DataFrame({
        "factory_id": factory_id, "province_idx": prov, "type": kind,
        "severity": severity.astype(np.int16), "started": started,
        "casualties": rng.poisson(mean).astype(np.int32),
    })


def _timeline(rng: np.random.Generator, events: pd.DataFrame, open_state: str | None) -> pd.DataFrame:
    """Contained and closed times: hours to contain log-normal (longer for natural events and
    higher severity, a few days at most), closing a day or so later. ``open_state`` leaves the
    events active (no containment) or contained (no closure)."""
    n = len(events)
    factory_kind = events["type"].isin(P.FACTORY_EMERGENCY_TYPES).to_numpy()
    median_h = np.where(factory_kind, 3.0, 20.0) * (1 + 0.6 * (events["severity"].to_numpy() - 1))
    contain_h = np.clip(median_h * np.exp(rng.normal(0, 0.9, n)), 0.25, 110)
    close_h = np.clip(24 * np.exp(rng.normal(0, 0.9, n)), 1, 200)
    started = events["started"].to_numpy()
    contained = started + np.round(contain_h * HOUR).astype(np.int64)
    closed = contained + np.round(close_h * HOUR).astype(np.int64)
    status = np.full(n, open_state or CLOSED, dtype=object)
    return events.drop(columns=["started"]).assign(
        status=status,
        started_at=_timestamps(started),
        contained_at=_timestamps(contained, null=np.full(n, open_state == ACTIVE)),
        closed_at=_timestamps(closed, null=np.full(n, open_state is not None)),
    )


def _recent(ctx: Context, rng: np.random.Generator, reg: Registry, provinces: pd.DataFrame) -> pd.DataFrame:
    """The handful still active (started 1-10 days before as_of) and a few contained but not
    closed, led by a factory fire so the board always shows a factory incident."""
    frames = []
    for state, national, (lo_days, hi_days) in ((ACTIVE, P.ACTIVE_EMERGENCIES, (1, 10)),
                                                (CONTAINED, P.CONTAINED_EMERGENCIES, (2, 12))):
        count = max(2 if state == ACTIVE else 1, int(round(national * ctx.scale ** 0.35)))
        kinds = _seasonal_kinds(ctx, rng, count)
        parts = [_events(ctx, rng, reg, provinces, k, int(c), ctx.end_day - hi_days - 1, ctx.end_day, ongoing=True)
                 for k, c in zip(*np.unique(kinds, return_counts=True))]
        events = pd.concat(parts, ignore_index=True)
        ago = rng.uniform(lo_days * DAY, hi_days * DAY, len(events)).astype(np.int64)
        events["started"] = (ctx.end_day - 1) * DAY - ago
        frames.append(_timeline(rng, events, open_state=state))
    recent = pd.concat(frames, ignore_index=True)
    contained = recent["status"] == CONTAINED
    cap = np.datetime64(str(ctx.as_of), "s")
    recent.loc[contained, "contained_at"] = recent.loc[contained, "contained_at"].clip(upper=cap)
    return recent


def _seasonal_kinds(ctx: Context, rng: np.random.Generator, count: int) -> np.ndarray:
    """Types for the recent events: a fire first, then types weighted by share and season."""
    month = ctx.as_of.month - 1
    types = list(S.EMERGENCY_TYPES)
    w = np.array([P.EMERGENCY_TYPE_SHARES[t] * MONTH_WEIGHTS.get(t, (1,) * 12)[month] for t in types])
    rest = rng.choice(types, size=count - 1, p=w / w.sum())
    return np.concatenate([[P.FACTORY_EMERGENCY_TYPES[0]], rest]).astype(object)


def _timestamps(seconds: np.ndarray, null: np.ndarray | None = None) -> np.ndarray:
    out = np.asarray(seconds, dtype=np.int64).astype("datetime64[s]")
    if null is not None:
        out[null] = np.datetime64("NaT")
    return out


def _summaries(frame: pd.DataFrame, provinces: pd.DataFrame) -> np.ndarray:
    """A short Thai sentence: what happened, where, and where it stands."""
    codes = provinces["code"].to_numpy()[frame["province_idx"].to_numpy()]
    names = provinces["name_th"].to_numpy()[frame["province_idx"].to_numpy()].astype(object)
    place = np.where(codes == S.BANGKOK_CODE, names, "จังหวัด" + names)
    what = frame["type"].map(EMERGENCY_TEXT).to_numpy(dtype=object)
    state = frame["status"].map(EMERGENCY_STATUS_TEXT).to_numpy(dtype=object)
    return what + " " + place + " " + state
