"""The Data page's import: a file, what it holds and the options, the same importer as the
command line run inside the app with its progress, then the summary and the rejected rows.

The embedded DuckDB file takes one writing process, and while the app runs that is the app:
this upload is how the embedded database is updated then. A successful load clears the cached
query results and reruns the page, so every view shows the new data at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from components import cached
from components.i18n import fixed_labels, fmt_int, has_text, t
from components.tables import download_buttons
from data_access.ingest import KINDS, IngestError, LoadReport, load_file
from data_access.ingest.load import current_user

_RESULT = "_ingest_result"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xls"]


@dataclass(frozen=True)
class UploadRequest:
    name: str
    data: bytes
    kind: str
    dry_run: bool
    full_export: bool


@dataclass(frozen=True)
class UploadFailure:
    name: str
    error: IngestError


def upload_form() -> UploadRequest | None:
    """The upload widgets; returns the request when the user presses the button."""
    st.subheader(t("ingest.title"))
    st.caption(t("ingest.help"))
    kind_column, file_column = st.columns([1, 2])
    kind = kind_column.selectbox(t("ingest.kind"), list(KINDS), key="ingest_kind",
                                 format_func=fixed_labels(KINDS, lambda k: t(f"ingest.kind.{k}")))
    dry_run = kind_column.checkbox(t("ingest.dry_run"), key="ingest_dry_run")
    full_export = kind_column.checkbox(t("ingest.full_export"), key="ingest_full_export",
                                       disabled=kind != "factories")
    uploaded = file_column.file_uploader(t("ingest.file"), type=FILE_TYPES, key="ingest_file")
    pressed = file_column.button(t("ingest.check" if dry_run else "ingest.load"), type="primary",
                                 disabled=uploaded is None, key="ingest_go")
    if not pressed or uploaded is None:
        return None
    return UploadRequest(uploaded.name, uploaded.getvalue(), kind, dry_run, full_export and kind == "factories")


def run_import(request: UploadRequest) -> None:
    """Load the file with a progress bar; keep the outcome for :func:`last_result`; after a load
    that wrote, forget the cached results and run the page again on the new data."""
    with st.status(t("ingest.running", name=request.name), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, step: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=t(f"ingest.step.{step}"))

        load = partial(load_file, kind=request.kind, data=request.data, source=request.name,
                       dry_run=request.dry_run, full_export=request.full_export,
                       loaded_by=_user(), progress=progress)
        try:
            outcome: LoadReport | UploadFailure = cached.run(load)
        except IngestError as exc:
            outcome = UploadFailure(request.name, exc)
        failed = isinstance(outcome, UploadFailure)
        status.update(label=t("ingest.failed" if failed else "ingest.step.done", name=request.name),
                      state="error" if failed else "complete", expanded=False)
    st.session_state[_RESULT] = outcome
    if isinstance(outcome, LoadReport) and not outcome.dry_run:
        cached.clear()
        st.rerun()


def _user() -> str:
    """The signed-in user when the app has sign-in, else the account the app runs under."""
    try:
        email = st.user.get("email") if st.user.get("is_logged_in") else None
    except (AttributeError, KeyError, RuntimeError):
        email = None
    return email or f"app:{current_user()}"


def last_result() -> None:
    """The outcome of the latest upload of this session."""
    outcome = st.session_state.get(_RESULT)
    if isinstance(outcome, UploadFailure):
        error = outcome.error
        key = f"ingest.error.{error.code}"
        params = {name: t(f"ingest.kind.{value}") if name in ("kind", "other") else value
                  for name, value in error.params.items()}
        st.error(f"{t('ingest.failed', name=outcome.name)}: {t(key, **params) if has_text(key) else error}")
    elif isinstance(outcome, LoadReport):
        _report(outcome)


def _report(report: LoadReport) -> None:
    if report.dry_run:
        st.info(t("ingest.checked", name=report.source))
    else:
        st.success(t("ingest.finished", name=report.source))
    st.caption(t("ingest.format", format=report.file_format))
    figures = {"read": report.rows_read, "accepted": report.rows_accepted, "inserted": report.inserted,
               "updated": report.updated, "unchanged": report.unchanged, "rejected": report.rows_rejected,
               "flagged": sum(report.flags.values())}
    for column, (name, value) in zip(st.columns(len(figures), border=True), figures.items()):
        column.metric(t(f"ingest.{name}"), fmt_int(value))
    notes = []
    if report.marked_missing:
        notes.append(t("ingest.marked_missing", n=fmt_int(report.marked_missing)))
    if report.risk_scored is not None:
        notes.append(t("ingest.rescored", n=fmt_int(report.risk_scored)))
    if report.unused_columns:
        notes.append(t("ingest.unused", columns=", ".join(report.unused_columns)))
    for note in notes:
        st.caption(note)
    if report.reasons or report.flags:
        _reason_table(report)
    if report.rows_rejected:
        st.caption(t("ingest.rejects_file"))
        download_buttons(report.rejects, f"{Path(report.source).stem}.rejects", key="ingest_rejects")


def _reason_table(report: LoadReport) -> None:
    rows = [(reason_label(code), count) for code, count in report.reasons.most_common()]
    rows += [(f"{t('ingest.flagged')}: {t(f'ingest.flag.{code}')}", count) for code, count in report.flags.items()]
    st.markdown(f"**{t('ingest.reasons')}**")
    st.dataframe(pd.DataFrame(rows, columns=[t("ingest.reason"), t("ingest.count")]), hide_index=True)


def reason_label(code: str) -> str:
    """``missing:name`` -> the translated problem with its column."""
    problem, _, field = code.partition(":")
    key = f"ingest.reason.{problem}"
    return t(key, field=field) if has_text(key) else code


def import_sources() -> None:
    """Where each kind of loaded data comes from (beside the boundary and reference sources)."""
    st.markdown(f"**{t('ingest.sources_title')}**")
    st.markdown(t("ingest.sources"))
