"""The seminar deck on the Streamlit side: which slides of the deck file can be shown, what each
shows (from the same cached reads as the pages), and the clock and keys that move it on.

A slide is left out when the page it stands for is not in the app or when its data are not
loaded (an empty emergency log is not a calm country, and a registry alone measures no
adoption): the deck closes up and numbers what is left.

The slide shown is the deck's ``slide`` parameter. The clock is a fragment that reruns itself
after the slide's seconds and then moves the deck on with a run of the whole app (the next slide
may be of another view, and the next interval another length); the keys and clicks press hidden
buttons of the same fragment. A slide change is therefore one run of the page.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.brief.files import deck_file_name
from components.emergency_labels import type_label
from components.i18n import THAI_DIGITS, fiscal_year_label, fmt_date, lang, name_column, t
from components.plumbing import coverage, reference, url_state
from components.plumbing.alerts import live_moment
from components.plumbing.pages import PAGES
from components.plumbing.params import DECK, PRESENTING
from components.plumbing.queries import cached
from components.slide_data import Bars, SlideData
from data_access import settings as cfg
from data_access.queries import adoption, emergencies, overview
from data_access.queries.emergencies import EmergencyFilter
from data_access.rules.deck import Slide, clamp_seconds
from data_access.rules.fiscal import Period
from data_access.rules.metrics import HEADLINE
from data_access.rules.scope import NATIONAL

_SHOWN, _MOVED, _FRESH = "_deck_shown", "_deck_moved", "_deck_fresh"
_PAGE_FILES = {spec.file for spec in PAGES}
# The tables a view's figures come from, any one of which will do (beyond the registry, which
# every slide needs).
_NEEDS = {"adoption": ("gi_certifications", "i40_assessments"), "emergencies": ("emergencies",),
          "ranking": ("inspections",)}


def read() -> dict:
    """The deck's parameters; presentation mode switched on for a link to ``/present`` without it,
    and the session's numerals set."""
    if not url_state.read(PRESENTING)["present"]:
        url_state.set_value(PRESENTING, "present", True)
        st.rerun()
    values = url_state.read(DECK)
    st.session_state[THAI_DIGITS] = values["digits"] == "thai"
    return values


def slides(period: Period, code: str | None) -> list[SlideData]:
    """The deck's slides that can be shown, in order, with what each shows."""
    filled = coverage.filled()
    wanted = [slide for slide in reference.deck() if slide.page in _PAGE_FILES
              and (slide.view not in _NEEDS or any(table in filled for table in _NEEDS[slide.view]))
              and (slide.view != "province" or code)]
    built = [_BUILDERS[slide.view](slide, period, code) for slide in wanted]
    return [data for data in built if not data.empty]


def position(values: dict, count: int) -> int:
    """The index of the slide shown (the link's ``slide``, counted from 1, held to the deck)."""
    return min(max(int(values["slide"]), 1), count) - 1


def seconds(data: SlideData, values: dict) -> float:
    """How long the slide stays on screen: the link's ``every`` or the deck file's."""
    return clamp_seconds(float(values["every"])) if values["every"] else data.slide.seconds


def clock(index: int, count: int, interval: float, paused: bool) -> None:
    """The hidden controls (previous, next, pause) and the timer that presses "next" after
    ``interval`` seconds unless ``paused``; a change reruns the app to show the new slide."""
    shown = st.session_state.get(_SHOWN)
    if shown is None or shown[0] != index:
        st.session_state[_SHOWN] = (index, time.monotonic())
    st.session_state[_FRESH] = True

    @st.fragment(run_every=None if paused else interval)
    def controls() -> None:
        fresh = st.session_state.pop(_FRESH, False)
        with st.container(key="deck_controls"):
            st.button(t("present.previous"), key="deck_previous", on_click=_move, args=(index, -1, count))
            st.button(t("present.next"), key="deck_next", on_click=_move, args=(index, 1, count))
            st.button(t("present.pause"), key="deck_pause", on_click=_toggle_pause)
        if fresh:
            return
        if st.session_state.pop(_MOVED, False):
            st.rerun()
        if not paused and time.monotonic() - st.session_state[_SHOWN][1] >= interval - 0.5:
            _move(index, 1, count)
            st.rerun()

    controls()


def export(slides: list[SlideData], kind: str, period: Period) -> bytes:
    """The deck to take home: ``kind`` ``"pptx"`` (PowerPoint) or ``"pdf"`` (the 16:9 handout).
    Its renderer is imported now, not with the page (see :mod:`components.brief`)."""
    from components.brief import deck as take_home

    sheets = take_home.sheets(slides, reference.province_shapes())
    build = take_home.deck_pptx if kind == "pptx" else take_home.deck_pdf
    return build(sheets, title=t("present.cover", fy=fiscal_year_label(period.fiscal_year)), as_of=period.day)


