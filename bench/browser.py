"""What a person feels: the dashboard timed in a real browser, beside a bare Streamlit app.

``python bench/run.py browser [--engines duckdb,postgresql] [--scales national,stress] [--quick]
[--pages /,/risk] [--memory-wait S]`` (or ``python bench/browser.py ...``).

For each engine and scale it serves the dashboard (``streamlit run app.py --server.headless true``)
on the demo data (DuckDB: a copy of ``data/bench-<scale>.duckdb``; PostgreSQL: a throwaway cluster
with default planner settings, filled by ``python -m data_access.demo`` and then ``ANALYZE``d, as
the statistics change the plans), and drives Debian's chromium through Playwright (1440x900):

* the first view of every page in a new browser context (a new session), the first of them on the
  fresh server apart ("cold server");
* every kind of click a page offers (``bench/browser_actions.py``), repeated with alternating values.

A figure runs from the click (or the navigation) to the LAST websocket message of the answer: the
answer is complete once Streamlit's ``script_finished`` message has arrived (a ForwardMsg read
from the frames themselves, so it does not depend on how fast the browser draws) and no frame
has followed for ``QUIET_S``. "script s" is the share from the answer's first frame to that
message as the page received them: the server's script run, plus whatever the page's renderer,
busy drawing the first messages, made the later ones wait for (browser and server share this
machine's two cores; on the province and adoption pages the server's own run, timed inside it, is
half of this figure). Bytes are the websocket payloads of the answer (files fetched over HTTP not
included).

The bare app (``bench/bare_app.py``) is measured before each table in the same run: clicks are
read against its checkbox click, first views against its first view. Targets (issue "Fast to the
touch"): click median <= 4x bare and p95 <= 6x bare (both against the bare median), first view
<= 2x bare first view, no answer over 1.5 MB, and at the stress scale (3x the factories) no click
median over 1.5x its national median. Then the server's memory (RSS of the process and its
children), at the national scale, after ten concurrent sessions opened the overview and the risk
page, and again ``--memory-wait`` seconds after they closed (target: under 400 MB, flat after).
"""
from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser_actions import BARE_CLICK, BARE_PAGE, PAGES, Action  # noqa: E402
from bench.common import copied_duckdb, heading, national_database, served, timing_of  # noqa: E402
from data_access.settings import DATA_DIR, PROJECT_ROOT  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}
QUIET_S = 0.4  # no frame for this long after script_finished: the answer is complete
POLL_MS = 25
NO_ANSWER_S = 30  # nothing at all received this long after a click: the click did not take
ANSWER_TIMEOUT_S = 600  # PostgreSQL's slow plans take half a minute at the national scale
ACTION_TIMEOUT_MS = 20_000  # finding a widget
ERROR_CHARS = 160  # of a failed action's message in the table
CLICK_REPEATS, VIEW_REPEATS = 4, 2  # even clicks: alternating values come back to the start
QUICK_CLICK_REPEATS, QUICK_VIEW_REPEATS = 2, 1
MEMORY_SESSIONS, MEMORY_WAIT_S, MEMORY_PAGES = 10, 120, ("/", "/risk")
MEMORY_SCALES = ("national",)  # the memory check waits two minutes: at the scale the targets are set for

CLICK_MEDIAN_X, CLICK_P95_X, VIEW_X, GROWTH_X = 4.0, 6.0, 2.0, 1.5
MAX_ANSWER_BYTES = 1_500_000
MEMORY_TARGET_MB = 400

ENGINES, SCALES = ("duckdb", "postgresql"), ("national", "stress")
FINISHED = {0, 1, 3}  # ScriptFinishedStatus: successfully, compile error, fragment run (not "early for rerun")
FINISHED_MSG_MAX_BYTES = 256  # a script_finished ForwardMsg is a few bytes: larger frames are not parsed


# --- answers: pure ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    t: float  # perf_counter seconds when received
    size: int
    finished: bool  # a ForwardMsg script_finished that ends a run


