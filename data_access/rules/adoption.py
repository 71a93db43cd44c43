"""The adoption rules, as plain functions of numbers and frames (no database): how a target is
paced to 30 September, which dimension of an i4.0 assessment is the weakest, which factories are
likely to move up a ladder next and why, and which provinces lead and trail on a metric.

Two ladders, never mixed: Green Industry (GI) levels 1-5, and the ministry's Industry 4.0
self-assessment, levels 1.0-4.0 with six dimension scores on the same 1.0-4.0 scale (NSTDA's
"Thailand i4.0 Index", scored 0-6, is another scale and appears nowhere here).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from data_access import settings as cfg
from data_access.rules.fiscal import Period
from data_access.rules.metrics import MetricSpec

DIMENSION_COLUMNS = tuple(f"score_{d}" for d in cfg.I40_DIMENSIONS)
GI_TOP_LEVEL = max(cfg.GI_LEVELS)
I40_TOP_LEVEL = max(cfg.I40_LEVELS)
CANDIDATE_COLUMNS = ("factory_id", "name", "province_code", "province_th", "province_en", "ladder", "level",
                     "next_level", "reason", "held_years", "inspections", "dimension", "dimension_score",
                     "others_score", "gap", "last_inspected_on")


def months_after(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (31 Aug + 6 months = 28 or 29 Feb)."""
    return (pd.Timestamp(day) + pd.DateOffset(months=months)).date()


def with_pace(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """``frame`` (columns ``value`` and ``target``, counts of the fiscal year so far) with how
    the year is going: ``achievement`` (% of the target), ``months_left`` to 30 September,
    ``pace_per_month`` so far, ``needed_per_month`` from now on to reach the target (0 once
    reached; NaN when no time is left or there is no target), ``projected`` (the value on 30
    September at the pace so far, straight-line) and ``on_track`` (the projection reaches the
    target; NA without a target).

    The pace is judged on the share of the year elapsed (:attr:`Period.elapsed`), so a target
    is reachable at the current pace exactly when ``projected >= target``.
    """
    value, target = frame["value"].astype(float), frame["target"].astype(float)
    year_months = ((period.end - period.start).days + 1) / cfg.DAYS_PER_MONTH
    elapsed_months = period.elapsed * year_months
    left = (period.end - period.day).days / cfg.DAYS_PER_MONTH
    remaining = (target - value).clip(lower=0)
    needed = remaining / left if left > 0 else remaining.where(remaining == 0)
    projected = value / period.elapsed
    on_track = (projected >= target).astype("boolean").mask(target.isna())
    return frame.assign(achievement=100.0 * value / target.where(target > 0), months_left=left,
                        pace_per_month=value / elapsed_months, needed_per_month=needed.where(target.notna()),
                        projected=projected, on_track=on_track)


def projected_share(value: pd.Series, target: pd.Series, elapsed: float) -> pd.Series:
    """The share of ``target`` (%) that the pace so far reaches by 30 September."""
    return (100.0 * value.astype(float) / elapsed / target.astype(float).where(target > 0)).astype(float)


def weakest_dimension(frame: pd.DataFrame) -> pd.Series:
    """Per row, the i4.0 dimension with the lowest score (``DIMENSION_COLUMNS``); the first in
    ``I40_DIMENSIONS`` order on a tie, ``None`` when no score is known."""
    scores = frame[list(DIMENSION_COLUMNS)].astype(float)
    known = scores.notna().any(axis=1)
    lowest = scores.fillna(np.inf).to_numpy().argmin(axis=1) if len(scores) else np.array([], dtype=int)
    names = np.array(cfg.I40_DIMENSIONS, dtype=object)[lowest]
    return pd.Series(np.where(known, names, None), index=frame.index, dtype=object)


def gi_candidates(facts: pd.DataFrame, day: date) -> pd.DataFrame:
    """Factories likely to move up a GI level: a level below the top held for at least
    ``GI_CANDIDATE_HELD_YEARS`` calendar years on ``day`` (``held_years`` shows how long), with a
    clean inspection record (inspected at least once and never non-compliant in the window, no
    order to correct still open).
    Longest held first."""
    since = pd.to_datetime(facts["gi_since"])
    held = (pd.Timestamp(day) - since).dt.days / 365.25
    long_enough = since <= pd.Timestamp(months_after(day, -12 * cfg.GI_CANDIDATE_HELD_YEARS))
    level = facts["gi_level"].astype(float)
    chosen = ((level < GI_TOP_LEVEL) & long_enough & (facts["inspections"] > 0)
              & (facts["non_compliant"] == 0) & (facts["open_orders"] == 0))
    rows = facts[chosen].assign(ladder="gi", level=level[chosen], next_level=level[chosen] + 1,
                                reason="gi_held_clean", held_years=held[chosen].round(1))
    return _candidate_frame(rows.sort_values(["held_years", "factory_id"], ascending=[False, True]))


def i40_candidates(facts: pd.DataFrame) -> pd.DataFrame:
    """Factories likely to move up an i4.0 level: below 4.0, with one dimension at least
    ``I40_LAGGING_GAP`` below the mean of the other five (lifting that one is the way up).
    Widest gap first."""
    scores = facts[list(DIMENSION_COLUMNS)].astype(float)
    weakest = weakest_dimension(facts)
    lowest = scores.min(axis=1)
    others = (scores.sum(axis=1) - lowest) / (scores.notna().sum(axis=1) - 1).where(lambda n: n > 0)
    gap = others - lowest
    level = facts["i40_level"].astype(float)
    chosen = (level < I40_TOP_LEVEL) & (gap >= cfg.I40_LAGGING_GAP - 1e-9)
    rows = facts[chosen].assign(ladder="i40", level=level[chosen], next_level=level[chosen] + 1,
                                reason="i40_lagging", dimension=weakest[chosen], dimension_score=lowest[chosen],
                                others_score=others[chosen].round(2), gap=gap[chosen].round(2))
    return _candidate_frame(rows.sort_values(["gap", "factory_id"], ascending=[False, True]))


def candidates(facts: pd.DataFrame, day: date, ladder: str) -> pd.DataFrame:
    """The candidates of one ladder (``"gi"`` or ``"i40"``) among ``facts``."""
    return gi_candidates(facts, day) if ladder == "gi" else i40_candidates(facts)


def _candidate_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with every candidate column (those a rule does not fill are empty)."""
    return rows.reindex(columns=list(CANDIDATE_COLUMNS)).reset_index(drop=True)


def top_and_bottom(frame: pd.DataFrame, spec: MetricSpec, n: int = cfg.ADOPTION_SLOPE_PROVINCES,
                   min_base: float = cfg.ADOPTION_MIN_BASE) -> tuple[list[str], list[str]]:
    """The codes of the ``n`` best and the ``n`` worst provinces of ``frame`` (one row per
    province) on ``spec``, best first; a ratio only where its denominator is at least
    ``min_base`` (a share of 3 factories says little). With ``2 n`` or fewer ranked, all of them
    are "best" and none "worst": one panel shows them all."""
    ranked = frame[frame[spec.code].notna()]
    if spec.is_ratio:
        ranked = ranked[ranked[spec.denominator] >= min_base]
    ranked = ranked.sort_values([spec.code, "code"], ascending=[not spec.higher_is_better, True])
    codes = list(ranked["code"])
    if len(codes) <= 2 * n:
        return codes, []
    return codes[:n], codes[-n:]
