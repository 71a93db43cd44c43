"""i-Auditor inspections over the five fiscal years: about a million at national scale.

Each factory's count per fiscal year is Poisson with a rate that grows with its latent hazard and
its days of operation in that year (so closed and newly registered factories get fewer, and the
current, partly elapsed year only its share), times a per-province effort factor so that the
"100% of risky factories inspected" KPI varies between provinces.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import params as P
from data_access.demo.factories import Registry
from data_access.demo.sampling import Context, day_dates, scaled, uniform_days
from data_access.demo.words import FINDINGS

HAZARD_EXPONENT = 1.2          # how strongly the latent hazard drives inspection frequency
PROVINCE_EFFORT_SIGMA = 0.45   # spread of inspection effort between provinces (log scale)
FACTORY_NOISE_SIGMA = 0.5      # factories the offices visit more or less than their hazard says
# Factories an office rarely reaches (remote, unlisted, staff shortage): their share varies by
# province, so the "100% of risky factories inspected" KPI is met in some provinces, not all.
NEGLECTED_SHARE = 0.10
NEGLECTED_RATE = 0.1
THIRD_PARTY_TREND = (0.12, 0.28)  # third-party share in the oldest and the current fiscal year
# Expected visits a year of the most inspected factory: a few routine visits plus follow-ups after
# findings; and the most any factory gets in a year (an office has no time for more).
MAX_YEARLY_RATE = 5.0
MAX_YEARLY_VISITS = 12
# Of the orders to correct, those not closed by the as-of date: only orders of the last year stay
# open (an older one has been closed late, or escalated and closed).
OPEN_ORDER_SHARE = 0.07
OPEN_ORDER_WINDOW_DAYS = 365


def build(ctx: Context, reg: Registry, n_provinces: int) -> pd.DataFrame:
    """The ``inspections`` table, ordered by date, ids 1..N."""
    rng = ctx.rng("inspections")
    lo = np.maximum(reg.start[:, None], ctx.fy_start_days[None, :])
    hi = np.minimum(reg.end[:, None], ctx.fy_end_days[None, :])
    exposure = np.clip(hi - lo, 0, None).astype(float)
    effort = np.exp(rng.normal(0, PROVINCE_EFFORT_SIGMA, n_provinces))[reg.province_idx]
    noise = np.exp(rng.normal(0, FACTORY_NOISE_SIGMA, len(reg.ids)))
    neglect_share = np.minimum(NEGLECTED_SHARE * np.exp(rng.normal(0, 0.7, n_provinces)), 0.4)
    noise[rng.random(len(reg.ids)) < neglect_share[reg.province_idx]] *= NEGLECTED_RATE
    rate = _capped((reg.weight ** HAZARD_EXPONENT * effort * noise)[:, None] * exposure, exposure,
                   scaled(P.INSPECTIONS, ctx.scale))
    counts = np.minimum(rng.poisson(rate), np.round(MAX_YEARLY_VISITS * exposure / 365.25)).astype(np.int64).ravel()
    cell = np.repeat(np.arange(counts.size), counts)
    factory, fy_idx = np.divmod(cell, len(ctx.fiscal_years))
    day = _weekday(rng, uniform_days(rng, lo.ravel()[cell], hi.ravel()[cell]), lo.ravel()[cell], hi.ravel()[cell])
    order = np.lexsort((factory, day))
    factory, fy_idx, day = factory[order], fy_idx[order], day[order]
    return _outcomes(ctx, rng, reg, factory, fy_idx, day)


def _capped(rate: np.ndarray, exposure: np.ndarray, total: float) -> np.ndarray:
    """``rate`` (factories x fiscal years) scaled to sum to about ``total``, no cell above
    ``MAX_YEARLY_RATE`` a year of exposure: the visits a capped factory loses go to the others."""
    cap = MAX_YEARLY_RATE * exposure / 365.25
    for _ in range(4):
        rate = np.minimum(rate * (total / rate.sum()), cap)
    return rate


def _weekday(rng: np.random.Generator, day: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Officers visit on working days: a weekend draw moves to a random weekday of the same
    week (staying inside the factory's window, so a rare edge day may remain)."""
    dow = (day + 3) % 7            # 1970-01-01 was a Thursday; Monday = 0
    moved = np.where(dow >= 5, day - dow + rng.integers(0, 5, len(day)), day)
    return np.clip(moved, lo, hi - 1)


def _outcomes(ctx: Context, rng: np.random.Generator, reg: Registry, factory: np.ndarray,
              fy_idx: np.ndarray, day: np.ndarray) -> pd.DataFrame:
    """Who inspected, the result, findings and the order with its follow-up."""
    n = len(day)
    share = np.linspace(*THIRD_PARTY_TREND, len(ctx.fiscal_years))[fy_idx]
    kind = pd.Categorical.from_codes((rng.random(n) < share).astype(np.int8), S.INSPECTOR_KINDS)
    log_w = np.log(reg.weight)[factory]
    logit = np.log(P.NON_COMPLIANT_SHARE / (1 - P.NON_COMPLIANT_SHARE)) + 0.45 * (log_w - log_w.mean()) / log_w.std()
    non_compliant = rng.random(n) < 1 / (1 + np.exp(-logit))
    order = non_compliant & (rng.random(n) < P.ORDER_SHARE)
    due_gap = rng.integers(30, 91, n)
    close_gap = np.round(due_gap * rng.uniform(0.3, 1.6, n)).astype(np.int64)
    still_open = (rng.random(n) < OPEN_ORDER_SHARE) & (day > ctx.end_day - OPEN_ORDER_WINDOW_DAYS)
    closed = order & (day + close_gap < ctx.end_day) & ~still_open
    return pd.DataFrame({
        "inspection_id": np.arange(1, n + 1, dtype=np.int64),
        "factory_id": pd.Categorical.from_codes(factory, reg.ids),
        "inspected_on": day_dates(day),
        "inspector_kind": kind,
        "result": pd.Categorical.from_codes(non_compliant.astype(np.int8), S.INSPECTION_RESULTS),
        "findings": _findings(rng, non_compliant),
        "order_issued": order,
        "follow_up_due": day_dates(day + due_gap, null=~order),
        "order_closed_on": day_dates(day + close_gap, null=~closed),
    })


def _findings(rng: np.random.Generator, non_compliant: np.ndarray) -> np.ndarray:
    """One short Thai finding per non-compliant inspection, two for about a third; null otherwise."""
    out = np.full(len(non_compliant), None, dtype=object)
    rows = np.flatnonzero(non_compliant)
    phrases = np.array(FINDINGS, dtype=object)
    first = rng.integers(0, len(phrases), len(rows))
    second = (first + rng.integers(1, len(phrases), len(rows))) % len(phrases)
    text = phrases[first]
    two = rng.random(len(rows)) < 0.33
    text[two] = text[two] + "; " + phrases[second[two]]
    out[rows] = text
    return out
