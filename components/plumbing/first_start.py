"""The first start on the embedded default database: build the national demo data, with a
progress bar in the page and progress lines in the terminal.

Only the embedded default is filled automatically; an empty database named by ``DATABASE_URL``
is someone's real database and gets an explanation instead (see ``shell.require_data``).
"""
from __future__ import annotations

import threading

import streamlit as st

from components.i18n import t
from components.plumbing import database, queries
from data_access.db import bootstrap
from data_access.demo import STEPS


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    """One build per process even when several sessions open the app at once."""
    return threading.Lock()


def build_demo_if_needed() -> None:
    if not bootstrap.auto_demo_enabled() or queries.has_data():
        return
    with _build_lock():
        database.forget_results()
        if queries.has_data():
            return
        bar = st.progress(0.0, text=t("first_start.title"))

        def report(fraction: float, step: str) -> None:
            print(f"[first start] {fraction:4.0%} {STEPS[step]}", flush=True)
            words = f"{t('first_start.title')} — {t(f'first_start.step.{step}')}"
            bar.progress(min(max(fraction, 0.0), 1.0), text=words)

        bootstrap.build_demo(database.engine(), progress=report)
        bar.empty()
        database.forget_results()
