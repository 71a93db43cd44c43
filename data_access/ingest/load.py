"""One load: read the file, check every row, write the good ones, log it, all or nothing.

The command line and the app's Data page both call :func:`load_file`, so a file loads the same
way wherever it comes from. Everything that writes happens in one transaction: a failure at any
step (or a dry run) leaves the database exactly as it was. After a load that changes what the
risk score reads, the scores are recomputed inside the same transaction, so the dashboards never
see new rows with old scores; and the tables it wrote are analysed before the commit, so the
pages' queries are planned on statistics of the data they read.
"""
from __future__ import annotations

import getpass
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data_access.db import schema
from data_access.db.bulk import analyze
from data_access.ingest import store
from data_access.ingest.errors import IngestError
from data_access.ingest.headers import locate
from data_access.ingest.kinds import KINDS, Kind
from data_access.ingest.reader import read_table
from data_access.ingest.transform import prepare
from data_access.queries import stored_figures
from data_access.queries.catalog import data_as_of
from data_access.settings import (
    INGEST_EXIT_ALL_LOADED,
    INGEST_EXIT_NOTHING_LOADED,
    INGEST_EXIT_SOME_REJECTED,
    INGEST_REJECTS_SUFFIX,
)

Progress = Callable[[float, str], None]  # (share done, step): the step is a key of STEPS
STEPS = {"read": "reading the file", "check": "checking the rows", "write": "writing the rows",
         "risk": "recomputing risk scores", "log": "recording the load",
         "figures": "counting the figures per province and fiscal year", "done": "done"}


@dataclass
class LoadReport:
    """What a load did, for the command line's summary and the Data page."""

    kind: str
    source: str
    file_format: str
    file_hash: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    reasons: Counter
    flags: Counter
    rejects: pd.DataFrame
    unused_columns: list[str]
    inserted: int = 0
    updated: int = 0
    marked_missing: int = 0
    missing: pd.DataFrame | None = None  # a full export: per province, the factories it leaves out
    risk_scored: int | None = None   # None: the scores did not need a refresh
    load_id: int | None = None
    dry_run: bool = False
    as_of: date | None = None
    started_at: datetime = field(default_factory=datetime.now)
    finished_at: datetime | None = None

    @property
    def unchanged(self) -> int:
        return self.rows_accepted - self.inserted - self.updated

    @property
    def exit_code(self) -> int:
        """0 every row accepted, 1 some rejected and the rest loaded, 2 nothing loaded (a dry run:
        what the load would do)."""
        if not self.rows_accepted:
            return INGEST_EXIT_NOTHING_LOADED
        return INGEST_EXIT_SOME_REJECTED if self.rows_rejected else INGEST_EXIT_ALL_LOADED

    def summary_lines(self) -> list[str]:
        """The summary in plain English (the app shows the same figures in the user's language)."""
        lines = [f"{self.kind}: {self.source} ({self.file_format}, {self.rows_read:,} rows)",
                 (f"  accepted {self.rows_accepted:,}: inserted {self.inserted:,}, updated {self.updated:,}, "
                  f"unchanged {self.unchanged:,}"),
                 f"  rejected {self.rows_rejected:,}"]
        lines += [f"    {reason:<36}{count:>8,}" for reason, count in self.reasons.most_common()]
        if self.flags:
            lines.append("  kept but flagged")
            lines += [f"    {flag:<36}{count:>8,}" for flag, count in self.flags.most_common()]
        if self.missing is not None:
            lines += missing_lines(self.missing)
        if self.marked_missing:
            lines.append(f"  {self.marked_missing:,} stored factories are not in this full export: "
                         "marked not in the latest feed (kept)")
        if self.unused_columns:
            lines.append(f"  columns not used: {', '.join(self.unused_columns)}")
        if self.risk_scored is not None:
            lines.append(f"  risk scores recomputed for {self.risk_scored:,} factories as of {self.as_of}")
        lines.append("  dry run: nothing was written" if self.dry_run else f"  recorded as load {self.load_id}")
        return lines


