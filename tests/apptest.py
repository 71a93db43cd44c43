"""Running pages in Streamlit's AppTest on a database chosen by the test."""
from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access.db import connect, schema
from data_access.settings import PROJECT_ROOT


def app_database(url: str, monkeypatch: pytest.MonkeyPatch, load: Callable[[sa.Engine], None]) -> str:
    """Fill the DuckDB file ``url`` with ``load(engine)`` and point the app (``DATABASE_URL``) at it."""
    eng = connect.make_engine(url)
    schema.create_all(eng)
    load(eng)
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def open_page(page: str | None = None, timeout: float = 60, **query_params: str) -> AppTest:
    """Run the app (and switch to ``page``, e.g. ``"pages/risk.py"``) with fresh caches.

    The database is whatever ``DATABASE_URL`` names: tests set it with ``monkeypatch.setenv``.
    """
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=timeout)
    for key, value in query_params.items():
        app.query_params[key] = value
    if not page:
        return app.run()
    # AppTest only switches pages after a first run of the entry script.
    app.run()
    app.switch_page(page)
    for key, value in query_params.items():
        app.query_params[key] = value
    return app.run()


def open_tab(app: AppTest, section: str) -> AppTest:
    """The page's tab ``section`` opened by its link parameter (AppTest cannot click a tab)."""
    app.query_params["section"] = section
    app.run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    """All the text an AppTest run shows in markdown, info, warning and error boxes."""
    blocks = [*app.markdown, *app.info, *app.warning, *app.error, *app.caption, *app.title]
    return "\n".join(str(block.value) for block in blocks)
