"""The emergency board's live part and the banner every page shows: the filters, when the data
were read, the new severe incidents to acknowledge, the counts, the map and the list.

The map is pydeck with no basemap: provinces filled by their status (calm / watch / active) from
our own boundaries, and the open incidents on top, coloured by type and sized by severity. It
keeps the viewer's zoom and position through every refresh: Streamlit keys a selectable deck on
its ``key`` alone and applies only the parts of ``initialViewState`` that changed, so the view is
computed from the provinces in scope (the same on every refresh), never from the incidents. The
tooltips leave out the time since the start, so a refresh with nothing new sends a deck identical
to the last, byte for byte (Streamlit then sends a reference instead of the deck).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.factory_map import MAP_HEIGHT, _CompactDeck, _rgb, short_name
from components.i18n import fixed_labels, fmt_date, fmt_int, lang, name_column, t
from components.map_view import fit, geojson_bounds
from components.plumbing.params import ALL, EMERGENCIES
from components.plumbing.url_state import bound
from components.tables import download_buttons
from components.theme import BLANK, MUTED, NEUTRAL, QUALITATIVE, SEQUENTIAL_BAD
from data_access import settings as cfg
from data_access.queries.emergencies import AT_FACTORY, Board
from data_access.rules.emergencies import is_severe

# One colour per type (factory accidents warm, natural events cool), shared by maps, charts, legends.
TYPE_COLOURS = {
    "fire": QUALITATIVE[3], "explosion": QUALITATIVE[4], "chemical_leak": QUALITATIVE[1],
    "wastewater_discharge": QUALITATIVE[7], "flood": QUALITATIVE[0], "drought": QUALITATIVE[6],
    "cold_spell": QUALITATIVE[5], "pm25_open_burning": QUALITATIVE[2], "other": NEUTRAL,
}
STATUS_COLOURS = {"calm": BLANK, "watch": SEQUENTIAL_BAD[2], "active": SEQUENTIAL_BAD[4]}
# Point radius (pixels) by severity 1..4.
SEVERITY_RADIUS = {1: 5, 2: 7, 3: 10, 4: 13}
NEW_COLOUR = SEQUENTIAL_BAD[5]
_WIDTH = 560  # px: the map's column on a laptop screen (3/5 of the page), for the initial zoom
# The list's columns, what the centre reads first leftmost (a laptop screen may hide the last one).
_LIST_COLUMNS = ("new", "severity", "status", "type", "province", "factory", "since", "started", "casualties")
# Pixels of the list's narrow columns and of the factory's (long names end in "…"): on a laptop
# screen every column fits; on a wall screen there is room to spare.
_LIST_WIDTHS = {"new": 64, "severity": 52, "casualties": 90, "factory": 210}
_DOWNLOADED = (*_LIST_COLUMNS[1:], "display_reg", "hours_since_start", "summary", "lat", "lon", "emergency_id")


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


@dataclass(frozen=True)
class BoardMap:
    """The board's deck, and the province code behind each object of each of its pickable layers."""

    deck: _CompactDeck
    province_codes: dict[str, list[str]]


def board_deck(board: Board, outlines: dict, pending: frozenset[int]) -> BoardMap:
    """Provinces filled by status under the open incidents (contained ones hollow), new severe
    ones ringed; the view frames ``outlines`` (the provinces in scope) whatever the incidents.
    The incidents are plain records here: a handful of them, on every refresh."""
    located = board.incidents.dropna(subset=["lat", "lon"]).to_dict("records")
    by_status = {status: sorted((r for r in located if r["status"] == status), key=lambda r: r["severity"])
                 for status in ("contained", "active")}  # the severest drawn last, on top
    layers = [_province_layer(board.provinces, outlines)]
    for status, filled in (("contained", False), ("active", True)):
        layers.append(pdk.Layer(
            "ScatterplotLayer", _point_rows(by_status[status]), id=f"incidents-{status}", get_position="p",
            get_radius="r", radius_units="'pixels'", get_fill_color="k" if filled else [255, 255, 255, 200],
            get_line_color="k", stroked=True, filled=True, line_width_min_pixels=1 if filled else 2.5, pickable=True,
            auto_highlight=True))
    new = [r for r in by_status["active"] if r["emergency_id"] in pending]
    layers.append(pdk.Layer("ScatterplotLayer", _point_rows(new), id="incidents-new", get_position="p",
                            get_radius=22, radius_units="'pixels'", filled=False, stroked=True,
                            get_line_color=_rgb(NEW_COLOUR, 255), line_width_min_pixels=3, pickable=False))
    view = fit(*geojson_bounds(outlines), width=_WIDTH, height=MAP_HEIGHT, margin=0.35)
    deck = _CompactDeck(layers=layers, map_provider=None,
                        initial_view_state=pdk.ViewState(latitude=view.lat, longitude=view.lon, zoom=view.zoom),
                        tooltip={"html": "<b>{t}</b><br/>{a}<br/>{b}<br/>{c}", "style": {"fontSize": "13px"}})
    codes = {"provinces": [feature["id"] for feature in outlines["features"]],
             **{f"incidents-{status}": [r["province_code"] for r in rows] for status, rows in by_status.items()}}
    return BoardMap(deck, codes)


