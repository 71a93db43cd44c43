"""The province page's header: names in both languages, regions, the inspector-general who
covers the province and the data's as-of date. The brief prints the same facts."""
from __future__ import annotations

from datetime import date

import streamlit as st

from components.filters import inspection_region_label
from components.i18n import fiscal_year_label, fmt_date, lang, t


def province_title(header: dict) -> str:
    """``ชลบุรี · Chon Buri``: the session's language first."""
    first, second = ("name_th", "name_en") if lang() == "th" else ("name_en", "name_th")
    return f"{header[first]} · {header[second]}"


def inspector_name(header: dict) -> str:
    name = header.get(f"ig_name_{lang()}")
    if not name:
        return t("province.no_inspector")
    return t("province.inspector_since", name=name, since=fmt_date(header["ig_since"]))


def header_facts(header: dict, as_of: date | None, fiscal_year: int) -> list[tuple[str, str]]:
    """(label, value) pairs: region, inspection region, inspector-general, fiscal year, as-of."""
    return [
        (t("province.region"), t(f"region.{header['region']}")),
        (t("province.inspection_region"), inspection_region_label(header["inspection_region"])),
        (t("province.inspector"), inspector_name(header)),
        (t("filter.fy"), fiscal_year_label(fiscal_year)),
        (t("province.as_of"), fmt_date(as_of)),
    ]


def province_header(header: dict, as_of: date | None, fiscal_year: int) -> None:
    st.title(province_title(header))
    st.markdown(" · ".join(f"**{label}:** {value}" for label, value in header_facts(header, as_of, fiscal_year)))
    if header["is_bangkok"]:
        st.info(t("province.bangkok_note"))
