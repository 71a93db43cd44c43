"""Vectorised sampling helpers shared by the demo's table builders, and the run context.

Dates are handled as integer day numbers (days since 1970-01-01) so that whole columns can be
drawn with numpy in one go; they become ``datetime64`` only when a DataFrame is built.
Each builder draws from its own random stream keyed by name, so adding a draw to one table
never changes another table for the same seed.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from data_access.demo.params import FISCAL_YEARS
from data_access.rules import fiscal

EPOCH = np.datetime64("1970-01-01", "D")


def to_day(day: date) -> int:
    """A date as its day number."""
    return int((np.datetime64(day, "D") - EPOCH).astype(np.int64))


def day_dates(days: np.ndarray, null: np.ndarray | None = None) -> np.ndarray:
    """Day numbers to a ``datetime64[s]`` column (midnight); ``null`` marks NaT rows."""
    out = (np.asarray(days, dtype=np.int64).astype("datetime64[D]")).astype("datetime64[s]")
    if null is not None:
        out[null] = np.datetime64("NaT")
    return out


def day_years(days: np.ndarray) -> np.ndarray:
    """Gregorian calendar year of each day number."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970


def day_months(days: np.ndarray) -> np.ndarray:
    """Calendar month (1..12) of each day number."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    return (d.astype("datetime64[M]").astype(int) % 12) + 1


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder), so that
    shares are exact to one unit and the sum is ``total``."""
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    out = np.floor(raw).astype(np.int64)
    short = total - out.sum()
    if short > 0:
        out[np.argsort(-(raw - out), kind="stable")[:short]] += 1
    return out


def sample_without_replacement(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """``k`` distinct indices drawn with probability proportional to ``weights`` (Efraimidis-
    Spirakis keys: one sort instead of ``k`` sequential draws). Zero weights are never drawn."""
    w = np.asarray(weights, dtype=float)
    keys = np.full(len(w), np.inf)
    positive = w > 0
    keys[positive] = rng.exponential(size=int(positive.sum())) / w[positive]
    k = min(k, int(positive.sum()))
    return np.sort(np.argpartition(keys, k - 1)[:k]) if k > 0 else np.empty(0, dtype=np.int64)


def choose_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category index per row of a (rows x categories) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    cum /= cum[:, -1:]
    u = rng.random(len(probs))[:, None]
    return np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)


def uniform_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, power: float = 1.0) -> np.ndarray:
    """A day in ``[lo, hi)`` per row; ``power`` < 1 leans toward ``hi`` (growth over time)."""
    lo = np.asarray(lo, dtype=np.int64)
    span = np.maximum(np.asarray(hi, dtype=np.int64) - lo, 1)
    u = rng.random(len(lo)) ** power
    return lo + np.minimum((u * span).astype(np.int64), span - 1)


def scaled(count: float, scale: float, minimum: int = 0) -> int:
    """A national count at ``scale``, never below ``minimum``."""
    return max(minimum, int(round(count * scale)))


@dataclass
class Context:
    """What every builder needs: the seed, scale and as-of date, and the fiscal-year window."""

    seed: int
    scale: float
    as_of: date
    fiscal_years: list[int] = field(init=False)      # BE, oldest first
    fy_start_days: np.ndarray = field(init=False)    # first day of each fiscal year
    fy_end_days: np.ndarray = field(init=False)      # exclusive end, capped at as_of + 1
    window_start: int = field(init=False)            # first day of the oldest fiscal year
    end_day: int = field(init=False)                 # as_of + 1 (exclusive)

    def __post_init__(self) -> None:
        self.fiscal_years = sorted(fiscal.recent_fiscal_years(self.as_of, FISCAL_YEARS))
        bounds = [fiscal.fiscal_year_bounds(fy) for fy in self.fiscal_years]
        self.end_day = to_day(self.as_of) + 1
        self.fy_start_days = np.array([to_day(b[0]) for b in bounds])
        self.fy_end_days = np.minimum(np.array([to_day(b[1]) + 1 for b in bounds]), self.end_day)
        self.window_start = int(self.fy_start_days[0])

    def rng(self, name: str) -> np.random.Generator:
        """An independent, reproducible random stream for one builder."""
        return np.random.default_rng([self.seed % (1 << 64), zlib.crc32(name.encode("utf-8"))])
