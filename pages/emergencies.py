"""Emergency board of the emergency centre (ศบฉ.อก.), in three tabs: what is active now, where,
how severe and since when, refreshed by itself without rerunning the page (the live part is a
fragment), new severe incidents highlighted until acknowledged; five fiscal years of history:
incidents per month and type, times to contain and close, repeated provinces and factories; and
a monthly playback of where incidents started."""
import streamlit as st

from components.emergency_board import (
    counts_by, filter_controls, incident_list, new_severe_alert, status_counts, updated_at,
)
from components.emergency_map import board_deck, board_map, map_legend
from components.emergency_history import durations_table, history_download, monthly_chart, playback_map, repeats_table
from components.i18n import fmt_date, fmt_int, t
from components.plumbing import coverage, reference
from components.plumbing.alerts import acknowledge, live_moment, unacknowledged
from components.plumbing.navigation import open_factory_card, open_province
from components.plumbing.params import EMERGENCIES, emergency_filter, read_filter
from components.plumbing.queries import cached
from components.plumbing.shell import current, ensure_shell, require_data
from components.section_tabs import section_tabs
from data_access import settings as cfg
from data_access.queries import emergencies

ensure_shell()
require_data()

f = current()
_, flt, in_view = read_filter(EMERGENCIES, f.scope, emergency_filter)
shown = [flt.scope.province_code] if flt.scope.province_code else list(in_view["code"])
outlines = reference.provinces_geojson(tuple(shown))

st.title(t("emergency.title"))
st.caption(t("emergency.subtitle"))
coverage.notice(coverage.EMERGENCIES)
if not coverage.loaded("emergencies"):
    st.stop()  # an empty log is not a calm country
filter_controls(in_view)


@st.fragment(run_every=cfg.EMERGENCY_REFRESH_S)
def live_board() -> None:
    """The part that refreshes itself: one shared read of the log per refresh."""
    moment = live_moment()
    board = cached(emergencies.board, moment, flt)
    severe = cached(emergencies.severe_active, moment)
    pending = unacknowledged(severe)
    updated_at(moment)
    new_severe_alert(severe[severe["emergency_id"].isin(pending)], on_acknowledge=acknowledge)
    status_counts(board)
    map_column, counts_column = st.columns([3, 2])
    with map_column:
        board_map(board_deck(board, outlines, pending), key="emergency_map", on_province=open_province)
        map_legend()
    with counts_column:
        counts_by(board.incidents)
    incident_list(board.incidents, pending, key="emergency_list")


def history_of_window() -> emergencies.History:
    return cached(emergencies.history, f.period, flt, live_moment().date())


def history() -> None:
    """Five fiscal years: incidents per month, times to contain and close, repeated places."""
    window = history_of_window()
    st.caption(t("emergency.history.window", first=fmt_date(window.first), last=fmt_date(window.last),
                 n=fmt_int(len(window.incidents))))
    monthly_chart(window.monthly, key="emergency_monthly")
    durations_table(window, key="emergency_durations")
    repeats_table(window.repeat_provinces, kind="province", key="emergency_repeat_provinces", on_pick=open_province)
    repeats_table(window.repeat_factories, kind="factory", key="emergency_repeat_factories",
                  on_pick=open_factory_card)
    history_download(window, key="emergency_history_download")


def playback() -> None:
    st.caption(t("emergency.playback.title"))
    playback_map(history_of_window(), outlines, key="emergency_playback")


section_tabs(EMERGENCIES, {"board": live_board, "history": history, "playback": playback},
             key="emergency_section", labels="emergency.section")
