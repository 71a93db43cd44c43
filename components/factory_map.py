"""The factory-level map (pydeck): one point per factory coloured by risk band for a province or
a narrow filter, H3 hexagons counted on the server for the whole country.

Nothing is fetched from outside the server: no basemap at all (``map_provider=None``; a Carto
style is what pydeck and Streamlit fall back to otherwise), and the province and district
boundaries are drawn from our own files as a layer under the factories. The payload is kept
small: compact UTF-8 JSON, rounded coordinates, and per point a bare array of what the tooltip
shows instead of named fields.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from components.i18n import t
from components.map_view import fit
from components.risk_labels import band_label, factor_list
from components.theme import BAND_COLOURS, HEX_COLOURS
from data_access import settings as cfg

MAP_HEIGHT = 620
_LINE = [90, 90, 90, 160]
_LAND = [245, 245, 240, 255]
# Index of each tooltip field in a point's array: [lon, lat, 0, name, registration, type, score, band, factors].
_NAME, _REG, _TYPE, _SCORE, _BAND, _FACTORS = range(3, 9)
# Legal forms in factory names and their usual abbreviations (public company first).
_LEGAL_FORMS = tuple((re.compile(pattern), short) for pattern, short in (
    (r"บริษัท\s*(.+?)\s*จำกัด\s*\(มหาชน\)", "บมจ."), (r"บริษัท\s*(.+?)\s*จำกัด", "บจก."),
    (r"ห้างหุ้นส่วนจำกัด\s*(.+)", "หจก.")))


class _CompactDeck(pdk.Deck):
    """pydeck indents its JSON and escapes Thai as ``\\uXXXX``: about twice the bytes. Same JSON,
    without the whitespace and in UTF-8."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"),
                          ensure_ascii=False)


def _view(west: float, south: float, east: float, north: float) -> pdk.ViewState:
    """The view that frames the box in the map's column at the narrowest screen it is read on."""
    view = fit(west, south, east, north, width=cfg.MAP_WIDTH_FACTORIES, height=MAP_HEIGHT, margin=0.3)
    return pdk.ViewState(latitude=view.lat, longitude=view.lon, zoom=view.zoom)


def point_deck(frame: pd.DataFrame, outlines: dict) -> _CompactDeck:
    """Factories with coordinates as points, one layer per band (critical drawn last, on top),
    over the boundaries ``outlines`` (GeoJSON)."""
    located = frame.dropna(subset=["lat", "lon"])
    layers = [boundary_layer(outlines)]
    for band in cfg.RISK_BAND_NAMES:
        rows = located[located["band"] == band]
        if not rows.empty:
            layers.append(pdk.Layer(
                "ScatterplotLayer", _point_rows(rows, band), id=f"band-{band}", get_position="-",
                get_fill_color=_rgb(BAND_COLOURS[band]), get_line_color=[255, 255, 255], stroked=True,
                line_width_min_pixels=0.5, radius_units="'pixels'", get_radius=4 if band in cfg.RISKY_BANDS else 3,
                radius_min_pixels=2, pickable=True, auto_highlight=True))
    view = _view(located["lon"].min(), located["lat"].min(), located["lon"].max(), located["lat"].max())
    return _deck(layers, view, _point_tooltip())


def hex_class(risky: int) -> int:
    """The colour class of a cell holding ``risky`` risky factories: 0 for none, then one class
    per interval of ``RISK_HEX_BREAKS``."""
    return sum(risky >= lower for lower in cfg.RISK_HEX_BREAKS)


def hex_deck(cells: pd.DataFrame, outlines: dict, bounds: tuple[float, float, float, float]) -> _CompactDeck:
    """H3 cells (``cell``, ``n``, ``risky``, ``max_score``) coloured by how many risky factories
    each holds (darker for more), over the boundaries ``outlines`` (GeoJSON), framed on
    ``bounds`` (west, south, east, north: the provinces in view)."""
    layers = [boundary_layer(outlines)]
    classes = cells["risky"].map(hex_class)
    for number, colour in enumerate(HEX_COLOURS):
        rows = cells[classes == number]
        if not rows.empty:
            data = [{"h": h, "n": int(n), "k": int(k), "m": float(m)}
                    for h, n, k, m in zip(rows["cell"], rows["n"], rows["risky"], rows["max_score"])]
            layers.append(pdk.Layer(
                "H3HexagonLayer", data, id=f"hex-{number}", get_hexagon="h", get_fill_color=_rgb(colour, 200),
                stroked=False, extruded=False, pickable=True, auto_highlight=True))
    tooltip = (f"{t('risk.map.factories')} {{n}}<br/>{t('risk.map.risky')} {{k}}"
               f"<br/>{t('risk.map.max_score')} {{m}}")
    return _deck(layers, _view(*bounds), tooltip)


