"""Shared fixtures: fresh databases on both engines.

* ``engine`` runs a test twice, on an empty DuckDB file and on an empty PostgreSQL database,
  each with the schema created.
* ``postgres_server`` is the PostgreSQL server of the session: the one ``DATABASE_URL`` points
  at when it is a PostgreSQL URL, otherwise a throwaway cluster started here (trust auth, a
  free port on 127.0.0.1, socket and data in a temp dir) and deleted at the end. A machine
  without PostgreSQL fails those tests; it never skips them (``scripts/setup.sh test``
  installs it).
* ``DATABASE_URL`` is removed from the environment for the whole session (and
  ``data_access.connect.SECRETS_FILE`` points nowhere), so the code under test uses the URL each test
  hands it and never the developer's real database.
"""
from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.db import connect, schema

_SAVED_DATABASE_URL: str | None = None
_SAVED_SECRETS_FILE = connect.SECRETS_FILE


def pytest_configure(config: pytest.Config) -> None:
    global _SAVED_DATABASE_URL
    _SAVED_DATABASE_URL = os.environ.pop("DATABASE_URL", None)
    # Nor a developer's .streamlit/secrets.toml (it may name the production database).
    connect.SECRETS_FILE = Path(tempfile.gettempdir()) / "no-such-dir" / "secrets.toml"


def pytest_unconfigure(config: pytest.Config) -> None:
    connect.SECRETS_FILE = _SAVED_SECRETS_FILE
    if _SAVED_DATABASE_URL is not None:
        os.environ["DATABASE_URL"] = _SAVED_DATABASE_URL


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- PostgreSQL --------------------------------------------------------------------------------

def _postgres_bin_dir() -> Path:
    candidates = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    pytest.fail(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
        "run `bash scripts/setup.sh test`, or set DATABASE_URL to a PostgreSQL server",
        pytrace=False,
    )


_CLUSTER_PREFIX = "pgtest-"
_OWNER_FILE = "pytest.pid"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _ThrowawayCluster:
    """A PostgreSQL cluster in a temp dir, run as the ``postgres`` user when we are root."""

    def __init__(self, directory: Path | None = None) -> None:
        self.bin = _postgres_bin_dir()
        self.as_root = os.geteuid() == 0
        # Not under pytest's tmp_path: its parents are 0700 root, and the server runs as postgres.
        self.dir = directory or Path(tempfile.mkdtemp(prefix=_CLUSTER_PREFIX))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        if directory is None:
            (self.dir / _OWNER_FILE).write_text(str(os.getpid()))
            if self.as_root:
                shutil.chown(self.dir, "postgres", "postgres")

    @classmethod
    def remove_orphans(cls) -> None:
        """Stop and delete clusters left behind by test sessions that were killed."""
        for owner in Path(tempfile.gettempdir()).glob(f"{_CLUSTER_PREFIX}*/{_OWNER_FILE}"):
            try:
                pid = int(owner.read_text())
            except (OSError, ValueError):
                continue
            if not _pid_alive(pid):
                cls(owner.parent).stop()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
            cwd=self.dir,
        )

    def _fail(self, what: str, result: subprocess.CompletedProcess) -> None:
        log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        self.remove()
        pytest.fail(
            f"could not {what} a throwaway PostgreSQL cluster:\n{result.stdout}\n{result.stderr}\n{log}",
            pytrace=False,
        )

    def start(self) -> str:
        result = self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        if result.returncode != 0:
            self._fail("initialise", result)
        return self.resume()

    def pause(self) -> None:
        """Stop the server and keep its data (as when the production database goes away)."""
        result = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
        if result.returncode != 0:
            self._fail("stop", result)

    def resume(self) -> str:
        """Start the server on its data and port; returns its URL once it answers."""
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", "60", "start",
        )
        if result.returncode != 0:
            self._fail("start", result)
        url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        _wait_until_ready(url)
        return url

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop",
                      timeout=60)
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _wait_until_ready(url: str, timeout: float = 30) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("select 1"))
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[sa.URL]:
    """URL of a PostgreSQL server where the tests may create and drop databases."""
    if _SAVED_DATABASE_URL and _SAVED_DATABASE_URL.startswith("postgres"):
        yield sa.make_url(connect.normalise_url(_SAVED_DATABASE_URL))
        return
    _ThrowawayCluster.remove_orphans()
    cluster = _ThrowawayCluster()
    try:
        yield sa.make_url(cluster.start())
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: sa.URL) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test (dispose engines first)."""
    name = f"test_{secrets.token_hex(6)}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield postgres_server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


# --- DuckDB ------------------------------------------------------------------------------------

@pytest.fixture
def duckdb_url(tmp_path: Path) -> str:
    """URL of a fresh, empty DuckDB file (created on first connect) in the test's tmp_path."""
    return connect.duckdb_url(tmp_path / "test.duckdb")


# --- both engines ------------------------------------------------------------------------------

@pytest.fixture(params=[
    pytest.param("duckdb", id="duckdb"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
])
def engine(request: pytest.FixtureRequest) -> Iterator[sa.Engine]:
    """A fresh engine on an empty database with the schema created, on each engine in turn."""
    if request.param == "duckdb":
        url = request.getfixturevalue("duckdb_url")
    else:
        url = request.getfixturevalue("postgres_url")  # dropped after this fixture's teardown
    eng = connect.make_engine(url)
    try:
        schema.create_all(eng)
        yield eng
    finally:
        eng.dispose()


# --- the app on a chosen database --------------------------------------------------------------

@pytest.fixture
def fixture_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``DATABASE_URL`` set to a DuckDB file holding tests/small_fixture.py, for AppTest runs."""
    from tests import small_fixture
    from tests.apptest import app_database

    return app_database(duckdb_url, monkeypatch, small_fixture.load)


@pytest.fixture
def empty_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``DATABASE_URL`` set to an empty DuckDB file: the app must explain, not crash."""
    monkeypatch.setenv("DATABASE_URL", duckdb_url)
    return duckdb_url


@pytest.fixture
def registry_only_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """``DATABASE_URL`` set to a DuckDB file holding nothing but DIW's GIS extract and open-data
    export of one province (tests/ingest_files.py), loaded as a user would."""
    from data_access.ingest import load_file
    from tests import ingest_files
    from tests.apptest import app_database

    def load(engine: sa.Engine) -> None:
        with engine.connect() as conn:
            for path in (ingest_files.gis_extract_tis620(tmp_path), ingest_files.open_data_export(tmp_path)):
                load_file(conn, "factories", path.read_bytes(), path.name, loaded_by="test")

    return app_database(duckdb_url, monkeypatch, load)
