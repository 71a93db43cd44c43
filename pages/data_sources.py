"""Data and sources: what the database holds, how fresh it is, and where it came from."""
import streamlit as st

from components import cached
from components.i18n import fmt_date, t
from components.shell import ensure_shell
from components.sources import attribution, load_log_table, row_counts
from data_access import catalog

ensure_shell()

st.title(t("data.title"))
as_of = cached.as_of()
st.markdown(t("data.as_of", date=fmt_date(as_of)) if as_of else t("data.never_loaded"))
counts_column, log_column = st.columns([1, 2])
with counts_column:
    row_counts(cached.query(catalog.table_counts))
with log_column:
    load_log_table(cached.query(catalog.load_history))
attribution()
