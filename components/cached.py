"""The app's handle on the database: one engine per process and cached query results.

``st.cache_resource`` holds the engine; ``st.cache_data`` holds small query results keyed on the
filters, with a TTL so that loads made by another process show up. Loads made through the app
call :func:`clear` so that they show at once.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from data_access import bootstrap, catalog, overview
from data_access.db import make_engine
from data_access.scope import Scope
from data_access.settings import QUERY_CACHE_TTL_S

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def engine() -> sa.Engine:
    """The process-wide engine (its URL comes from the environment or secrets.toml)."""
    return bootstrap.prepare(make_engine())


def run(query: Callable[..., T], *args: object) -> T:
    """Run a ``data_access`` function on a fresh connection: the pages never see connections."""
    with engine().connect() as conn:
        return query(conn, *args)


def clear() -> None:
    """Forget every cached result, after the app itself has changed the data."""
    st.cache_data.clear()


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def as_of() -> date | None:
    return run(catalog.data_as_of)


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def has_data() -> bool:
    return run(catalog.has_factories)


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def province_metrics(day: date, scope: Scope) -> pd.DataFrame:
    return run(overview.province_metrics, day, scope)


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def table_counts() -> pd.DataFrame:
    return run(catalog.table_counts)


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def load_history() -> pd.DataFrame:
    return run(catalog.load_history)
