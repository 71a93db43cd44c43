"""The province page's header: names in both languages, regions, the inspector-general who
covers the province and the data's as-of date. The brief prints the same facts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fiscal_year_label, fmt_date, inspection_region_label, lang, t
from data_access.queries.province import ProvinceHeader
from data_access.rules.fiscal import Period


def province_title(header: ProvinceHeader) -> str:
    """``ชลบุรี · Chon Buri``: the session's language first."""
    other = "en" if lang() == "th" else "th"
    return f"{header.name(lang())} · {header.name(other)}"


def inspector_name(header: ProvinceHeader) -> str:
    name = header.inspector(lang())
    if not name:
        return t("province.no_inspector")
    since = None if header.inspector_since is None else pd.Timestamp(header.inspector_since).date()
    return t("province.inspector_since", name=name, since=fmt_date(since))


def header_facts(header: ProvinceHeader, period: Period) -> list[tuple[str, str]]:
    """(label, value) pairs: region, inspection region, inspector-general, fiscal year, as-of."""
    return [
        (t("province.region"), t(f"region.{header.region}")),
        (t("province.inspection_region"), inspection_region_label(header.inspection_region)),
        (t("province.inspector"), inspector_name(header)),
        (t("filter.fy"), fiscal_year_label(period.fiscal_year)),
        (t("province.as_of"), fmt_date(period.as_of)),
    ]


def province_header(header: ProvinceHeader, period: Period) -> None:
    st.title(province_title(header))
    st.markdown(" · ".join(f"**{label}:** {value}" for label, value in header_facts(header, period)))
    if header.is_bangkok:
        st.info(t("province.bangkok_note"))
