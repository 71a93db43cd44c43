"""The emergency board on the national demo data: its data-access calls beside the same SQL run
raw in DuckDB (the floor), and what one self-refresh of the board costs, measured in a real
browser on a Streamlit server over a copy of the data: the server time of a refresh (from the
browser's request to the end of the fragment's run, both seen on the websocket) and the bytes the
server sends for it, median and 95th percentile over warm refreshes, with nothing new in the log
(the usual case); and the deck's size, which a refresh with a new or changed incident sends too.

Target (issue 12): under 300 ms and under 100 kB per refresh, warm. 1 kB = 1,000 bytes here.
"""
from __future__ import annotations

import base64
import shutil
import statistics
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from streamlit.logger import set_log_level
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import Timing, heading, raw_runner, time_calls
from components.emergency_board import board_deck
from components.plumbing.static_files import ensure_static_fonts
from data_access import reference
from data_access.queries import catalog
from data_access.queries import emergencies as q
from data_access.rules.fiscal import Period
from data_access.settings import LOCAL_TIMEZONE, PROJECT_ROOT

TARGET_MS, TARGET_BYTES = 300, 100_000
REFRESH_S = 2       # the server's refresh interval while measured: many refreshes in little time
REFRESHES = 20      # measured, after the first one (cold: the server's first fragment run)
# Every websocket message with the page's clock: sent ones (the browser's rerun requests) and
# received ones (the server's answer), kept as base64 to be decoded here.
_RECORD = """(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  const keep = (direction, bytes) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    window.__frames.push([direction, performance.now(), btoa(text)]);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => { if (e.data instanceof ArrayBuffer) keep('in', new Uint8Array(e.data)); });
    }
    send(data) {
      if (data instanceof ArrayBuffer) keep('out', new Uint8Array(data));
      else if (ArrayBuffer.isView(data)) keep('out', new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      super.send(data);
    }
  };
})();"""


def run(engine: sa.Engine) -> None:
    heading("Emergency board (issue 12)")
    set_log_level("error")  # labels are read outside a Streamlit session here
    moment = datetime.now(ZoneInfo(LOCAL_TIMEZONE)).replace(tzinfo=None)
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        national = q.EmergencyFilter()
        first, last = q.history_window(period, moment.date(), national)
        history_condition = q.EmergencyFilter(first_day=first, last_day=last).condition()
        calls = {
            "emergencies.board (national)": (lambda: q.board(conn, moment, national),
                                             q.board_condition(moment, national)),
            "emergencies.severe_active": (lambda: q.severe_active(conn, moment), q.SEVERE_ACTIVE.condition()),
            "emergencies.history (5 fiscal years)": (lambda: q.history(conn, period, national, moment.date()),
                                                     history_condition),
        }
        raw = raw_runner(engine)
        floors = {}
        print(f"{'call':40} {'data_access':44} {'floor (raw DuckDB)':44} ratio")
        for name, (call, condition) in calls.items():
            timing, floors[name] = time_calls(call), time_calls(raw(q.incidents_query(condition)))
            print(f"{name:40} {timing!s:44} {floors[name]!s:44} {timing.median_ms / floors[name].median_ms:5.1f}x")
        board = q.board(conn, moment, national)
    deck = len(board_deck(board, reference_geojson(), frozenset()).deck.to_json().encode())
    print(f"board deck JSON: {deck:,} B (sent whole by a refresh in which an incident is new or changed)")
    refreshes = measure_refreshes(engine.url.database)
    trips, runs, sizes = ([row[i] for row in refreshes] for i in range(3))
    floor = floors["emergencies.board (national)"].median_ms + floors["emergencies.severe_active"].median_ms
    print(f"refresh server time, its run (one viewer, nothing new): {_timing(runs)}   target < {TARGET_MS} ms: "
          f"{'ok' if statistics.median(runs) < TARGET_MS else 'OVER'}; {statistics.median(runs) / floor:.1f}x "
          f"the raw DuckDB time of its two reads ({floor:.1f} ms)")
    print(f"refresh round trip, request to last message:         {_timing(trips)}")
    print(f"bytes sent per refresh (nothing new): median {statistics.median(sizes) / 1e3:.1f} kB   "
          f"p95 {_p95(sizes) / 1e3:.1f} kB   (n={len(sizes)})   target < {TARGET_BYTES / 1e3:.0f} kB: "
          f"{'ok' if _p95(sizes) < TARGET_BYTES else 'OVER'}; with a new incident about "
          f"{(statistics.median(sizes) + deck) / 1e3:.0f} kB")


def reference_geojson() -> dict:
    """The 77 provinces as the board's map sends them (no Streamlit cache here)."""
    from components.boundaries import browser_geojson

    return browser_geojson(reference.province_shapes())


def measure_refreshes(database: str) -> list[tuple[float, float, int]]:
    """Round trip and run time (ms) and bytes received of each warm refresh of the board, in chromium."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, wait_for_app_run

    ensure_static_fonts()
    with tempfile.TemporaryDirectory(prefix="bench-emergencies-") as workdir:
        copy = Path(workdir) / "national.duckdb"
        shutil.copyfile(database, copy)  # the benchmark's own connection holds its file
        server = StreamlitServer("app.py", cwd=PROJECT_ROOT, log_path=Path(workdir) / "streamlit.log",
                                 env={"DATABASE_URL": f"duckdb:///{copy}", "MIND_EMERGENCY_REFRESH_S": str(REFRESH_S)},
                                 name="bench").start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                page.add_init_script(_RECORD)
                page.goto(f"{server.base_url}/emergencies")
                wait_for_app_run(page)
                page.evaluate("window.__frames = []")  # from here on: refreshes only
                page.wait_for_timeout((REFRESHES + 1.5) * REFRESH_S * 1000)
                frames = page.evaluate("window.__frames")
                browser.close()
        finally:
            server.stop()
    return _refreshes(frames)[1:]


def _refreshes(frames: list[list]) -> list[tuple[float, float, int]]:
    """(round trip ms, run ms, bytes received) of each fragment rerun. The round trip runs from
    the rerun request the browser sends to the server's message that the fragment's run finished;
    the run, from the server's first message of it (its new run starting) to that last one."""
    done = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    found, requested, first, size = [], None, None, 0
    for direction, at, data in frames:
        raw = base64.b64decode(data)
        if direction == "out":
            message = BackMsg.FromString(raw)
            if message.WhichOneof("type") == "rerun_script" and message.rerun_script.fragment_id:
                requested, first, size = at, None, 0
        elif requested is not None:
            size += len(raw)
            first = at if first is None else first
            message = ForwardMsg.FromString(raw)
            if message.WhichOneof("type") == "script_finished" and message.script_finished == done:
                found.append((at - requested, at - first, size))
                requested = None
    return found


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timing(samples: list[float]) -> Timing:
    return Timing(statistics.median(samples), _p95(samples), len(samples))
