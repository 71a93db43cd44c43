"""Links between pages that carry the shell's filters (Streamlit's page switch drops the URL's
parameters, streamlit/streamlit#9050): a click on a province opens its page."""
from __future__ import annotations

import streamlit as st

from components.plumbing import url_state
from components.plumbing.params import FILTERS, LANGUAGE
from components.plumbing.shell import PAGES

_PAGE = {spec.url_path: spec for spec in PAGES}


def open_page(url_path: str, **params: str) -> None:
    """Go to the page ``url_path`` (``"province"``) with ``params``, keeping the shell's filters."""
    shell = {**url_state.link(LANGUAGE), **url_state.link(FILTERS)}
    st.switch_page(_PAGE[url_path].path, query_params={**shell, **params})


def open_province(code: str) -> None:
    """Go to the province page for ``code`` (``?code=``)."""
    open_page("province", code=code)


def open_factory_card(factory_id: str) -> None:
    """Go to the risk page with the card of ``factory_id`` open (``?factory=``)."""
    open_page("risk", factory=factory_id)
