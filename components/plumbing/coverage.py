"""What the loaded data measure, for the pages (the rules are :mod:`data_access.rules.coverage`):
which tables hold rows (one cached query), the pages' figures blanked where their source holds
nothing, and the note that says what to load, so that a database holding only a registry export
shows no zero it did not measure.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from components.missing_data import missing_data, not_loaded, not_measured
from components.plumbing.pages import PAGES
from components.plumbing.queries import cached
from data_access.db.schema import IMPORT_TABLES
from data_access.queries import catalog
from data_access.queries.adoption import AdoptionSummary
from data_access.queries.province import TREND_SERIES
from data_access.rules import coverage
from data_access.rules.kpis import KPI_ORDER
from data_access.rules.metrics import HEADLINE, OVERVIEW_MAP, RISK_MAP

_KIND_OF_TABLE = {table.name: kind for kind, table in IMPORT_TABLES.items()}
_DATA_PAGE = next(spec.path for spec in PAGES if spec.url_path == "data")

# What each page draws from besides the registry (the trends' series are named by their tables).
OVERVIEW = (*coverage.needs_of((*HEADLINE, *OVERVIEW_MAP), coverage.METRIC_NEEDS), *coverage.RISK_INPUTS)
RISK = (*coverage.needs_of(RISK_MAP, coverage.METRIC_NEEDS), *coverage.RISK_INPUTS)
PROVINCE = (*coverage.needs_of(KPI_ORDER, coverage.KPI_NEEDS), "kpi_targets", *TREND_SERIES, *coverage.RISK_INPUTS)
ADOPTION = (*coverage.LADDER_NEEDS["gi"], *coverage.LADDER_NEEDS["i40"], "kpi_targets")
EMERGENCIES = ("emergencies",)
EVERY_EXPORT = tuple(table.name for table in IMPORT_TABLES.values())
TRENDS = TREND_SERIES
LADDER_NEEDS = coverage.LADDER_NEEDS


def filled() -> frozenset[str]:
    """The tables holding any rows."""
    return cached(catalog.filled_tables)


def metrics(frame: pd.DataFrame) -> pd.DataFrame:
    """Province metrics with the unmeasured ones blank."""
    return coverage.measured_metrics(frame, filled())


def summary(figures: AdoptionSummary) -> AdoptionSummary:
    """A province's adoption summary with the unmeasured figures blank and the targets of an
    unloaded ladder left out (their progress would read as none made)."""
    unmeasured = coverage.unmeasured(figures.progress["kpi"].unique(), coverage.KPI_NEEDS, filled())
    return replace(figures, figures=metrics(figures.figures.to_frame().T).iloc[0],
                   progress=figures.progress[~figures.progress["kpi"].isin(unmeasured)])


def kpis(table: pd.DataFrame) -> pd.DataFrame:
    """The KPI table with the unmeasured KPIs blank and unjudged."""
    return coverage.measured_kpis(table, filled())


def trends(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly trends with the series of empty tables blank."""
    return frame.assign(**{series: float("nan") for series in coverage.missing(TREND_SERIES, filled())})


def notice(sources: Iterable[str], *, link: bool = True) -> None:
    """The note of what ``sources`` lack (nothing when every one holds rows)."""
    gone = coverage.missing(sources, filled())
    partial_risk = bool(set(gone) & set(coverage.RISK_INPUTS))
    missing_data([_KIND_OF_TABLE[t] for t in gone if t in _KIND_OF_TABLE], _DATA_PAGE if link else None,
                 partial_risk=partial_risk)


def loaded(table: str) -> bool:
    """Whether ``table`` holds rows; when not, a note takes the place of the block drawn from it."""
    if table in filled():
        return True
    not_loaded(_KIND_OF_TABLE[table])
    return False


def drawable(tables: Iterable[str], label: str, *, every: bool = True) -> bool:
    """Whether a map or chart (``label``) drawn from ``tables`` has anything measured to show:
    every one of them holds rows (or, with ``every=False``, any one); when not, a note takes
    its place."""
    tables = tuple(tables)
    gone = coverage.missing(tables, filled())
    shown = not gone if every else len(gone) < len(tables)
    if not shown:
        not_measured(label, [_KIND_OF_TABLE[t] for t in gone if t in _KIND_OF_TABLE])
    return shown


def measured(metric: str, label: str) -> bool:
    """Whether the metric ``metric`` is measured; when not, a note takes the place of its map."""
    return drawable(coverage.METRIC_NEEDS.get(metric, ()), label)
