"""The table of matching factories, highest score first, with CSV and Excel downloads; a click on
a row opens the factory's card."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import fmt_date, lang, t
from components.risk_labels import band_label, factor_list
from components.tables import as_date, download_buttons, on_screen, table_height

# The score and why first, after the name; where and what the factory is after them.
_SHOWN = ("name", "score", "band", "top_factors", "last_inspected_on", "open_complaints", "province", "district",
          "factory_type", "category", "display_reg", "factory_id")
_DOWNLOADED = (*_SHOWN, "lat", "lon")


def factory_table(frame: pd.DataFrame, total: int, every_row: Callable[[], pd.DataFrame], *, key: str,
                  on_pick: Callable[[str], None], day: date) -> None:
    """The first rows of ``frame`` (as :func:`risk_map.matching_factories` orders it: highest
    scores; its first rows may be all it holds) on screen out of ``total``, dates in words; the
    downloads hold ``every_row()``, dates as dates, read and put in words only when a file is
    asked for (tens of thousands of rows, on every run otherwise)."""
    st.subheader(t("risk.table.title"))
    st.caption(t("risk.table.caption"))
    shown = _in_words(on_screen(frame, "risk.table.shown", total))[list(_SHOWN)]
    shown = shown.assign(last_inspected_on=shown["last_inspected_on"].map(lambda v: fmt_date(as_date(v))))
    headers = {column: t(f"risk.col.{column}") for column in _DOWNLOADED}

    def picked() -> None:
        rows = st.session_state[key]["selection"]["rows"]
        if rows:
            on_pick(shown["factory_id"].iloc[rows[0]])

    st.dataframe(shown.rename(columns=headers), hide_index=True, key=key, on_select=picked,
                 selection_mode="single-row", height=table_height(len(shown)),
                 column_config={headers["score"]: st.column_config.NumberColumn(format="%.1f"),
                                headers["name"]: st.column_config.TextColumn(pinned=True)})
    download_buttons(lambda: _in_words(every_row())[list(_DOWNLOADED)].rename(columns=headers), "risk_factories",
                     key=f"{key}_download", excel=True, day=day)


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with names in the language, bands and factors in words (each distinct value put
    in words once)."""
    language = lang()
    bands = {band: band_label(band) for band in frame["band"].unique()}
    factors = {codes: factor_list(codes) for codes in frame["top_factors"].unique()}
    return frame.assign(province=frame[f"province_{language}"], district=frame[f"district_{language}"],
                        band=frame["band"].map(bands), top_factors=frame["top_factors"].map(factors),
                        factory_type=frame["factory_type"].astype("Int64"), category=frame["category"].astype("Int64"))
