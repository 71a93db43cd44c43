"""Browser fixtures: national demo data built once, Streamlit servers on copies of it, Debian's
chromium driven by Playwright, and a ``page`` that fails its test on any request leaving the
machine, any console error and any uncaught page error.

Missing chromium or a failing demo generator fail the tests; nothing here skips.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from components.plumbing.static_files import ensure_static_fonts
from tests.browser.helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    LOCALE,
    ROOT,
    VIEWPORT,
    StreamlitServer,
    screenshot,
)

NATIONAL_DB = ARTIFACTS / "national.duckdb"
NATIONAL_KEY = ARTIFACTS / "national.duckdb.key"
# What the national demo data depends on: the generator and the whole data layer it uses
# (schema, bulk loads, settings, reference data, risk rules), the province table and the DuckDB
# version (file format), and today's date (the generator's default --as-of). Any change
# regenerates the file (about 15 s at national scale here).
DEMO_INPUTS = ("data_access/**/*.py", "assets/provinces.csv")
DEMO_TIMEOUT_S = 900

_servers: list[StreamlitServer] = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    if report.failed and item.get_closest_marker("browser"):
        for server in _servers:
            report.sections.append((f"streamlit {server.name} log (tail)", server.log_tail()))


# --- data ----------------------------------------------------------------------------------------

def _demo_key() -> str:
    import duckdb

    # The generator's --as-of defaults to today: rebuild once a day so the data stays current.
    digest = hashlib.sha256(f"duckdb {duckdb.__version__}\nas of {dt.date.today()}\n".encode())
    files = sorted({p for pattern in DEMO_INPUTS for p in ROOT.glob(pattern)
                    if "__pycache__" not in p.parts})
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _check_national(path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        factories = con.execute("select count(*) from factories").fetchone()[0]
    finally:
        con.close()
    assert factories > 0, f"{path} has no factories"


@pytest.fixture(scope="session")
def national_db() -> Path:
    """The national demo data in a DuckDB file, built once and cached in tests/artifacts/."""
    if not any(ROOT.glob("data_access/demo*.py")) and not (ROOT / "data_access" / "demo").is_dir():
        pytest.fail("data_access/demo.py (the demo generator) does not exist yet", pytrace=False)
    key = _demo_key()
    if NATIONAL_DB.exists() and NATIONAL_KEY.exists() and NATIONAL_KEY.read_text().strip() == key:
        return NATIONAL_DB
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    building = ARTIFACTS / f"national.building-{os.getpid()}.duckdb"
    log_path = ARTIFACTS / "national.build.log"
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    cmd = [sys.executable, "-m", "data_access.demo", "--scale", "national",
           "--database-url", f"duckdb:///{building}"]
    with open(log_path, "wb") as log:
        try:
            result = subprocess.run(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, timeout=DEMO_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the demo generator took more than {DEMO_TIMEOUT_S} s: see {log_path}",
                        pytrace=False)
    if result.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
        building.unlink(missing_ok=True)
        pytest.fail(f"{' '.join(cmd)} failed ({result.returncode}):\n{tail}", pytrace=False)
    _check_national(building)
    NATIONAL_KEY.unlink(missing_ok=True)
    os.replace(building, NATIONAL_DB)
    NATIONAL_KEY.write_text(key + "\n")
    return NATIONAL_DB


def _serve_copy(national_db: Path, workdir: Path, name: str) -> Iterator[str]:
    # A copy per server: DuckDB allows one writing process per file, and the app may write.
    database = workdir / "national.duckdb"
    shutil.copyfile(national_db, database)
    yield from _serve({"DATABASE_URL": f"duckdb:///{database}"}, workdir, name)


def _serve(env: dict[str, str], workdir: Path, name: str) -> Iterator[str]:
    """The app served with ``env`` (its database, settings) added to the environment."""
    ensure_static_fonts()  # requested by the first page load, before any script run could copy them
    server = StreamlitServer("app.py", cwd=ROOT, log_path=workdir / "streamlit.log", name=name, env=env)
    _servers.append(server)
    try:
        server.start()
        yield server.base_url
    finally:
        server.stop()
        _servers.remove(server)


@pytest.fixture(scope="session")
def app_server(national_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on (a copy of) the national demo data."""
    yield from _serve_copy(national_db, tmp_path_factory.mktemp("app_server"), "app_server")


