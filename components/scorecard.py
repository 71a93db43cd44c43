"""The KPI scorecard: each KPI against its target with achievement, a traffic light, last year's
value at the same point and the rank among the provincial offices. The wording of a row is made
here once; the page shows it as a table and the PDF brief prints the same rows.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_int, fmt_num, fmt_pct, t
from components.tables import table_height
from data_access.rules.kpis import NO_LIGHT, SPECS, missing

LIGHT_ICONS = {"green": "🟢", "amber": "🟡", "red": "🔴", "none": "⚪"}
ROW_PX = 60  # two lines: a long KPI name wraps rather than being cut


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


def rank_text(rank: float | None, ranked_of: float | None, is_bangkok: bool, judged: bool = True) -> str:
    """``5 / 76``; Bangkok is supervised by DIW, not by a provincial office, so it is not ranked,
    and neither is a KPI that is not judged (no target, or no value yet)."""
    if is_bangkok:
        return t("scorecard.not_ranked")
    return "–" if missing(rank) or not judged else f"{fmt_int(rank)} / {fmt_int(ranked_of)}"


def achievement_text(code: str, achievement: float | None) -> str:
    """How far along the target is, in a form that reads right either way: ``30%`` of a count
    or share to reach; for a time to keep under (days, hours), ``within target`` or how far over
    it (a median of 3.9 h against 24 h is not "200%" of anything). For those, achievement is
    target / value (:func:`data_access.rules.kpis.achievement_pct`): 100% or more is within."""
    if missing(achievement):
        return "–"
    if SPECS[code].higher_is_better:
        return fmt_pct(achievement, 0)
    if achievement >= 100:
        return t("scorecard.within_target")
    return t("scorecard.over_target", pct=fmt_pct(100 * (100 / achievement - 1), 0))


def scorecard_rows(card: pd.DataFrame, is_bangkok: bool) -> list[dict[str, str]]:
    """One dict of display strings per KPI (``light`` keeps its code for colouring)."""
    return [{
        "label": kpi_label(row.kpi),
        "value": format_value(row.kpi, row.value),
        "target": format_value(row.kpi, row.target),
        "achievement": achievement_text(row.kpi, row.achievement),
        "light": row.light,
        "status": f"{LIGHT_ICONS[row.light]} {t(f'scorecard.light.{row.light}')}",
        "previous": format_value(row.kpi, row.previous),
        "rank": rank_text(row.rank, row.ranked_of, is_bangkok, judged=row.light != NO_LIGHT),
    } for row in card.itertuples()]


COLUMNS = ("label", "value", "target", "achievement", "status", "previous", "rank")


def scorecard(card: pd.DataFrame, *, is_bangkok: bool, elapsed: float) -> None:
    """The scorecard table with a note on how progress is judged."""
    st.subheader(t("scorecard.title"))
    rows = pd.DataFrame(scorecard_rows(card, is_bangkok))[list(COLUMNS)]
    labels = {column: t(f"scorecard.{column}") for column in COLUMNS}
    st.dataframe(rows.rename(columns=labels), hide_index=True, width="stretch", row_height=ROW_PX,
                 height=table_height(len(rows), row_px=ROW_PX),
                 column_config={labels["label"]: st.column_config.TextColumn(width="medium", pinned=True)})
    st.caption(t("scorecard.pace_note", elapsed=fmt_pct(elapsed * 100, 0)))