def factory_map(deck: _CompactDeck, *, key: str, on_pick: Callable[[str], None] | None = None,
                ids_by_layer: dict[str, list[str]] | None = None) -> None:
    """Draw ``deck``; a click on a point calls ``on_pick(factory_id)``."""
    if on_pick is None or ids_by_layer is None:
        st.pydeck_chart(deck, height=MAP_HEIGHT, key=key, alt=t("risk.map.alt"))
        return

    def picked() -> None:
        indices = st.session_state[key]["selection"]["indices"]
        for layer, chosen in indices.items():
            if chosen and chosen[0] < len(ids_by_layer.get(layer, ())):
                on_pick(ids_by_layer[layer][chosen[0]])

    st.pydeck_chart(deck, height=MAP_HEIGHT, key=key, alt=t("risk.map.alt"), on_select=picked,
                    selection_mode="single-object")


def band_legend() -> None:
    """The band colours of the points."""
    chips = [f'<span style="color:{BAND_COLOURS[band]}">●</span> {band_label(band)}'
             for band in reversed(cfg.RISK_BAND_NAMES)]
    st.markdown(" &nbsp; ".join(chips), unsafe_allow_html=True)


def hex_legend() -> None:
    """The colour classes of the hexagons: how many risky factories a cell holds."""
    bounds = [*cfg.RISK_HEX_BREAKS, None]
    ranges = [t("risk.map.hex_none")] + [
        f"{lower:,}+" if upper is None else (f"{lower:,}" if upper - lower == 1 else f"{lower:,}–{upper - 1:,}")
        for lower, upper in zip(bounds[:-1], bounds[1:])]
    chips = [f'<span style="color:{colour}">⬢</span> {text}' for colour, text in zip(HEX_COLOURS, ranges)]
    st.markdown(f"{t('risk.map.hex_legend')}: " + " &nbsp; ".join(chips), unsafe_allow_html=True)


def layer_ids(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The factory id behind each point of each layer of :func:`point_deck`, in drawing order."""
    located = frame.dropna(subset=["lat", "lon"])
    return {f"band-{band}": located.loc[located["band"] == band, "factory_id"].tolist() for band in cfg.RISK_BAND_NAMES}


def boundary_layer(outlines: dict) -> pdk.Layer:
    """Boundaries drawn under the factories: land and outlines, nothing picked."""
    return pdk.Layer("GeoJsonLayer", outlines, id="boundaries", stroked=True, filled=True,
                     get_fill_color=_LAND, get_line_color=_LINE, line_width_min_pixels=0.6, pickable=False)


def _point_rows(rows: pd.DataFrame, band: str) -> list[list]:
    label = band_label(band)
    factors = {codes: factor_list(",".join(codes.split(",")[:cfg.RISK_TOOLTIP_FACTORS]), ",")
               for codes in rows["top_factors"].unique()}
    types = rows["factory_type"].map(lambda v: "–" if pd.isna(v) else int(v))
    return [[lon, lat, 0, short_name(name), reg or "", ftype, score, label, factors[codes]]
            for lon, lat, name, reg, ftype, score, codes
            in zip(rows["lon"], rows["lat"], rows["name"], rows["display_reg"], types, rows["score"],
                   rows["top_factors"])]


def short_name(name: str) -> str:
    """The name with its legal form abbreviated the usual Thai way (บริษัท … จำกัด -> บจก. …)."""
    for pattern, abbreviation in _LEGAL_FORMS:
        if found := pattern.fullmatch(name):
            return f"{abbreviation} {found.group(1)}"
    return name


def _point_tooltip() -> str:
    return (f"<b>{{{_NAME}}}</b><br/>{{{_REG}}} · {t('risk.map.type')} {{{_TYPE}}}"
            f"<br/>{t('risk.map.score')} {{{_SCORE}}} · {{{_BAND}}}<br/>{{{_FACTORS}}}")


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip_html: str) -> _CompactDeck:
    return _CompactDeck(layers=layers, initial_view_state=view, map_provider=None,
                        tooltip={"html": tooltip_html, "style": {"fontSize": "13px"}})


def _rgb(hex_colour: str, alpha: int = 230) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]
