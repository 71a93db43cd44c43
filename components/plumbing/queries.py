"""The reads the pages make, cached: ``cached(overview.province_metrics, period, scope)`` runs the
``data_access`` query ``overview.province_metrics(conn, period, scope)`` on a fresh connection
and keeps its result, keyed on the query function itself and its arguments (hashable values: a
:class:`Period`, a :class:`Scope`, codes), so a reader and an IDE follow the call to the query.

Results live in ``st.cache_data`` with a TTL, so that loads made by another process show up, and a
bound on their number, so that memory does not grow with every filter tried;
loads made through the app clear them (:func:`database.forget_results`).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from types import FunctionType
from typing import TypeVar

import streamlit as st

from components.plumbing.database import run
from data_access.queries import catalog
from data_access.settings import QUERY_CACHE_MAX_ENTRIES, QUERY_CACHE_TTL_S

T = TypeVar("T")


def qualified_name(function: FunctionType) -> str:
    """A function as the caches key it (Streamlit does not hash functions by itself)."""
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_data(ttl=QUERY_CACHE_TTL_S, max_entries=QUERY_CACHE_MAX_ENTRIES, show_spinner=False,
               hash_funcs={FunctionType: qualified_name})
def cached(query: Callable[..., T], *args: Hashable) -> T:
    """The result of ``query(conn, *args)``, from the cache when it holds one."""
    return run(query, *args)


def as_of() -> date | None:
    """The data's as-of date, or ``None`` when nothing was loaded."""
    return cached(catalog.data_as_of)


def has_data() -> bool:
    """Whether any factory is stored: an empty database gets an explanation, not empty charts."""
    return cached(catalog.has_factories)
