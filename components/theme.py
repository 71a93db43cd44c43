"""Look and feel shared by every view: the Sarabun font served by the app itself, colours and
the chart font, so that Thai renders the same in the UI, in charts and in PDFs.
"""
from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun

FONT_FAMILY = "Sarabun"
FONT_WEIGHTS = {"Regular": 400, "SemiBold": 600, "Bold": 700}

# Sequential scale for "more is worse" metrics and a diverging one for shares of a target.
SCALE_BAD = "OrRd"
SCALE_GOOD = "YlGnBu"
BAND_COLOURS = {"low": "#4caf50", "medium": "#ffc107", "high": "#ff7043", "critical": "#c62828"}
# Hexagons by how many risky factories they hold: grey for none, then light to dark.
HEX_COLOURS = ("#bdbdbd", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
TRAFFIC_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#9e9e9e"}


def font_file(weight: str = "Regular") -> Path:
    """Path of a Sarabun TTF inside the installed ``fontpkg-sarabun`` package."""
    return fontpkg_sarabun.ROOT / "files" / f"Sarabun-{weight}.ttf"


def chart_layout(**extra: object) -> dict:
    """Plotly layout defaults: Sarabun, tight margins, transparent background."""
    layout = {"font": {"family": f"{FONT_FAMILY}, sans-serif", "size": 14},
              "margin": {"l": 0, "r": 0, "t": 30, "b": 0}, "paper_bgcolor": "rgba(0,0,0,0)"}
    layout.update(extra)
    return layout
