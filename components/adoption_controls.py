"""The adoption page's own controls, each bound to its URL parameter
(:data:`components.plumbing.params.ADOPTION`): the province (in the sidebar, among those the
sidebar's region and inspection region leave), the ladder, a level of it, and the grouping of
the i4.0 profile."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.adoption_labels import ladder_label, level_label
from components.i18n import fixed_labels, name_column, t
from components.plumbing.params import ADOPTION, ALL, LADDER_LEVELS
from components.plumbing.url_state import bound
from components.province_picker import thai_sort_key
from data_access import settings as cfg


def province_control(provinces: pd.DataFrame) -> str | None:
    """The province in view (``None``, the cleared choice: every province in the sidebar's scope)."""
    names = dict(zip(provinces["code"], provinces[name_column()]))
    options = [ALL, *sorted(names, key=lambda code: thai_sort_key(names[code]))]
    return bound(st.sidebar.selectbox, ADOPTION, "code", key="adoption_code", label=t("adoption.province"),
                 options=options, format_func=fixed_labels(
                     options, lambda code: t("adoption.all_provinces") if code == ALL else names[code]))


def ladder_controls() -> tuple[str, int | None]:
    """The ladder (GI or i4.0) and a level of it (``None``, the cleared choice: every level)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        ladder = bound(st.segmented_control, ADOPTION, "ladder", key="adoption_ladder",
                       label=t("adoption.ladder"), options=cfg.LADDERS, required=True,
                       format_func=fixed_labels(cfg.LADDERS, ladder_label))
        levels = [ALL, *LADDER_LEVELS[ladder]]
        level = bound(st.selectbox, ADOPTION, "level", key=f"adoption_level_{ladder}", label=t("adoption.level"),
                      options=levels, width=300, format_func=fixed_labels(
                          levels, lambda n: t("adoption.every_level") if n == ALL else level_label(ladder, n)))
    return ladder, level


def grouping_control() -> str:
    """What the i4.0 profile table is grouped by."""
    return bound(st.selectbox, ADOPTION, "by", key="adoption_by", label=t("adoption.by"),
                 options=cfg.I40_GROUPINGS, width=320,
                 format_func=fixed_labels(cfg.I40_GROUPINGS, lambda by: t(f"adoption.by.{by}")))
