"""The visit list in words: why each factory is worth a visit, as a table with downloads (the
brief prints the same rows). The caption states the five criteria of
:func:`data_access.queries.visits.visit_list`, and each row names those it meets."""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.i18n import fmt_date, fmt_int, fmt_num, lang, t
from components.risk_labels import band_label, factor_list
from components.tables import as_date, built_table
from data_access.rules.kpis import missing
from data_access.settings import (
    INSPECTION_OVERDUE_DAYS, RISK_NONCOMPLIANCE_YEARS, VISIT_RECENT_DAYS, VISIT_REPEAT_NONCOMPLIANT,
)

# The reason first, after the factory; the registration number last (a lookup, not a reading).
COLUMNS = ("order", "name", "reason", "score", "band", "last_inspected", "district", "factory_id")
REASON_ROW_PX = 80  # three lines of reasons


def reason_text(row: Any) -> str:
    """The criteria one row (``itertuples``) of the visit list meets, in the caption's order,
    then its risk."""
    reasons = []
    if row.risky_not_inspected:
        reasons.append(t("visits.reason.risky_not_inspected"))
    if row.inspection_overdue:
        reasons.append(t("visits.reason.never_inspected") if missing(row.days_since_inspection)
                       else t("visits.reason.overdue", days=fmt_int(row.days_since_inspection)))
    if row.overdue_orders:
        reasons.append(t("visits.reason.orders", n=fmt_int(row.overdue_orders), due=fmt_date(as_date(row.oldest_due))))
    if row.open_complaints:
        reasons.append(t("visits.reason.complaints", n=fmt_int(row.open_complaints)))
    if row.repeat_non_compliant:
        reasons.append(t("visits.reason.non_compliant", n=fmt_int(row.non_compliant), years=RISK_NONCOMPLIANCE_YEARS))
    reasons.append(t("visits.reason.risk", band=band_label(row.band), score=fmt_num(row.score),
                     factors=factor_list(row.top_factors)))
    return "; ".join(reasons)


def visit_caption() -> str:
    """What puts a factory on the list, with the thresholds in force."""
    return t("visits.caption", days=fmt_int(INSPECTION_OVERDUE_DAYS), n=VISIT_REPEAT_NONCOMPLIANT,
             years=RISK_NONCOMPLIANCE_YEARS, recent=VISIT_RECENT_DAYS)


def visit_rows(visits: pd.DataFrame) -> pd.DataFrame:
    """Display columns ``COLUMNS`` (strings but the score), in the list's order."""
    return _rows(visits, [fmt_date(as_date(day)) for day in visits["last_inspected_on"]])


def visit_download(visits: pd.DataFrame) -> pd.DataFrame:
    """The same rows with the last inspection as a date (a date cell in Excel, ISO in CSV)."""
    return _rows(visits, [as_date(day) for day in visits["last_inspected_on"]])


def _rows(visits: pd.DataFrame, last_inspected: list) -> pd.DataFrame:
    return pd.DataFrame({
        "order": range(1, len(visits) + 1),
        "name": visits["name"],
        "reason": [reason_text(row) for row in visits.itertuples()],
        "score": visits["score"].round(1),
        "band": [band_label(band) for band in visits["band"]],
        "last_inspected": last_inspected,
        "district": visits[f"district_{lang()}"].fillna("–"),
        "factory_id": visits["factory_id"],
    }, columns=list(COLUMNS))


def visit_table(visits: pd.DataFrame, code: str, *, key: str, day: date) -> None:
    st.subheader(t("visits.title"))
    st.caption(visit_caption())
    if visits.empty:
        st.success(t("visits.empty"))
        return
    label = {column: t(f"visits.col.{column}") for column in COLUMNS}
    built_table(visits, lambda part: visit_rows(part).rename(columns=label), f"visits_{code}", key=key, excel=True,
                day=day, files=lambda part: visit_download(part).rename(columns=label), row_height=REASON_ROW_PX,
                column_config={label["reason"]: st.column_config.TextColumn(width="large"),
                               label["order"]: st.column_config.NumberColumn(width="small")})
