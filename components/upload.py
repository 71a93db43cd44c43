"""The Data page's import form (a file, what it holds and the options) and the outcome of the
latest import (what happened in words, the figures, the reasons and the rejected rows).
Running it is :func:`components.plumbing.imports.run_import`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from components.data_quality import figure_columns
from components.i18n import fixed_labels, fmt_int, fmt_pct, has_text, lang, t
from components.plumbing.imports import UploadFailure, UploadRequest, latest_outcome
from components.tables import download_buttons
from data_access.ingest import KINDS, LoadReport
from data_access.ingest.errors import IngestError, MissingShareError
from data_access.ingest.transform import REASON_COLUMN
from data_access.settings import INGEST_EXIT_ALL_LOADED, INGEST_EXIT_NOTHING_LOADED, INGEST_MISSING_MAX_SHARE

# The formats the importer reads (an old binary .xls is refused, so it is not offered).
FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]


def upload_form() -> UploadRequest | None:
    """The upload widgets; returns the request when the user presses the button."""
    st.subheader(t("ingest.title"))
    st.caption(t("ingest.help"))
    kind_column, file_column = st.columns([1, 2])
    kind = kind_column.selectbox(t("ingest.kind"), list(KINDS), key="ingest_kind",
                                 format_func=fixed_labels(KINDS, lambda k: t(f"ingest.kind.{k}")))
    dry_run = kind_column.checkbox(t("ingest.dry_run"), key="ingest_dry_run")
    registry = kind == "factories"
    full_export = kind_column.checkbox(t("ingest.full_export"), key="ingest_full_export", disabled=not registry,
                                       help=t("ingest.full_export.help"))
    share = _share(INGEST_MISSING_MAX_SHARE)
    confirm = kind_column.checkbox(t("ingest.confirm_missing", share=share), key="ingest_confirm_missing",
                                   disabled=not (registry and full_export),
                                   help=t("ingest.confirm_missing.help", share=share))
    _uploader_texts()
    uploaded = file_column.file_uploader(t("ingest.file"), type=FILE_TYPES, key="ingest_file")
    file_column.caption(t("ingest.limits", size=f"{st.get_option('server.maxUploadSize'):,} MB"))
    pressed = file_column.button(t("ingest.check" if dry_run else "ingest.load"), type="primary",
                                 disabled=uploaded is None, key="ingest_go")
    if not pressed or uploaded is None:
        return None
    return UploadRequest(uploaded.name, uploaded.getvalue(), kind, dry_run, full_export and registry,
                         confirm and full_export and registry)


def _uploader_texts() -> None:
    """Streamlit writes its uploader's button ("Upload") and limits ("200MB per file") in
    English whatever the language: the limits are hidden (the caption under the uploader says
    them) and the button's label is replaced, on screen by CSS and for screen readers by its
    ``aria-label`` (a button whose text is only CSS has no accessible name: WCAG 4.1.2)."""
    dropzone = "[data-testid='stFileUploaderDropzone']"
    label = json.dumps(t("ingest.browse"))
    st.html(f"<style>[data-testid='stFileUploaderDropzoneInstructions']{{display:none}}"
            f"{dropzone} button > *{{display:none}}"
            f"{dropzone} button::after{{content:'{t('ingest.browse')}'}}</style>"
            # In a block: the script runs again on every rerun, in the same page, and a second
            # top-level ``const`` of the same name is an error.
            f"<script>{{ window.mindUploadLabel = {label};"
            f"const name = () => document.querySelectorAll(\"{dropzone} button\")"
            f".forEach(b => b.setAttribute('aria-label', window.mindUploadLabel));"
            f"if (!window.mindUploadNamed) {{ window.mindUploadNamed = true;"
            f" new MutationObserver(name).observe(document.body, {{childList: true, subtree: true}}); }}"
            f"name(); }}</script>", unsafe_allow_javascript=True)


def _share(share: float) -> str:
    return fmt_pct(100 * share, 0)


def last_result() -> None:
    """The outcome of the latest upload of this session."""
    outcome = latest_outcome()
    if isinstance(outcome, UploadFailure):
        _failure(outcome)
    elif isinstance(outcome, LoadReport):
        _report(outcome)


def _failure(outcome: UploadFailure) -> None:
    error = outcome.error
    if isinstance(error, MissingShareError):
        worst = error.preview.iloc[0]
        st.error(t("ingest.missing.refused", share=_share(INGEST_MISSING_MAX_SHARE),
                   n=fmt_int(error.params["provinces"]),
                   province=worst[f"name_{lang()}"], worst=_share(worst["share"])))
        _missing_table(error.preview)
        return
    st.error(f"{t('ingest.failed', name=outcome.name)}: {error_text(error)}")


def error_text(error: IngestError) -> str:
    """Why a load failed, in the user's language (the English message when there is no label)."""
    key = f"ingest.error.{error.code}"
    params = {name: t(f"ingest.kind.{value}") if name in ("kind", "other") else value
              for name, value in error.params.items()}
    return t(key, **params) if has_text(key) else str(error)


