"""Look and feel shared by every view: the Sarabun font served by the app itself, the one
palette of the app, the chart font, so that Thai and colours render the same in the UI, in
charts, in the PDFs and in the slides.

Every colour of the app is defined here and nowhere else (``.streamlit/config.toml`` repeats
``PRIMARY``, ``INK`` and the backgrounds, checked by a test). The sets survive a washed-out
projector and colour-blind viewers: the sequential scales run from light to dark in one hue
family (lightness alone carries the order), the diverging one is blue against brown (no
red-green pair), and the qualitative set is Okabe and Ito's. Text colours pass WCAG 2 AA (4.5:1)
on ``PAPER`` and ``SURFACE``.
"""
from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun

from data_access.settings import PRESENT_BODY_PX, PRESENT_FIGURE_PX

FONT_FAMILY = "Sarabun"
FONT_WEIGHTS = {"Regular": 400, "SemiBold": 600, "Bold": 700}

# --- text and surfaces (contrast on PAPER: INK 17:1, MUTED 7.4:1, PRIMARY 8.2:1) -----------------
INK = "#1a1a1a"
MUTED = "#4d5560"
PRIMARY = "#1f4e9a"
PAPER = "#ffffff"
SURFACE = "#f4f6f9"       # sidebar, table headers of the PDFs
LINE = "#9aa3ad"          # outlines of areas without a value, grid lines
BLANK = "#eef0f2"         # areas drawn plain
# Presentation mode: black on white, the strongest contrast a projector keeps.
PRESENT_INK = "#000000"
PRESENT_MUTED = "#333333"

# --- sequential (amounts): light to dark; the lightest stop only for maps (bars and points start
# at the second, which shows on white) ------------------------------------------------------------
SEQUENTIAL_BAD = ("#fff3e0", "#fdd0a2", "#fdae6b", "#f0803c", "#c8471b", "#7a1f0a")   # more is worse
SEQUENTIAL_GOOD = ("#eef5fb", "#c6dbef", "#8fbde0", "#4f94cb", "#2767a8", "#0b3a6e")  # more is better
# --- diverging (against a target): brown below, blue above, pale at the target --------------------
DIVERGING = ("#8c510a", "#d8b365", "#f6f0e3", "#7fb3d5", "#1f5f99")
# --- qualitative (categories): Okabe and Ito, black last ----------------------------------------
QUALITATIVE = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#000000")
NEUTRAL = "#9e9e9e"


def scale(colours: tuple[str, ...]) -> list[list]:
    """A plotly colour scale spreading ``colours`` evenly from 0 to 1."""
    last = len(colours) - 1
    return [[index / last, colour] for index, colour in enumerate(colours)]


SCALE_BAD = scale(SEQUENTIAL_BAD)
SCALE_GOOD = scale(SEQUENTIAL_GOOD)
SCALE_DIVERGING = scale(DIVERGING)
# Risk bands, ordered like the scale of "more is worse".
BAND_COLOURS = {"low": SEQUENTIAL_GOOD[3], "medium": QUALITATIVE[1], "high": SEQUENTIAL_BAD[4],
                "critical": SEQUENTIAL_BAD[5]}
# Hexagons by how many risky factories they hold: grey for none, then light to dark.
HEX_COLOURS = (NEUTRAL, *SEQUENTIAL_BAD[2:])
TRAFFIC_COLOURS = {"green": QUALITATIVE[2], "amber": QUALITATIVE[1], "red": QUALITATIVE[3], "none": NEUTRAL}


def css_palette() -> dict[str, str]:
    """The text and surface colours as CSS variables (``var(--ink)``) for the PDFs' stylesheets."""
    return {"ink": INK, "muted": MUTED, "primary": PRIMARY, "surface": SURFACE, "line": LINE}


def font_file(weight: str = "Regular") -> Path:
    """Path of a Sarabun TTF inside the installed ``fontpkg-sarabun`` package."""
    return fontpkg_sarabun.ROOT / "files" / f"Sarabun-{weight}.ttf"


def chart_layout(*, font_size: int = 14, **extra: object) -> dict:
    """Plotly layout defaults: Sarabun in ``INK``, tight margins, transparent background
    (``font_size`` larger for a projected slide)."""
    layout = {"font": {"family": f"{FONT_FAMILY}, sans-serif", "size": font_size, "color": INK},
              "margin": {"l": 0, "r": 0, "t": 30, "b": 0}, "paper_bgcolor": "rgba(0,0,0,0)"}
    layout.update(extra)
    return layout


def app_css() -> str:
    """The page styles that Streamlit's theme settings cannot give: captions, metric
    descriptions and the sidebar's small print in ``MUTED`` (Streamlit fades them to 3.9:1, under
    WCAG AA's 4.5:1)."""
    return f"""
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricDeltaDescription"], [data-testid="stWidgetLabel"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span, [data-testid="stFileUploaderDropzoneInstructions"] small
{{ color: {MUTED} !important; opacity: 1 !important; }}
"""


def _at_1080(px: float) -> str:
    """A size given for a 1080-pixel-high screen, in proportion to the screen's height (a 720-pixel
    projector shows two thirds of it), never under 16 px."""
    return f"max(16px, {px / 10.8:.3f}vh)"


def present_css() -> str:
    """Presentation mode: no sidebar, header, toolbar or deck controls on screen; black on white;
    body text ``PRESENT_BODY_PX`` and figures ``PRESENT_FIGURE_PX`` at 1920x1080, in proportion
    on other screens."""
    body, figure, title = _at_1080(PRESENT_BODY_PX), _at_1080(PRESENT_FIGURE_PX), _at_1080(PRESENT_BODY_PX * 1.9)
    return f"""
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], .mind-header,
.st-key-deck_controls {{ display: none !important; }}
html, body, .stApp {{ font-size: {body} !important; color: {PRESENT_INK}; background: {PAPER}; }}
[data-testid="stMainBlockContainer"] {{ padding: 1.2rem 2.4rem 2.6rem !important; max-width: none !important; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stMarkdownContainer"] td,
[data-testid="stMarkdownContainer"] th {{ font-size: {body}; color: {PRESENT_INK}; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ font-size: {body};
  color: {PRESENT_MUTED} !important; }}
[data-testid="stHeadingWithActionElements"] h1 {{ font-size: {title}; color: {PRIMARY};
  padding: 0 0 .3rem; }}
[data-testid="stHeadingWithActionElements"] a {{ display: none; }}
[data-testid="stMetric"] label, [data-testid="stMetricLabel"] p {{ font-size: {body} !important;
  color: {PRESENT_INK}; }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {{ font-size: {figure} !important; font-weight: 700;
  color: {PRESENT_INK}; line-height: 1.1; }}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div, [data-testid="stMetricDeltaDescription"]
{{ font-size: {body} !important; }}
[data-testid="stTooltipIcon"] {{ display: none; }}
.deck-footer {{ position: fixed; left: 0; right: 0; bottom: 0; height: 2.2rem; padding: 0 2.4rem;
  display: flex; align-items: center; gap: 1rem; font-size: {body}; color: {PRESENT_MUTED};
  background: {PAPER}; z-index: 999; }}
.deck-footer .deck-track {{ flex: 1; height: 6px; background: {BLANK}; border-radius: 3px; overflow: hidden; }}
.deck-footer .deck-bar {{ height: 100%; background: {PRIMARY}; transform-origin: left; }}
@keyframes deck-fill {{ from {{ transform: scaleX(0); }} to {{ transform: scaleX(1); }} }}
"""