@dataclass(frozen=True)
class Answer:
    seconds: float  # start to the last frame
    bytes: int
    script_s: float  # first frame to script_finished
    browser_s: float | None = None  # the renderer's main thread busy from the click to the end (clicks)


def answer_of(frames: Sequence[Frame], start: float, now: float, quiet_s: float = QUIET_S) -> Answer | None:
    """The answer to what happened at ``start``: the frames from then on up to the first one that
    follows a ``script_finished`` and is itself followed by ``quiet_s`` of silence (``now`` for the
    last frame). ``None`` while it is not complete."""
    after = [frame for frame in frames if frame.t >= start]
    finished_at = None
    for k, frame in enumerate(after):
        if frame.finished and finished_at is None:
            finished_at = frame.t
        following = after[k + 1].t if k + 1 < len(after) else now
        if finished_at is not None and following - frame.t >= quiet_s:
            return Answer(frame.t - start, sum(f.size for f in after[:k + 1]), finished_at - after[0].t)
    return None


@dataclass(frozen=True)
class Row:
    page: str
    action: str
    kind: str  # "view", "click" or "cold" (first view on a fresh server: no target)
    answers: tuple[Answer, ...] = ()
    error: str = ""

    @property
    def median(self) -> float:
        return timing_of([a.seconds * 1000 for a in self.answers]).median_ms / 1000

    @property
    def p95(self) -> float:
        return timing_of([a.seconds * 1000 for a in self.answers]).p95_ms / 1000

    @property
    def max_bytes(self) -> int:
        return max(a.bytes for a in self.answers)


def verdict(row: Row, bare: float, national: float | None = None) -> str:
    """Which targets ``row`` misses ("ok" when none): ``bare`` is the bare app's median for the same
    kind, ``national`` the same action's national median when this is the stress scale."""
    if row.error:
        return "FAILED"
    misses = []
    if row.kind == "click":
        misses += ["median"] if row.median > CLICK_MEDIAN_X * bare else []
        misses += ["p95"] if row.p95 > CLICK_P95_X * bare else []
        misses += ["3x"] if national is not None and row.median > GROWTH_X * national else []
    elif row.kind == "view":
        misses += ["view"] if row.median > VIEW_X * bare else []
    misses += ["MB"] if row.max_bytes > MAX_ANSWER_BYTES else []
    return "ok" if not misses else "MISS " + ",".join(misses)


# --- the browser -----------------------------------------------------------------------------------

