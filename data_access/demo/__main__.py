"""Command line: create the schema and fill it with demo data.

    python -m data_access.demo [--scale small|national|stress|<float>] [--seed N]
                               [--database-url URL] [--as-of YYYY-MM-DD] [--first-start]

``--first-start`` is what ``scripts/run.sh`` runs before the server starts: the national demo
data into the embedded default database when it is empty, and nothing otherwise (a database
named by ``DATABASE_URL`` is someone's real database).
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date

import sqlalchemy as sa

from data_access.db import schema
from data_access.db.connect import DatabaseBusyError, database_url, make_engine
from data_access.db.bootstrap import auto_demo_enabled
from data_access.demo import DEFAULT_SEED, SCALES, STEPS, generate, has_data, parse_scale
from data_access.settings import DEFAULT_DUCKDB_PATH


def main(argv: list[str] | None = None) -> int:
    """Run the generator; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        scale = parse_scale(args.scale)
    except ValueError:
        print(f"error: --scale must be one of {', '.join(SCALES)} or a positive number, not {args.scale!r}",
              file=sys.stderr)
        return 2
    if args.first_start and not auto_demo_enabled():
        return 0
    url = args.database_url or database_url()
    try:
        engine = make_engine(url)
    except DatabaseBusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    schema.create_all(engine)
    if has_data(engine):
        if args.first_start:
            return 0
        print(f"error: {_not_empty_message(engine)}", file=sys.stderr)
        return 1
    if args.first_start:
        print("First start: building the national demo data into the embedded database "
              f"{DEFAULT_DUCKDB_PATH} (once; later starts reuse it)", flush=True)
    clock = time.perf_counter()

    def progress(fraction: float, step: str) -> None:
        print(f"[{fraction:4.0%}] {time.perf_counter() - clock:6.1f} s  {STEPS[step]}", flush=True)

    counts = generate(engine, scale=scale, seed=args.seed, as_of=args.as_of, progress=progress)
    for table, rows in counts.items():
        print(f"  {table:<24}{rows:>12,}")
    print(f"generated {sum(counts.values()):,} rows (scale {scale}, seed {args.seed}) "
          f"in {time.perf_counter() - clock:.1f} s")
    return 0


def _not_empty_message(engine: sa.Engine) -> str:
    """What to do when the target already holds data: delete the DuckDB file, or pick an empty
    PostgreSQL database."""
    where = engine.url.render_as_string(hide_password=True)
    if engine.url.get_backend_name() == "duckdb":
        fix = f"delete the file {engine.url.database or DEFAULT_DUCKDB_PATH} and run this again"
    else:
        fix = "point --database-url at an empty database"
    return f"the database {where} already holds factories; the demo only fills an empty database: {fix}."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_access.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national",
                        help=f"{' | '.join(f'{k} ({v})' for k, v in SCALES.items())} or a number (default national)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the embedded DuckDB file)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="the data's as-of date, YYYY-MM-DD (default today)")
    parser.add_argument("--first-start", action="store_true",
                        help="build the national demo data only into the embedded default database, and only "
                             "when it is empty (what scripts/run.sh does before starting the app)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
