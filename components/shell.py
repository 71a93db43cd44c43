"""The app shell: page config, font, language, first-start data build, navigation and the
sidebar's global filters. ``app.py`` calls :func:`run_app`; every page calls
:func:`ensure_shell` first, because a cold deep link on a fresh server may run a page file on
its own (Streamlit's legacy mode for a ``pages/`` folder) before any session has loaded ``/``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st

from components import cached, first_start
from components.filters import language_toggle, sidebar_filters
from components.i18n import fmt_date, t
from components.theme import ensure_static_fonts
from data_access.settings import PROJECT_ROOT

_ACTIVE = "_shell_active"


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


PAGES = (
    PageSpec("pages/overview.py", "page.overview", "🗺️"),
    PageSpec("pages/risk.py", "page.risk", "⚠️"),
    PageSpec("pages/province.py", "page.province", "📍"),
    PageSpec("pages/data.py", "page.data", "🗄️"),
)


def ensure_shell() -> None:
    """Run the whole app instead of this page when the shell has not run in this script run."""
    if not st.session_state.get(_ACTIVE):
        run_app()
        st.stop()


def run_app() -> None:
    """Build the shell and run the page the URL asks for."""
    st.set_page_config(page_title=t("app.title"), page_icon="🏭", layout="wide")
    ensure_static_fonts()
    language_toggle()
    pages = [st.Page(PROJECT_ROOT / spec.file, title=t(spec.title_key), icon=spec.icon, default=index == 0)
             for index, spec in enumerate(PAGES)]
    page = st.navigation(pages)
    first_start.build_demo_if_needed()
    as_of = cached.as_of()
    st.session_state["_filters"] = sidebar_filters(as_of or date.today())
    if as_of:
        st.sidebar.caption(t("app.as_of", date=fmt_date(as_of)))
    st.session_state[_ACTIVE] = True
    try:
        page.run()
    finally:
        st.session_state[_ACTIVE] = False


def require_data() -> None:
    """Stop a page with an explanation when the database holds no factories yet."""
    if not cached.has_data():
        st.info(t("empty.database"))
        st.page_link(PROJECT_ROOT / "pages/data.py", label=t("empty.go_data"))
        st.stop()
