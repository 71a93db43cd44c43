"""The emergency board's map: pydeck with no basemap, provinces filled by their status (calm /
watch / active) from our own boundaries, and the open incidents on top, coloured by type and
sized by severity.

It keeps the viewer's zoom and position through every refresh: Streamlit keys a selectable deck on
its ``key`` alone and applies only the parts of ``initialViewState`` that changed, so the view is
computed from the provinces in scope (the same on every refresh), never from the incidents. The
tooltips leave out the time since the start, so a refresh with nothing new sends a deck identical
to the last, byte for byte (Streamlit then sends a reference instead of the deck).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.emergency_labels import NEW_COLOUR, TYPE_COLOURS, status_label, type_label
from components.factory_map import MAP_HEIGHT, _CompactDeck, _rgb, short_name
from components.i18n import fmt_date, fmt_int, lang, name_column, t
from components.map_view import fit, geojson_bounds
from components.theme import BLANK, MUTED, SEQUENTIAL_BAD
from data_access import settings as cfg
from data_access.queries.emergencies import AT_FACTORY, Board

STATUS_COLOURS = {"calm": BLANK, "watch": SEQUENTIAL_BAD[2], "active": SEQUENTIAL_BAD[4]}
# Point radius (pixels) by severity 1..4.
SEVERITY_RADIUS = {1: 5, 2: 7, 3: 10, 4: 13}
_WIDTH = 560  # px: the map's column on a laptop screen (3/5 of the page), for the initial zoom


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
