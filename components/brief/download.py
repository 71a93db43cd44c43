"""A PDF built only when asked: a button builds it (a region brief takes seconds) and gives its
place to the download button, so the page never shows both, and a second click cannot rebuild
what is ready. Building on every run would slow every interaction of the page.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.i18n import t


def lazy_pdf_download(build_label: str, download_label: str, build: Callable[[], bytes], file_name: str, *,
                      key: str, token: Hashable, mime: str = "application/pdf") -> None:
    """``build_label`` builds the PDF with ``build()``; ``download_label`` then hands it over,
    until ``token`` (what the PDF depends on: province, period, language) changes. Any other
    file built on click (a PowerPoint deck) names its ``mime`` type."""
    state = f"_pdf_{key}"
    stored = st.session_state.get(state)
    slot = st.empty()
    if stored is None or stored[0] != token:
        if not slot.button(build_label, key=f"{key}_build", icon="📄"):
            return
        with slot, st.spinner(t("brief.building")):
            stored = (token, build())
        st.session_state[state] = stored
    slot.download_button(download_label, stored[1], file_name, mime, key=f"{key}_download",
                         on_click="ignore", type="primary", icon="⬇️")
