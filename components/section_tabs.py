"""A page's sections as tabs of which only the open one is run and sent (Streamlit's lazy tabs):
a click redraws the section it is in, not every chart of the page, and opening a page draws one
section. The open tab is the page's ``section`` URL parameter (see
:func:`components.plumbing.url_state.bound_tabs`)."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from components.i18n import t
from components.plumbing import url_state
from components.plumbing.url_state import Group


def section_tabs(group: Group, sections: Mapping[str, Callable[[], None]], *, key: str, labels: str) -> None:
    """Tabs labelled ``labels.<section>``, in the order of ``sections``; the open one's function
    draws it."""
    shown = {section: t(f"{labels}.{section}") for section in sections}
    for section, tab in url_state.bound_tabs(group, "section", shown, key=key).items():
        if tab.open:
            with tab:
                sections[section]()