def frame_of(payload: bytes | str) -> Frame:
    """A received websocket frame, stamped now; a small one is read as a ForwardMsg."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished = False
    if isinstance(payload, bytes) and len(payload) <= FINISHED_MSG_MAX_BYTES:
        message = ForwardMsg()
        with contextlib.suppress(Exception):
            message.ParseFromString(payload)
            finished = message.WhichOneof("type") == "script_finished" and message.script_finished in FINISHED
    return Frame(time.perf_counter(), len(payload), finished)


@dataclass
class Tab:
    """A page of its own browser context (its own Streamlit session), recording every frame."""
    page: Page
    metrics: CDPSession  # the page's performance counters (Chromium's DevTools protocol)
    frames: list[Frame] = field(default_factory=list)

    @classmethod
    def new(cls, browser: Browser) -> Tab:
        """A blank page in a new context, listening to its websockets."""
        context = browser.new_context(viewport=VIEWPORT, locale="th-TH")
        page = context.new_page()
        tab = cls(page, context.new_cdp_session(page))
        tab.metrics.send("Performance.enable")
        tab.page.set_default_timeout(ACTION_TIMEOUT_MS)
        tab.page.on("websocket", lambda ws: ws.on("framereceived", lambda p: tab.frames.append(frame_of(p))))
        return tab

    @classmethod
    def open(cls, browser: Browser, url: str) -> tuple[Tab, Answer]:
        """A new session on ``url``, with the answer of its first view."""
        tab = cls.new(browser)
        return tab, tab.go(url)

    def go(self, url: str) -> Answer:
        """Load ``url`` in this tab (a new session of the app) and wait for its answer."""
        return self.answer(self.navigate(url))

    def navigate(self, url: str) -> float:
        """Start loading ``url``; returns when it started."""
        start = time.perf_counter()
        self.page.goto(url, wait_until="commit", timeout=ANSWER_TIMEOUT_S * 1000)
        return start

    def answer(self, start: float) -> Answer:
        """Wait for the answer to what happened at ``start``; fail on an exception shown."""
        while (found := answer_of(self.frames, start, time.perf_counter())) is None:
            waited = time.perf_counter() - start
            if waited > ANSWER_TIMEOUT_S or (waited > NO_ANSWER_S and not any(f.t >= start for f in self.frames)):
                raise TimeoutError(f"no complete answer after {waited:.0f} s on {self.page.url}")
            self.page.wait_for_timeout(POLL_MS)
        if self.page.get_by_test_id("stException").count():
            raise RuntimeError(f"an exception is shown on {self.page.url}")
        return found

    def click(self, action: Action, repeat: int) -> Answer:
        """Prepare ``action`` untimed, then time its click to the end of the answer."""
        do = action.prepare(self.page, repeat)
        busy, start = self.busy_s(), time.perf_counter()
        do()
        return replace(self.answer(start), browser_s=self.busy_s() - busy)

    def busy_s(self) -> float:
        """Seconds the page's renderer has spent on main-thread tasks so far."""
        found = self.metrics.send("Performance.getMetrics")["metrics"]
        return next(metric["value"] for metric in found if metric["name"] == "TaskDuration")

    def close(self) -> None:
        """Close the context: the session's websocket closes with it."""
        self.page.context.close()


def first_views(browser: Browser, base: str, path: str, repeats: int, cold: bool) -> list[Row]:
    """The page opened in new sessions: the first on a fresh server apart, when ``cold``."""
    answers = []
    for _ in range(repeats + cold):
        tab, answer = Tab.open(browser, base + path)
        tab.close()
        answers.append(answer)
    rows = [Row(path, "first view (cold server)", "cold", tuple(answers[:1]))] if cold else []
    return rows + [Row(path, "first view (new session)", "view", tuple(answers[cold:]))]


def clicks(browser: Browser, base: str, path: str, actions: Sequence[Action], repeats: int) -> list[Row]:
    """Each action ``repeats`` times in one session; the page is opened again whenever an action
    left it elsewhere (another page, another value)."""
    tab, _ = Tab.open(browser, base + path)
    home, rows = tab.page.url, []
    try:
        for action in actions:
            answers: list[Answer] = []
            error = ""
            try:
                for i in range(repeats):
                    answers.append(tab.click(action, i))
                    if action.navigates:
                        tab.go(home)
            except Exception as exc:  # a widget not found, no answer: say so in the table, go on
                print(f"{path} {action.name} failed on {tab.page.url}: {exc}", file=sys.stderr)
                error = f"{type(exc).__name__}: {exc}".splitlines()[0][:ERROR_CHARS]
            rows.append(Row(path, action.name, "click", tuple(answers), error))
            if tab.page.url != home or error:
                tab.go(home)
    finally:
        tab.close()
    return rows


def measure_app(browser: Browser, base: str, pages: dict[str, list[Action]], click_repeats: int,
                view_repeats: int) -> list[Row]:
    """First views and clicks of every page of ``pages``, the first view of the first page cold."""
    rows: list[Row] = []
    for n, (path, actions) in enumerate(pages.items()):
        rows += first_views(browser, base, path, view_repeats, cold=n == 0)
        rows += clicks(browser, base, path, actions, click_repeats)
    return rows


# --- memory ----------------------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
    return total / 1024


