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
from components.theme import BAND_COLOURS, BLANK, LINE, font_file
from components.trends import PARTIAL_OPACITY, SERIES_COLOURS, fiscal_year_ticks
from data_access.queries.province import TREND_SERIES
from data_access.settings import RISK_BAND_NAMES, RISKY_BANDS

DPI = 200
MM = 1 / 25.4  # inches per millimetre


def _font(size: float, weight: str = "Regular") -> FontProperties:
    return FontProperties(fname=font_file(weight), size=size)


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.02)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
