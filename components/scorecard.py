"""The KPI scorecard: each KPI against its target with achievement, a traffic light, last year's
value at the same point and the rank among the provincial offices. The wording of a row is made
here once; the page shows it as a table and the PDF brief prints the same rows.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_int, fmt_num, fmt_pct, t
from data_access.rules.kpis import SPECS, missing

LIGHT_ICONS = {"green": "🟢", "amber": "🟡", "red": "🔴", "none": "⚪"}


def kpi_label(code: str) -> str:
    return t(f"kpis.{code}")


def format_value(code: str, value: float | None) -> str:
    """A KPI value in its unit: a percentage, a count, days or hours."""
    if missing(value):
        return "–"
    unit = SPECS[code].unit
    if unit == "pct":
        return fmt_pct(value)
    if unit == "count":
        return fmt_int(value)
    return t(f"scorecard.unit.{unit}", n=fmt_num(value))


def rank_text(rank: float | None, ranked_of: float | None, is_bangkok: bool) -> str:
    """``5 / 76``; Bangkok is supervised by DIW, not by a provincial office, so it is not ranked."""
    if is_bangkok:
        return t("scorecard.not_ranked")
    return "–" if missing(rank) else f"{fmt_int(rank)} / {fmt_int(ranked_of)}"


def scorecard_rows(card: pd.DataFrame, is_bangkok: bool) -> list[dict[str, str]]:
    """One dict of display strings per KPI (``light`` keeps its code for colouring)."""
    return [{
        "label": kpi_label(row.kpi),
        "value": format_value(row.kpi, row.value),
        "target": format_value(row.kpi, row.target),
        "achievement": fmt_pct(None if missing(row.achievement) else row.achievement, 0),
        "light": row.light,
        "status": f"{LIGHT_ICONS[row.light]} {t(f'scorecard.light.{row.light}')}",
        "previous": format_value(row.kpi, row.previous),
        "rank": rank_text(row.rank, row.ranked_of, is_bangkok),
    } for row in card.itertuples()]


COLUMNS = ("label", "value", "target", "achievement", "status", "previous", "rank")


def scorecard(card: pd.DataFrame, *, is_bangkok: bool, elapsed: float) -> None:
    """The scorecard table with a note on how progress is judged."""
    st.subheader(t("scorecard.title"))
    rows = pd.DataFrame(scorecard_rows(card, is_bangkok))[list(COLUMNS)]
    st.dataframe(rows.rename(columns=lambda c: t(f"scorecard.{c}")), hide_index=True, width="stretch",
                 height="content")
    st.caption(t("scorecard.pace_note", elapsed=fmt_pct(elapsed * 100, 0)))
