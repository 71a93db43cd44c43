"""The province page's tables: open complaints, emergencies, and the comparison with the region
and the nation. Each has a ``*_rows`` function of display strings that the brief prints too."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import fmt_date, fmt_int, fmt_num, lang, t
from components.scorecard import achievement_text, format_value, kpi_label
from components.tables import as_date, built_table, table_height
from data_access.rules.kpis import SPECS, missing
from data_access.settings import EMERGENCY_SEVERITIES, RECENT_EMERGENCY_DAYS

COMPLAINT_COLUMNS = ("received", "days_open", "topic", "channel", "factory", "status")


def complaint_rows(complaints: pd.DataFrame, received: list | None = None) -> pd.DataFrame:
    """Display strings of the open complaints (``received``: the dates as shown; words by default)."""
    return pd.DataFrame({
        "received": received if received is not None else [fmt_date(day) for day in complaints["received_on"]],
        "days_open": complaints["days_open"],
        "topic": [t(f"province.topic.{topic}") for topic in complaints["topic"]],
        "channel": [t(f"province.channel.{channel}") for channel in complaints["channel"]],
        "factory": complaints["factory_name"].fillna(t("province.factory_unknown")),
        "status": [t(f"province.complaint_status.{status}") for status in complaints["status"]],
    })


def emergency_columns() -> tuple[str, ...]:
    """The emergency table's columns: the free-text summary is recorded in Thai, so an English
    reader gets the coded fields only."""
    columns = ("state", "type", "severity", "started", "hours", "factory", "casualties", "summary")
    return columns if lang() == "th" else columns[:-1]


def emergency_rows(emergencies: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({
        "state": [t("province.emergency_active") if active else t("province.emergency_over")
                  for active in emergencies["active"]],
        "type": [t(f"province.emergency_type.{kind}") for kind in emergencies["type"]],
        "severity": [t("province.severity_of", n=int(level), top=max(EMERGENCY_SEVERITIES))
                     for level in emergencies["severity"]],
        "started": [fmt_date(moment, with_time=True) for moment in pd.to_datetime(emergencies["started_at"])],
        "hours": [fmt_num(None if missing(h) else h) for h in emergencies["hours_to_contain"]],
        "factory": emergencies["factory_name"].fillna("–"),
        "casualties": emergencies["casualties"],
        "summary": emergencies["summary"].fillna(""),
    })
    return frame[list(emergency_columns())]


def open_complaints_table(complaints: pd.DataFrame, code: str, *, key: str, day: date) -> None:
    st.subheader(t("province.complaints_title", n=fmt_int(len(complaints))))
    st.caption(t("province.complaints_caption"))
    if complaints.empty:
        st.success(t("province.no_open_complaints"))
        return
    label = {column: t(f"province.complaint_col.{column}") for column in COMPLAINT_COLUMNS}
    built_table(complaints, lambda part: complaint_rows(part).rename(columns=label), f"open_complaints_{code}",
                key=key, day=day, excel=True,
                files=lambda part: complaint_rows(part, [as_date(on) for on in part["received_on"]])
                .rename(columns=label))


def emergencies_table(emergencies: pd.DataFrame) -> None:
    active = int(emergencies["active"].sum()) if not emergencies.empty else 0
    st.subheader(t("province.emergencies_title", active=fmt_int(active)))
    st.caption(t("province.emergencies_caption", days=RECENT_EMERGENCY_DAYS))
    if emergencies.empty:
        st.success(t("province.no_emergencies"))
        return
    rows = emergency_rows(emergencies).rename(columns=lambda c: t(f"province.emergency_col.{c}"))
    st.dataframe(rows, hide_index=True, height=table_height(len(rows)))


def _average(code: str, value: float | None) -> str:
    """A region average: counts keep a decimal (an average of 0 and 1 is not 0)."""
    if SPECS[code].unit == "count" and not missing(value):
        return fmt_num(value)
    return format_value(code, value)


def _achievements(compare: pd.DataFrame, column: str) -> list[str]:
    return [achievement_text(code, value) for code, value in zip(compare["kpi"], compare[column])]


def compare_rows(compare: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "kpi": [kpi_label(code) for code in compare["kpi"]],
        "province": [format_value(c, v) for c, v in zip(compare["kpi"], compare["province"])],
        "province_achievement": _achievements(compare, "province_achievement"),
        "region_average": [_average(c, v) for c, v in zip(compare["kpi"], compare["region_average"])],
        "region_achievement": _achievements(compare, "region_achievement"),
        "national": [format_value(c, v) for c, v in zip(compare["kpi"], compare["national"])],
        "national_achievement": _achievements(compare, "national_achievement"),
    })


def compare_table(compare: pd.DataFrame, region_label: str) -> None:
    st.subheader(t("compare.title"))
    st.caption(t("compare.caption", region=region_label))
    st.dataframe(compare_rows(compare).rename(columns=lambda c: t(f"compare.col.{c}")), hide_index=True,
                 width="stretch", height="content")
