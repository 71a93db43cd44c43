"""A PDF built only when asked: a button builds it (a region brief takes seconds), then a
download button hands it over. Building on every run would slow every interaction of the page.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from components.i18n import t


def lazy_pdf_download(label: str, build: Callable[[], bytes], file_name: str, *, key: str,
                      token: Hashable) -> None:
    """``label`` builds the PDF with ``build()``; its download button then stays until ``token``
    (what the PDF depends on: province, fiscal year, language, ...) changes."""
    state = f"_pdf_{key}"
    stored = st.session_state.get(state)
    if stored is None or stored[0] != token:
        if not st.button(label, key=f"{key}_build"):
            return
        with st.spinner(t("brief.building")):
            stored = (token, build())
        st.session_state[state] = stored
    st.download_button(t("brief.download", name=file_name), stored[1], file_name, "application/pdf",
                       key=f"{key}_download", on_click="ignore", type="primary")
