"""Green Industry certificates and Industry 4.0 self-assessments.

GI reproduces the September 2019 national stock level by level (scaled), with part of each
level's certificates going to factories that already hold the level below (so factories climb),
then about 2,000 certificates a year up to the as-of date. i4.0 assessments start in 2016 with
level shares that drift from the 2016 survey to the 2018 one and a little beyond.
Certificates and assessments fall only inside a factory's operating window.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import params as P
from data_access.demo.factories import Registry
from data_access.demo.sampling import (
    Context,
    choose_rows,
    day_dates,
    day_years,
    sample_without_replacement,
    scaled,
    to_day,
    uniform_days,
)

MIN_CLIMB_DAYS = 180           # a factory waits at least this long before its next GI level
POST_CLIMB_DAYS = 365


class _Holdings:
    """Each factory's highest GI level so far and the day it was certified."""

    def __init__(self, n: int) -> None:
        self.level = np.zeros(n, dtype=np.int64)
        self.day = np.full(n, -1, dtype=np.int64)
        self.rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def certify(self, factory: np.ndarray, level: np.ndarray | int, day: np.ndarray) -> None:
        level = np.broadcast_to(level, factory.shape).astype(np.int64)
        self.level[factory], self.day[factory] = level, day
        self.rows.append((factory, level, day))


def gi_certifications(ctx: Context, reg: Registry) -> pd.DataFrame:
    """The ``gi_certifications`` table, ordered by certification date, ids 1..N."""
    rng = ctx.rng("gi")
    held = _Holdings(len(reg.ids))
    affinity = np.sqrt(reg.workers) * np.where(reg.frame["in_estate"].to_numpy(), 2.0, 1.0)
    stock_end = to_day(P.GI_STOCK_DATE)
    for level in S.GI_LEVELS:
        target = scaled(P.GI_STOCK[level], ctx.scale, minimum=1)
        got = _climb(rng, reg, held, affinity, level, round(target * P.GI_UPGRADE_SHARE.get(level, 0)),
                     MIN_CLIMB_DAYS, to_day(P.GI_LAUNCH), stock_end)
        _newcomers(rng, reg, held, affinity, np.full(target - got, level), to_day(P.GI_LAUNCH), stock_end)
    for lo, hi in _yearly_windows(stock_end, ctx.end_day):
        n_year = scaled(P.GI_PER_YEAR * (hi - lo) / 365.25, ctx.scale)
        n_up = int(round(n_year * P.GI_POST_UPGRADE_SHARE))
        _climb(rng, reg, held, affinity, None, n_up, POST_CLIMB_DAYS, lo, hi)
        levels = rng.choice([1, 2, 3], size=n_year - n_up, p=P.GI_POST_NEW_LEVELS)
        _newcomers(rng, reg, held, affinity, levels, lo, hi)
    return _certificate_frame(ctx, rng, reg, held)


def _climb(rng: np.random.Generator, reg: Registry, held: _Holdings, affinity: np.ndarray,
           level: int | None, count: int, wait: int, lo: int, hi: int) -> int:
    """``count`` holders move one level up (to ``level``, or any next level when None), certified
    in ``[lo, hi)`` at least ``wait`` days after their last certificate and before closing.
    Returns how many found a chance to climb."""
    below = (held.level == level - 1) if level else (held.level >= 1) & (held.level < max(S.GI_LEVELS))
    first = np.maximum(held.day + wait, lo)
    last = np.minimum(reg.end, hi)
    factory = sample_without_replacement(rng, affinity * (below & (first < last)), count)
    if len(factory):
        held.certify(factory, held.level[factory] + 1, uniform_days(rng, first[factory], last[factory]))
    return len(factory)


def _newcomers(rng: np.random.Generator, reg: Registry, held: _Holdings, affinity: np.ndarray,
               levels: np.ndarray, lo: int, hi: int) -> None:
    """First certificates (at ``levels``) for factories holding none, operating in ``[lo, hi)``."""
    start, end = reg.overlap(lo, hi)
    factory = sample_without_replacement(rng, affinity * ((held.level == 0) & (end - start > 30)), len(levels))
    if len(factory):
        held.certify(factory, rng.permutation(levels)[:len(factory)], uniform_days(rng, start[factory], end[factory]))


def _yearly_windows(first: int, end: int) -> list[tuple[int, int]]:
    """``[first, end)`` cut into 365-day pieces (the last one shorter)."""
    edges = list(range(first, end, 365)) + [end]
    return list(zip(edges[:-1], edges[1:]))


