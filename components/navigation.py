"""Links between pages that carry the filters: a click on a province opens its page."""
from __future__ import annotations

import streamlit as st

from data_access.settings import PROJECT_ROOT

PROVINCE_PAGE = PROJECT_ROOT / "pages" / "province.py"


def open_province(code: str) -> None:
    """Go to the province page for ``code`` (``?code=``), keeping the global filters."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k in ("fy", "region", "ir", "lang")}
    st.switch_page(PROVINCE_PAGE, query_params={**params, "code": code})
