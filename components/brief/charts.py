"""The brief's pictures, drawn with matplotlib on the server (no browser): the district map from
our own boundaries (a GeoDataFrame, drawn by geopandas on a given axis) and the monthly trends.
Thai text is set in Sarabun from the same file the app serves; matplotlib shapes it (libraqm).
Figures are PNG data URIs for the HTML template.

Only the object-oriented API is used (``Figure``, no ``pyplot`` figure): Streamlit runs sessions
in threads, and pyplot's global state is not thread-safe.
"""
from __future__ import annotations

import base64
import io

import geopandas as gpd
import matplotlib.colors
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

from components.i18n import t
from components.risk_labels import band_label
from components.theme import BAND_COLOURS, BLANK, INK, LINE, PAPER, PRIMARY, font_file
from components.trends import PARTIAL_OPACITY, SERIES_COLOURS, fiscal_year_ticks
from data_access.queries.province import TREND_SERIES
from data_access.settings import RISK_BAND_NAMES, RISKY_BANDS

DPI = 200
MM = 1 / 25.4  # inches per millimetre


def _font(size: float, weight: str = "Regular") -> FontProperties:
    return FontProperties(fname=font_file(weight), size=size)


def _png(figure: Figure, dpi: int = DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.02)
    return buffer.getvalue()


def _data_uri(figure: Figure) -> str:
    return data_uri(_png(figure))


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI for an HTML template."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def district_map_png(points: pd.DataFrame, shapes: gpd.GeoDataFrame, width_mm: float = 88,
                     height_mm: float = 95) -> str:
    """The factories as dots coloured by risk band (risky ones larger, on top) over the
    province's plain district ``shapes``, band legend below: one encoding, as on the page."""
    figure = Figure(figsize=(width_mm * MM, height_mm * MM))
    ax = figure.add_axes((0, 0.08, 1, 0.92))
    shapes.plot(ax=ax, color=BLANK, edgecolor=LINE, linewidth=0.4)
    for band in RISK_BAND_NAMES:
        chosen = points[points["band"] == band]
        if not chosen.empty:
            ax.scatter(chosen["lon"], chosen["lat"], s=4 if band in RISKY_BANDS else 1.2,
                       c=BAND_COLOURS[band], linewidths=0, label=band_label(band), zorder=3)
    ax.set_aspect(1 / np.cos(np.radians(np.mean(ax.get_ylim()))))
    ax.set_axis_off()
    if ax.get_legend_handles_labels()[0]:
        figure.legend(prop=_font(6.5), loc="lower center", ncol=len(RISK_BAND_NAMES), markerscale=3,
                      frameon=False, bbox_to_anchor=(0.5, 0.0))
    return _data_uri(figure)


def trends_png(trends: pd.DataFrame, width_mm: float = 92, height_mm: float = 95) -> str:
    """Three stacked monthly bar panels with fiscal years (BE) on the shared axis."""
    figure = Figure(figsize=(width_mm * MM, height_mm * MM), layout="constrained")
    axes = figure.subplots(len(TREND_SERIES), 1, sharex=True)
    tick_values, tick_text = fiscal_year_ticks(trends)
    alpha = np.where(trends["complete"], 1.0, PARTIAL_OPACITY)
    for ax, series in zip(axes, TREND_SERIES):
        colours = [(*matplotlib.colors.to_rgb(SERIES_COLOURS[series]), a) for a in alpha]
        ax.bar(trends["month"], trends[series], width=25, color=colours)
        ax.set_title(f"{t(f'trends.{series}')} ({t(f'trends.unit.{series}')})", fontproperties=_font(8, "SemiBold"),
                     loc="left", pad=2)
        ax.tick_params(labelsize=6)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", linewidth=0.3, alpha=0.6)
    axes[-1].set_xticks(tick_values, tick_text, fontproperties=_font(6.5))
    return _data_uri(figure)


def province_map_png(frame: pd.DataFrame, shapes: gpd.GeoDataFrame, value: str, colours: tuple[str, ...], label: str,
                     *, width_in: float, height_in: float, dpi: int) -> bytes:
    """The provinces shaded by ``frame[value]`` (``frame['code']`` the province) on the app's
    sequential ``colours``, the scale under the map with ``label``: the choropleth of the pages,
    drawn without a browser."""
    figure = Figure(figsize=(width_in, height_in))
    ax = figure.add_axes((0, 0.16, 1, 0.84))
    shaded = shapes.merge(frame[["code", value]], on="code", how="left")
    cmap = matplotlib.colors.LinearSegmentedColormap.from_list("deck", colours)
    shaded.plot(ax=ax, column=value, cmap=cmap, edgecolor=PAPER, linewidth=0.4,
                missing_kwds={"color": BLANK, "edgecolor": LINE})
    ax.set_aspect(1 / np.cos(np.radians(np.mean(ax.get_ylim()))))
    ax.set_axis_off()
    scale = figure.add_axes((0.1, 0.07, 0.8, 0.03))
    bar = figure.colorbar(ax.collections[0], cax=scale, orientation="horizontal")
    bar.set_label(label, fontproperties=_font(12))
    for tick in scale.get_xticklabels():
        tick.set_fontproperties(_font(10))
    return _png(figure, dpi)


def bars_png(labels: list[str], values: list[float], texts: list[str], *, longest: float, width_in: float,
             height_in: float, dpi: int, slots: int = 5) -> bytes:
    """Ranked horizontal bars, first on top, each with its figure (``texts``) at its end and
    names in Sarabun: the slides' bar chart, drawn without a browser. Room is kept for at least
    ``slots`` bars, so that one bar is as thick as one of five."""
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = figure.subplots()
    rows = range(len(values))
    ax.barh(rows, values, color=PRIMARY, height=0.72)
    for row, value, text in zip(rows, values, texts):
        ax.text(value + longest * 0.01, row, text, va="center", fontproperties=_font(13), color=INK)
    ax.set_yticks(list(rows), labels, fontproperties=_font(13))
    ax.set_xlim(0, longest * 1.18)
    ax.set_ylim(max(slots, len(values)) - 0.5, -0.5)  # first on top
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return _png(figure, dpi)
