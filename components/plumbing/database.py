"""The app's handle on the database: one engine per process, a fresh connection per call.

``st.cache_resource`` holds the engine (its URL comes from the environment or secrets.toml);
:mod:`components.plumbing.queries` caches the results of the reads the pages make.

When the database cannot be reached (a PostgreSQL server stopped or out of reach), a call raises
:class:`~data_access.db.connect.DatabaseUnavailable`: the shell says so in the user's language.
The engine checks a connection before use (``pool_pre_ping``), so the app recovers by itself
once the database is back.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from data_access.db import bootstrap
from data_access.db.connect import make_engine, run_on

if TYPE_CHECKING:  # the engine is only held here; all SQL lives in data_access
    from sqlalchemy import Engine

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The process-wide engine, on a database whose tables exist."""
    return bootstrap.prepare(make_engine())


def run(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run ``function(conn, *args, **kwargs)`` of ``data_access`` on a fresh connection, uncached."""
    return run_on(engine(), function, *args, **kwargs)


def forget_results() -> None:
    """Forget every cached query result, after the app itself has changed the data."""
    st.cache_data.clear()
