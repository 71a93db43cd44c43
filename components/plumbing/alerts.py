"""The emergency alert on every page, the clock of the board's refresh, and what the board has
already shown this session.

While a severe incident is active anywhere, every page but the board shows one line above its
title (how many, the worst one's type and province, how long it has run) linking to the board. It
is a fragment that reads one cached query every ``EMERGENCY_REFRESH_S``: the line appears and goes
without the page under it running again.

The board and the banner read the log at :func:`live_moment`, local time rounded down to half the
refresh interval: every viewer within that half shares one read (one query, however many wall
screens are open), and a viewer's next refresh, an interval later, always reads afresh.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from components.emergency_board import severe_banner
from components.plumbing import url_state
from components.plumbing.params import FILTERS, LANGUAGE
from components.plumbing.queries import cached
from data_access import settings as cfg
from data_access.queries import emergencies

BOARD_PAGE = "emergencies"
_SEEN, _PENDING = "_emergency_seen", "_emergency_pending"


def live_moment() -> datetime:
    """Now, in the log's local time, rounded down to half the refresh interval."""
    now = datetime.now(ZoneInfo(cfg.LOCAL_TIMEZONE)).replace(tzinfo=None)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    step = cfg.EMERGENCY_REFRESH_S / 2
    return midnight + timedelta(seconds=math.floor((now - midnight).total_seconds() / step) * step)


def emergency_banner(current_page: str) -> None:
    """The alert line, on every page but the board (which shows all of it)."""
    if current_page != BOARD_PAGE:
        _banner()


@st.fragment(run_every=cfg.EMERGENCY_REFRESH_S)
def _banner() -> None:
    from components.plumbing.shell import PAGES  # the shell imports this module

    board = next(spec for spec in PAGES if spec.url_path == BOARD_PAGE)
    severe_banner(cached(emergencies.severe_active, live_moment()), board.path,
                  {**url_state.link(LANGUAGE), **url_state.link(FILTERS)})


def unacknowledged(severe: pd.DataFrame) -> frozenset[int]:
    """The severe active incidents (``severe``, as :func:`emergencies.severe_active` reads them)
    that appeared since this session's board last looked and that no one has acknowledged yet,
    while they stay severe and active. On the board's first look nothing counts as new."""
    current = frozenset(int(i) for i in severe["emergency_id"])
    seen = st.session_state.get(_SEEN)
    pending = st.session_state.get(_PENDING, frozenset())
    if seen is not None:
        pending |= current - seen
    st.session_state[_SEEN] = current
    st.session_state[_PENDING] = pending & current
    return pending & current


def acknowledge() -> None:
    """Someone at the board has seen the new severe incidents: stop highlighting them."""
    st.session_state[_PENDING] = frozenset()
