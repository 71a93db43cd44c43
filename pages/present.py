"""Presentation mode for policy seminars: the deck of ``assets/deck/seminar.toml`` on a projector,
one slide at a time, moving on by itself (``every``, ``paused``), by the keys and by clicks; no
sidebar, toolbar or widgets. Paused, it offers the deck to take home (PowerPoint and PDF)."""
import streamlit as st

from components.i18n import t
from components.plumbing import coverage, deck, reference
from components.plumbing.shell import current, ensure_shell, require_data
from components.slides import deck_footer, slide_view, take_home

ensure_shell()
require_data()

f = current()
values = deck.read()
coverage.notice(coverage.OVERVIEW)
slides = deck.slides(f.period, values["code"])
if not slides:
    st.title(t("page.present"))
    st.info(t("present.no_slides"))
    st.stop()
index = deck.position(values, len(slides))
shown, seconds = slides[index], deck.seconds(slides[index], values)
# One container, whatever the slide holds: the controls and the footer after it keep their place
# on the page, so the next slide replaces the footer instead of drawing a second one beside it.
with st.container():
    slide_view(shown, reference.province_geojson())
    if values["paused"]:  # below the slide: the room sees the slide, the presenter scrolls to the files
        take_home(lambda kind: deck.export(slides, kind, f.period), deck.file_names(values, f.period),
                  token=deck.export_token(values, f.period))
deck.clock(index, len(slides), seconds, values["paused"])
deck_footer(index + 1, len(slides), seconds, values["paused"])
