"""Blocks of the Data and sources page: the load log and the attribution."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import t


def load_log_table(history: pd.DataFrame) -> None:
    st.subheader(t("data.load_log"))
    if history.empty:
        st.info(t("data.no_loads"))
        return
    st.dataframe(history.rename(columns=lambda c: t(f"load.{c}")), hide_index=True)


def attribution(boundaries_note: str) -> None:
    """Where the boundaries and the reference table come from (their licences ask for this);
    ``boundaries_note`` is the boundaries' own provenance (Markdown)."""
    st.subheader(t("data.sources"))
    st.markdown(t("data.attribution"))
    with st.expander(t("data.boundaries_note")):
        st.markdown(boundaries_note)