def _certificate_frame(ctx: Context, rng: np.random.Generator, reg: Registry, held: _Holdings) -> pd.DataFrame:
    """Rows from the holdings log, with expiry (three years, none for level 5 and a few others)
    and revocation for a few."""
    factory, level, day = (np.concatenate(parts) for parts in zip(*held.rows))
    order = np.lexsort((factory, day))
    factory, level, day = factory[order], level[order], day[order]
    n = len(day)
    months = day.astype("datetime64[D]").astype("datetime64[M]")
    offset = day - months.astype("datetime64[D]").astype(np.int64)
    expires = (months + 12 * P.GI_VALID_YEARS).astype("datetime64[D]").astype(np.int64) + offset
    no_expiry = (level == max(S.GI_LEVELS)) | (rng.random(n) < P.GI_NO_EXPIRY_SHARE)
    limit = np.where(no_expiry, ctx.end_day, np.minimum(expires, ctx.end_day))
    revoked = (rng.random(n) < P.GI_REVOKED_SHARE) & (limit - day > 31)
    revoked_day = uniform_days(rng, day + 30, limit)
    return pd.DataFrame({
        "certificate_id": np.arange(1, n + 1, dtype=np.int64),
        "factory_id": reg.ids[factory],
        "level": level.astype(np.int16),
        "certified_on": day_dates(day),
        "expires_on": day_dates(expires, null=no_expiry),
        "revoked_on": day_dates(revoked_day, null=~revoked),
    })


def i40_level_shares(year: np.ndarray) -> np.ndarray:
    """(rows x 4) shares of levels 1.0-4.0 at fractional ``year``: the 2016 survey, moving
    linearly to 2018's, then drifting on at a damped pace."""
    s16, s18 = (np.array(P.I40_SHARES[y]) for y in (2016, 2018))
    t = np.asarray(year, dtype=float)[:, None]
    early = s16 + (s18 - s16) * np.clip(t - 2016, 0, 2) / 2
    late = s18 + (s18 - s16) / 2 * P.I40_DRIFT_DAMPING * np.clip(t - 2018, 0, None)
    shares = np.clip(np.where(t <= 2018, early, late), 0.005, None)
    return shares / shares.sum(axis=1, keepdims=True)


def i40_assessments(ctx: Context, reg: Registry) -> pd.DataFrame:
    """The ``i40_assessments`` table: a first assessment for each chosen factory (more each year)
    and a reassessment, never lower, for about a fifth."""
    rng = ctx.rng("i40")
    start, end = reg.overlap(to_day(P.I40_START), ctx.end_day)
    factory = sample_without_replacement(rng, np.sqrt(reg.workers) * (end - start > 60),
                                         scaled(P.I40_FACTORIES, ctx.scale, minimum=4))
    first = uniform_days(rng, start[factory], end[factory], power=0.6)
    first_level = _draw_levels(rng, first)
    again = (rng.random(len(factory)) < P.I40_REASSESSED_SHARE) & (first + 365 < end[factory])
    second = uniform_days(rng, first[again] + 365, end[factory][again])
    second_level = np.maximum(first_level[again], _draw_levels(rng, second))
    fac = np.concatenate([factory, factory[again]])
    day = np.concatenate([first, second])
    level = np.concatenate([first_level, second_level])
    order = np.lexsort((fac, day))
    fac, day, level = fac[order], day[order], level[order]
    frame = pd.DataFrame({
        "assessment_id": np.arange(1, len(day) + 1, dtype=np.int64),
        "factory_id": reg.ids[fac],
        "assessed_on": day_dates(day),
        "level": level,
    })
    noise = rng.normal(0, 0.35, (len(day), len(S.I40_DIMENSIONS)))
    scores = np.clip(level[:, None] + np.array(P.I40_DIMENSION_OFFSETS) + noise, 1.0, 4.0).round(2)
    for i, dim in enumerate(S.I40_DIMENSIONS):
        frame[f"score_{dim}"] = scores[:, i]
    return frame


def _draw_levels(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """A level per assessment, from the shares of its (fractional) year."""
    d = days.astype("datetime64[D]")
    into_year = (d - d.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64) / 365.25
    return np.array(S.I40_LEVELS)[choose_rows(rng, i40_level_shares(day_years(days) + into_year))]
