"""The pure parts of the browser benchmark (bench/browser.py): when an answer is complete, what it
measures, and which targets a measured row misses. No timing here: hand-made frame times."""
from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import Answer, Frame, Row, answer_of, frame_of, print_table, verdict
from bench.common import server_environment
from data_access.settings import PROJECT_ROOT

QUIET = 0.4


def _same(found: Answer | None, expected: Answer) -> bool:
    return (found is not None and found.bytes == expected.bytes
            and (found.seconds, found.script_s) == pytest.approx((expected.seconds, expected.script_s)))


def _frames(*items: tuple[float, int, bool]) -> list[Frame]:
    return [Frame(t, size, finished) for t, size, finished in items]


def test_the_answer_ends_at_the_last_frame_after_script_finished_and_quiet():
    frames = _frames((0.5, 100, False),  # before the click: not part of the answer
                     (10.1, 1000, False), (10.3, 500, False), (10.6, 20, True), (10.7, 300, False))
    assert _same(answer_of(frames, start=10.0, now=11.2, quiet_s=QUIET), Answer(0.7, 1820, 0.5))


def test_no_answer_while_the_quiet_period_is_not_over_or_the_script_not_finished():
    frames = _frames((10.1, 1000, False), (10.6, 20, True), (10.7, 300, False))
    assert answer_of(frames, start=10.0, now=11.0, quiet_s=QUIET) is None
    assert answer_of(frames[:1], start=10.0, now=20.0, quiet_s=QUIET) is None  # running long: no finish yet
    assert answer_of([], start=10.0, now=20.0, quiet_s=QUIET) is None


def test_a_run_stopped_for_a_rerun_waits_for_the_rerun():
    # a first run stopped "early for rerun" (not a finish), a pause, then the rerun finishes at 12.0
    frames = _frames((10.1, 100, False), (10.2, 10, False), (10.3, 200, False), (11.9, 400, False),
                     (12.0, 20, True))
    assert _same(answer_of(frames, start=10.0, now=12.5, quiet_s=QUIET), Answer(2.0, 730, 1.9))


def test_frames_read_as_forward_messages():
    def finished(status: int) -> bytes:
        message = ForwardMsg()
        message.script_finished = status
        return message.SerializeToString()

    assert frame_of(finished(ForwardMsg.FINISHED_SUCCESSFULLY)).finished
    assert frame_of(finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)).finished
    assert not frame_of(finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN)).finished
    assert not frame_of(b"\xff\x00 not a message").finished
    assert frame_of(b"x" * 300).size == 300


def _row(kind: str, *pairs: tuple[float, int]) -> Row:
    return Row("/risk", "toggle", kind, tuple(Answer(s, b, 0.0) for s, b in pairs))


def test_targets_of_a_click_against_the_bare_click():
    bare = 0.1
    assert verdict(_row("click", (0.3, 1000), (0.4, 1000), (0.5, 1000)), bare) == "ok"
    assert verdict(_row("click", (0.3, 1000), (0.5, 1000), (0.7, 1000)), bare) == "MISS median,p95"
    assert verdict(_row("click", (0.3, 1000), (0.3, 1_600_000)), bare) == "MISS MB"
    # at the stress scale against its national median of 0.2 s: 0.3 s is 1.5x (ok), 0.35 s is not
    assert verdict(_row("click", (0.3, 10)), bare, national=0.2) == "ok"
    assert verdict(_row("click", (0.35, 10)), bare, national=0.2) == "MISS 3x"


def test_targets_of_a_first_view_and_a_failed_row():
    assert verdict(_row("view", (2.0, 10), (3.0, 10)), 1.5) == "ok"
    assert verdict(_row("view", (3.5, 10)), 1.5) == "MISS view"
    assert verdict(Row("/risk", "toggle", "click", (), "TimeoutError"), 0.1) == "FAILED"


def test_the_table_gives_the_browser_time_of_clicks_only(capsys):
    answers = (Answer(0.3, 10, 0.1, 0.5), Answer(0.4, 10, 0.1, 0.9), Answer(0.5, 10, 0.1, 0.6))
    click = Row("/risk", "toggle", "click", answers)
    view = Row("/risk", "first view (new session)", "view", (Answer(1.0, 10, 0.5),))
    print_table([click, view], {"click": 0.1, "view": 1.0}, {})
    header, click_line, view_line = capsys.readouterr().out.splitlines()
    end = header.index("browser") + len("browser")  # the column is right-aligned under its title

    def column(line: str) -> str:
        return line[end - len("browser") - 1:end].strip()

    assert column(click_line) == "0.60"  # the median of 0.5, 0.9 and 0.6
    assert column(view_line) == "-"


def test_the_benchmark_serves_in_the_environment_that_run_sh_sets(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert "MALLOC_ARENA_MAX" in server_environment()
    assert "scripts/server.env" in (PROJECT_ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")  # as in run.sh, a value already set wins
    assert "MALLOC_ARENA_MAX" not in server_environment()
