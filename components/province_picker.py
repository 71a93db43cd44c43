"""The province the page is about: chosen by ``?code=`` in the URL (a deep link, a click on a
map) or by the selectbox in the sidebar, each following the other.

A code in the URL that no province has is explained, with the ways to pick one, rather than
silently replaced.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import name_column, t

_LEADING_VOWELS = "เแโใไ"  # written before the consonant they follow in speech
_KEY = "province_code"
_SEEN = "_province_url_code"  # the URL code this session last acted on
_LAST = "_province_last"      # the last choice, kept across pages (a widget's state is not)


def pick_province(provinces: pd.DataFrame) -> str | None:
    """The province code chosen in the sidebar's selectbox, or ``None`` when none is chosen.

    ``provinces`` has ``code``, ``name_th`` and ``name_en``. A new ``?code=`` (a link followed, a
    map clicked elsewhere) wins over the selectbox; afterwards the selectbox writes the URL. Back
    on the page without a code (the sidebar's navigation), the last choice holds.
    """
    names = dict(zip(provinces["code"], provinces[name_column()]))
    raw = st.query_params.get("code")
    if raw is not None and raw != st.session_state.get(_SEEN):
        st.session_state[_SEEN] = raw
        st.session_state[_KEY] = raw if raw in names else None
    elif _KEY not in st.session_state:
        st.session_state[_KEY] = st.session_state.get(_LAST) if raw is None else (raw if raw in names else None)
    options = sorted(names, key=lambda code: _sort_key(names[code]))
    st.sidebar.selectbox(t("province.pick"), options, index=None, key=_KEY, placeholder=t("province.pick_placeholder"),
                    format_func=lambda code: f"{names[code]} ({code})")
    chosen = st.session_state[_KEY]
    if chosen is not None:
        if raw != chosen:
            st.query_params["code"] = chosen
        st.session_state[_SEEN] = st.session_state[_LAST] = chosen
    elif raw in names:  # the selectbox was cleared: the link follows
        del st.query_params["code"]
        st.session_state[_SEEN] = st.session_state[_LAST] = None
    return chosen


def _sort_key(name: str) -> str:
    """Thai dictionary order for names: a leading vowel sorts after its consonant (เชียงใหม่
    under ช), which plain code-point order does not do."""
    return name[1] + name[0] + name[2:] if name[:1] in _LEADING_VOWELS and len(name) > 1 else name


def explain_no_province(provinces: pd.DataFrame) -> None:
    """Why no province is shown (an unknown code in the link, or none given) and how to pick one."""
    raw = st.query_params.get("code")
    if raw is not None and raw not in set(provinces["code"]):
        st.error(t("province.unknown_code", code=raw))
    else:
        st.info(t("province.none_chosen"))
    st.markdown(t("province.how_to_pick"))
