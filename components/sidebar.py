"""The sidebar's controls: the language and the global filters (fiscal year, region, inspection
region), each bound to its URL parameter (:mod:`components.plumbing.params`)."""
from __future__ import annotations

import streamlit as st

from components.i18n import LANGUAGES, fiscal_year_label, fixed_labels, inspection_region_label, t
from components.plumbing.params import ALL, FILTERS, LANGUAGE
from components.plumbing.navigation import open_page
from components.plumbing.url_state import bound


def language_toggle() -> None:
    """ไทย / English at the top of the sidebar."""
    bound(st.sidebar.segmented_control, LANGUAGE, "lang", key="_lang_choice", label=t("lang.label"),
          options=LANGUAGES, format_func=fixed_labels(LANGUAGES, lambda code: t(f"lang.{code}")),
          label_visibility="collapsed", width="stretch")


def sidebar_filters(fiscal_years: list[int], regions: list[str], inspection_regions: list[int]) -> None:
    """The fiscal year, region and inspection region in view (each may be "all")."""
    region_options, ir_options = [ALL, *regions], [ALL, *inspection_regions]
    bound(st.sidebar.selectbox, FILTERS, "fy", key="fy", label=t("filter.fy"), options=fiscal_years,
          format_func=fixed_labels(fiscal_years, fiscal_year_label))
    bound(st.sidebar.selectbox, FILTERS, "region", key="region", label=t("filter.region"), options=region_options,
          format_func=fixed_labels(region_options, lambda r: t("filter.all") if r == ALL else t(f"region.{r}")))
    bound(st.sidebar.selectbox, FILTERS, "ir", key="ir", label=t("filter.ir"), options=ir_options,
          format_func=fixed_labels(ir_options, lambda n: t("filter.all") if n == ALL else inspection_region_label(n)))


def present_button() -> None:
    """Presentation mode (the seminar deck) for the fiscal year and language in view."""
    if st.sidebar.button(t("present.open"), key="present_open", icon="📽️", width="stretch"):
        open_page("present", present="1")