def file_names(values: dict, period: Period) -> dict[str, str]:
    """The take-home files' names, by kind."""
    return {kind: deck_file_name(kind, values["code"], period.day) for kind in ("pptx", "pdf")}


def export_token(values: dict, period: Period) -> tuple:
    """What the take-home files depend on (not the slide in view)."""
    return period, values["code"], values["digits"], lang()


def _move(index: int, step: int, count: int) -> None:
    """Show the slide ``step`` away from ``index`` (the deck loops)."""
    url_state.set_value(DECK, "slide", str((index + step) % count + 1))
    st.session_state[_MOVED] = True


def _toggle_pause() -> None:
    url_state.set_value(DECK, "paused", not url_state.current(DECK)["paused"])
    st.session_state[_MOVED] = True


# --- what each view shows ------------------------------------------------------------------------

def _note(period: Period, source: str) -> str:
    return t("present.note", source=t(f"present.source.{source}"), day=fmt_date(period.day))


def _titled(slide: Slide, **values: str) -> str:
    return slide.title(lang()).format(**values)


def _provinces(period: Period) -> pd.DataFrame:
    return coverage.metrics(cached(overview.province_metrics, period, NATIONAL))


def _ranked(frame: pd.DataFrame, metric: str, n: int, *, highest: bool = True) -> pd.DataFrame:
    """The ``n`` provinces highest (or lowest) by ``metric`` with a value, as ``label``/``value``."""
    valued = frame.dropna(subset=[metric]).sort_values([metric, "code"], ascending=[not highest, True])
    return pd.DataFrame({"label": valued[name_column()], "value": valued[metric]}).head(n).reset_index(drop=True)


def _risk_map(slide: Slide, period: Period, code: str | None) -> SlideData:
    now = _provinces(period)
    bars = Bars(t("present.top", n=cfg.DECK_MAP_TOP), _ranked(now, "risky", cfg.DECK_MAP_TOP), "risky")
    return SlideData(slide, _titled(slide), _note(period, "registry"), provinces=now, metric="risky", bars=(bars,))


def _kpis(slide: Slide, period: Period, code: str | None) -> SlideData:
    cards = overview.kpis_with_change(_provinces(period), _provinces(period.previous()), HEADLINE)
    return SlideData(slide, _titled(slide), _note(period, "overview"), cards=cards)


def _adoption(slide: Slide, period: Period, code: str | None) -> SlideData:
    now = coverage.metrics(cached(adoption.province_adoption, period, NATIONAL))
    before = coverage.metrics(cached(adoption.province_adoption, period.previous(), NATIONAL))
    cards = overview.kpis_with_change(now, before, cfg.DECK_ADOPTION_CARDS)
    bars = Bars(t("present.top_gi", n=cfg.DECK_MAP_TOP), _ranked(now, "gi_certified_pct", cfg.DECK_MAP_TOP),
                "gi_certified_pct")
    return SlideData(slide, _titled(slide), _note(period, "adoption"), cards=cards, bars=(bars,))


def _emergencies(slide: Slide, period: Period, code: str | None) -> SlideData:
    board = cached(emergencies.board, live_moment(), EmergencyFilter())
    by_type = board.incidents["type"].value_counts()
    frame = pd.DataFrame({"label": [type_label(kind) for kind in by_type.index], "value": by_type.to_numpy()})
    bars = Bars(t("present.open_by_type"), frame, "active_emergencies")
    return SlideData(slide, _titled(slide), _note(period, "emergencies"), board=board, bars=(bars,))


def _ranking(slide: Slide, period: Period, code: str | None) -> SlideData:
    now, metric, n = _provinces(period), cfg.DECK_RANK_METRIC, cfg.DECK_RANK_N
    bars = (Bars(t("present.highest", n=n), _ranked(now, metric, n), metric),
            Bars(t("present.lowest", n=n), _ranked(now, metric, n, highest=False), metric))
    return SlideData(slide, _titled(slide), _note(period, "inspections"), bars=bars)


def _province(slide: Slide, period: Period, code: str | None) -> SlideData:
    now, before = _provinces(period), _provinces(period.previous())
    mine = now[now["code"] == code]
    cards = overview.kpis_with_change(mine, before[before["code"] == code], cfg.DECK_PROVINCE_CARDS)
    name = mine[name_column()].iloc[0] if not mine.empty else code
    return SlideData(slide, _titled(slide, province=name), _note(period, "overview"), cards=cards)


_BUILDERS: dict[str, Callable[[Slide, Period, str | None], SlideData]] = {
    "risk_map": _risk_map, "kpis": _kpis, "adoption": _adoption, "emergencies": _emergencies,
    "ranking": _ranking, "province": _province,
}

