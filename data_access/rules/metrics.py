"""The province metrics the maps, cards and ranked tables show, defined once: each one's unit,
which way is better and, for a ratio, what it is a ratio of.

Counts are summed over provinces for the national figure; ratios are recomputed from the summed
counts (a national share is not the mean of the provinces' shares). The queries that count live
in :mod:`data_access.queries.overview` and :mod:`data_access.queries.risk_map`; the pages pick
which metrics they show from the tuples at the bottom.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COUNT, PCT, PER_1000, MEAN = "count", "pct", "per_1000", "mean"
_SCALE = {PCT: 100.0, PER_1000: 1000.0, MEAN: 1.0}


@dataclass(frozen=True)
class MetricSpec:
    """One province metric. A ratio (``PCT``, ``PER_1000``, or ``MEAN``: a sum over a count)
    names its numerator and denominator counts."""

    code: str
    unit: str
    higher_is_better: bool
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.unit in _SCALE


METRICS: dict[str, MetricSpec] = {spec.code: spec for spec in (
    MetricSpec("operating", COUNT, higher_is_better=True),
    MetricSpec("risky", COUNT, higher_is_better=False),
    MetricSpec("risky_per_1000", PER_1000, higher_is_better=False, numerator="risky", denominator="operating"),
    MetricSpec("risky_inspected", COUNT, higher_is_better=True),
    MetricSpec("risky_inspected_pct", PCT, higher_is_better=True, numerator="risky_inspected", denominator="risky"),
    MetricSpec("open_complaints", COUNT, higher_is_better=False),
    MetricSpec("active_emergencies", COUNT, higher_is_better=False),
    MetricSpec("gi_certified", COUNT, higher_is_better=True),
    MetricSpec("i40_advanced", COUNT, higher_is_better=True),
    MetricSpec("risky_overdue", COUNT, higher_is_better=False),
    MetricSpec("risky_open_complaints", COUNT, higher_is_better=False),
    MetricSpec("matching", COUNT, higher_is_better=False),
    # Adoption (data_access/queries/adoption.py): GI levels 1-5; i4.0 on the ministry's
    # self-assessment scale 1.0-4.0. ``*_target`` are the provinces' own targets summed.
    MetricSpec("gi_certified_pct", PCT, higher_is_better=True, numerator="gi_certified", denominator="operating"),
    MetricSpec("gi_level3", COUNT, higher_is_better=True),
    MetricSpec("gi_level3_pct", PCT, higher_is_better=True, numerator="gi_level3", denominator="operating"),
    MetricSpec("gi_certificates", COUNT, higher_is_better=True),
    MetricSpec("gi_new", COUNT, higher_is_better=True),
    MetricSpec("gi_upgraded", COUNT, higher_is_better=True),
    MetricSpec("gi_moves", COUNT, higher_is_better=True),
    MetricSpec("gi_target", COUNT, higher_is_better=True),
    MetricSpec("gi_target_pct", PCT, higher_is_better=True, numerator="gi_moves", denominator="gi_target"),
    MetricSpec("gi_projected", COUNT, higher_is_better=True),
    MetricSpec("gi_projected_pct", PCT, higher_is_better=True, numerator="gi_projected", denominator="gi_target"),
    MetricSpec("gi_expiring_6m", COUNT, higher_is_better=False),
    MetricSpec("gi_expiring_12m", COUNT, higher_is_better=False),
    MetricSpec("gi_revoked", COUNT, higher_is_better=False),
    MetricSpec("i40_assessed", COUNT, higher_is_better=True),
    MetricSpec("i40_level_sum", COUNT, higher_is_better=True),
    MetricSpec("i40_mean_level", MEAN, higher_is_better=True, numerator="i40_level_sum", denominator="i40_assessed"),
    MetricSpec("i40_advanced_pct", PCT, higher_is_better=True, numerator="i40_advanced", denominator="i40_assessed"),
    MetricSpec("i40_movers", COUNT, higher_is_better=True),
    MetricSpec("i40_assessments", COUNT, higher_is_better=True),
    MetricSpec("i40_target", COUNT, higher_is_better=True),
    MetricSpec("i40_target_pct", PCT, higher_is_better=True, numerator="i40_assessments", denominator="i40_target"),
    MetricSpec("i40_projected", COUNT, higher_is_better=True),
    MetricSpec("i40_projected_pct", PCT, higher_is_better=True, numerator="i40_projected",
               denominator="i40_target"),
)}

# The overview's headline cards, its map's choice of metric, and the risk map's choice.
HEADLINE = ("operating", "risky", "risky_inspected_pct", "open_complaints", "active_emergencies",
            "gi_certified", "i40_advanced")
OVERVIEW_MAP = ("risky", "risky_per_1000", "risky_inspected_pct", "open_complaints", "active_emergencies",
                "operating", "gi_certified", "i40_advanced")
# "matching": the factories that pass the risk page's filters, the same the factory map shows.
RISK_MAP = ("matching", "risky", "risky_per_1000", "risky_inspected_pct", "risky_overdue", "risky_open_complaints")
# The adoption page, per ladder: its cards, its map's choice of metric, its ranked table's columns.
ADOPTION_CARDS = {
    "gi": ("gi_certified", "gi_certified_pct", "gi_level3_pct", "gi_certificates", "gi_new", "gi_upgraded",
           "gi_expiring_6m", "gi_expiring_12m"),
    "i40": ("i40_assessed", "i40_mean_level", "i40_advanced", "i40_advanced_pct", "i40_assessments", "i40_movers"),
}
ADOPTION_MAP = {
    "gi": ("gi_certified_pct", "gi_level3_pct", "gi_target_pct", "gi_projected_pct", "gi_certified",
           "gi_expiring_12m", "gi_revoked"),
    "i40": ("i40_mean_level", "i40_advanced_pct", "i40_assessed", "i40_target_pct", "i40_projected_pct",
            "i40_movers"),
}
ADOPTION_TABLE = {
    "gi": ("gi_certified_pct", "gi_level3_pct", "gi_target_pct", "gi_projected_pct", "gi_moves", "gi_target",
           "gi_expiring_12m", "gi_certified", "operating"),
    "i40": ("i40_mean_level", "i40_advanced_pct", "i40_target_pct", "i40_projected_pct", "i40_assessments",
            "i40_target", "i40_movers", "i40_assessed"),
}


def add_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every ratio whose counts it holds (2 decimals; NaN where the denominator is 0)."""
    frame = frame.copy()
    for spec in METRICS.values():
        if spec.is_ratio and {spec.numerator, spec.denominator} <= set(frame.columns):
            frame[spec.code] = ratio(spec, frame[spec.numerator], frame[spec.denominator]).round(2)
    return frame


def ratio(spec: MetricSpec, numerator: pd.Series | float, denominator: pd.Series | float) -> pd.Series | float | None:
    """``spec``'s ratio of two counts (series or totals); nothing where the denominator is 0."""
    if isinstance(denominator, pd.Series):
        return (numerator * _SCALE[spec.unit] / denominator.where(denominator > 0)).astype(float)
    return numerator * _SCALE[spec.unit] / denominator if denominator else None


def national_figures(frame: pd.DataFrame) -> dict[str, float | None]:
    """The nation's figure of every metric ``frame`` (one row per province) holds: counts summed,
    ratios recomputed from the sums."""
    totals: dict[str, float | None] = {code: float(frame[code].sum(min_count=1)) for code, spec in METRICS.items()
                                       if not spec.is_ratio and code in frame.columns}
    for spec in METRICS.values():
        if spec.is_ratio and {spec.numerator, spec.denominator} <= set(totals):
            totals[spec.code] = ratio(spec, totals[spec.numerator], totals[spec.denominator])
    return totals
