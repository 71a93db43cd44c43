"""Community complaints: ~6,000 a year at national scale, concentrated on risky factories, a tenth
about an unidentified factory (province only). No complainant data exists anywhere in the demo.

Resolution times are log-normal around a median of about two weeks; a complaint is resolved only
if its resolution day has passed by the as-of date, so recent ones are still open or in progress.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import params as P
from data_access.demo.factories import Registry
from data_access.demo.sampling import Context, choose_rows, day_dates, scaled, uniform_days

TOPIC_BASE = (0.24, 0.18, 0.20, 0.28, 0.10)      # odour, noise, wastewater, dust_smoke, other
CHANNEL_SHARES = (0.34, 0.20, 0.12, 0.07, 0.27)  # order of settings.COMPLAINT_CHANNELS
HAZARD_EXPONENT = 1.3
STUCK_SHARE = 0.02             # complaints that take months to resolve
STUCK_DAYS = (90, 300)         # how many (none stays open for a year)
OPEN, IN_PROGRESS = S.COMPLAINT_OPEN_STATUSES
RESOLVED = S.COMPLAINT_STATUSES[-1]


def build(ctx: Context, reg: Registry, provinces: pd.DataFrame) -> pd.DataFrame:
    """The ``complaints`` table, ordered by date, ids 1..N."""
    rng = ctx.rng("complaints")
    years = (ctx.end_day - ctx.window_start) / 365.25
    n = scaled(P.COMPLAINTS_PER_YEAR * years, ctx.scale, minimum=10)
    n_unknown = int(round(n * P.COMPLAINT_UNKNOWN_FACTORY))
    lo, hi = reg.overlap(ctx.window_start, ctx.end_day)
    exposure = np.clip(hi - lo, 0, None)
    p = reg.weight ** HAZARD_EXPONENT * exposure
    factory = rng.choice(len(reg.ids), size=n - n_unknown, p=p / p.sum())
    known_day = uniform_days(rng, lo[factory], hi[factory])
    unknown_prov = rng.choice(len(provinces), size=n_unknown,
                              p=_shares(provinces["operating_factories_2026"].to_numpy()))
    unknown_day = uniform_days(rng, np.full(n_unknown, ctx.window_start), np.full(n_unknown, ctx.end_day))
    day = np.concatenate([known_day, unknown_day])
    prov_idx = np.concatenate([reg.province_idx[factory], unknown_prov])
    factory_id = np.concatenate([reg.ids[factory], np.full(n_unknown, None, dtype=object)])
    topics = _topics(rng, reg, factory, n_unknown)
    order = np.argsort(day, kind="stable")
    frame = pd.DataFrame({
        "complaint_id": np.arange(1, n + 1, dtype=np.int64),
        "factory_id": factory_id[order],
        "province_code": provinces["code"].to_numpy()[prov_idx][order],
        "received_on": day_dates(day[order]),
        "channel": np.array(S.COMPLAINT_CHANNELS, dtype=object)[
            rng.choice(len(S.COMPLAINT_CHANNELS), size=n, p=CHANNEL_SHARES)],
        "topic": np.array(S.COMPLAINT_TOPICS, dtype=object)[topics[order]],
    })
    return _with_status(ctx, rng, frame, day[order])


def _shares(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return values / values.sum()


def _topics(rng: np.random.Generator, reg: Registry, factory: np.ndarray, n_unknown: int) -> np.ndarray:
    """Topic index per complaint: a factory's own emissions make their topic likelier."""
    f = reg.frame
    probs = np.tile(np.array(TOPIC_BASE), (len(factory) + n_unknown, 1))
    probs[:len(factory), 0] *= np.where(f["has_hazardous_substance"].to_numpy()[factory], 1.6, 1.0)
    probs[:len(factory), 2] *= np.where(f["has_wastewater"].to_numpy()[factory], 2.5, 0.5)
    probs[:len(factory), 3] *= np.where(f["has_air_emission"].to_numpy()[factory], 2.0, 0.6)
    return choose_rows(rng, probs)


def _with_status(ctx: Context, rng: np.random.Generator, frame: pd.DataFrame, day: np.ndarray) -> pd.DataFrame:
    """Status and resolved date as of ``ctx.as_of``."""
    n = len(day)
    days_taken = np.maximum(1, np.round(P.COMPLAINT_MEDIAN_DAYS * np.exp(rng.normal(0, 0.85, n)))).astype(np.int64)
    days_taken = np.minimum(days_taken, STUCK_DAYS[0])
    stuck = rng.random(n) < STUCK_SHARE
    days_taken[stuck] = rng.integers(*STUCK_DAYS, int(stuck.sum()))
    resolved_day = day + days_taken
    resolved = resolved_day < ctx.end_day
    age = ctx.end_day - 1 - day
    waiting = np.where((age > 3) & (rng.random(n) < 0.8), IN_PROGRESS, OPEN)
    frame["status"] = np.where(resolved, RESOLVED, waiting).astype(object)
    frame["resolved_on"] = day_dates(resolved_day, null=~resolved)
    return frame
