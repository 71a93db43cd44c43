"""The factory risk score: plain, explainable arithmetic over a factory's features.

Each factor earns points up to its weight in ``settings.RISK_WEIGHTS`` (they add up to 100); the
score is their sum and the band follows ``settings.RISK_BANDS``. Keeping every contribution,
not only the total, is what lets the app explain a score factor by factor. Scores are computed
once per load (:func:`data_access.queries.risk_scores.refresh_factory_risk`) and stored in
``factory_risk`` so that every KPI that counts "risky factories" reads the same definition.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as cfg

FEATURE_COLUMNS = (
    "factory_type", "has_wastewater", "has_air_emission", "has_hazardous_substance",
    "has_hazardous_waste", "has_boiler", "horsepower", "workers", "non_compliant_count",
    "open_orders", "complaints_12m", "emergencies_3y", "days_since_inspection",
)


def _ramp(values: pd.Series, start: float, full: float, log: bool = False) -> np.ndarray:
    """0 at ``start`` or below, 1 at ``full`` or above, linear (or log-linear) between."""
    x = values.astype(float).fillna(0).to_numpy()
    if log:
        x, start, full = np.log(np.maximum(x, 1)), np.log(start), np.log(full)
    return np.clip((x - start) / (full - start), 0.0, 1.0)


def factor_points(features: pd.DataFrame) -> pd.DataFrame:
    """Points per factor (columns ``RISK_FACTORS``), one row per factory.

    ``features`` has ``FEATURE_COLUMNS``; ``days_since_inspection`` is NaN when the factory was
    never inspected, which counts as the longest gap.
    """
    w = cfg.RISK_WEIGHTS
    flag = {name: features[f"has_{name}"].fillna(False).astype(bool).to_numpy() * w[name]
            for name in ("wastewater", "air_emission", "hazardous_substance", "hazardous_waste", "boiler")}
    size = 0.5 * (_ramp(features["horsepower"], cfg.RISK_SIZE_FLOOR_HP, cfg.RISK_SIZE_FULL_HP, log=True)
                  + _ramp(features["workers"], cfg.RISK_SIZE_FLOOR_WORKERS, cfg.RISK_SIZE_FULL_WORKERS, log=True))
    gap = _ramp(features["days_since_inspection"].fillna(cfg.RISK_GAP_FULL_DAYS),
                cfg.RISK_GAP_START_DAYS, cfg.RISK_GAP_FULL_DAYS)
    points = {
        "type_hazard": features["factory_type"].isin(cfg.HAZARDOUS_FACTORY_TYPES).to_numpy() * w["type_hazard"],
        **flag,
        "size": size * w["size"],
        "non_compliance": _ramp(features["non_compliant_count"], 0, cfg.RISK_NONCOMPLIANCE_FULL) * w["non_compliance"],
        "open_orders": _ramp(features["open_orders"], 0, cfg.RISK_OPEN_ORDERS_FULL) * w["open_orders"],
        "complaints": _ramp(features["complaints_12m"], 0, cfg.RISK_COMPLAINTS_FULL) * w["complaints"],
        "emergencies": _ramp(features["emergencies_3y"], 0, cfg.RISK_EMERGENCIES_FULL) * w["emergencies"],
        "inspection_gap": gap * w["inspection_gap"],
    }
    return pd.DataFrame({name: np.round(points[name].astype(float), 2) for name in cfg.RISK_FACTORS},
                        index=features.index)


def band_of(score: float) -> str:
    """The band of one score (lower bounds inclusive)."""
    return next(name for lower, name in cfg.RISK_BANDS if score >= lower)


def score_factories(features: pd.DataFrame) -> pd.DataFrame:
    """Points per factor plus ``score``, ``band`` and ``is_risky`` for every row of ``features``."""
    points = factor_points(features)
    scored = points.copy()
    scored["score"] = points.sum(axis=1).round(1)
    bounds = [lower for lower, _ in reversed(cfg.RISK_BANDS)][1:]
    scored["band"] = np.asarray(cfg.RISK_BAND_NAMES)[np.searchsorted(bounds, scored["score"], side="right")]
    scored["is_risky"] = scored["band"].isin(cfg.RISKY_BANDS)
    return scored


def top_factors(points: pd.DataFrame, n: int = cfg.RISK_TOP_FACTORS) -> pd.Series:
    """Per factory, the ``n`` factors that contribute most to its score, as "code,code,code"
    (zeros left out; ties keep the order of ``RISK_FACTORS``). ``points`` has one column per
    factor in the order of ``RISK_FACTORS`` (as :func:`factor_points` or the stored ``pts_*``).

    Vectorised: row by row it would take seconds over a whole country, and tens of milliseconds
    for a visit list.
    """
    if points.shape[1] != len(cfg.RISK_FACTORS):
        raise ValueError(f"expected {len(cfg.RISK_FACTORS)} columns of points, got {points.shape[1]}")
    values = points.to_numpy(dtype=float)
    order = np.argsort(-values, axis=1, kind="stable")[:, :n]
    chosen = np.where(np.take_along_axis(values, order, axis=1) > 0, order, -1)  # zeros come last
    # Few combinations recur across the country: each is written once, not once per factory
    # (numbered as digits in base len(RISK_FACTORS) + 1, so that one flat array is sorted).
    base = len(cfg.RISK_FACTORS) + 1
    _, first, which = np.unique((chosen + 1) @ base ** np.arange(chosen.shape[1]), return_index=True,
                                return_inverse=True)
    names = np.asarray(cfg.RISK_FACTORS)
    codes = np.array([",".join(names[row[row >= 0]]) for row in chosen[first]], dtype=object)
    return pd.Series(codes[which], index=points.index, dtype=object)
