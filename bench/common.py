"""Shared benchmark plumbing: the national demo database, timers and the report format."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from data_access.db import schema
from data_access.db.connect import make_engine
from data_access.demo import SCALES, generate
from data_access.settings import DATA_DIR, PROJECT_ROOT

BENCH_DB = DATA_DIR / "bench-national.duckdb"


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float
    runs: int

    def __str__(self) -> str:
        return f"median {self.median_ms:8.1f} ms   p95 {self.p95_ms:8.1f} ms   (n={self.runs})"


def time_calls(call: Callable[[], object], runs: int = 15, warmup: int = 1) -> Timing:
    """Median and 95th percentile wall time of ``call`` over ``runs`` runs after ``warmup``."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return timing_of(samples)


def timing_of(samples_ms: list[float]) -> Timing:
    """Median and 95th percentile of measured times (ms)."""
    samples = sorted(samples_ms)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return Timing(statistics.median(samples), p95, len(samples))


def national_database(path: Path = BENCH_DB, rebuild: bool = False, scale: str = "national") -> str:
    """URL of a DuckDB file with the national demo data (or another of ``SCALES``), built on first
    use (and timed)."""
    if rebuild and path.exists():
        path.unlink()
    url = f"duckdb:///{path}"
    if not path.exists():
        engine = make_engine(url)
        schema.create_all(engine)
        start = time.perf_counter()
        counts = generate(engine, scale=SCALES[scale])
        engine.dispose()
        print(f"built {scale} demo data in {time.perf_counter() - start:.1f} s: "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return url


def raw_runner(engine: sa.Engine) -> Callable[[sa.Select], Callable[[], object]]:
    """Run a compiled SQLAlchemy query straight on the driver: the floor under the data layer
    (no SQLAlchemy execution, no DataFrame), on the engine's own DuckDB connection."""
    raw = engine.raw_connection().driver_connection

    def runner(query: sa.Select) -> Callable[[], object]:
        sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        return lambda: raw.execute(sql).fetchall()

    return runner


def page_server_time(page: str, runs: int = 10, **query_params: str) -> tuple[float, Timing]:
    """Server time of one page in Streamlit's AppTest: the first (cold) run, then warm reruns."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    for key, value in query_params.items():
        app.query_params[key] = value
    if page != "app.py":
        app.switch_page(page)
    start = time.perf_counter()
    app.run()
    cold = (time.perf_counter() - start) * 1000
    if app.exception:
        raise RuntimeError(f"{page} raised: {app.exception[0].value}")
    return cold, time_calls(app.run, runs=runs, warmup=0)


def heading(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 70 - len(title)))


# --- the app served for the browser sections -----------------------------------------------------

def server_environment() -> dict[str, str]:
    """The variables of ``scripts/server.env`` not set already, as ``scripts/run.sh`` adds them."""
    lines = (PROJECT_ROOT / "scripts" / "server.env").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if re.match(r"[A-Z_]+=", line))
    return {name: value for name, value in pairs if not os.environ.get(name)}


@contextlib.contextmanager
def served(script: str, env: dict[str, str], workdir: Path, name: str) -> Iterator:
    """``streamlit run <script> --server.headless true`` on a free port, once /_stcore/health
    answers; in the environment of ``scripts/run.sh`` (the bare app too, so that both are
    measured alike) plus ``env``."""
    from components.plumbing.static_files import ensure_static_fonts
    from tests.browser.helpers import StreamlitServer

    ensure_static_fonts()
    server = StreamlitServer(script, cwd=PROJECT_ROOT, log_path=workdir / f"{name}.log", name=name,
                             env={**server_environment(), **env})
    server.start(timeout=180)
    try:
        yield server
    finally:
        server.stop()


def copied_duckdb(database: str | Path, workdir: Path) -> str:
    """The URL of a copy of the DuckDB file ``database`` in ``workdir``: the served app may write
    to its database, and the benchmark's own connection holds the original's lock."""
    copy = workdir / Path(database).name
    shutil.copyfile(database, copy)
    return f"duckdb:///{copy}"
