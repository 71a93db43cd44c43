"""The Data page's import form (a file, what it holds and the options) and the outcome of the
latest import (the summary and the rejected rows). Running it is
:func:`components.plumbing.imports.run_import`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components.i18n import fixed_labels, fmt_int, has_text, t
from components.plumbing.imports import UploadFailure, UploadRequest, latest_outcome
from components.tables import download_buttons
from data_access.ingest import KINDS, LoadReport

FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xls"]


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


def last_result() -> None:
    """The outcome of the latest upload of this session."""
    outcome = latest_outcome()
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