def _report(report: LoadReport) -> None:
    _outcome(report)
    st.caption(t("ingest.format", format=format_label(report.file_format)))
    figures = {"read": report.rows_read, "accepted": report.rows_accepted, "inserted": report.inserted,
               "updated": report.updated, "unchanged": report.unchanged, "rejected": report.rows_rejected,
               "flagged": sum(report.flags.values())}
    for column, (name, value) in zip(figure_columns(len(figures), 4), figures.items()):
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
    if report.missing is not None and not report.missing.empty:
        _missing_table(report.missing)
    if report.reasons or report.flags:
        _reason_table(report)
    if report.rows_rejected:
        st.caption(t("ingest.rejects_file"))
        download_buttons(rejects_for_people(report.rejects), f"{Path(report.source).stem}.rejects",
                         key="ingest_rejects")


def _outcome(report: LoadReport) -> None:
    """What the load did in words: the three outcomes of the command line's exit codes (all
    rows accepted, some rejected and the rest loaded, nothing loaded)."""
    code = report.exit_code
    if code == INGEST_EXIT_NOTHING_LOADED:
        headline = t("ingest.checked" if report.dry_run else "ingest.failed", name=report.source)
        st.error(f"{headline}: {t('ingest.outcome.none')}")
        return
    if report.dry_run:
        st.info(t("ingest.checked", name=report.source))
    else:
        st.success(t("ingest.finished", name=report.source))
    if code == INGEST_EXIT_ALL_LOADED:
        st.caption(t("ingest.outcome.all"))
    else:
        st.warning(t("ingest.outcome.some", accepted=fmt_int(report.rows_accepted),
                     rejected=fmt_int(report.rows_rejected)))


def format_label(file_format: str) -> str:
    """``CSV, cp874`` -> ``CSV (Thai TIS-620)``."""
    key = "ingest.format." + "".join(c if c.isalnum() else "_" for c in file_format.lower()).replace("__", "_")
    return t(key) if has_text(key) else file_format


def _missing_table(missing: pd.DataFrame) -> None:
    """Per province, the factories a full export leaves out, worst share first."""
    st.markdown(f"**{t('ingest.missing.title')}**")
    shown = pd.DataFrame({
        t("ingest.missing.province"): missing[f"name_{lang()}"],
        t("ingest.missing.operating"): missing["operating"].map(fmt_int),
        t("ingest.missing.missing_operating"): missing["missing_operating"].map(fmt_int),
        t("ingest.missing.share"): missing["share"].map(_share),
        t("ingest.missing.missing"): missing["missing"].map(fmt_int),
    })
    st.dataframe(shown, hide_index=True)


def _reason_table(report: LoadReport) -> None:
    rows = [(reason_label(code), code, count) for code, count in report.reasons.most_common()]
    rows += [(f"{t('ingest.flagged')}: {t(f'ingest.flag.{code}')}", code, count)
             for code, count in report.flags.most_common()]
    st.markdown(f"**{t('ingest.reasons')}**")
    st.dataframe(pd.DataFrame(rows, columns=[t("ingest.reason"), t("ingest.reason_code"), t("ingest.count")]),
                 hide_index=True, column_config={t("ingest.count"): st.column_config.NumberColumn(format="localized")})


def reason_label(code: str) -> str:
    """``missing:name`` -> the problem in the user's language, with the column's label."""
    problem, _, field = code.partition(":")
    key = f"ingest.reason.{problem}"
    if not has_text(key):
        return code
    label_key = f"ingest.field.{field}"
    return t(key, field=t(label_key) if has_text(label_key) else field)


def rejects_for_people(rejects: pd.DataFrame) -> pd.DataFrame:
    """The rejected rows as written, with their reasons in the user's language and the reason
    codes in a column of their own."""
    codes = rejects[REASON_COLUMN]
    readable = {text: "; ".join(reason_label(code) for code in text.split("; ") if code) for text in codes.unique()}
    return rejects.drop(columns=REASON_COLUMN).assign(**{t("ingest.reason"): codes.map(readable),
                                                         t("ingest.reason_code"): codes})


def import_sources() -> None:
    """Where each kind of loaded data comes from (beside the boundary and reference sources)."""
    st.markdown(f"**{t('ingest.sources_title')}**")
    st.markdown(t("ingest.sources"))
