"""The emergency board's live part and the banner every page shows: the filters, when the data
were read, the new severe incidents to acknowledge, the counts and the list (the map:
:mod:`components.emergency_map`; names and colours: :mod:`components.emergency_labels`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from components.emergency_labels import NEW_COLOUR, TYPE_COLOURS, fmt_duration, status_label, type_label
from components.factory_map import short_name
from components.i18n import fixed_labels, fmt_date, fmt_int, lang, name_column, t
from components.plumbing.params import ALL, EMERGENCIES
from components.plumbing.url_state import bound
from components.tables import download_buttons
from data_access import settings as cfg
from data_access.queries.emergencies import Board
from data_access.rules.emergencies import is_severe

# The list's columns, what the centre reads first leftmost (a laptop screen may hide the last one).
_LIST_COLUMNS = ("new", "severity", "status", "type", "province", "factory", "since", "started", "casualties")
# Pixels of the list's narrow columns and of the factory's (long names end in "…"): on a laptop
# screen every column fits; on a wall screen there is room to spare.
_LIST_WIDTHS = {"new": 64, "severity": 52, "casualties": 90, "factory": 210}
_DOWNLOADED = (*_LIST_COLUMNS[1:], "display_reg", "hours_since_start", "summary", "lat", "lon", "emergency_id")


def filter_controls(provinces: pd.DataFrame) -> None:
    """The board's filters, each bound to its URL parameter; ``provinces`` are those the sidebar
    leaves in view."""
    names = dict(zip(provinces["code"], provinces[name_column()]))
    codes = [ALL, *sorted(names, key=names.get)]
    types, severities, statuses = cfg.EMERGENCY_TYPES, cfg.EMERGENCY_SEVERITIES, cfg.EMERGENCY_STATUSES
    dates = EMERGENCIES["dates"]
    with st.container(border=True):
        first, second = st.columns([4, 2, 3]), st.columns([4, 5])
        bound(first[0].multiselect, EMERGENCIES, "type", key="emergency_type", label=t("emergency.filter.type"),
              options=types, format_func=fixed_labels(types, type_label), placeholder=t("emergency.filter.any_type"))
        bound(second[0].pills, EMERGENCIES, "severity", key="emergency_severity", label=t("emergency.filter.severity"),
              options=severities, selection_mode="multi",
              format_func=fixed_labels(severities, lambda s: t("emergency.severity", n=s)))
        bound(second[1].pills, EMERGENCIES, "status", key="emergency_status", label=t("emergency.filter.status"),
              options=statuses, selection_mode="multi", format_func=fixed_labels(statuses, status_label))
        bound(first[1].selectbox, EMERGENCIES, "code", key="emergency_code", label=t("emergency.filter.province"),
              options=codes, format_func=fixed_labels(codes, lambda c: t("filter.all") if c == ALL else names[c]))
        bound(first[2].date_input, EMERGENCIES, "dates", key="emergency_dates", label=t("emergency.filter.dates"),
              min_value=dates.earliest, max_value=dates.latest, format="DD/MM/YYYY",
              help=t("emergency.filter.dates_help"))


def updated_at(moment: datetime) -> None:
    st.caption(t("emergency.updated", at=f"{fmt_date(moment)} {moment:%H:%M:%S}",
                 seconds=fmt_int(cfg.EMERGENCY_REFRESH_S)))


def new_severe_alert(pending: pd.DataFrame, *, on_acknowledge: Callable[[], None]) -> None:
    """The severe incidents new since the board last looked, until someone acknowledges them. Its
    slot is drawn on every refresh, empty or not: the elements after it keep their places, and
    the map below is not drawn afresh (which would lose the viewer's zoom)."""
    slot = st.container(key="emergency_new_alert_slot")
    if pending.empty:
        return
    with slot.container(border=True, key="emergency_new_alert"):
        text, button = st.columns([6, 1], vertical_alignment="center")
        lines = [t("emergency.new.line", type=type_label(row["type"]), severity=row["severity"],
                   province=row[f"province_{lang()}"], started=fmt_date(row["started_at"], with_time=True))
                 for _, row in pending.iterrows()]
        text.markdown(f"**:red[{t('emergency.new.title', n=fmt_int(len(pending)))}]**  \n" + "  \n".join(lines))
        button.button(t("emergency.new.acknowledge"), key="emergency_acknowledge", on_click=on_acknowledge,
                      type="primary")


def status_figures(board: Board) -> dict[str, int]:
    """Open incidents by status, the severe active ones, and provinces by status (labels
    ``emergency.count.<name>``)."""
    incidents, provinces = board.incidents, board.provinces
    active = incidents["status"] == "active"
    return {"active": int(active.sum()), "contained": int((incidents["status"] == "contained").sum()),
            "severe": int((active & is_severe(incidents["severity"])).sum()),
            "provinces_active": int((provinces["status"] == "active").sum()),
            "provinces_watch": int((provinces["status"] == "watch").sum())}


def status_counts(board: Board) -> None:
    """Open incidents by status, the severe active ones, and provinces by status."""
    figures = status_figures(board)
    for column, (name, value) in zip(st.columns(len(figures), border=True), figures.items()):
        column.metric(t(f"emergency.count.{name}"), fmt_int(value), help=t(f"emergency.count.{name}.help"))


def counts_by(incidents: pd.DataFrame) -> None:
    """Open incidents by type (in the map's colours: the table is its legend too) and by severity."""
    by_type, by_severity = Counter(incidents["type"]), Counter(incidents["severity"])
    types = [f'| <span style="color:{TYPE_COLOURS[k]}">●</span> {type_label(k)} | {fmt_int(by_type[k])} |'
             for k in cfg.EMERGENCY_TYPES]
    severities = [f"| {t('emergency.severity', n=s)} | {fmt_int(by_severity[s])} |" for s in cfg.EMERGENCY_SEVERITIES]
    for name, rows in (("type", types), ("severity", severities)):
        st.markdown("\n".join([f"| {t(f'emergency.by.{name}')} | {t('emergency.by.n')} |", "|:--|--:|", *rows]),
                    unsafe_allow_html=True)


def incident_list(incidents: pd.DataFrame, pending: frozenset[int], *, key: str) -> None:
    """The open incidents in the board's order, new severe ones marked and shaded; the downloads
    hold every column."""
    st.subheader(t("emergency.list.title", n=fmt_int(len(incidents))))
    if incidents.empty:
        st.success(t("emergency.list.none"))
        return
    rows = incident_rows(incidents, pending)
    headers = {column: t(f"emergency.col.{column}") for column in _DOWNLOADED + ("new",)}
    shown = rows[list(_LIST_COLUMNS)].rename(columns=headers)
    marked = rows["new"] != ""
    styled = shown.style.apply(lambda row: [f"background-color: {NEW_COLOUR}22" if marked[row.name] else ""] * len(row),
                               axis=1) if marked.any() else shown  # a Styler costs: only to shade new rows
    widths = {headers[column]: st.column_config.Column(width=pixels) for column, pixels in _LIST_WIDTHS.items()}
    st.dataframe(styled, hide_index=True, key=key, height="content", column_config=widths)
    download_buttons(rows[list(_DOWNLOADED)].rename(columns=headers), "emergencies_open", key=f"{key}_download",
                     excel=True)


def incident_rows(incidents: pd.DataFrame, pending: frozenset[int]) -> pd.DataFrame:
    """Display values of incidents: labels in the session's language, BE dates, durations."""
    return pd.DataFrame({
        "new": [t("emergency.new.mark") if i in pending else "" for i in incidents["emergency_id"]],
        "severity": incidents["severity"].astype(int),
        "type": incidents["type"].map(type_label),
        "province": incidents[f"province_{lang()}"],
        "factory": incidents["factory_name"].map(lambda name: t("emergency.area_event") if pd.isna(name)
                                                 else short_name(name)),
        "started": [fmt_date(moment, with_time=True) for moment in incidents["started_at"]],
        "since": incidents["hours_since_start"].map(fmt_duration),
        "casualties": incidents["casualties"].astype(int),
        "status": incidents["status"].map(status_label),
        "display_reg": incidents["display_reg"].fillna(""),
        "hours_since_start": incidents["hours_since_start"],
        "summary": incidents["summary"].fillna(""),
        "lat": incidents["lat"], "lon": incidents["lon"], "emergency_id": incidents["emergency_id"],
    }, index=incidents.index)


def severe_banner(severe: pd.DataFrame, board_page: Path, query_params: dict[str, str]) -> None:
    """One line while any severe incident is active: how many, the worst (``severe`` is severest
    first, then the longest running), how long it has run, and a link to the board. Its container
    is there when empty too, so that the page under it keeps its elements' places."""
    banner = st.container(horizontal=True, vertical_alignment="center", key="emergency_banner")
    if severe.empty:
        return
    worst = severe.iloc[0]
    banner.markdown(":red-background[" + t("emergency.banner", n=fmt_int(len(severe)), type=type_label(worst["type"]),
                                           severity=int(worst["severity"]), province=worst[f"province_{lang()}"],
                                           since=fmt_duration(worst["hours_since_start"])) + "]")
    banner.page_link(board_page, label=t("emergency.banner.link"), query_params=query_params)


