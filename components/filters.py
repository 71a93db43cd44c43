"""The sidebar's global filters (fiscal year, region, inspection region) and the language,
kept in the session and mirrored in the URL so that any view can be shared as a link.

The URL is read once per session (a pasted link sets the filters); after that the widgets own
the values and the URL follows them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, fiscal_year_label, fixed_labels, t
from data_access.reference import province_table
from data_access.rules.fiscal import point_in_fiscal_year, recent_fiscal_years
from data_access.rules.scope import Scope

ALL = "all"


@dataclass(frozen=True)
class Filters:
    """What the sidebar has chosen, as the pages need it."""

    fiscal_year: int
    scope: Scope
    as_of: date

    @property
    def day(self) -> date:
        """The day the chosen fiscal year's figures are read at."""
        return point_in_fiscal_year(self.fiscal_year, self.as_of)


def regions() -> list[str]:
    return sorted(province_table()["region"].unique())


def inspection_regions() -> list[int]:
    return sorted(int(r) for r in province_table()["inspection_region"].unique())


def inspection_region_label(number: int | str) -> str:
    return t("ir.bangkok") if int(number) == 0 else t("ir.label", n=number)


def _first_run(flag: str) -> bool:
    """True once per session for ``flag``: the URL is read on a session's first run only."""
    if st.session_state.get(flag):
        return False
    st.session_state[flag] = True
    return True


def load_filters_from_url(fiscal_years: list[int]) -> None:
    """Copy valid filter parameters of the URL into the session; explain invalid ones."""
    if not _first_run("_url_filters_loaded"):
        return
    params = st.query_params
    _load_choice("fy", params.get("fy"), [str(fy) for fy in fiscal_years], int)
    _load_choice("region", params.get("region"), regions(), str)
    _load_choice("ir", params.get("ir"), [str(n) for n in inspection_regions()], int)


def _load_choice(key: str, raw: str | None, valid: list[str], cast: type) -> None:
    if raw is None:
        return
    if raw in valid:
        st.session_state[key] = cast(raw)
    else:
        st.session_state.setdefault("_url_warnings", []).append(t("url.ignored", param=key, value=raw))


def language_toggle() -> None:
    """ไทย / English at the top of the sidebar; ``?lang=en`` in a link chooses English."""
    if _first_run("_url_lang_loaded") and st.query_params.get("lang") in LANGUAGES:
        st.session_state["lang"] = st.query_params["lang"]
    st.session_state.setdefault("lang", DEFAULT_LANGUAGE)
    st.session_state["_lang_choice"] = st.session_state["lang"]
    st.sidebar.segmented_control(
        t("lang.label"), LANGUAGES, key="_lang_choice",
        format_func=fixed_labels(LANGUAGES, lambda code: t(f"lang.{code}")),
        label_visibility="collapsed", width="stretch", on_change=_language_changed,
    )


def _language_changed() -> None:
    # Clicking the chosen option unselects it: keep the language in force then.
    if st.session_state.get("_lang_choice") in LANGUAGES:
        st.session_state["lang"] = st.session_state["_lang_choice"]


def sidebar_filters(as_of: date) -> Filters:
    """Draw the global filters and return what they say."""
    fiscal_years = recent_fiscal_years(as_of)
    load_filters_from_url(fiscal_years)
    st.session_state.setdefault("fy", fiscal_years[0])
    st.session_state.setdefault("region", ALL)
    st.session_state.setdefault("ir", ALL)
    sidebar = st.sidebar
    sidebar.selectbox(t("filter.fy"), fiscal_years, key="fy", format_func=fixed_labels(fiscal_years, fiscal_year_label))
    region_options, ir_options = [ALL, *regions()], [ALL, *inspection_regions()]
    sidebar.selectbox(t("filter.region"), region_options, key="region", format_func=fixed_labels(
        region_options, lambda r: t("filter.all") if r == ALL else t(f"region.{r}")))
    sidebar.selectbox(t("filter.ir"), ir_options, key="ir", format_func=fixed_labels(
        ir_options, lambda n: t("filter.all") if n == ALL else inspection_region_label(n)))
    for warning in st.session_state.pop("_url_warnings", []):
        st.toast(warning)
    _write_url()
    region, ir = st.session_state["region"], st.session_state["ir"]
    scope = Scope(region=None if region == ALL else region, inspection_region=None if ir == ALL else int(ir))
    return Filters(fiscal_year=int(st.session_state["fy"]), scope=scope, as_of=as_of)


def _write_url() -> None:
    """Mirror the session's choices in the URL, leaving defaults out to keep links short."""
    wanted = {
        "lang": st.session_state.get("lang"),
        "fy": st.session_state.get("fy"),
        "region": st.session_state.get("region"),
        "ir": st.session_state.get("ir"),
    }
    defaults = {"lang": DEFAULT_LANGUAGE, "region": ALL, "ir": ALL}
    for key, value in wanted.items():
        if value is None or defaults.get(key) == value:
            st.query_params.pop(key, None)
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def current() -> Filters:
    """The filters drawn by the shell in this run (pages call this)."""
    return st.session_state["_filters"]