def load_file(conn: sa.Connection, kind: str, data: bytes, source: str, *, dry_run: bool = False,
              full_export: bool = False, confirm_missing: bool = False, as_of: date | None = None,
              loaded_by: str | None = None, progress: Progress | None = None) -> LoadReport:
    """Load the export ``data`` (file name ``source``) as ``kind``, in a transaction of its own on
    ``conn`` (which must not be in one).

    Raises :class:`IngestError` with one clear message when the file cannot be loaded at all;
    the database is then untouched. ``full_export`` says the file lists every factory of the
    registry, so the factories it lacks are marked as no longer in the feed; more than
    ``INGEST_MISSING_MAX_SHARE`` of a province's operating factories only with ``confirm_missing``
    (else :class:`~data_access.ingest.errors.MissingShareError`).
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise IngestError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}", "unknown_kind", kind=kind)
    report_progress = progress or (lambda fraction, step: None)
    started, as_of = datetime.now(), as_of or date.today()
    report_progress(0.05, "read")
    raw = read_table(data)
    layout = locate(raw.frame, spec)
    try:
        with conn.begin() as transaction:
            report_progress(0.25, "check")
            reference = store.ensure_reference(conn)
            prepared = prepare(raw, layout, spec, store.context(conn, spec, layout.fields))
            report_progress(0.50, "write")
            written = store.write(conn, spec, prepared, full_export, confirm_missing)
            report = LoadReport(
                kind=kind, source=source, file_format=raw.file_format, file_hash=hashlib.sha256(data).hexdigest(),
                rows_read=prepared.rows_read, rows_accepted=len(prepared.rows), rows_rejected=len(prepared.rejects),
                reasons=prepared.reasons, flags=prepared.flags, rejects=prepared.rejects, unused_columns=layout.unused,
                inserted=written.inserted, updated=written.updated, marked_missing=written.marked_missing,
                missing=written.missing, dry_run=dry_run, as_of=as_of, started_at=started)
            if spec.refreshes_risk and written.changed:
                report_progress(0.75, "risk")
                report.risk_scored = store.rescore(conn, written, as_of)
            report_progress(0.90, "log")
            report.load_id = store.next_load_id(conn)
            report.finished_at = datetime.now()
            store.log_load(conn, _log_row(report, loaded_by or current_user()))
            report_progress(0.95, "figures")
            stored_figures.refresh(conn, data_as_of(conn))
            if dry_run:
                transaction.rollback()
            else:
                analyze(conn, reference + _written_tables(spec, written, report))
    except sa.exc.SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise IngestError(f"the database refused the load: {reason}", "database", reason=reason) from exc
    report_progress(1.0, "done")
    return report


def _written_tables(spec: Kind, written: store.Written, report: LoadReport) -> list[sa.Table]:
    """The tables a load wrote, whose statistics it leaves fresh."""
    scored = [schema.factory_risk] if report.risk_scored is not None else []
    return [*([spec.table] if written.changed else []), *scored, schema.load_log, *stored_figures.STORED_TABLES]


def missing_lines(missing: pd.DataFrame, limit: int = 10) -> list[str]:
    """The provinces a full export leaves factories out of, worst first, in plain English."""
    if missing.empty:
        return ["  full export: every stored factory in the feed is in the file"]
    lines = ["  full export leaves out (operating factories of the province, share):"]
    lines += [f"    {row.province_code} {row.name_en:<24}{row.missing_operating:>8,} of {row.operating:>8,}"
              f"  {row.share:6.1%}  ({row.missing:,} in all)" for row in missing.head(limit).itertuples()]
    if len(missing) > limit:
        lines.append(f"    ... and {len(missing) - limit} more provinces")
    return lines


def _log_row(report: LoadReport, loaded_by: str) -> dict:
    return {"load_id": report.load_id, "kind": report.kind, "source": report.source[:255],
            "file_hash": report.file_hash, "rows_accepted": report.rows_accepted,
            "rows_rejected": report.rows_rejected, "started_at": report.started_at,
            "finished_at": report.finished_at, "loaded_by": loaded_by[:64], "as_of": report.as_of}


def current_user() -> str:
    """The operating-system user running the load."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def rejects_csv(report: LoadReport) -> bytes:
    """The rejected rows as written plus ``reason``, as CSV that Excel opens with Thai intact."""
    return report.rejects.to_csv(index=False).encode("utf-8-sig")


def rejects_path(source: Path) -> Path:
    """``<name>.rejects.csv`` beside the input file."""
    return source.with_name(source.stem + INGEST_REJECTS_SUFFIX)