def board_map(drawn: BoardMap, *, key: str, on_province: Callable[[str], None]) -> None:
    """Draw the deck; a click on a province, or on an incident, opens that province's page."""
    def picked() -> None:
        for layer, chosen in st.session_state[key]["selection"]["indices"].items():
            codes = drawn.province_codes.get(layer, ())
            if chosen and chosen[0] < len(codes):
                on_province(codes[chosen[0]])

    st.pydeck_chart(drawn.deck, height=MAP_HEIGHT, key=key, on_select=picked, selection_mode="single-object",
                    alt=t("emergency.map.alt"))


def map_legend() -> None:
    """What the fills, sizes and rings of the map mean (the colours of the types: :func:`counts_by`)."""
    chips = [f'<span style="color:{STATUS_COLOURS[s]}; text-shadow: 0 0 1px {MUTED}">■</span> '
             f'{t(f"emergency.province_status.{s}")}' for s in cfg.PROVINCE_EMERGENCY_STATUSES]
    st.markdown(" &nbsp; ".join(chips), unsafe_allow_html=True)
    st.caption(t("emergency.map.legend", days=cfg.EMERGENCY_WATCH_DAYS))


def type_legend() -> None:
    """The colour of each type, as every map and chart of the board draws it."""
    kinds = [f'<span style="color:{TYPE_COLOURS[k]}">●</span> {type_label(k)}' for k in cfg.EMERGENCY_TYPES]
    st.markdown(" &nbsp; ".join(kinds), unsafe_allow_html=True)


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


def _province_layer(provinces: pd.DataFrame, outlines: dict) -> pdk.Layer:
    """The provinces of ``outlines`` filled by status; the tooltip names the status and counts.
    Labels are looked up once per status, not once per province: this runs on every refresh."""
    status_text = {s: t(f"emergency.province_status.{s}") for s in cfg.PROVINCE_EMERGENCY_STATUSES}
    fill = {s: _rgb(colour, 200) for s, colour in STATUS_COLOURS.items()}
    counts, open_page = t("emergency.map.province_counts"), t("emergency.map.open_province")
    rows = provinces.set_index("code")[[name_column(), "status", "active", "contained"]].to_dict("index")
    numbers = {n: fmt_int(n) for n in {*provinces["active"], *provinces["contained"]}}
    features = []
    for feature in outlines["features"]:
        row = rows[feature["id"]]
        features.append({**feature, "properties": {
            "t": row[name_column()], "a": status_text[row["status"]],
            "b": counts.format(active=numbers[row["active"]], contained=numbers[row["contained"]]),
            "c": open_page, "f": fill[row["status"]]}})
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="provinces",
                     stroked=True, filled=True, get_fill_color="properties.f", get_line_color=[90, 90, 90, 160],
                     line_width_min_pixels=0.6, pickable=True, auto_highlight=True)


def _point_rows(records: list[dict]) -> list[dict]:
    """One object per incident: position, colour, radius and the tooltip's lines (no age: the
    deck must not change while the incidents do not)."""
    province = f"province_{lang()}"
    return [{"p": [r["lon"], r["lat"]], "k": _rgb(TYPE_COLOURS[r["type"]]), "r": SEVERITY_RADIUS[int(r["severity"])],
             "t": t("emergency.map.point_title", type=type_label(r["type"]), severity=int(r["severity"])),
             "a": r[province],
             "b": t("emergency.area_event") if pd.isna(r["factory_name"])
             else short_name(r["factory_name"]) + _unplaced(r["placed"]),
             "c": t("emergency.map.point_state", started=fmt_date(r["started_at"], with_time=True),
                    status=status_label(r["status"]))}
            for r in records]


def _unplaced(placed: str) -> str:
    """A factory without coordinates is drawn at its province's centre: say so."""
    return "" if placed == AT_FACTORY else " " + t("emergency.map.at_province_centre")
