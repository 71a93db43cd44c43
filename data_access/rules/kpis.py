"""The KPIs the inspectors-general ask of each province: what each one measures, its unit, which
way is better, and how a value is judged against its target part way through the fiscal year.

Everything here is a plain function of numbers (no database), so the rules are unit-tested on
their own and the province page, its ranking and the PDF brief all judge a KPI the same way.
This registry is the one list of KPIs: the targets table, the importer, the demo generator
and the queries of :mod:`data_access.queries.kpi_values` all derive theirs from it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from data_access import settings as cfg

GREEN, AMBER, RED, NO_LIGHT = "green", "amber", "red", "none"
UNITS = ("pct", "count", "days", "hours")


@dataclass(frozen=True)
class KpiSpec:
    """One KPI of the scorecard.

    ``paced``: the value accumulates from the start of the fiscal year (enrolments, share of
    risky factories inspected so far), so it is judged against the elapsed share of the year;
    otherwise it is a level (a share resolved, a median) judged against the target directly.
    ``has_target``: figures such as complaints received are shown and ranked but not targeted.
    ``program``: the programme of ``program_participation`` whose enrolments the KPI counts.
    """

    code: str
    unit: str
    higher_is_better: bool
    paced: bool
    has_target: bool = True
    program: str | None = None

    @property
    def national_target_applies(self) -> bool:
        """A national percentage or median target holds in every province without its own;
        a national count is the sum of the provinces' and says nothing about one of them."""
        return self.unit != "count"


# Scorecard order: inspection, complaints, programmes, emergencies.
KPIS: tuple[KpiSpec, ...] = (
    KpiSpec("risky_inspected_pct", "pct", higher_is_better=True, paced=True),
    KpiSpec("complaints_received", "count", higher_is_better=False, paced=False, has_target=False),
    KpiSpec("complaints_resolved_pct", "pct", higher_is_better=True, paced=False),
    KpiSpec("complaint_days_median", "days", higher_is_better=False, paced=False),
    KpiSpec("i_single_form", "count", higher_is_better=True, paced=True, program="i_single_form"),
    KpiSpec("gi_new", "count", higher_is_better=True, paced=True),
    KpiSpec("gi_upgraded", "count", higher_is_better=True, paced=True),
    KpiSpec("opoai_c_groups", "count", higher_is_better=True, paced=True, program="opoai_c"),
    KpiSpec("award_nominations", "count", higher_is_better=True, paced=True, program="award_nomination"),
    KpiSpec("i40_assessments", "count", higher_is_better=True, paced=True),
    KpiSpec("emergencies", "count", higher_is_better=False, paced=False, has_target=False),
    KpiSpec("emergency_contain_hours", "hours", higher_is_better=False, paced=False),
)
SPECS: dict[str, KpiSpec] = {spec.code: spec for spec in KPIS}
KPI_ORDER = tuple(SPECS)
# The codes of ``kpi_targets``: the KPIs that have a target.
TARGET_CODES = tuple(spec.code for spec in KPIS if spec.has_target)


def missing(value: float | None) -> bool:
    """No value: ``None`` or NaN (pandas hands over NaN for an empty median)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def achievement_pct(spec: KpiSpec, value: float | None, target: float | None) -> float | None:
    """How much of the full-year target is achieved, in percent.

    Higher-is-better: value / target. Lower-is-better (days, hours): target / value, capped at
    ``KPI_ACHIEVEMENT_CAP_PCT`` (a median of 0 hours would be infinitely good). ``None`` when
    there is no value, no target, or a target of 0 (nothing to achieve a share of).
    """
    if not spec.has_target or missing(value) or missing(target) or target <= 0:
        return None
    if spec.higher_is_better:
        return 100.0 * value / target
    if value <= 0:
        return cfg.KPI_ACHIEVEMENT_CAP_PCT
    return min(cfg.KPI_ACHIEVEMENT_CAP_PCT, 100.0 * target / value)


def expected_share(spec: KpiSpec, elapsed: float) -> float:
    """Share of the full-year target expected by now: the elapsed share for a paced KPI."""
    return max(elapsed, 0.0) if spec.paced else 1.0


def traffic_light(spec: KpiSpec, value: float | None, target: float | None, elapsed: float) -> str:
    """green / amber / red for a value against its target at ``elapsed`` (0..1) of the year,
    ``none`` when there is nothing to judge.

    A paced KPI compares achievement with the pro-rata target (``KPI_PACE_*``); a level KPI must
    meet its target for green (``KPI_LEVEL_AMBER`` for amber). A target of 0 is met by anything
    on its good side.
    """
    if not spec.has_target or missing(value) or missing(target):
        return NO_LIGHT
    if target <= 0:
        met = value >= target if spec.higher_is_better else value <= target
        return GREEN if met else RED
    share = achievement_pct(spec, value, target) / 100.0
    if spec.paced:
        expected = expected_share(spec, elapsed)
        pace = share / expected if expected > 0 else math.inf
        return GREEN if pace >= cfg.KPI_PACE_GREEN else AMBER if pace >= cfg.KPI_PACE_AMBER else RED
    return GREEN if share >= 1.0 else AMBER if share >= cfg.KPI_LEVEL_AMBER else RED


def ranking_value(spec: KpiSpec, value: float | None, target: float | None) -> float | None:
    """What provinces are ranked on, larger is better: achievement where the KPI has a target
    (targets differ with a province's size), otherwise the value in its good direction."""
    if spec.has_target:
        return achievement_pct(spec, value, target)
    if missing(value):
        return None
    return value if spec.higher_is_better else -value
