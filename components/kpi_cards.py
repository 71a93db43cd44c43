"""A row of KPI cards, each with its change against an earlier point."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.i18n import t

Formatter = Callable[[float | None], str]


def kpi_cards(kpis: pd.DataFrame, formatters: dict[str, Formatter], *, lower_is_better: set[str] = frozenset(),
              delta_label: str = "", per_row: int = 4) -> None:
    """One ``st.metric`` per row of ``kpis`` (columns ``kpi``, ``value``, ``previous``).

    The delta is coloured green when the change is good: for KPIs in ``lower_is_better`` a
    fall is good. Labels come from ``kpi.<code>`` in the translations.
    """
    records = kpis.to_dict("records")
    for start in range(0, len(records), per_row):
        chunk = records[start:start + per_row]
        columns = st.columns(len(chunk), border=True)
        for column, row in zip(columns, chunk):
            code, fmt = row["kpi"], formatters[row["kpi"]]
            delta = _delta(row["value"], row["previous"])
            column.metric(
                t(f"kpi.{code}"), fmt(row["value"]),
                delta=None if delta is None else f"{'-' if delta < 0 else '+'}{fmt(abs(delta))} {delta_label}".strip(),
                delta_color="inverse" if code in lower_is_better else "normal",
                help=t(f"kpi.{code}.help"),
            )


def _delta(value: float | None, previous: float | None) -> float | None:
    if value is None or previous is None or pd.isna(value) or pd.isna(previous):
        return None
    return float(value) - float(previous)
