"""Data and sources: load exports, see what the database holds, how fresh and how complete it
is, and where it came from."""
import streamlit as st

from components.data_quality import factories_without_point, quality_figures, table_status
from components.i18n import fmt_date, t
from components.plumbing import coverage, queries
from components.plumbing.imports import run_import
from components.plumbing.queries import cached
from components.plumbing.shell import ensure_shell
from components.sources import attribution, load_log_table
from components.upload import import_sources, last_result, upload_form
from data_access.queries import catalog, loads, quality
from data_access.reference import boundaries_note

ensure_shell()

st.title(t("data.title"))
as_of = queries.as_of()
st.markdown(t("data.as_of", date=fmt_date(as_of)) if as_of else t("data.never_loaded"))
if queries.has_data():
    coverage.notice(coverage.EVERY_EXPORT, link=False)

request = upload_form()
if request is not None:
    run_import(request)
last_result()

table_status(cached(loads.table_status))
if queries.has_data():
    quality_figures(cached(quality.factory_quality), cached(quality.registration_quality))
    factories_without_point(cached(quality.factories_without_point))
load_log_table(cached(catalog.load_history))
attribution(boundaries_note())
import_sources()
