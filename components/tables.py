"""Tables on screen and their downloads, one rule for every table of the app:

* on screen, a table is as tall as its rows (up to ``TABLE_MAX_ROWS``, then it scrolls), and the
  browser gets its first ``TABLE_SCREEN_ROWS`` rows only (saying so), the downloads every row;
* a download is named ``<what>_<YYYY-MM-DD>.csv|xlsx`` after the day its figures are read at;
* CSV is UTF-8 with a byte-order mark (Excel shows Thai), dates ISO 8601 (Gregorian), and an id
  that Excel would turn into a number (the 14-digit registration id, codes with leading zeros)
  written as ``="…"`` so that it stays text;
* Excel holds real date cells (shown ``d mmm yyyy``, in the Buddhist Era in Thai) and ids as text.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import as_written, fmt_int, lang, t
from data_access.settings import TABLE_MAX_ROWS, TABLE_SCREEN_ROWS

_ROW_PX, _HEADER_PX = 35, 38
# Digits that Excel reads as a number and shows changed: 11 or more (exponent), or a leading 0.
_EXCEL_NUMBER = re.compile(r"^(?:\d{11,}|0\d+)$")
_EXCEL_DATE = {"th": "[$-th-TH,107]d mmm yyyy", "en": "d mmm yyyy"}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(stem: str, day: date | None, extension: str) -> str:
    """``visits_20_2026-11-22.csv``: what the file holds and the day its figures are read at."""
    return f"{stem}_{(day or date.today()).isoformat()}.{extension}"


def table_height(rows: int, max_rows: int = TABLE_MAX_ROWS, row_px: int = _ROW_PX) -> int:
    """Pixels of a table showing ``rows`` rows of ``row_px`` (no empty rows below them)."""
    return _HEADER_PX + row_px * max(1, min(rows, max_rows))


def on_screen(frame: pd.DataFrame, message: str = "table.shown", total: int | None = None) -> pd.DataFrame:
    """The first ``TABLE_SCREEN_ROWS`` rows of ``frame``, with a caption saying how many of how
    many (``total``, when ``frame`` holds the first rows only) when rows are left out: a thousand
    rows cost the browser half a megabyte on every run."""
    total = len(frame) if total is None else total
    if total > TABLE_SCREEN_ROWS:
        st.caption(t(message, shown=fmt_int(TABLE_SCREEN_ROWS), n=fmt_int(total)))
    return frame.head(TABLE_SCREEN_ROWS)


def as_date(value: object) -> date | None:
    """A date from whatever a driver returned (date, datetime, Timestamp, NaT, None)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def id_columns(frame: pd.DataFrame) -> list[str]:
    """Text columns whose every value Excel would read as a number and show changed."""
    def looks_numeric(column: pd.Series) -> bool:
        values = column.dropna()
        return (pd.api.types.is_string_dtype(column) or column.dtype == object) and not values.empty \
            and values.astype(str).str.fullmatch(_EXCEL_NUMBER).all()

    return [name for name in frame.columns if looks_numeric(frame[name])]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV of the module docstring."""
    protected = frame.copy()
    for name in id_columns(frame):
        protected[name] = frame[name].map(lambda value: f'="{value}"' if pd.notna(value) else value)
    return protected.to_csv(index=False, date_format="%Y-%m-%d %H:%M").encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The workbook of the module docstring: one sheet, a header row, date cells (in the Buddhist
    Era in Thai), ids as text."""
    buffer = io.BytesIO()
    day_format = _EXCEL_DATE[lang()]
    with pd.ExcelWriter(buffer, engine="xlsxwriter", date_format=day_format,
                        datetime_format=f"{day_format} hh:mm") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        text = writer.book.add_format({"num_format": "@"})
        for position, name in enumerate(frame.columns):
            if name in id_columns(frame):
                writer.sheets[sheet[:31]].set_column(position, position, 16, text)
    return buffer.getvalue()


def download_buttons(frame: pd.DataFrame | Callable[[], pd.DataFrame], file_stem: str, *, key: str,
                     excel: bool = False, day: date | None = None) -> None:
    """CSV (and optionally Excel) download buttons; the files are built when clicked (an Excel
    file of 70,000 rows takes seconds), not on every run. That happens outside the session's run:
    ``frame``, when it is a function making the rows, and the workbook write as this run does
    (:func:`~components.i18n.as_written`)."""
    rows = frame if callable(frame) else lambda: frame
    row = st.container(horizontal=True)
    row.download_button(t("download.csv"), as_written(lambda: csv_bytes(rows())), file_name(file_stem, day, "csv"),
                        "text/csv", key=f"{key}_csv", on_click="ignore")
    if excel:
        row.download_button(t("download.excel"), as_written(lambda: excel_bytes(rows())),
                            file_name(file_stem, day, "xlsx"), _XLSX, key=f"{key}_xlsx", on_click="ignore")


def table_with_download(frame: pd.DataFrame, file_stem: str, *, key: str, column_config: dict | None = None,
                        excel: bool = False, height: int | None = None, day: date | None = None) -> None:
    """A read-only table of ``frame`` with its download buttons underneath, the files holding what
    the screen shows."""
    built_table(frame, lambda part: part, file_stem, key=key, column_config=column_config, excel=excel, day=day,
                height=height)


def built_table(source: pd.DataFrame, rows: Callable[[pd.DataFrame], pd.DataFrame], file_stem: str, *, key: str,
                files: Callable[[pd.DataFrame], pd.DataFrame] | None = None, column_config: dict | None = None,
                excel: bool = False, day: date | None = None, height: int | None = None,
                row_height: int | None = None) -> None:
    """A table whose display rows are worth making only for the rows seen: ``rows(part)`` of the
    first rows of ``source`` on screen, and of all of them (``files(source)`` when the files hold
    other values than the screen, dates as dates) only when a download is clicked. A national
    list of candidates is thousands of rows put in words, otherwise on every run. A
    ``row_height`` of several lines lets long text wrap."""
    shown = rows(on_screen(source))
    st.dataframe(shown, hide_index=True, column_config=column_config, row_height=row_height,
                 height=height or table_height(len(shown), row_px=row_height or _ROW_PX))
    download_buttons(lambda: (files or rows)(source), file_stem, key=key, excel=excel, day=day)
