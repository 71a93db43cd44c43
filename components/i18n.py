"""Every label of the app, in Thai (the default) and English.

Texts live in ``assets/i18n/*.toml`` as ``key = { th = "...", en = "..." }`` (held by
:func:`components.plumbing.reference.labels`); the language of a run is the shell's ``lang`` parameter,
which it keeps in the session under ``"lang"``. Numbers and dates are formatted with Babel; dates
show the Buddhist Era year in Thai.

A file built when its download button is clicked is built outside the session's run, where the
session is not at hand: :func:`as_written` makes such a builder write as the run that drew the
button did (:func:`writing`).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from datetime import date, datetime
from typing import TypeVar

import pandas as pd
import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from components.plumbing.reference import labels
from data_access.rules.fiscal import fiscal_year_bounds, to_be

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"
_BABEL_LOCALE = {"th": "th_TH", "en": "en_GB"}
# Thai numerals (๐-๙) for the numbers and dates of a Thai session that asks for them (a seminar
# deck's ``digits=thai``): the session flag below.
THAI_DIGITS = "thai_digits"
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

T = TypeVar("T")
Writing = tuple[str, bool]  # the language, and whether Thai numerals are asked for
_WRITTEN_AS: ContextVar[Writing | None] = ContextVar("written_as", default=None)


def writing() -> Writing:
    """How this run writes: its language, and Thai numerals or not (a seminar deck's choice)."""
    return _WRITTEN_AS.get() or (st.session_state.get("lang", DEFAULT_LANGUAGE),
                                 bool(st.session_state.get(THAI_DIGITS)))


def as_written(build: Callable[[], T]) -> Callable[[], T]:
    """``build`` made to write as this run does whenever it is called, in or out of a run."""
    written = writing()

    def built() -> T:
        token = _WRITTEN_AS.set(written)
        try:
            return build()
        finally:
            _WRITTEN_AS.reset(token)
    return built


def lang() -> str:
    """The language in force for this run (or for the file being built, :func:`as_written`)."""
    written = _WRITTEN_AS.get()  # (not writing(): every label asks, and Thai numerals are rarely needed)
    return written[0] if written else st.session_state.get("lang", DEFAULT_LANGUAGE)


def t(key: str, **values: object) -> str:
    """The label ``key`` in the session's language, with ``{placeholders}`` filled in.

    An unknown key shows itself, so a missing translation is visible rather than fatal.
    """
    entry = labels().get(key)
    text = entry.get(lang(), entry.get(DEFAULT_LANGUAGE, key)) if entry else key
    return text.format(**values) if values else text


def fixed_labels(options: Iterable[Hashable], label: Callable[[Hashable], str]) -> Callable[[Hashable], str]:
    """A widget's ``format_func`` whose labels are worked out now, in this run's language.

    Streamlit may format options again outside the script run (AppTest does, when it reads a
    widget back), where the session's language is not at hand: a lookup table cannot drift.
    """
    return {option: label(option) for option in options}.__getitem__


def has_text(key: str) -> bool:
    return key in labels()


def name_column() -> str:
    """The column holding names in the session's language (``name_th`` or ``name_en``)."""
    return f"name_{lang()}"


def numerals(text: str) -> str:
    """``text`` with Thai numerals when this Thai session asks for them, as it is otherwise."""
    language, thai_digits = writing()
    return text.translate(_TO_THAI) if language == "th" and thai_digits else text


def fmt_int(value: float | None) -> str:
    if value is None:
        return "–"
    return numerals(format_decimal(round(value), format="#,##0", locale=_BABEL_LOCALE[lang()]))


def fmt_num(value: float | None, digits: int = 1) -> str:
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return "–" if value is None else numerals(format_decimal(value, format=pattern, locale=_BABEL_LOCALE[lang()]))


def fmt_pct(value: float | None, digits: int = 1) -> str:
    """A percentage given on the 0-100 scale."""
    if value is None:
        return "–"
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return numerals(format_percent(value / 100, format=pattern, locale=_BABEL_LOCALE[lang()]))


def fmt_date(value: date | datetime | pd.Timestamp | None, with_time: bool = False) -> str:
    """A date as people read it: ``22 พ.ย. 2569`` in Thai (Buddhist Era), ``22 Nov 2026`` in English;
    ``–`` for no date (``None``, NaT)."""
    if value is None or pd.isna(value):
        return "–"
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    day = format_date(value, format="d MMM", locale=_BABEL_LOCALE[lang()])
    year = to_be(value.year) if lang() == "th" else value.year
    clock = f" {value:%H:%M}" if with_time and isinstance(value, datetime) else ""
    return numerals(f"{day} {year}{clock}")


def fiscal_year_label(fiscal_year_be: int) -> str:
    """``ปีงบประมาณ 2570`` / ``FY 2570 (2026-27)``."""
    first, last = fiscal_year_bounds(fiscal_year_be)
    return t("fy.label", fy=fiscal_year_be, start=first.year, end=f"{last.year % 100:02d}")


def inspection_region_label(number: int | str) -> str:
    """``เขตตรวจราชการที่ 8`` / ``Inspection region 8``; region 0 is Bangkok (central)."""
    return t("ir.bangkok") if int(number) == 0 else t("ir.label", n=number)


def scope_label(region: str | None, inspection_region: int | None) -> str:
    """What the sidebar leaves in view, as a title reads it: ``ทั่วประเทศ``, ``ภาคเหนือ``,
    ``เขตตรวจราชการที่ 8``, or both."""
    parts = [t(f"region.{region}") if region else None,
             inspection_region_label(inspection_region) if inspection_region is not None else None]
    return " · ".join(part for part in parts if part) or t("scope.national")
