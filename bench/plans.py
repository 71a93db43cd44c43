"""Every query the pages run, explained by PostgreSQL itself: ``python bench/run.py plans`` with
``DATABASE_URL`` naming a PostgreSQL database that holds the national demo data.

Each page is opened in AppTest (default view and the filters that change its queries) while
PostgreSQL's ``auto_explain`` sends the ``EXPLAIN ANALYZE`` of every statement back to the client,
``COPY (query) TO STDOUT`` reads included. A plan that runs a subquery again for each row
(a ``SubPlan`` node looped more than once, the shape of ``NOT IN`` over a large list) is flagged:
it is what made the risk page take half a minute on PostgreSQL once the tables had statistics.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
import streamlit as st
from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from bench.common import heading
from data_access.settings import PROJECT_ROOT

# (page file, query parameters): the default views, then the filters that change a page's queries.
VIEWS = (
    ("app.py", {}), ("app.py", {"region": "North"}),
    ("pages/risk.py", {}), ("pages/risk.py", {"overdue": "1"}), ("pages/risk.py", {"complaints": "1"}),
    ("pages/risk.py", {"code": "20"}), ("pages/risk.py", {"code": "20", "overdue": "1", "band": ""}),
    ("pages/province.py", {"code": "20"}), ("pages/province.py", {"code": "20", "map": "factories"}),
    ("pages/adoption.py", {}), ("pages/adoption.py", {"ladder": "i40"}), ("pages/adoption.py", {"code": "20"}),
    ("pages/emergencies.py", {}), ("pages/emergencies.py", {"code": "20"}),
    ("pages/data.py", {}),
)
AUTO_EXPLAIN = ("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0", "SET auto_explain.log_analyze = on",
                "SET auto_explain.log_format = json", "SET auto_explain.log_nested_statements = on",
                "SET auto_explain.log_level = notice",
                "SET client_min_messages = notice")

# Words of the driver's and the dialect's own catalogue look-ups, which are not the pages' queries
# (nor are the statements auto_explain reports without any query text).
CATALOG_WORDS = ("pg_catalog", "information_schema", "pg_type", "current_schema()", "version()")


@dataclass(frozen=True)
class Plan:
    """One statement's plan as PostgreSQL ran it."""

    sql: str
    total_ms: float
    rescans: int  # SubPlan nodes executed more than once


def run(engine: sa.Engine) -> None:
    heading("Query plans on PostgreSQL (issue 14)")
    if engine.dialect.name != "postgresql":
        print("skipped: DATABASE_URL is not a PostgreSQL database (the plans are PostgreSQL's)")
        return
    set_log_level("error")
    notices: list[str] = []
    listener = _explaining(notices)
    sa.event.listen(sa.pool.Pool, "connect", listener)
    try:
        for page, params in VIEWS:
            st.cache_data.clear()  # every query runs, not only the ones no earlier view ran
            notices.clear()
            _open(page, params)
            _report(page, params, [plan for text in notices if (plan := _plan(text))])
    finally:
        sa.event.remove(sa.pool.Pool, "connect", listener)


def _explaining(notices: list[str]):
    """A ``connect`` listener that turns on ``auto_explain`` and collects its notices."""
    def on_connect(dbapi_connection, _record) -> None:
        for statement in AUTO_EXPLAIN:
            dbapi_connection.execute(statement)
        dbapi_connection.commit()  # a SET rolled back with the pool's reset would not last
        dbapi_connection.add_notice_handler(lambda diag: notices.append(diag.message_primary or ""))
    return on_connect


def _open(page: str, params: dict[str, str]) -> None:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    for key, value in params.items():
        app.query_params[key] = value
    if page != "app.py":
        app.switch_page(page)
    app.run()
    if app.exception:
        raise RuntimeError(f"{page} raised: {app.exception[0].value}")


def _plan(notice: str) -> Plan | None:
    """The plan of one ``auto_explain`` notice (``duration: ... plan:`` followed by JSON)."""
    head, _, body = notice.partition("plan:")
    if not body:
        return None
    explained = json.loads(body)
    sql = " ".join(explained.get("Query Text", "").split())
    return Plan(sql, float(head.split()[1]), sum(1 for node in _nodes(explained["Plan"]) if _rescanned(node)))


def _nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)


def _rescanned(node: dict) -> bool:
    return node.get("Parent Relationship") == "SubPlan" and node.get("Actual Loops", 0) > 1


def _report(page: str, params: dict[str, str], plans: list[Plan]) -> None:
    link = page + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    plans = [p for p in plans if p.sql and not any(word in p.sql.lower() for word in CATALOG_WORDS)]
    slowest = max(plans, key=lambda p: p.total_ms, default=None)
    rescans = [p for p in plans if p.rescans]
    print(f"{link:52} {len(plans):3} queries  {sum(p.total_ms for p in plans):8.1f} ms in all"
          f"  slowest {slowest.total_ms if slowest else 0:7.1f} ms"
          f"  per-row rescans: {len(rescans) or 'none'}")
    for plan in rescans:
        print(f"    RESCAN {plan.total_ms:8.1f} ms  {plan.sql[:150]}")
