"""Which database: ``DATABASE_URL`` from the environment or ``.streamlit/secrets.toml``, else the
embedded DuckDB file under ``data/``.

The secrets file is read with ``tomllib`` rather than ``st.secrets`` so that the command-line
tools and tests resolve the same URL without importing Streamlit.
"""
from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa

from data_access.settings import DEFAULT_DUCKDB_PATH, DUCKDB_CONFIG, PROJECT_ROOT

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
T = TypeVar("T")
_LOG = logging.getLogger(__name__)


class DatabaseBusyError(RuntimeError):
    """The embedded DuckDB file is open for writing by another process."""


class DatabaseUnavailable(RuntimeError):
    """The database could not be reached; the cause is in the server's log."""


def database_url() -> str:
    """The URL in force: environment first, then secrets.toml, then the embedded default."""
    url = os.environ.get("DATABASE_URL")
    if not url and SECRETS_FILE.exists():
        url = tomllib.loads(SECRETS_FILE.read_text(encoding="utf-8")).get("DATABASE_URL")
    return url or duckdb_url(DEFAULT_DUCKDB_PATH)


def duckdb_url(path: Path | str) -> str:
    """SQLAlchemy URL of a DuckDB file (``:memory:`` allowed)."""
    return f"duckdb:///{path}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs (the driver we install)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: str | None = None) -> sa.Engine:
    """An engine for ``url`` (default: :func:`database_url`).

    DuckDB allows one writing process per file: the running app is that process (it builds the
    demo data and takes uploads), so a second writer gets :class:`DatabaseBusyError` with a
    message that says what to do instead.
    """
    url = normalise_url(url or database_url())
    if not url.startswith("duckdb"):
        return sa.create_engine(url, pool_pre_ping=True)
    path, settings = url.split(":///", 1)[1], {"config": dict(DUCKDB_CONFIG)}
    if path == ":memory:":
        return sa.create_engine(url, poolclass=sa.pool.StaticPool, connect_args=settings)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args=settings)
    _check_not_busy(engine, path)
    return engine


def _check_not_busy(engine: sa.Engine, path: str) -> None:
    try:
        with engine.connect():
            pass
    except Exception as exc:  # duckdb raises IOException on a lock conflict
        if "lock" in str(exc).lower():
            raise DatabaseBusyError(
                f"The database file {path} is in use by another program (probably the running "
                "dashboard). Stop it, or load the file through the app's Data page."
            ) from exc
        raise


def run_on(engine: sa.Engine, function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """``function(conn, *args, **kwargs)`` on a fresh connection of ``engine``. A database out of
    reach (a PostgreSQL server stopped) raises :class:`DatabaseUnavailable`, which says nothing of
    the driver's internals (host, port, file paths): the details go to the log."""
    try:
        with engine.connect() as conn:
            return function(conn, *args, **kwargs)
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        _LOG.error("the database cannot be reached: %s", exc)
        raise DatabaseUnavailable() from exc
