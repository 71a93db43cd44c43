"""Chart figures built once per data and language and shared by every session:
``shared_figure(_monthly_figure, monthly)`` is ``_monthly_figure(monthly)``, from the cache when
the same months were drawn in the same language before.

Plotly checks every property as a figure is built: on a rerun whose queries all come from the
cache, building the figures is a third to a half of the server's time on the province and
adoption pages. A builder is a plain function of its arguments and of how the session writes
(labels from ``t``, numbers from ``components.i18n``), which key the cache. The figure it returns
is shared (``st.cache_resource``, not copied): Streamlit copies a figure before sending it, and
nobody changes one after it is built.
"""
from __future__ import annotations

from collections.abc import Callable
from types import FunctionType

import plotly.graph_objects as go
import streamlit as st

from components.i18n import Writing, writing
from components.plumbing.queries import qualified_name
from data_access.settings import FIGURE_CACHE_MAX_ENTRIES


def _dict_key(value: dict) -> tuple:
    """A dict as the cache keys it: a FeatureCollection by its feature ids (the boundaries do not
    change while the app runs, and hashing every coordinate on every run would cost what the cache
    saves), any other dict by its items."""
    if value.get("type") == "FeatureCollection":
        return ("features", *(feature["id"] for feature in value["features"]))
    return tuple(value.items())


@st.cache_resource(show_spinner=False, max_entries=FIGURE_CACHE_MAX_ENTRIES,
                   hash_funcs={FunctionType: qualified_name, dict: _dict_key})
def _built(build: Callable[..., go.Figure], written: Writing, *args: object, **kwargs: object) -> go.Figure:
    return build(*args, **kwargs)


def shared_figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """``build(*args, **kwargs)`` as this session writes, built once and shared."""
    return _built(build, writing(), *args, **kwargs)
