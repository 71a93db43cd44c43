"""Presentation mode on the national demo data: what one slide change costs, measured in a real
browser on a Streamlit server over a copy of the data (from the clock's request to the end of the
run that draws the next slide, both seen on the websocket, and the bytes the server sends for it),
beside the same change on a bare Streamlit page (a fragment that reruns the app and writes one
line) and beside the slide's queries run raw in DuckDB; and the time to build the take-home deck
(PowerPoint and PDF) for the national deck.

Target: a slide change under 500 ms warm. 1 kB = 1,000 bytes here.
"""
from __future__ import annotations

import base64
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from bench.common import Timing, copied_duckdb, heading, raw_runner, served, time_calls, timing_of
from bench.emergencies import _RECORD as RECORD_WEBSOCKET
from data_access.queries import catalog, overview
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL

TARGET_MS = 500
EVERY_S = 2          # seconds per slide while measured
CHANGES = 15         # slide changes measured, after the first round of the deck (cold caches)
EXPORT_RUNS = 3
# A bare page with the deck's mechanism: a fragment that reruns the whole app after its interval.
_BARE = f"""import streamlit as st
st.write("slide", st.session_state.setdefault("n", 0))
@st.fragment(run_every={EVERY_S})
def clock():
    if st.session_state.pop("fresh", False):
        return
    st.session_state["n"] += 1
    st.rerun()
st.session_state["fresh"] = True
clock()
"""


def run(engine: sa.Engine) -> None:
    heading("Presentation mode (issue 13)")
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
    floor = _floor(engine, period)
    database = engine.url.database
    deck, deck_sizes = _slide_changes(database, f"present?present=1&every={EVERY_S}", warmup=6)
    bare, bare_sizes = _slide_changes(None, "", warmup=2)
    ratio = deck.median_ms / bare.median_ms
    print(f"slide change (server): {deck}   target < {TARGET_MS} ms: {'ok' if deck.p95_ms < TARGET_MS else 'OVER'}")
    print(f"  bare Streamlit page, same change: {bare}   -> {ratio:.1f}x the bare page")
    print(f"  the slides' queries raw in DuckDB (floor, cache-less): {floor}   "
          f"-> {deck.median_ms / floor.median_ms:.1f}x the floor")
    print(f"bytes sent per slide change: median {statistics.median(deck_sizes) / 1e3:.1f} kB   "
          f"max {max(deck_sizes) / 1e3:.1f} kB (the map slide); bare page {statistics.median(bare_sizes):.0f} B")
    for kind, timing in _export_times().items():
        print(f"deck export ({kind}, national deck, 5 slides): {timing}")


def _floor(engine: sa.Engine, period: Period) -> Timing:
    """The queries behind the slides (this year and last), raw: what a cold slide change reads."""
    raw = raw_runner(engine)
    calls = [raw(overview.province_metrics_query(p, NATIONAL)) for p in (period, period.previous())]
    return time_calls(lambda: [call() for call in calls], runs=10)


def _slide_changes(database: str | None, path: str, *, warmup: int) -> tuple[Timing, list[int]]:
    """Warm slide changes in chromium on a server of its own (over a copy of ``database``, or the
    bare page when ``None``): server time from the clock's request to the end of the app's run,
    and the bytes received for each."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, wait_for_app_run

    with tempfile.TemporaryDirectory(prefix="bench-present-") as directory:
        workdir, env, script = Path(directory), {}, "app.py"
        if database:
            env["DATABASE_URL"] = copied_duckdb(database, workdir)
        else:
            script = str(workdir / "bare.py")
            Path(script).write_text(_BARE, encoding="utf-8")
        with served(script, env, workdir, "bench") as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.add_init_script(RECORD_WEBSOCKET)
            page.goto(f"{server.base_url}/{path}")
            wait_for_app_run(page)
            page.wait_for_timeout(warmup * EVERY_S * 1000)  # every slide drawn once: warm caches
            page.evaluate("window.__frames = []")
            page.wait_for_timeout((CHANGES + 0.5) * EVERY_S * 1000)
            frames = page.evaluate("window.__frames")
            browser.close()
    found = _changes(frames)
    return timing_of([ms for ms, _ in found]), [size for _, size in found]


def _changes(frames: list[list]) -> list[tuple[float, int]]:
    """(ms, bytes received) of each change: from the fragment's rerun request to the end of the
    whole app's run it starts (``st.rerun``)."""
    done = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
    found, requested, size = [], None, 0
    for direction, at, data in frames:
        raw = base64.b64decode(data)
        if direction == "out":
            message = BackMsg.FromString(raw)
            if message.WhichOneof("type") == "rerun_script" and message.rerun_script.fragment_id:
                requested, size = at, 0
        elif requested is not None:
            size += len(raw)
            message = ForwardMsg.FromString(raw)
            if message.WhichOneof("type") == "script_finished" and message.script_finished == done:
                found.append((at - requested, size))
                requested = None
    return found


def _export_script(runs: int) -> None:
    """Run inside AppTest (a session): build the national deck's files ``runs`` times each."""
    import time

    import streamlit as st

    from components.plumbing import deck, queries
    from data_access.rules.fiscal import Period

    period = Period.at(queries.as_of())
    slides = deck.slides(period, None)
    for kind in ("pptx", "pdf"):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            deck.export(slides, kind, period)
            samples.append((time.perf_counter() - start) * 1000)
        st.session_state[f"export_{kind}"] = samples


def _export_times() -> dict[str, Timing]:
    start = time.perf_counter()
    app = AppTest.from_function(_export_script, args=(EXPORT_RUNS,), default_timeout=600).run()
    if app.exception:
        raise RuntimeError(f"the deck export raised: {app.exception[0].value}")
    print(f"  (export measured in {time.perf_counter() - start:.0f} s, slides read first)")
    return {kind: timing_of(app.session_state[f"export_{kind}"]) for kind in ("pptx", "pdf")}
