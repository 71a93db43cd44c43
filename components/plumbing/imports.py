"""Running an import inside the app: the same importer as the command line, on the app's engine,
with a progress bar; then the cached results are forgotten and the page runs again on the new
data.

The embedded DuckDB file takes one writing process, and while the app runs that is the app: an
upload on the Data page is how the embedded database is updated then.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import streamlit as st

from components.i18n import t
from components.plumbing import database
from data_access.ingest import IngestError, LoadReport, load_file
from data_access.ingest.load import current_user

_RESULT = "_ingest_result"


@dataclass(frozen=True)
class UploadRequest:
    name: str
    data: bytes
    kind: str
    dry_run: bool
    full_export: bool
    confirm_missing: bool = False


@dataclass(frozen=True)
class UploadFailure:
    name: str
    error: IngestError


def run_import(request: UploadRequest) -> None:
    """Load the file with a progress bar; keep the outcome for :func:`last_result`; after a load
    that wrote, forget the cached results and run the page again on the new data."""
    with st.status(t("ingest.running", name=request.name), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, step: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=t(f"ingest.step.{step}"))

        load = partial(load_file, kind=request.kind, data=request.data, source=request.name,
                       dry_run=request.dry_run, full_export=request.full_export,
                       confirm_missing=request.confirm_missing,
                       loaded_by=_user(), progress=progress)
        try:
            outcome: LoadReport | UploadFailure = database.run(load)
        except IngestError as exc:
            outcome = UploadFailure(request.name, exc)
        failed = isinstance(outcome, UploadFailure)
        status.update(label=t("ingest.failed" if failed else "ingest.step.done", name=request.name),
                      state="error" if failed else "complete", expanded=False)
    st.session_state[_RESULT] = outcome
    if isinstance(outcome, LoadReport) and not outcome.dry_run:
        database.forget_results()
        st.rerun()


def _user() -> str:
    """The signed-in user when the app has sign-in, else the account the app runs under."""
    try:
        email = st.user.get("email") if st.user.get("is_logged_in") else None
    except (AttributeError, KeyError, RuntimeError):
        email = None
    return email or f"app:{current_user()}"


def latest_outcome() -> LoadReport | UploadFailure | None:
    """What the latest import of this session did."""
    return st.session_state.get(_RESULT)
