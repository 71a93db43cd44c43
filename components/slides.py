"""A slide of the seminar deck on the projected screen, drawn with the app's own renderers at
projection size: the headline cards, the emergency board's counts, the metric map, and ranked
bars whose figures are written at their ends (nothing is left to a hover). Then the quiet
footer (slide number, a progress line that fills over the slide's seconds) and the keys.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from components.brief.files import PDF_MIME, PPTX_MIME
from components.brief.download import lazy_pdf_download

from components.emergency_board import status_counts
from components.i18n import fmt_int, t
from components.kpi_cards import format_metric, kpi_cards
from components.metric_map import metric_choropleth
from components.slide_data import Bars, SlideData
from components.theme import PRIMARY, PRESENT_INK, chart_layout
from data_access import settings as cfg
from data_access.rules.metrics import METRICS

_BAR_ROW_PX = 56  # a bar and its gap: a line of projected text
# Keys and clicks press the deck's hidden buttons (components/plumbing/deck.py): right, space and
# page down go on, left and page up go back, P pauses; a click on the left quarter of the screen
# goes back, elsewhere on. Installed once per browser tab; ignored outside presentation mode.
_KEYS = """<script>
if (!window.mindDeckKeys) {
  window.mindDeckKeys = true;
  const press = (name) => {
    const button = document.querySelector(`.st-key-deck_${name} button`);
    if (button) { button.click(); return true; }
    return false;
  };
  document.addEventListener("keydown", (event) => {
    if (event.target.closest && event.target.closest("input, textarea, select")) return;
    const name = {ArrowRight: "next", " ": "next", PageDown: "next", ArrowLeft: "previous", PageUp: "previous",
                  p: "pause", P: "pause"}[event.key];
    if (name && press(name)) event.preventDefault();
  });
  document.addEventListener("click", (event) => {
    if (!event.isTrusted || event.target.closest("button, a, input, .st-key-deck_takehome")) return;
    press(event.clientX < window.innerWidth / 4 ? "previous" : "next");
  });
}
</script>"""


def slide_view(data: SlideData, geojson: dict) -> None:
    """The slide's title, its figures and its charts."""
    st.title(data.title)
    if data.board is not None:
        status_counts(data.board)
    if data.cards is not None and data.bars:
        cards_column, bars_column = st.columns([1, 1], gap="large")
        with cards_column:
            kpi_cards(data.cards, delta_label=t("kpi.vs_last_year"), per_row=2)
        with bars_column:
            ranked_bars(data.bars[0], key="present_bars_0")
    elif data.cards is not None:
        kpi_cards(data.cards, delta_label=t("kpi.vs_last_year"), per_row=4 if len(data.cards) > 6 else 3)
    elif data.provinces is not None:
        map_column, bars_column = st.columns([11, 9])
        with map_column:
            metric_choropleth(data.provinces, geojson, METRICS[data.metric], key="present_map",
                              height=cfg.MAP_HEIGHT_PRESENT,
                              font_size=cfg.PRESENT_CHART_PX, line_width=1.5)
        with bars_column:
            ranked_bars(data.bars[0], key="present_bars_0")
    else:  # side by side on one scale, so that bars can be compared across charts
        longest = max(bars.frame["value"].max() for bars in data.bars if not bars.frame.empty)
        for number, (column, bars) in enumerate(zip(st.columns(len(data.bars), gap="large"), data.bars)):
            with column:
                ranked_bars(bars, key=f"present_bars_{number}", longest=longest)
    st.caption(data.note)


def ranked_bars(bars: Bars, *, key: str, longest: float | None = None) -> None:
    """Horizontal bars, first row on top, each with its figure written at its end, in one colour;
    ``longest`` the value the full width stands for (the chart's own largest when ``None``)."""
    spec = METRICS[bars.metric]
    frame = bars.frame
    st.subheader(bars.title)
    if frame.empty:
        st.caption(t("present.nothing", value=fmt_int(0)))
        return
    figure = go.Figure(go.Bar(
        y=frame["label"], x=frame["value"], orientation="h", marker_color=PRIMARY, hoverinfo="skip",
        text=[format_metric(spec, value) for value in frame["value"]], textposition="outside", cliponaxis=False,
        textfont={"size": cfg.PRESENT_CHART_PX, "color": PRESENT_INK},
    ))
    figure.update_layout(**chart_layout(font_size=cfg.PRESENT_CHART_PX, height=len(frame) * _BAR_ROW_PX + 20,
                                        margin={"l": 0, "r": 150, "t": 0, "b": 0}, bargap=0.25),
                         xaxis={"visible": False, "range": [0, longest] if longest else None},
                         yaxis={"autorange": "reversed", "ticksuffix": "  ", "automargin": True,
                                "tickfont": {"color": PRESENT_INK}})
    st.plotly_chart(figure, key=key, theme=None, config={"staticPlot": True})


def deck_footer(number: int, count: int, seconds: float, paused: bool) -> None:
    """Slide ``number`` of ``count`` and a thin line that fills over ``seconds`` (still when
    ``paused``), fixed at the bottom of the screen; and the keys that move the deck."""
    fill = "transform: scaleX(0)" if paused else f"animation: deck-fill {seconds:.1f}s linear forwards"
    state = t("present.paused") if paused else t("present.keys")
    number_text = t("present.number", n=fmt_int(number), count=fmt_int(count))
    st.html(f'<div class="deck-footer" data-testid="deck-footer"><span>{number_text}</span>'
            f'<div class="deck-track"><div class="deck-bar" style="{fill}"></div></div><span>{state}</span></div>'
            f'{_KEYS}', unsafe_allow_javascript=True)


def take_home(build: Callable[[str], bytes], names: dict[str, str], *, token: Hashable) -> None:
    """The deck to take home, built on click: PowerPoint and the PDF handout (``build(kind)``,
    ``names[kind]`` the file names; ``token`` what they depend on)."""
    with st.container(key="deck_takehome"):
        st.subheader(t("present.take_home"))
        for column, kind, mime in zip(st.columns(2), ("pptx", "pdf"), (PPTX_MIME, PDF_MIME)):
            with column:
                lazy_pdf_download(t(f"present.build_{kind}"), t(f"present.download_{kind}"),
                                  lambda kind=kind: build(kind), names[kind], key=f"deck_{kind}", token=token,
                                  mime=mime)
