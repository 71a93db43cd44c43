"""Blocks of the Data and sources page: the load log and the attribution."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_date, fmt_int, t
from data_access.settings import DEMO_LOAD_KIND

# The app records its uploads as made by "app:<the account the app runs under>".
_APP_USER_PREFIX = "app:"


def kind_label(kind: str) -> str:
    """What a load held: an export's kind, or the demo data."""
    return t("load.kind.demo" if kind == DEMO_LOAD_KIND else f"ingest.kind.{kind}")


def source_label(kind: str, source: object) -> str:
    """Where a load came from: the file's name, or what the demo data are (the generator's own
    description names its seed and scale, words for developers)."""
    if pd.isna(source):
        return "–"
    return t("load.source.demo") if kind == DEMO_LOAD_KIND else str(source)


def loaded_by_label(kind: str, user: object) -> str:
    if pd.isna(user):
        return "–"
    if kind == DEMO_LOAD_KIND:
        return t("load.by.demo")
    user = str(user)
    return t("load.by.app", user=user.removeprefix(_APP_USER_PREFIX)) if user.startswith(_APP_USER_PREFIX) else user


def moment_label(moment: object) -> str:
    """A timestamp as dates are shown everywhere (Buddhist Era in Thai), with the time."""
    return fmt_date(pd.Timestamp(moment).to_pydatetime(), with_time=True) if pd.notna(moment) else "–"


def load_log_table(history: pd.DataFrame) -> None:
    st.subheader(t("data.load_log"))
    if history.empty:
        st.info(t("data.no_loads"))
        return
    kinds = history["kind"]
    shown = pd.DataFrame({
        "load_id": history["load_id"].map(fmt_int),
        "kind": kinds.map(kind_label),
        "source": [source_label(k, s) for k, s in zip(kinds, history["source"])],
        "rows_accepted": history["rows_accepted"].map(fmt_int),
        "rows_rejected": history["rows_rejected"].map(fmt_int),
        "started_at": history["started_at"].map(moment_label),
        "finished_at": history["finished_at"].map(moment_label),
        "loaded_by": [loaded_by_label(k, u) for k, u in zip(kinds, history["loaded_by"])],
        "as_of": history["as_of"].map(lambda day: fmt_date(pd.Timestamp(day).date()) if pd.notna(day) else "–"),
    })
    st.dataframe(shown.rename(columns=lambda c: t(f"load.{c}")), hide_index=True)


def attribution(boundaries_note: str) -> None:
    """Where the boundaries and the reference table come from (their licences ask for this);
    ``boundaries_note`` is the boundaries' own provenance (Markdown)."""
    st.subheader(t("data.sources"))
    st.markdown(t("data.attribution"))
    with st.expander(t("data.boundaries_note")):
        st.markdown(boundaries_note)
