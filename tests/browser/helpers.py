"""Helpers of the browser tests: a Streamlit server in a subprocess, opening a page and waiting
until Streamlit has finished running (as Streamlit's own e2e tests do), screenshots.

Nothing here depends on this app, so the harness can be tried on any Streamlit script.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

CHROMIUM = "/usr/bin/chromium"
# Never --disable-software-rasterizer: WebGL (pydeck, plotly maps) draws through SwiftShader.
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}
LOCALE = "th-TH"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

APP_READY_TIMEOUT_MS = 90_000  # the first run on national data loads and caches a lot
NETWORK_IDLE_TIMEOUT_MS = 15_000
LANGUAGE_BUTTONS = '[data-testid="stSidebar"] [data-testid="stButtonGroup"]'


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``streamlit run <script>`` on a free port of 127.0.0.1, output in a log file."""

    def __init__(self, script: Path | str, *, cwd: Path | str, log_path: Path,
                 env: dict[str, str] | None = None, name: str = "app") -> None:
        self.script = str(script)
        self.cwd = str(cwd)
        self.log_path = Path(log_path)
        self.extra_env = dict(env or {})
        self.name = name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> StreamlitServer:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.extra_env}
        cmd = [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"Streamlit server {self.name} exited with {self.proc.returncode}:\n"
                            f"{self.log_tail()}", pytrace=False)
            if self.healthy():
                return self
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"Streamlit server {self.name} did not answer /_stcore/health within "
                            f"{timeout:.0f} s:\n{self.log_tail()}", pytrace=False)
            time.sleep(0.25)

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                return resp.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"


# --- pages ---------------------------------------------------------------------------------------

_SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


def wait_for_app_run(page: Page, timeout: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and every element has replaced its skeleton."""
    page.wait_for_timeout(250)  # let a run that is about to start (widget debounce) begin
    page.locator(_CONNECTED).wait_for(state="attached", timeout=timeout)
    page.locator(_SCRIPT_DONE).wait_for(state="attached", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def open_app(page: Page, base_url: str, path_and_query: str = "",
             timeout: int = APP_READY_TIMEOUT_MS) -> Page:
    """Open ``base_url/path_and_query``, wait until the app has settled, check it raised nothing."""
    url = base_url.rstrip("/") + "/" + path_and_query.lstrip("/")
    response = page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    assert response is not None and response.ok, f"GET {url}: {response and response.status}"
    wait_for_app_run(page, timeout)
    try:  # fonts, map tiles, component iframes; a page that never goes quiet is not an error here
        page.wait_for_load_state("networkidle", timeout=NETWORK_IDLE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass
    # A rerun may have started meanwhile (query params written back, page switch): settle again.
    wait_for_app_run(page, timeout)
    assert_no_exception(page)
    return page


def switch_language(page: Page, label: str) -> None:
    """Click the sidebar's language button ``label`` (``"English"``, ``"ไทย"``) and wait for the run."""
    page.locator(LANGUAGE_BUTTONS).locator("button", has_text=label).click()
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_tab(page: Page, label: str) -> None:
    """Click the tab ``label`` and wait for its run: a lazy tab is drawn only once it is open."""
    page.get_by_role("tab", name=label).click()
    wait_for_app_run(page)
    expect(page.get_by_role("tab", name=label)).to_have_attribute("aria-selected", "true")


def assert_no_exception(page: Page) -> None:
    exceptions = page.get_by_test_id("stException")
    count = exceptions.count()
    if count:
        texts = "\n---\n".join(exceptions.nth(i).inner_text() for i in range(count))
        pytest.fail(f"{count} exception(s) shown on {page.url}:\n{texts}", pytrace=False)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as tests/artifacts/<name>.png and return its path."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def date_formats(sheet, header: str) -> set[str]:
    """The number formats of the filled cells under ``header`` in a downloaded workbook's sheet."""
    column = [cell.value for cell in sheet[1]].index(header) + 1
    return {row[0].number_format for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column)
            if row[0].value is not None}


# --- the province choropleths (plotly's SVG geo maps) --------------------------------------------

CHOROPLETH_AREAS = ".js-plotly-plot path.choroplethlocation"
# (gd) -> [west, south, east, north] of what the geo map's frame shows.
GEO_VIEW_JS = """gd => { const L = gd._fullLayout, s = L._size, d = L.geo.domain, g = L.geo._subplot;
    const left = s.l + d.x[0] * s.w, right = s.l + d.x[1] * s.w;
    const top = s.t + (1 - d.y[1]) * s.h, bottom = s.t + (1 - d.y[0]) * s.h;
    const sw = g.projection.invert([left, bottom]), ne = g.projection.invert([right, top]);
    return [sw[0], sw[1], ne[0], ne[1]]; }"""
