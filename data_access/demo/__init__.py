"""Deterministic demo data at national scale: the whole unified database, made up but shaped like
the real registry (DIW's 2026 province counts, class and GI figures, i4.0 survey shares).

Same seed and as-of date give identical tables. Every column is drawn with numpy in whole-array
operations (loops run over provinces, levels or years, never rows), and every table goes in
through :func:`data_access.db.bulk.insert_dataframe` in a single transaction, so a national build
(~82k factories, ~1M inspections) loads in well under a minute and a failure leaves nothing behind.

Usage: ``generate(engine, scale=SCALES["small"], seed=2570, as_of=date(2026, 11, 22))`` or
``python -m data_access.demo --scale small``.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access import reference
from data_access import settings as S
from data_access.db import schema
from data_access.db.bulk import analyze, insert_dataframe
from data_access.demo import adoption, complaints, emergencies, factories, inspections, programs, reference_rows
from data_access.demo.sampling import Context
from data_access.queries import stored_figures
from data_access.queries.risk_scores import refresh_factory_risk

SCALES = {"small": 0.02, "national": 1.0, "stress": 3.0}
DEFAULT_SEED = 2570

Progress = Callable[[float, str], None]  # (share done, step): the step is a key of STEPS
STEPS = {"reference": "provinces, districts and inspectors-general", "factories": "factories",
         "inspections": "inspections", "complaints": "complaints", "emergencies": "emergencies",
         "gi": "Green Industry certificates", "i40": "Industry 4.0 assessments",
         "programs": "programme participation and KPI targets", "risk": "risk scores",
         "figures": "figures per province and fiscal year", "log": "load log", "done": "done"}


class DatabaseNotEmptyError(RuntimeError):
    """The target database already holds factories; the demo only fills an empty schema."""


def has_data(engine: sa.Engine) -> bool:
    """True when the ``factories`` table exists and holds at least one row."""
    if not sa.inspect(engine).has_table(schema.factories.name):
        return False
    with engine.connect() as conn:
        return bool(conn.execute(sa.select(schema.factories.c.factory_id).limit(1)).all())


def generate(engine: sa.Engine, *, scale: float = 1.0, seed: int = DEFAULT_SEED, as_of: date | None = None,
             progress: Progress | None = None) -> dict[str, int]:
    """Drop nothing; expects an empty schema (call schema.create_all first). Fills every table in one
    transaction, calls progress(fraction 0..1, step) between steps (a key of :data:`STEPS`, worded
    by the caller in its language), returns row counts per table."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if has_data(engine):
        raise DatabaseNotEmptyError("the factories table already has rows; the demo fills an empty database only")
    report = progress or (lambda fraction, message: None)
    started = datetime.now()
    ctx = Context(seed=seed, scale=scale, as_of=as_of or date.today())
    province_ref = reference.province_table()
    load_id = _next_load_id(engine)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        def write(table: sa.Table, frame: pd.DataFrame) -> None:
            counts[table.name] = insert_dataframe(conn, table, frame)

        report(0.0, "reference")
        write(schema.provinces, reference.provinces_frame())
        write(schema.inspectors_general, reference_rows.inspectors_general_frame())
        write(schema.districts, reference.districts_frame())
        report(0.05, "factories")
        registry = factories.build(ctx, province_ref)
        write(schema.factories, registry.frame)
        report(0.20, "inspections")
        write(schema.inspections, inspections.build(ctx, registry, len(province_ref)))
        report(0.75, "complaints")
        write(schema.complaints, complaints.build(ctx, registry, province_ref))
        report(0.80, "emergencies")
        write(schema.emergencies, emergencies.build(ctx, registry, province_ref))
        report(0.85, "gi")
        write(schema.gi_certifications, adoption.gi_certifications(ctx, registry))
        report(0.90, "i40")
        write(schema.i40_assessments, adoption.i40_assessments(ctx, registry))
        report(0.93, "programs")
        write(schema.program_participation, programs.participation(ctx, registry, province_ref))
        write(schema.kpi_targets, programs.kpi_targets(ctx, province_ref))
        report(0.95, "risk")
        counts[schema.factory_risk.name] = refresh_factory_risk(conn, ctx.as_of)
        report(0.97, "figures")
        counts.update(stored_figures.refresh(conn, ctx.as_of))
        report(0.99, "log")
        write(schema.load_log, _load_log(ctx, load_id, started, sum(counts.values())))
    with engine.begin() as conn:
        analyze(conn, schema.metadata.sorted_tables)
    report(1.0, "done")
    return counts


def _next_load_id(engine: sa.Engine) -> int:
    """load_log ids are assigned by the writers (no sequences on DuckDB)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.max(schema.load_log.c.load_id))).all()
    return int(rows[0][0] or 0) + 1


def _load_log(ctx: Context, load_id: int, started: datetime, rows: int) -> pd.DataFrame:
    """The one ``load_log`` row that records this generation."""
    return pd.DataFrame({
        "load_id": np.array([load_id], dtype=np.int64),
        "kind": [S.DEMO_LOAD_KIND],
        "source": [f"demo generator seed={ctx.seed} scale={ctx.scale}"],
        "file_hash": [None],
        "rows_accepted": np.array([rows], dtype=np.int32),
        "rows_rejected": np.array([0], dtype=np.int32),
        "started_at": np.array([started], dtype="datetime64[us]"),
        "finished_at": np.array([datetime.now()], dtype="datetime64[us]"),
        "loaded_by": [S.DEMO_LOAD_KIND],
        "as_of": np.array([ctx.as_of], dtype="datetime64[D]").astype("datetime64[s]"),
    })


def parse_scale(text: str) -> float:
    """A scale name from :data:`SCALES` or a positive number."""
    if text in SCALES:
        return SCALES[text]
    value = float(text)
    if value <= 0:
        raise ValueError(f"scale must be positive, got {text}")
    return value
