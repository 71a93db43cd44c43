"""Links between pages that carry the shell's filters (Streamlit's page switch drops the URL's
parameters, streamlit/streamlit#9050): a click on a province opens its page, a link opens
another page filtered."""
from __future__ import annotations

import streamlit as st

from components.plumbing import url_state
from components.plumbing.pages import PAGES
from components.plumbing.params import FILTERS, LANGUAGE

_PAGE = {spec.url_path: spec for spec in PAGES}


def _with_shell(params: dict[str, str]) -> dict[str, str]:
    return {**url_state.link(LANGUAGE), **url_state.link(FILTERS), **params}


def open_page(url_path: str, **params: str) -> None:
    """Go to the page ``url_path`` (``"province"``) with ``params``, keeping the shell's filters."""
    st.switch_page(_PAGE[url_path].path, query_params=_with_shell(params))


def page_link(url_path: str, label: str, *, where: object = st, icon: bool = True, **params: str) -> None:
    """A link in ``where`` (``st``, ``st.sidebar``) to the page ``url_path`` with ``params``,
    keeping the shell's filters; with the page's icon unless ``icon`` is false (a list of results)."""
    spec = _PAGE[url_path]
    where.page_link(spec.path, label=label, icon=spec.icon if icon else None, query_params=_with_shell(params))


def open_province(code: str) -> None:
    """Go to the province page for ``code`` (``?code=``)."""
    open_page("province", code=code)


def open_factory_card(factory_id: str) -> None:
    """Go to the risk page with the card of ``factory_id`` open (``?factory=``)."""
    open_page("risk", factory=factory_id)