@pytest.fixture(scope="session")
def cold_app_server(national_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second, fresh server on which no session has loaded ``/``: only for the cold deep link."""
    yield from _serve_copy(national_db, tmp_path_factory.mktemp("cold_app_server"), "cold_app_server")


@pytest.fixture
def fresh_app_server(national_db: Path, tmp_path: Path) -> Iterator[str]:
    """A server started for one test alone: cold for whatever that test opens first."""
    yield from _serve_copy(national_db, tmp_path, "fresh_app_server")


@dataclass(frozen=True)
class LiveServer:
    url: str
    database_url: str
    refresh_s: float  # the emergency board's refresh interval: short, so that a test sees refreshes


@pytest.fixture(scope="module")
def live_app_server(postgres_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a PostgreSQL database of its own, filled with the small demo data, refreshing
    the emergency board every few seconds: for tests that write to the database while the app
    runs, as another system would (a DuckDB file takes one writing process, and the app's
    server holds it)."""
    import sqlalchemy as sa

    from data_access import demo
    from data_access.db import connect, schema

    name = f"test_live_{os.getpid()}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.set(database=name).render_as_string(hide_password=False)
    engine = connect.make_engine(url)
    schema.create_all(engine)
    demo.generate(engine, scale=demo.SCALES["small"])
    engine.dispose()
    refresh_s = 4
    try:
        for base_url in _serve({"DATABASE_URL": url, "MIND_EMERGENCY_REFRESH_S": str(refresh_s)},
                               tmp_path_factory.mktemp("live_app_server"), "live_app_server"):
            yield LiveServer(base_url, url, refresh_s)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- browser -------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/setup.sh test`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _is_outside(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


# Opened on a deep link (/data), Streamlit's frontend first looks for its server under that path
# (/data/_stcore/health, /data/_stcore/host-config), gets 404 and falls back to the root: not an
# error of the app.
_PROBE = re.compile(r"^/.+/_stcore/(health|host-config)$")


def _is_base_path_probe(text: str, url: str) -> bool:
    return "status of 404" in text and bool(_PROBE.match(urlsplit(url).path))


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A fresh page (1600x1000, th-TH) that records what must never happen:
    requests to anything but this machine, console errors and uncaught page errors."""
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
    outside: list[str] = []
    console_errors: list[str] = []
    page_errors: list[str] = []

    def on_request(req) -> None:
        if _is_outside(req.url):
            outside.append(f"{req.method} {req.url}")

    def on_console(msg) -> None:
        if msg.type == "error":
            where = msg.location or {}
            if _is_base_path_probe(msg.text, where.get("url", "")):
                return
            console_errors.append(f"{msg.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    context.on("request", on_request)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("websocket", lambda ws: outside.append(f"WEBSOCKET {ws.url}") if _is_outside(ws.url) else None)
    page.set_default_timeout(30_000)
    yield page

    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        try:
            screenshot(page, f"FAILED-{request.node.name}")
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
    context.close()
    problems = []
    if outside:
        problems.append("requests that left the machine (everything must be served locally):\n  "
                        + "\n  ".join(dict.fromkeys(outside)))
    if console_errors:
        problems.append("console errors:\n  " + "\n  ".join(console_errors))
    if page_errors:
        problems.append("uncaught page errors:\n  " + "\n  ".join(page_errors))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def registry_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on a database holding nothing but one province's GIS extract and its
    open-data export (tests/ingest_files.py), loaded through the importer as a user would."""
    from data_access.db import bootstrap, connect
    from data_access.ingest import load_file
    from tests import ingest_files

    workdir = tmp_path_factory.mktemp("registry_only")
    database = workdir / "registry.duckdb"
    engine = bootstrap.prepare(connect.make_engine(connect.duckdb_url(database)))
    with engine.connect() as conn:
        for path in (ingest_files.gis_extract_tis620(workdir), ingest_files.open_data_export(workdir)):
            load_file(conn, "factories", path.read_bytes(), path.name, loaded_by="test")
    engine.dispose()
    server_dir = workdir / "server"
    server_dir.mkdir()
    yield from _serve_copy(database, server_dir, "registry_only_server")
