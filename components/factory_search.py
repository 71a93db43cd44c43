"""Finding one factory from any page: a search box in the sidebar (a name, a part of one, or a
registration number in either form) and the factories found, each a link to its card on the
risk map."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_int, lang, t
from components.plumbing.navigation import page_link
from components.risk_labels import band_label

SEARCH_KEY = "factory_search"


def search_box() -> str:
    """The search text typed in the sidebar (empty before anything is typed)."""
    return st.sidebar.text_input(t("search.label"), key=SEARCH_KEY, placeholder=t("search.placeholder")).strip()


def search_results(found: pd.DataFrame, limit: int) -> None:
    """The factories ``found`` (:func:`data_access.queries.search.find_factories`) as links to
    their cards, or a word that nothing was found."""
    if found.empty:
        st.sidebar.caption(t("search.none"))
        return
    for row in found.itertuples():
        places = (row.district_th, row.province_th) if lang() == "th" else (row.district_en, row.province_en)
        where = " · ".join(part for part in places if isinstance(part, str))
        risk = band_label(row.band) if isinstance(row.band, str) else t(f"search.status.{row.status}")
        page_link("risk", f"{row.name} · {where} · {risk}", where=st.sidebar, icon=False, factory=row.factory_id)
    if len(found) >= limit:
        st.sidebar.caption(t("search.more", n=fmt_int(limit)))
