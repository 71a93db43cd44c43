"""How the emergency board names and colours things: incident types and statuses in words, a
duration as people say it, one colour per type (shared by the board's maps, charts and legends)
and the mark of a new severe incident."""
from __future__ import annotations

import streamlit as st

from components.i18n import fmt_int, t
from components.theme import NEUTRAL, QUALITATIVE, SEQUENTIAL_BAD
from data_access import settings as cfg

# One colour per type (factory accidents warm, natural events cool), shared by maps, charts, legends.
TYPE_COLOURS = {
    "fire": QUALITATIVE[3], "explosion": QUALITATIVE[4], "chemical_leak": QUALITATIVE[1],
    "wastewater_discharge": QUALITATIVE[7], "flood": QUALITATIVE[0], "drought": QUALITATIVE[6],
    "cold_spell": QUALITATIVE[5], "pm25_open_burning": QUALITATIVE[2], "other": NEUTRAL,
}
NEW_COLOUR = SEQUENTIAL_BAD[5]


def type_label(kind: str) -> str:
    return t(f"province.emergency_type.{kind}")


def status_label(status: str) -> str:
    return t(f"emergency.status.{status}")


def fmt_duration(hours: float) -> str:
    """``2 วัน 5 ชม.`` / ``2 d 5 h``; under an hour in minutes."""
    minutes = int(round(hours * 60))
    days, rest = divmod(minutes, 24 * 60)
    if days:
        return t("emergency.duration.days", d=fmt_int(days), h=rest // 60)
    if rest >= 60:
        return t("emergency.duration.hours", h=rest // 60, m=rest % 60)
    return t("emergency.duration.minutes", m=rest)


def type_legend() -> None:
    """The colour of each type, as every map and chart of the board draws it."""
    kinds = [f'<span style="color:{TYPE_COLOURS[k]}">●</span> {type_label(k)}' for k in cfg.EMERGENCY_TYPES]
    st.markdown(" &nbsp; ".join(kinds), unsafe_allow_html=True)