def memory(browser: Browser, base: str, pid: int, wait_s: float) -> tuple[float, float, float]:
    """RSS before, with ``MEMORY_SESSIONS`` concurrent sessions on the overview then the risk page,
    and ``wait_s`` after they closed."""
    before = rss_mb(pid)
    tabs = [Tab.new(browser) for _ in range(MEMORY_SESSIONS)]
    for path in MEMORY_PAGES:
        starts = [tab.navigate(base + path) for tab in tabs]  # all ten load at once
        for tab, start in zip(tabs, starts):
            tab.answer(start)
    loaded = rss_mb(pid)
    for tab in tabs:
        tab.close()
    time.sleep(wait_s)
    return before, loaded, rss_mb(pid)


# --- servers and databases -------------------------------------------------------------------------

def duckdb_url(scale: str, workdir: Path) -> str:
    """A copy of the benchmark's DuckDB file at ``scale`` (the app may write to its database)."""
    source = DATA_DIR / f"bench-{scale}.duckdb"
    national_database(source, scale=scale)
    return copied_duckdb(source, workdir)


def postgres_url(server_url: str, scale: str) -> str:
    """A new database on ``server_url`` filled by the demo generator at ``scale``, then analysed."""
    import sqlalchemy as sa

    name = f"bench_{scale}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "data_access.demo", "--scale", scale, "--database-url", url],
                   cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL)
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.execute(sa.text("ANALYZE"))
    engine.dispose()
    print(f"PostgreSQL {scale} demo data loaded and analysed in {time.perf_counter() - start:.0f} s")
    return url


@contextlib.contextmanager
def postgres_server(engines: Sequence[str]) -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster (as the tests start one), when the run needs it."""
    if "postgresql" not in engines:
        yield None
        return
    from tests.conftest import _ThrowawayCluster

    _ThrowawayCluster.remove_orphans()
    cluster = _ThrowawayCluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


# --- the report ------------------------------------------------------------------------------------

def print_table(rows: Sequence[Row], bare: dict[str, float], national: dict[tuple[str, str], float]) -> None:
    """One line per measured action, with its ratios and the targets it misses."""
    print(f"{'page':<18} {'action':<34} {'n':>2} {'first':>6} {'median':>7} {'p95':>7} {'x bare':>7} "
          f"{'p95 x':>6} {'script':>7} {'browser':>8} {'kB med':>7} {'kB max':>7} {'x nat':>6}  target")
    for row in rows:
        if row.error and not row.answers:
            print(f"{row.page:<18} {row.action:<34} FAILED: {row.error}")
            continue
        base = bare["click" if row.kind == "click" else "view"]
        grown = national.get((row.page, row.action))
        sizes = statistics.median(a.bytes for a in row.answers) / 1000
        script = statistics.median(a.script_s for a in row.answers)
        drawn = [a.browser_s for a in row.answers if a.browser_s is not None]
        browser = f"{statistics.median(drawn):.2f}" if drawn else "-"
        print(f"{row.page:<18} {row.action:<34} {len(row.answers):>2} {row.answers[0].seconds:>6.2f} "
              f"{row.median:>7.2f} {row.p95:>7.2f} {row.median / base:>7.1f} {row.p95 / base:>6.1f} "
              f"{script:>7.2f} {browser:>8} {sizes:>7.0f} {row.max_bytes / 1000:>7.0f} "
              f"{(f'{row.median / grown:.2f}' if grown else '-'):>6}  "
              f"{verdict(row, base, grown) if row.kind != 'cold' else '-'}"
              + (f"  ({row.error})" if row.error else ""))


def measure_bare(browser: Browser, base: str, click_repeats: int,
                 view_repeats: int) -> tuple[dict[str, float], list[Row]]:
    """The yardstick: the bare app's first view in a new session and its checkbox click."""
    rows = first_views(browser, base, BARE_PAGE, max(3, view_repeats), cold=False)
    rows += clicks(browser, base, BARE_PAGE, [BARE_CLICK], max(4, click_repeats))
    for row in rows:
        if row.error:
            raise RuntimeError(f"the bare app failed: {row.error}")
    return {"view": rows[0].median, "click": rows[1].median}, rows


