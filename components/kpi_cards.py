"""A row of headline cards, each with its change against an earlier point."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_int, fmt_num, fmt_pct, t
from data_access.rules.metrics import COUNT, METRICS, PCT, MetricSpec


def format_metric(spec: MetricSpec, value: float | None) -> str:
    """A metric's value in its unit: a whole count, a percentage, a rate with one decimal."""
    if value is None or pd.isna(value):
        return "–"
    if spec.unit == COUNT:
        return fmt_int(value)
    return fmt_pct(value) if spec.unit == PCT else fmt_num(value)


def kpi_cards(kpis: pd.DataFrame, *, delta_label: str = "", per_row: int = 4) -> None:
    """One ``st.metric`` per row of ``kpis`` (columns ``kpi``: a metric code, ``value``,
    ``previous``). The change is green when it is good (for a metric where lower is better, a
    fall is good) and grey when there is none. Labels come from ``kpi.<code>`` in the
    translations."""
    records = kpis.to_dict("records")
    for start in range(0, len(records), per_row):
        chunk = records[start:start + per_row]
        for column, row in zip(st.columns(len(chunk), border=True), chunk):
            spec = METRICS[row["kpi"]]
            delta = _delta(row["value"], row["previous"])
            unchanged = delta is not None and format_metric(spec, abs(delta)) in (format_metric(spec, 0), "–")
            column.metric(
                t(f"kpi.{spec.code}"), format_metric(spec, row["value"]), help=t(f"kpi.{spec.code}.help"),
                delta=None if delta is None else _signed(spec, delta, unchanged), delta_description=delta_label or None,
                delta_color="off" if unchanged else "normal" if spec.higher_is_better else "inverse",
                delta_arrow="off" if unchanged else "auto",
            )


def change_text(spec: MetricSpec, value: float | None, previous: float | None) -> str | None:
    """A card's change as written (``+409``, ``-1.1%``, ``0``), or ``None`` without an earlier value."""
    delta = _delta(value, previous)
    if delta is None:
        return None
    return _signed(spec, delta, format_metric(spec, abs(delta)) in (format_metric(spec, 0), "–"))


def _signed(spec: MetricSpec, delta: float, unchanged: bool) -> str:
    """``+409``, ``-1.1%``; a change too small to show is ``0`` (neutral: no arrow, no colour)."""
    if unchanged:
        return format_metric(spec, 0)
    return f"{'-' if delta < 0 else '+'}{format_metric(spec, abs(delta))}"


def _delta(value: float | None, previous: float | None) -> float | None:
    if value is None or previous is None or pd.isna(value) or pd.isna(previous):
        return None
    return float(value) - float(previous)
