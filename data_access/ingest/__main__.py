"""Command line: load one export into the database.

    python -m data_access.ingest <kind> <file> [--database-url URL] [--dry-run] [--full-export]
                                               [--as-of YYYY-MM-DD]

Rejected rows go to ``<name>.rejects.csv`` beside the file, with a ``reason`` column.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from data_access.db import bootstrap
from data_access.db.connect import DatabaseBusyError, make_engine
from data_access.ingest import KINDS, IngestError, LoadReport, load_file, rejects_csv, rejects_path
from data_access.ingest.load import STEPS


def main(argv: list[str] | None = None) -> int:
    """Run one load; returns the process exit code (0 loaded, 1 not loaded)."""
    args = _parser().parse_args(argv)
    source = Path(args.file)
    if not source.is_file():
        print(f"error: no such file: {source}", file=sys.stderr)
        return 1
    try:
        engine = bootstrap.prepare(make_engine(args.database_url))
    except DatabaseBusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        with engine.connect() as conn:
            report = load_file(conn, args.kind, source.read_bytes(), source.name, dry_run=args.dry_run,
                               full_export=args.full_export, as_of=args.as_of, progress=_print_progress)
    except IngestError as exc:
        print(f"error: {source.name}: {exc}. Nothing was written.", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print("\n".join(report.summary_lines()))
    _write_rejects(report, source)
    return 0


def _print_progress(fraction: float, step: str) -> None:
    print(f"[{fraction:4.0%}] {STEPS[step]}", flush=True)


def _write_rejects(report: LoadReport, source: Path) -> None:
    """The rejects file beside the input; a stale one from an earlier run is removed."""
    path = rejects_path(source)
    if report.rows_rejected:
        path.write_bytes(rejects_csv(report))
        print(f"  rejected rows and their reasons: {path}")
    else:
        path.unlink(missing_ok=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_access.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=list(KINDS), help="what the file holds")
    parser.add_argument("file", help="the export: CSV (UTF-8, UTF-8 with BOM or TIS-620/cp874) or Excel .xlsx")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the embedded DuckDB file)")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--full-export", action="store_true",
                        help="factories: the file is the whole registry; factories it lacks are marked "
                             "as not in the latest feed (never deleted)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="the data's as-of date, YYYY-MM-DD (default today)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
