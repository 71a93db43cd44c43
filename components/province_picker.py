"""The province the page is about: the province page's ``code`` parameter (a deep link, a click
on a map) and the sidebar's selectbox bound to it. Back on the page without a code (the
sidebar's navigation), the last choice holds."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import name_column, t
from components.plumbing.params import PROVINCE
from components.plumbing.url_state import bound

_LEADING_VOWELS = "เแโใไ"  # written before the consonant they follow in speech


def pick_province(provinces: pd.DataFrame, *, where: object = st.sidebar, key: str = "province_code") -> str | None:
    """The province chosen (``provinces`` has ``code``, ``name_th``, ``name_en``), or ``None``;
    a selectbox in ``where`` (the sidebar, or the page) in which typing a name filters the list."""
    names = dict(zip(provinces["code"], provinces[name_column()]))
    options = sorted(names, key=lambda code: thai_sort_key(names[code]))
    return bound(where.selectbox, PROVINCE, "code", key=key, label=t("province.pick"), options=options, index=None,
                 placeholder=t("province.pick_placeholder"), format_func=lambda code: f"{names[code]} ({code})")


def thai_sort_key(name: str) -> str:
    """Thai dictionary order for names: a leading vowel sorts after its consonant (เชียงใหม่
    under ช), which plain code-point order does not do."""
    return name[1] + name[0] + name[2:] if name[:1] in _LEADING_VOWELS and len(name) > 1 else name


def explain_no_province(provinces: pd.DataFrame) -> None:
    """No province is shown yet: a picker on the page itself, and the other ways to pick one."""
    st.info(t("province.none_chosen"))
    with st.container(width=480):
        pick_province(provinces, where=st, key="province_code_page")
    st.caption(t("province.how_to_pick"))
