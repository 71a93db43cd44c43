"""Command line: load one export into the database.

    python -m data_access.ingest <kind> <file> [--database-url URL] [--dry-run] [--full-export]
                                               [--confirm-missing] [--as-of YYYY-MM-DD]

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
from data_access.ingest.errors import MissingShareError
from data_access.ingest.load import STEPS, missing_lines
from data_access.settings import INGEST_EXIT_NOTHING_LOADED, INGEST_MISSING_MAX_SHARE

EXIT_CODES = """exit status:
  0  every row was accepted (and loaded, unless --dry-run)
  1  some rows were rejected (see the rejects file); the rest were loaded
  2  nothing was loaded: every row rejected, an unreadable file, an unknown kind, a busy
     database, or a full export refused (see --confirm-missing)"""


def main(argv: list[str] | None = None) -> int:
    """Run one load; returns the process exit code (see ``EXIT_CODES``)."""
    args = _parser().parse_args(argv)
    source = Path(args.file)
    if not source.is_file():
        return _failed(f"no such file: {source}")
    try:
        engine = bootstrap.prepare(make_engine(args.database_url))
    except DatabaseBusyError as exc:
        return _failed(str(exc))
    try:
        with engine.connect() as conn:
            report = load_file(conn, args.kind, source.read_bytes(), source.name, dry_run=args.dry_run,
                               full_export=args.full_export, confirm_missing=args.confirm_missing,
                               as_of=args.as_of, progress=_print_progress)
    except MissingShareError as exc:
        print("\n".join(missing_lines(exc.preview)), file=sys.stderr)
        return _failed(f"{source.name}: {exc}. Nothing was written.")
    except IngestError as exc:
        return _failed(f"{source.name}: {exc}. Nothing was written.")
    finally:
        engine.dispose()
    print("\n".join(report.summary_lines()))
    _write_rejects(report, source)
    return report.exit_code


def _failed(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return INGEST_EXIT_NOTHING_LOADED


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
    parser = argparse.ArgumentParser(prog="python -m data_access.ingest", description=__doc__.splitlines()[0],
                                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=list(KINDS), help="what the file holds")
    parser.add_argument("file", help="the export: CSV (UTF-8, UTF-8 with BOM or TIS-620/cp874) or Excel .xlsx")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the embedded DuckDB file)")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--full-export", action="store_true",
                        help="factories: the file is the whole registry; factories it lacks are marked "
                             "as not in the latest feed (never deleted)")
    parser.add_argument("--confirm-missing", action="store_true",
                        help=f"with --full-export: mark them even where they are more than "
                             f"{INGEST_MISSING_MAX_SHARE * 100:.0f}%% of a province's operating factories "
                             "(refused otherwise)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="the data's as-of date, YYYY-MM-DD (default today)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