def run_engine_scale(browser: Browser, bare_base: str, engine: str, scale: str, url: str, args: argparse.Namespace,
                     national: dict[tuple[str, str], float], workdir: Path) -> None:
    """Serve the dashboard on ``url``, measure it, print its table and its memory."""
    pages = {path: PAGES[path] for path in args.pages}
    with served("app.py", {"DATABASE_URL": url}, workdir, f"app-{engine}-{scale}") as server:
        bare, bare_rows = measure_bare(browser, bare_base, args.click_repeats, args.view_repeats)
        rows = measure_app(browser, server.base_url, pages, args.click_repeats, args.view_repeats)
        if scale == "national":
            national.update({(row.page, row.action): row.median for row in rows if row.answers})
        heading(f"browser: {engine}, {scale} scale")
        print(f"bare app: first view median {bare['view']:.2f} s (p95 {bare_rows[0].p95:.2f}), "
              f"checkbox click median {bare['click']:.2f} s (p95 {bare_rows[1].p95:.2f}, "
              f"browser {statistics.median(a.browser_s for a in bare_rows[1].answers):.2f} s)")
        print_table(rows, bare, national if scale != "national" else {})
        if scale not in MEMORY_SCALES:
            return
        before, loaded, after = memory(browser, server.base_url, server.proc.pid, args.memory_wait)
        print(f"server RSS: {before:.0f} MB before, {loaded:.0f} MB with {MEMORY_SESSIONS} sessions "
              f"({'ok' if loaded < MEMORY_TARGET_MB else 'MISS'} < {MEMORY_TARGET_MB} MB), "
              f"{after:.0f} MB {args.memory_wait:.0f} s after they closed ({after - loaded:+.0f} MB)", flush=True)


def options(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py browser", description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default=",".join(ENGINES), help="duckdb,postgresql (default both)")
    parser.add_argument("--scales", default=",".join(SCALES), help="national,stress (default both)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"default all: {','.join(PAGES)}")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a short memory wait")
    parser.add_argument("--memory-wait", type=float, help=f"seconds after the sessions close (default {MEMORY_WAIT_S})")
    args = parser.parse_args(list(argv))
    args.engines, args.scales, args.pages = (value.split(",") for value in (args.engines, args.scales, args.pages))
    for value, allowed in ((args.engines, ENGINES), (args.scales, SCALES), (args.pages, PAGES)):
        if unknown := set(value) - set(allowed):
            parser.error(f"unknown: {', '.join(sorted(unknown))} (choose from {', '.join(allowed)})")
    args.click_repeats, args.view_repeats = ((QUICK_CLICK_REPEATS, QUICK_VIEW_REPEATS) if args.quick
                                             else (CLICK_REPEATS, VIEW_REPEATS))
    if args.memory_wait is None:
        args.memory_wait = 10.0 if args.quick else MEMORY_WAIT_S
    return args


def run(engine: object = None, argv: Sequence[str] = ()) -> None:
    """The browser section of ``bench/run.py`` (its own options in ``argv``)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS

    args, started = options(argv), time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    national: dict[tuple[str, str], float] = {}
    with (sync_playwright() as playwright, postgres_server(args.engines) as pg,
          served(str(Path(__file__).with_name("bare_app.py")), {}, workdir, "bare") as bare_server):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in args.engines:
            national.clear()
            for scale in args.scales:
                url = duckdb_url(scale, workdir) if name == "duckdb" else postgres_url(pg, scale)
                run_engine_scale(browser, bare_server.base_url, name, scale, url, args, national, workdir)
        browser.close()
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nbrowser benchmark: {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    run(argv=sys.argv[1:])
