"""Tables with downloads: CSV in UTF-8 with a byte-order mark (so Excel shows Thai) and Excel."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import t


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV encoded as UTF-8 with BOM: Excel opens it with Thai intact."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame, file_stem: str, *, key: str, excel: bool = False) -> None:
    """CSV (and optionally Excel) download buttons named ``<stem>_<date>``; the files are built
    when clicked (an Excel file of 70,000 rows takes seconds), not on every run."""
    name = f"{file_stem}_{date.today():%Y%m%d}"
    row = st.container(horizontal=True)
    row.download_button(t("download.csv"), lambda: csv_bytes(frame), f"{name}.csv", "text/csv",
                               key=f"{key}_csv", on_click="ignore")
    if excel:
        row.download_button(
            t("download.excel"), lambda: excel_bytes(frame), f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
            on_click="ignore")


def table_with_download(frame: pd.DataFrame, file_stem: str, *, key: str,
                        column_config: dict | None = None, excel: bool = False, height: int | None = None) -> None:
    """A read-only table of ``frame`` with its download buttons underneath."""
    st.dataframe(frame, hide_index=True, column_config=column_config, height=height or "auto")
    download_buttons(frame, file_stem, key=key, excel=excel)
