"""Which figures the loaded data can measure.

A figure counted from a table that holds no rows at all is not measured: a database holding only
a registry export has no inspections, so its share of risky factories inspected is unknown, not
0% (and its scorecard is not red). The pages show such figures as missing ("–") and say which
data to load; a table with rows, however few, measures its figures, zeros included.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import pandas as pd

from data_access.db.schema import TABLE_ORDER
from data_access.rules.kpis import NO_LIGHT
from data_access.rules.metrics import METRICS

_INSPECTIONS, _COMPLAINTS, _EMERGENCIES = ("inspections",), ("complaints",), ("emergencies",)
_GI, _I40, _PROGRAMS = ("gi_certifications",), ("i40_assessments",), ("program_participation",)
_TARGETS = "kpi_targets"
# A registry export carries no risk attributes (wastewater, emissions, ...): from it alone a score
# stays below the risky bands, so "risky" needs at least the inspection history.
_RISKY = ("factory_risk", *_INSPECTIONS)

# The tables each province metric (rules/metrics.py) is counted from; one not named needs only
# the registry.
METRIC_NEEDS: dict[str, tuple[str, ...]] = {
    **{spec: _GI for spec in METRICS if spec.startswith("gi_")},
    **{spec: _I40 for spec in METRICS if spec.startswith("i40_")},
    **{spec: (*_GI, _TARGETS) for spec in ("gi_target_pct", "gi_projected_pct")},
    **{spec: (*_I40, _TARGETS) for spec in ("i40_target_pct", "i40_projected_pct")},
    "gi_target": (_TARGETS,), "i40_target": (_TARGETS,),
    "risky": _RISKY, "risky_per_1000": _RISKY, "matching": _RISKY,
    "risky_inspected": _INSPECTIONS, "risky_inspected_pct": _INSPECTIONS, "risky_overdue": _INSPECTIONS,
    "open_complaints": _COMPLAINTS, "risky_open_complaints": _COMPLAINTS,
    "active_emergencies": _EMERGENCIES, "gi_certified": _GI, "i40_advanced": _I40,
}
# The tables each KPI (rules/kpis.py) is measured from.
KPI_NEEDS: dict[str, tuple[str, ...]] = {
    "risky_inspected_pct": _INSPECTIONS,
    "complaints_received": _COMPLAINTS, "complaints_resolved_pct": _COMPLAINTS, "complaint_days_median": _COMPLAINTS,
    "i_single_form": _PROGRAMS, "opoai_c_groups": _PROGRAMS, "award_nominations": _PROGRAMS,
    "gi_new": _GI, "gi_upgraded": _GI, "i40_assessments": _I40,
    "emergencies": _EMERGENCIES, "emergency_contain_hours": _EMERGENCIES,
}
# What each adoption ladder (settings.LADDERS) is counted from.
LADDER_NEEDS = {"gi": _GI, "i40": _I40}
# What the risk score reads besides the registry (docs/risk-model.md): without them it is
# worked out from the registry alone.
RISK_INPUTS = (*_INSPECTIONS, *_COMPLAINTS, *_EMERGENCIES)
# Columns of the KPI table (queries/kpi_values.py) that hold a measurement.
_KPI_MEASURED = ("value", "achievement", "previous", "rank", "ranked_of")


def missing(tables: Iterable[str], filled: Collection[str]) -> tuple[str, ...]:
    """The tables among ``tables`` that hold no rows, in schema order."""
    wanted = set(tables)
    return tuple(t.name for t in TABLE_ORDER if t.name in wanted and t.name not in filled)


def needs_of(codes: Iterable[str], needs: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every table the figures ``codes`` are counted from."""
    return tuple(dict.fromkeys(table for code in codes for table in needs.get(code, ())))


def unmeasured(codes: Iterable[str], needs: Mapping[str, tuple[str, ...]], filled: Collection[str]) -> list[str]:
    """The figures among ``codes`` that a table without rows leaves unmeasured."""
    return [code for code in codes if missing(needs.get(code, ()), filled)]


def measured_metrics(frame: pd.DataFrame, filled: Collection[str]) -> pd.DataFrame:
    """Province metrics (one column per metric) with the unmeasured ones blank."""
    return frame.assign(**{code: float("nan") for code in unmeasured(frame.columns, METRIC_NEEDS, filled)})


def measured_kpis(table: pd.DataFrame, filled: Collection[str]) -> pd.DataFrame:
    """The long KPI table with the unmeasured KPIs blank and unjudged (targets stay: they are set,
    not measured)."""
    blank = table["kpi"].isin(unmeasured(table["kpi"].unique(), KPI_NEEDS, filled))
    if not blank.any():
        return table
    table = table.copy()
    table.loc[blank, list(_KPI_MEASURED)] = float("nan")
    table.loc[blank, "light"] = NO_LIGHT
    return table
