"""The visit list in words: why each factory is worth a visit, as a table with downloads (the
brief prints the same rows)."""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components.i18n import fmt_date, fmt_int, fmt_num, lang, t
from components.risk_labels import band_label, factor_label
from components.tables import table_with_download
from data_access.rules.kpis import missing
from data_access.settings import INSPECTION_OVERDUE_DAYS, RISK_NONCOMPLIANCE_YEARS, VISIT_REPEAT_NONCOMPLIANT

COLUMNS = ("order", "factory_id", "name", "district", "score", "band", "last_inspected", "reason")


def reason_text(row: Any) -> str:
    """Every reason that holds for one row (``itertuples``) of :func:`data_access.queries.visits.visit_list`,
    risk first."""
    factors = ", ".join(factor_label(name) for name in row.top_factors)
    reasons = [t("visits.reason.risk", band=band_label(row.band), score=fmt_num(row.score), factors=factors)]
    if row.risky_not_inspected:
        reasons.append(t("visits.reason.risky_not_inspected"))
    if row.inspection_overdue:
        reasons.append(t("visits.reason.never_inspected") if missing(row.days_since_inspection)
                       else t("visits.reason.overdue", days=fmt_int(row.days_since_inspection)))
    if row.overdue_orders:
        reasons.append(t("visits.reason.orders", n=fmt_int(row.overdue_orders), due=fmt_date(row.oldest_due)))
    if row.open_complaints:
        reasons.append(t("visits.reason.complaints", n=fmt_int(row.open_complaints)))
    if row.non_compliant >= VISIT_REPEAT_NONCOMPLIANT:
        reasons.append(t("visits.reason.non_compliant", n=fmt_int(row.non_compliant), years=RISK_NONCOMPLIANCE_YEARS))
    return "; ".join(reasons)


def visit_caption() -> str:
    """What puts a factory on the list, with the thresholds in force."""
    return t("visits.caption", days=fmt_int(INSPECTION_OVERDUE_DAYS), n=VISIT_REPEAT_NONCOMPLIANT,
             years=RISK_NONCOMPLIANCE_YEARS)


def visit_rows(visits: pd.DataFrame) -> pd.DataFrame:
    """Display columns ``COLUMNS`` (strings but the score), in the list's order."""
    district = f"district_{lang()}"
    return pd.DataFrame({
        "order": range(1, len(visits) + 1),
        "factory_id": visits["factory_id"],
        "name": visits["name"],
        "district": visits[district].fillna("–"),
        "score": visits["score"].round(1),
        "band": [band_label(band) for band in visits["band"]],
        "last_inspected": [fmt_date(None if pd.isna(day) else day) for day in visits["last_inspected_on"]],
        "reason": [reason_text(row) for row in visits.itertuples()],
    }, columns=list(COLUMNS))


def visit_table(visits: pd.DataFrame, code: str, *, key: str) -> None:
    st.subheader(t("visits.title"))
    st.caption(visit_caption())
    if visits.empty:
        st.success(t("visits.empty"))
        return
    shown = visit_rows(visits).rename(columns=lambda c: t(f"visits.col.{c}"))
    table_with_download(shown, f"visits_{code}", key=key, excel=True,
                        column_config={t("visits.col.reason"): st.column_config.TextColumn(width="large")})
