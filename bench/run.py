"""Benchmark of the dashboard on the national demo data: ``python bench/run.py``.

Prints the figures the issues ask for. Options after the section names are the browser section's
(``python bench/run.py browser --quick``: see bench/browser.py). The national demo database is built on first use under
``data/`` and reused (``--rebuild`` to build it again; the build time is printed).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (adoption, browser, emergencies, ingest, ingest_gis, overview, plans, present,  # noqa: E402
                   province, reads, risk)
from bench.common import national_database  # noqa: E402
from data_access.db import bootstrap  # noqa: E402
from data_access.db.connect import make_engine  # noqa: E402

SECTIONS = {"overview": overview.run, "ingest": ingest.run, "province": province.run, "risk": risk.run,
            "reads": reads.run, "adoption": adoption.run, "ingest_gis": ingest_gis.run, "emergencies": emergencies.run,
            "present": present.run, "plans": plans.run, "browser": browser.run}
TAKES_OPTIONS = {"browser"}  # sections with options of their own, given after the section names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the national demo data again")
    parser.add_argument("--database-url", help="measure this database instead of the national demo DuckDB file "
                        "(the plans section needs a PostgreSQL one holding the national demo data)")
    parser.add_argument("sections", nargs="*", help=f"sections to run (default: all of {', '.join(SECTIONS)})")
    args, extra = parser.parse_known_args()
    if extra and not TAKES_OPTIONS & set(args.sections):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if unknown := set(args.sections) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    url = args.database_url or national_database(rebuild=args.rebuild)
    os.environ["DATABASE_URL"] = url  # the pages under AppTest read the same file
    engine = bootstrap.prepare(make_engine(url))  # as the app does: a database made by an earlier version is brought up
    for name in args.sections or SECTIONS:
        SECTIONS[name](engine, extra) if name in TAKES_OPTIONS else SECTIONS[name](engine)


if __name__ == "__main__":
    main()
