"""The app's handle on the database: one engine per process and cached query results.

``st.cache_resource`` holds the engine; :func:`query` runs any ``data_access`` function with a
fresh connection and caches its result (``st.cache_data``, keyed on the function and its
arguments, with a TTL so that loads made by another process show up). Loads made through the
app call :func:`clear` so that they show at once.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from data_access.db import bootstrap
from data_access.db.connect import make_engine
from data_access.queries import catalog
from data_access.settings import QUERY_CACHE_TTL_S

if TYPE_CHECKING:  # the engine is only held here; all SQL lives in data_access
    from sqlalchemy import Engine

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The process-wide engine (its URL comes from the environment or secrets.toml)."""
    return bootstrap.prepare(make_engine())


def run(function: Callable[..., T], *args: object) -> T:
    """Run a ``data_access`` function on a fresh connection, uncached."""
    with engine().connect() as conn:
        return function(conn, *args)


def query(function: Callable[..., T], *args: object) -> T:
    """Run a ``data_access`` function ``function(conn, *args)`` through the cache.

    The arguments must be hashable values (dates, codes, frozen dataclasses such as ``Scope``).
    """
    return _cached(function.__module__, function.__qualname__, args)


@st.cache_data(ttl=QUERY_CACHE_TTL_S, show_spinner=False)
def _cached(module: str, name: str, args: tuple) -> object:
    return run(getattr(importlib.import_module(module), name), *args)


def clear() -> None:
    """Forget every cached result, after the app itself has changed the data."""
    st.cache_data.clear()


def as_of() -> date | None:
    """The data's as-of date, or ``None`` when nothing was loaded."""
    return query(catalog.data_as_of)


def has_data() -> bool:
    return query(catalog.has_factories)
