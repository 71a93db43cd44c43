"""The PostgreSQL server stops under a running app: every page says so in the user's language,
with none of the driver's internals (host, port, paths), the details go to the server's log, and
the app recovers by itself once the server is back. A server of its own for this test (the
session's is shared by the others)."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
import streamlit as st

from data_access.db import connect, schema
from tests import small_fixture as fx
from tests.apptest import open_page, texts
from tests.conftest import _ThrowawayCluster

pytestmark = pytest.mark.postgres
PAGES = ("pages/overview.py", "pages/risk.py", "pages/province.py", "pages/data.py")
INTERNALS = re.compile(r"OperationalError|psycopg|Connection refused|127\.0\.0\.1|Traceback|\.py", re.IGNORECASE)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_ThrowawayCluster]:
    cluster = _ThrowawayCluster()
    try:
        url = cluster.start()
        engine = connect.make_engine(url)
        schema.create_all(engine)
        fx.load(engine)
        engine.dispose()
        monkeypatch.setenv("DATABASE_URL", url)
        yield cluster
    finally:
        cluster.stop()


def _shown(app) -> str:
    return texts(app) + "\n".join(str(box.value) for box in app.error)


@pytest.mark.parametrize("page", PAGES)
def test_a_database_that_goes_away_is_explained_then_recovered(server, page, caplog):
    app = open_page(page, code="11")
    assert not app.exception, app.exception
    assert app.title, "the page opens on the running database"

    server.pause()
    st.cache_data.clear()  # what a TTL expiry or a new filter would do: the next read needs the database
    with caplog.at_level(logging.ERROR, logger="data_access.db.connect"):
        app.run()
    assert not app.exception, app.exception
    assert [box.value for box in app.error] == ["ขณะนี้ติดต่อฐานข้อมูลไม่ได้ ระบบจะลองใหม่เองเมื่อคลิกหรือรีเฟรชหน้า "
                                                "หากยังเป็นเช่นนี้นานเกินสองสามนาที โปรดแจ้งผู้ดูแลระบบ"]
    assert not INTERNALS.search(_shown(app)), _shown(app)
    assert "cannot be reached" in caplog.text  # the details are on the server

    server.resume()
    app.button(key="db_retry").click().run()
    assert not app.exception, app.exception
    assert not app.error and app.title
    with sa.create_engine(connect.normalise_url(server_url(server))).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.factories)).scalar_one() == len(fx.F)


def server_url(cluster: _ThrowawayCluster) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/postgres"
