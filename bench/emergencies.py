"""The emergency board on the national demo data: its data-access calls beside the same SQL run
raw in DuckDB (the floor), and what one self-refresh of the board costs, measured in a real
browser on a Streamlit server over a copy of the data: the server time of a refresh (from the
browser's request to the end of the fragment's run, both seen on the websocket) and the bytes the
server sends for it, median and 95th percentile over warm refreshes, with nothing new in the log
(the usual case); and the deck's size, which a refresh with a new or changed incident sends too.

Target: under 300 ms and under 100 kB per refresh, warm. 1 kB = 1,000 bytes here.
"""
from __future__ import annotations

import base64
import os
import statistics
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from streamlit.logger import set_log_level
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import Timing, copied_duckdb, heading, page_server_time, raw_runner, served, time_calls
from components.emergency_map import board_deck
from data_access import reference
from data_access.queries import catalog
from data_access.queries import emergencies as q
from data_access.rules.fiscal import Period
from data_access.settings import LOCAL_TIMEZONE

PAGE = "pages/emergencies.py"
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
    heading("Emergency board")
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
    cold, warm = page_server_time(PAGE)
    print(f"board page server time (whole page, history included): first run {cold:.0f} ms (cold caches); "
          f"warm reruns {warm}")
    print(f"board deck JSON: {deck:,} B (sent whole by a refresh in which an incident is new or changed)")
    measured = measure_refreshes(engine.url.database)
    floor = floors["emergencies.board (national)"].median_ms + floors["emergencies.severe_active"].median_ms
    run = statistics.median(measured.runs)
    print(f"refresh server time, its run (one viewer, nothing new): {_timing(measured.runs)}   target < "
          f"{TARGET_MS} ms: {'ok' if run < TARGET_MS else 'OVER'}; {run / floor:.1f}x the raw DuckDB time of its "
          f"two reads ({floor:.1f} ms)")
    print(f"refresh round trip, request to last message:         {_timing(measured.trips)}")
    print(f"server CPU time per refresh: {measured.server_cpu_ms:.0f} ms "
          f"({measured.server_cpu_ms / floor:.1f}x the raw reads; load average {measured.load:.1f} on "
          f"{os.cpu_count()} cores while measured)")
    sizes = measured.sizes
    print(f"bytes sent per refresh (nothing new): median {statistics.median(sizes) / 1e3:.1f} kB   "
          f"p95 {_p95(sizes) / 1e3:.1f} kB   (n={len(sizes)})   target < {TARGET_BYTES / 1e3:.0f} kB: "
          f"{'ok' if _p95(sizes) < TARGET_BYTES else 'OVER'}; with a new incident about "
          f"{(statistics.median(sizes) + deck) / 1e3:.0f} kB")


def reference_geojson() -> dict:
    """The 77 provinces as the board's map sends them (no Streamlit cache here)."""
    from components.boundaries import browser_geojson

    return browser_geojson(reference.province_shapes())


@dataclass(frozen=True)
class Refreshes:
    """What the warm refreshes cost: per refresh, round trip and run (ms) and bytes received; and
    the server process's CPU time over all of them (the one figure other processes on the machine
    do not inflate), with the load average of the minute."""

    trips: list[float]
    runs: list[float]
    sizes: list[int]
    server_cpu_ms: float
    load: float


def measure_refreshes(database: str) -> Refreshes:
    """The board's warm refreshes in chromium, on a server of its own over a copy of ``database``."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, wait_for_app_run

    with tempfile.TemporaryDirectory(prefix="bench-emergencies-") as directory:
        workdir = Path(directory)
        env = {"DATABASE_URL": copied_duckdb(database, workdir), "MIND_EMERGENCY_REFRESH_S": str(REFRESH_S)}
        with served("app.py", env, workdir, "bench") as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.add_init_script(_RECORD)
            page.goto(f"{server.base_url}/emergencies")
            wait_for_app_run(page)
            page.wait_for_timeout(REFRESH_S * 1000)  # the first refresh: cold
            page.evaluate("window.__frames = []")  # from here on: warm refreshes only
            cpu = _cpu_ms(server.proc.pid)
            page.wait_for_timeout((REFRESHES + 0.5) * REFRESH_S * 1000)
            frames, cpu = page.evaluate("window.__frames"), _cpu_ms(server.proc.pid) - cpu
            browser.close()
    found = _refreshes(frames)
    trips, runs, sizes = ([row[i] for row in found] for i in range(3))
    return Refreshes(trips, runs, sizes, cpu / max(1, len(found)), os.getloadavg()[0])


def _cpu_ms(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (ms), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


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
