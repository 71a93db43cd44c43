"""The app's handle on the database: one engine per process, a fresh connection per call.

``st.cache_resource`` holds the engine (its URL comes from the environment or secrets.toml);
:mod:`components.plumbing.queries` caches the results of the reads the pages make.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from data_access.db import bootstrap
from data_access.db.connect import make_engine

if TYPE_CHECKING:  # the engine is only held here; all SQL lives in data_access
    from sqlalchemy import Engine

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The process-wide engine, on a database whose tables exist."""
    return bootstrap.prepare(make_engine())


def run(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run ``function(conn, *args, **kwargs)`` of ``data_access`` on a fresh connection, uncached."""
    with engine().connect() as conn:
        return function(conn, *args, **kwargs)


def forget_results() -> None:
    """Forget every cached query result, after the app itself has changed the data."""
    st.cache_data.clear()
