"""Whose dashboard this is: the ministry's name above every page, and the page's vertical rhythm
(Streamlit leaves some 120 px empty above a page's title; a wall screen or a 1280x720 laptop
needs them for the map)."""
from __future__ import annotations

import streamlit as st

from components.i18n import t
from components.theme import MUTED, PRIMARY, app_css

_STYLE = """<style>{app_css}
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem; }}
[data-testid="stMetricLabel"] p {{ white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.25; }}
.mind-header {{ display: flex; align-items: baseline; gap: .6rem; margin: 0 0 .2rem 0;
               color: {primary}; font-weight: 600; font-size: 0.95rem; letter-spacing: .01em; }}
.mind-header .mind-app {{ color: {muted}; font-weight: 400; }}
</style>"""


def app_header() -> None:
    """The ministry's name and the app's, in the session's language, at the top of the page."""
    st.html(_STYLE.format(app_css=app_css(), primary=PRIMARY, muted=MUTED))
    st.html(f'<div class="mind-header"><span>{t("app.ministry")}</span>'
            f'<span class="mind-app">{t("app.name")}</span></div>')


def database_unavailable() -> None:
    """The database cannot be reached: say so, without internals, and offer to try again (the
    app also recovers by itself at the next click once it is back)."""
    st.error(t("db.unavailable"))
    st.button(t("db.retry"), key="db_retry", type="primary")
