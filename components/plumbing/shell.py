"""The app shell: page config, font, language, first-start data build, navigation and the
sidebar's global filters. ``app.py`` calls :func:`run_app`; every page calls
:func:`ensure_shell` first, because a cold deep link on a fresh server may run a page file on
its own (Streamlit's legacy mode for a ``pages/`` folder) before any session has loaded ``/``.

The shell makes the run's :class:`Filters` once (the period and the geographic scope); pages
read them with :func:`current`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st

from components.i18n import fmt_date, t
from components.plumbing import first_start, queries, reference, url_state
from components.plumbing.alerts import emergency_banner
from components.plumbing.params import FILTERS, LANGUAGE, fiscal_years, scope_of
from components.plumbing.static_files import ensure_static_fonts
from components.sidebar import language_toggle, sidebar_filters
from data_access.rules.fiscal import Period
from data_access.rules.scope import Scope
from data_access.settings import PROJECT_ROOT

_ACTIVE = "_shell_active"
_FILTERS = "_filters"


@dataclass(frozen=True)
class PageSpec:
    """One view. Its URL path is its file name (``pages/risk.py`` -> ``/risk``): on a cold server
    Streamlit resolves a deep link from the file names of ``pages/`` before the shell has run,
    so any other path would be "not found" there."""

    file: str
    title_key: str
    icon: str

    @property
    def url_path(self) -> str:
        return Path(self.file).stem

    @property
    def path(self) -> Path:
        return PROJECT_ROOT / self.file


PAGES = (
    PageSpec("pages/overview.py", "page.overview", "🗺️"),
    PageSpec("pages/risk.py", "page.risk", "⚠️"),
    PageSpec("pages/province.py", "page.province", "📍"),
    PageSpec("pages/emergencies.py", "page.emergencies", "🚨"),
    PageSpec("pages/data.py", "page.data", "🗄️"),
)


@dataclass(frozen=True)
class Filters:
    """What the sidebar has chosen, as the pages need it: made once per run."""

    period: Period
    scope: Scope


def ensure_shell() -> None:
    """Run the whole app instead of this page when the shell has not run in this script run."""
    if not st.session_state.get(_ACTIVE):
        run_app()
        st.stop()


def run_app() -> None:
    """Build the shell and run the page the URL asks for."""
    url_state.begin_run()
    st.session_state["lang"] = url_state.read(LANGUAGE)["lang"]
    st.set_page_config(page_title=t("app.title"), page_icon="🏭", layout="wide")
    ensure_static_fonts()
    language_toggle()
    page = st.navigation([st.Page(spec.path, title=t(spec.title_key), icon=spec.icon, default=index == 0)
                          for index, spec in enumerate(PAGES)])
    first_start.build_demo_if_needed()
    as_of = queries.as_of()
    values = url_state.read(FILTERS)
    sidebar_filters(fiscal_years(), reference.regions(), reference.inspection_regions())
    st.session_state[_FILTERS] = Filters(Period(values["fy"], as_of or date.today()), scope_of(values))
    if as_of:
        st.sidebar.caption(t("app.as_of", date=fmt_date(as_of)))
    st.session_state[_ACTIVE] = True
    try:
        emergency_banner(page.url_path)
        page.run()
    finally:
        st.session_state[_ACTIVE] = False


def current() -> Filters:
    """The filters the shell made in this run (pages call this)."""
    return st.session_state[_FILTERS]


def require_data() -> None:
    """Stop a page with an explanation when the database holds no factories yet."""
    if not queries.has_data():
        st.info(t("empty.database"))
        st.page_link(PAGES[-1].path, label=t("empty.go_data"))
        st.stop()
