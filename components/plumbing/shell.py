"""The app shell: page config, font, language, first-start data build, navigation and the
sidebar's global filters. ``app.py`` calls :func:`run_app`; every page calls
:func:`ensure_shell` first, because a cold deep link on a fresh server may run a page file on
its own (Streamlit's legacy mode for a ``pages/`` folder) before any session has loaded ``/``.

The shell makes the run's :class:`Filters` once (the period and the geographic scope); pages
read them with :func:`current`.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.app_header import app_header, database_unavailable
from components.factory_search import search_box, search_results
from components.i18n import THAI_DIGITS, fmt_date, t
from components.plumbing import first_start, heap, queries, reference, url_state
from components.plumbing.alerts import emergency_banner
from components.plumbing.pages import PAGES, PRESENT_PAGE
from components.plumbing.params import FILTERS, LANGUAGE, PRESENTING, fiscal_years, scope_of
from components.plumbing.queries import cached
from components.plumbing.static_files import ensure_static_fonts
from components.sidebar import language_toggle, present_button, sidebar_filters
from components.theme import present_css
from data_access.db.connect import DatabaseUnavailable
from data_access.queries import search
from data_access.rules.fiscal import Period
from data_access.rules.scope import Scope
from data_access.settings import SEARCH_MAX_RESULTS

_FILTERS = "_filters"
# Whether the shell is running in this script run. Not session state: a page that stops (st.stop)
# ends the run before a write to the session in ``finally`` is kept, and the next run would then
# skip the shell and draw the page alone.
_SHELL_RUNNING: ContextVar[bool] = ContextVar("shell_running", default=False)


@dataclass(frozen=True)
class Filters:
    """What the sidebar has chosen, as the pages need it: made once per run."""

    period: Period
    scope: Scope


def ensure_shell() -> None:
    """Run the whole app instead of this page when the shell has not run in this script run."""
    if not _SHELL_RUNNING.get():
        run_app()
        st.stop()


def run_app() -> None:
    """Build the shell and run the page the URL asks for."""
    url_state.begin_run()
    st.session_state["lang"] = url_state.read(LANGUAGE)["lang"]
    st.session_state[THAI_DIGITS] = False  # Thai numerals are the deck's choice (pages/present.py)
    presenting = url_state.read(PRESENTING)["present"]
    st.set_page_config(page_title=t("app.title"), page_icon="🏭", layout="wide",
                       initial_sidebar_state="collapsed" if presenting else "auto")
    ensure_static_fonts()
    app_header()
    alert = st.empty()  # where a database that went away is explained, above whatever was drawn
    url_state.message_slot(st.empty())
    if presenting:
        st.html(f"<style>{present_css()}</style>")
    else:
        language_toggle()
    page = st.navigation([st.Page(spec.path, title=t(spec.title_key), icon=spec.icon, default=index == 0,
                                  visibility="hidden" if spec.hidden else "visible")
                          for index, spec in enumerate(PAGES)], position="hidden" if presenting else "sidebar")
    try:
        _run_page(page, presenting)
    except DatabaseUnavailable:
        with alert.container():
            database_unavailable()


def _run_page(page: StreamlitPage, presenting: bool) -> None:
    """The data-dependent part of the shell, then the page itself (presentation mode: no
    sidebar, and the deck whatever page the link named)."""
    first_start.build_demo_if_needed()
    as_of = queries.as_of()
    values = url_state.read(FILTERS)
    if presenting and page.url_path != PRESENT_PAGE.url_path:
        st.switch_page(PRESENT_PAGE.path, query_params=st.query_params.to_dict())
    if not presenting:
        _sidebar(as_of)
    st.session_state[_FILTERS] = Filters(Period(values["fy"], as_of or date.today()), scope_of(values))
    running = _SHELL_RUNNING.set(True)
    try:
        if not presenting:
            emergency_banner(page.url_path)
        page.run()
    finally:
        _SHELL_RUNNING.reset(running)
        heap.set_aside_startup_objects()


def _sidebar(as_of: date | None) -> None:
    """The global filters, the factory search, the presentation button and the data's day."""
    sidebar_filters(fiscal_years(), reference.regions(), reference.inspection_regions())
    if text := search_box():
        search_results(cached(search.find_factories, text), SEARCH_MAX_RESULTS)
    present_button()
    if as_of:
        st.sidebar.caption(t("app.as_of", date=fmt_date(as_of)))


def current() -> Filters:
    """The filters the shell made in this run (pages call this)."""
    return st.session_state[_FILTERS]


def require_data() -> None:
    """Stop a page with an explanation when the database holds no factories yet."""
    if not queries.has_data():
        st.info(t("empty.database"))
        st.page_link(PAGES[-1].path, label=t("empty.go_data"))
        st.stop()
