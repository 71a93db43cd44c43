"""Reading the values of messy exports: Thai digits, thousands separators, Buddhist Era and
Gregorian dates in several layouts, Excel serial dates, DIW's 5-digit factory type codes and
code lists written in Thai or English.

Every parser takes a column of text and returns the parsed values and a mask of the cells that
were filled but could not be read, so that the caller can reject those rows with a reason.
A national registry has 100,000 rows, so each parser has a fast path for the clean common case
and cleans only the cells that need it; columns that repeat a handful of values (dates, codes)
are parsed once per distinct value (:func:`by_unique`); and patterns run in Arrow's regex engine
(:func:`extract`), as pandas' own ``str.extract`` goes row by row in Python.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.settings import (
    BUDDHIST_ERA_OFFSET,
    INGEST_BE_YEAR_FROM,
    INGEST_EXCEL_EPOCH,
    INGEST_EXCEL_SERIAL_RANGE,
)

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Cells that mean "nothing here" in the exports seen (a dash is common in Thai spreadsheets).
BLANKS = frozenset({"", "-", "–", "—", "null", "none", "nan", "nat", "n/a", "#n/a", "na"})

_MONTHS = {
    **{m: i for i, m in enumerate(("มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค"), 1)},
    **{m: i for i, m in enumerate(("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                                   "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"), 1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec"), 1)},
}
# RE2 patterns (Arrow): year-month-day, day/month/year, day month-name year; each with an optional time.
_TIME = r"(?:[ T]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)?"
_DATE_PATTERNS = (
    r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})" + _TIME,
    r"^(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})" + _TIME,
    r"^(?P<day>\d{1,2})\s*(?P<month_name>[^\d\s]+?)\s*(?P<year>\d{4})" + _TIME,
)
_PARTS = ("year", "month", "day", "hour", "minute", "second")

Parsed = tuple[pd.Series, pd.Series]  # values, mask of filled cells that could not be read


def blank(text: pd.Series) -> pd.Series:
    """Cells that hold nothing (empty, a dash, "null", ...). Lower-casing ASCII letters only is
    enough (no other letter lower-cases to one of those words) and twenty times faster on Thai."""
    cleaned = pc.ascii_lower(pc.utf8_trim_whitespace(_arrow(text)))
    found = pc.is_in(cleaned, value_set=_blank_set(cleaned.type))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=text.index)


@lru_cache(maxsize=None)
def _blank_set(text_type: pa.DataType) -> pa.Array:
    """BLANKS and null, in the text type of the cells they are looked up among: ``is_in`` matches
    a missing cell to the null, and a value set of another type would be cast at every call."""
    return pa.array([*sorted(BLANKS), None], type=text_type)


def _arrow(values: pd.Series) -> pa.Array:
    """A text column as an Arrow array (missing cells as nulls), for Arrow's compute functions."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pa.array(values.array)  # no copy
    return pa.array(values.astype(object).to_numpy(dtype=object, na_value=None), type=pa.string())


def objects(values: pd.Series) -> np.ndarray:
    """The cells as plain Python objects, ``None`` where missing (through Arrow: pandas' own
    conversion of its Arrow-backed text costs a quarter of a second per 100,000 cells)."""
    if values.dtype == object:
        return values.to_numpy()
    return _arrow(values).to_numpy(zero_copy_only=False)


def by_unique(text: pd.Series, parse: Callable[[pd.Series], Parsed]) -> Parsed:
    """Run ``parse`` on the distinct values of ``text`` only and spread the result back."""
    codes, uniques = pd.factorize(text.fillna(""))
    values, bad = parse(pd.Series(uniques, dtype=object))
    return values.iloc[codes].set_axis(text.index), bad.iloc[codes].set_axis(text.index)


def extract(values: pd.Series, pattern: str) -> pd.DataFrame:
    """The named groups of the RE2 ``pattern`` in each cell, as text (NaN where it does not match)."""
    found = pc.extract_regex(_arrow(values), pattern)
    return pd.DataFrame({f.name: child.to_pandas() for f, child in zip(found.type, found.flatten())},
                        index=values.index)


def whole_numbers(groups: pd.DataFrame) -> pd.DataFrame:
    """Groups of ASCII digits found by :func:`extract` as floats, NaN where a group did not match;
    cast by Arrow, as pandas' ``to_numeric`` takes half a microsecond a cell."""
    def cast(text: pd.Series) -> np.ndarray:
        return pc.cast(_arrow(text.where(text != "")), pa.float64()).to_numpy(zero_copy_only=False)

    return pd.DataFrame({name: cast(text) for name, text in groups.items()}, index=groups.index)


def _where_found(cells: pa.Array, pattern: str, rewrite: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``rewrite`` applied to the cells that match ``pattern`` only: an export writes Thai digits
    or spaced numbers in a tenth of its rows, and looking is cheaper than rewriting."""
    if isinstance(cells, pa.ChunkedArray):  # the text of a file read by Arrow: in blocks
        cells = cells.combine_chunks()
    found = pc.fill_null(pc.match_substring_regex(cells, pattern), False)
    if not pc.any(found).as_py():
        return cells
    return pc.replace_with_mask(cells, found, rewrite(pc.filter(cells, found)))


def _thai_to_arabic(cells: pa.Array) -> pa.Array:
    for thai, arabic in zip("๐๑๒๓๔๕๖๗๘๙", "0123456789"):
        cells = pc.replace_substring(cells, thai, arabic)
    return cells


def _arabic(cells: pa.Array) -> pa.Array:
    """Thai digits to Arabic ones (ten literal replacements, in the cells that have one)."""
    return _where_found(cells, "[๐-๙]", _thai_to_arabic)


def _series(cells: pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(cells.to_numpy(zero_copy_only=False), index=index, dtype=object)


# pandas' own text type, held by Arrow: its .str methods run in Arrow, where on plain objects they
# loop in Python.
TEXT = pd.StringDtype(storage="pyarrow", na_value=np.nan)


def digits(text: pd.Series) -> pd.Series:
    """Thai digits to Arabic ones, outer spaces removed."""
    cells = _arabic(pc.utf8_trim_whitespace(_arrow(text.astype(str))))
    return pd.Series(pd.array(cells, dtype=TEXT), index=text.index)


def text(values: pd.Series, max_length: int | None) -> Parsed:
    """Free text, trimmed; longer than the column allows is an error, not a silent cut."""
    cleaned = values.astype(str).str.strip()
    empty = blank(cleaned)
    too_long = cleaned.str.len() > max_length if max_length else pd.Series(False, index=values.index)
    return cleaned.where(~empty), too_long & ~empty


# A number once its separators are gone: what Arrow casts to a float.
_NUMBER = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"


def number(values: pd.Series) -> Parsed:
    """A number, also written with Thai digits, thousands separators, spaces or a currency sign."""
    empty = blank(values)
    cells = pc.if_else(empty.to_numpy(), None, pc.utf8_trim_whitespace(_arrow(values)))
    try:  # the common case: plain numbers and empty cells, converted by Arrow at once
        numbers = pc.cast(cells, pa.float64())
    except pa.ArrowInvalid:  # the rest, cleaned and checked by Arrow too (no cell by cell in Python)
        cleaned = pc.replace_substring(cells, ",", "")  # thousands separators alone: a tenth of the cleaning below
        valid = pc.match_substring_regex(cleaned, _NUMBER)
        if pc.any(pc.and_(pc.invert(valid), pc.is_valid(cells))).as_py():
            cleaned = pc.replace_substring_regex(_arabic(cells), r"[,\s฿]|บาท", "")
            valid = pc.match_substring_regex(cleaned, _NUMBER)
        numbers = pc.cast(pc.if_else(valid, cleaned, None), pa.float64())
    numbers = pd.Series(numbers.to_numpy(zero_copy_only=False), index=values.index, dtype=float)
    return numbers, numbers.isna() & ~empty


def decimals(values: pd.Series) -> np.ndarray:
    """How many characters each number is written with after its decimal point (0 for none)."""
    cells = _arabic(pc.utf8_trim_whitespace(_arrow(values)))  # one byte a digit: find_substring counts bytes
    point = pc.find_substring(cells, ".")
    after = pc.subtract(pc.subtract(pc.binary_length(cells), point), 1)
    return pc.fill_null(pc.if_else(pc.less(point, 0), 0, after), 0).to_numpy(zero_copy_only=False)


def integer(values: pd.Series) -> Parsed:
    """A whole number (``12.0`` from a spreadsheet counts as 12)."""
    numbers, bad = number(values)
    fractional = numbers.notna() & (numbers != numbers.round())
    return numbers.where(~fractional), bad | fractional


def fiscal_year(values: pd.Series) -> Parsed:
    """A fiscal year, stored in Buddhist Era: a Gregorian year (below 2400) is converted."""
    years, bad = integer(values)
    return years.where(years > INGEST_BE_YEAR_FROM, years + BUDDHIST_ERA_OFFSET), bad


def factory_id(values: pd.Series) -> Parsed:
    """DIW's 14-digit registration id; spaces and dashes inside are dropped, as is the ``.0`` a
    spreadsheet adds to a number."""
    cells = pc.utf8_trim_whitespace(_arrow(values.astype(str)))
    valid = pc.match_substring_regex(cells, "^[0-9]{14}$")
    if not pc.all(valid).as_py():
        cells = pc.replace_substring_regex(pc.replace_substring_regex(_arabic(cells), r"\.0+$", ""), r"[\s-]", "")
        valid = pc.match_substring_regex(cells, "^[0-9]{14}$")
    valid = pd.Series(valid.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)
    return _series(cells, values.index).where(valid, None), ~valid & ~blank(values)


# The display registration number once normalised: an optional prefix (จ, or น. inside an
# industrial estate), class-type(subtype)-running number/year, and the province abbreviation
# (none for Bangkok): จ3-9(6)-100/51ปจ, 3-34(4)-21/51ปจ, น.2-64(13)-37/48.
DISPLAY_REG_PATTERN = r"^(?:[ก-ฮ]{1,2}\.?)?[1-3]-[0-9]{1,3}(?:\([0-9]{1,3}\))?-[0-9]{1,6}/[0-9]{2,4}[ก-ฮ]{0,3}$"
# Dash variants (hyphen, non-breaking hyphen, figure dash, en and em dashes, minus, small and
# full-width hyphen-minus) written for the separator.
_DASHES = "[\u2010-\u2015\u2212\ufe63\uff0d]"


# The rewrites of a display number, in order: dash variants to "-", full-width brackets to
# ASCII, spaces (and zero-width spaces) dropped, ``น 3-`` written ``น.3-``, ``จ.`` written ``จ``, a
# trailing dot dropped.
_DISPLAY_REWRITES = ((_DASHES, "-"), ("\uff08", "("), ("\uff09", ")"), ("[\\s\u200b]+", ""),
                     ("^น\\.?([0-9])", "น.\\1"), ("^จ\\.", "จ"), ("\\.$", ""))
_DISPLAY_UNTIDY = "|".join(f"(?:{pattern})" for pattern, _ in _DISPLAY_REWRITES)


def _tidied_display(cells: pa.Array) -> pa.Array:
    for pattern, replacement in _DISPLAY_REWRITES:
        cells = pc.replace_substring_regex(cells, pattern=pattern, replacement=replacement)
    return cells


def _normalised_display(values: pd.Series) -> pd.Series:
    """Thai digits to Arabic, then the rewrites above, in the cells that need one (most are
    written tidily: one look instead of seven)."""
    text = _where_found(_arrow(digits(values.fillna(""))), _DISPLAY_UNTIDY, _tidied_display)
    return pd.Series(text.to_numpy(zero_copy_only=False), index=values.index, dtype=object)


def display_reg(values: pd.Series) -> Parsed:
    """DIW's display registration number in its normal form (see :data:`DISPLAY_REG_PATTERN`)."""
    cleaned = _normalised_display(values)
    valid = pd.Series(pc.match_substring_regex(_arrow(cleaned), DISPLAY_REG_PATTERN).to_numpy(zero_copy_only=False),
                      index=values.index, dtype=bool)
    return cleaned.where(valid, None), ~valid & ~blank(values)


def registration(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A registration number in either form: (14-digit id, display number, unreadable), each
    row holding at most one of the first two. A cell with a slash or a Thai letter is read as a
    display number only (a GIS extract's whole column is), any other first as an id."""
    written = pd.Series(pc.match_substring_regex(_arrow(values), "[/ก-ฮ]").to_numpy(zero_copy_only=False),
                        index=values.index).fillna(False).astype(bool)
    ids = pd.Series(None, index=values.index, dtype=object)
    unread = written.copy()
    if (~written).any():
        ids.loc[~written], unread.loc[~written] = factory_id(values[~written])
    display = pd.Series(None, index=values.index, dtype=object)
    bad = pd.Series(False, index=values.index)
    if unread.any():
        display.loc[unread], bad.loc[unread] = display_reg(values[unread])
    return ids.where(ids.notna(), None), display.where(display.notna(), None), bad


def date_parts(values: pd.Series) -> pd.DataFrame:
    """Year, month, day, hour, minute and second of each cell (NaN where not a date); a year
    above 2400 is taken as Buddhist Era."""
    cleaned = digits(values)
    parts = pd.DataFrame(index=values.index, columns=list(_PARTS), dtype=float)
    for pattern in _DATE_PATTERNS:  # they exclude each other: each reads the cells still unread
        unread = np.flatnonzero(parts["year"].isna().to_numpy())
        if not len(unread):
            break
        found = extract(cleaned.iloc[unread].reset_index(drop=True), pattern)
        month_name = found.pop("month_name") if "month_name" in found else None
        found = whole_numbers(found)
        if month_name is not None:
            found["month"] = month_name.str.lower().str.replace(".", "", regex=False).map(_MONTHS)
        parts.iloc[unread] = found[list(_PARTS)].to_numpy(dtype=float)
    parts.loc[parts["year"] > INGEST_BE_YEAR_FROM, "year"] -= BUDDHIST_ERA_OFFSET
    return parts


def _timestamps(values: pd.Series) -> pd.Series:
    """Excel serials first (a whole GIS extract is written so), then the written dates of the
    cells that are not one (no written date reads as a bare number)."""
    serial, _ = number(values)
    low, high = INGEST_EXCEL_SERIAL_RANGE
    serial = serial.where(serial.between(low, high))
    stamps = (pd.Timestamp(INGEST_EXCEL_EPOCH) + pd.to_timedelta(serial, unit="D").dt.round("s")).astype(
        "datetime64[s]")
    written = serial.isna() & ~blank(values)
    if written.any():
        parts = date_parts(values[written])
        stamps[written] = pd.to_datetime(parts.fillna({"hour": 0, "minute": 0, "second": 0}), errors="coerce")
    return stamps


def _datetime_unique(values: pd.Series) -> Parsed:
    stamps = _timestamps(values)
    return stamps, stamps.isna() & ~blank(values)


def _date_unique(values: pd.Series) -> Parsed:
    stamps = _timestamps(values).dt.floor("D")
    return stamps, stamps.isna() & ~blank(values)


def datetime(values: pd.Series) -> Parsed:
    """A moment: ISO, day/month/year, day month-name year (Thai or English), or an Excel serial."""
    return by_unique(values, _datetime_unique)


def date(values: pd.Series) -> Parsed:
    """A day, read as :func:`datetime` reads it, time of day dropped."""
    return by_unique(values, _date_unique)


def _type_unique(values: pd.Series) -> Parsed:
    cleaned = digits(values)
    five = extract(cleaned, r"^(?P<type>\d{3})\d{2}$")["type"]                    # 00906 -> 9, 07100 -> 71
    written = extract(cleaned, r"^(?P<type>\d{1,3})(?:\s*\(\s*\d+\s*\))?$")["type"]  # 9, 9(6), 101(2)
    found = pd.to_numeric(five.fillna(written), errors="coerce")
    return found, found.isna() & ~blank(values)


def factory_type(values: pd.Series) -> Parsed:
    """The type number (ลำดับที่) of DIW's 5-digit code or of a written ``9(6)``: the schema keeps
    the type, not the subtype."""
    return by_unique(values, _type_unique)


def _leading_number_unique(values: pd.Series) -> Parsed:
    found = pd.to_numeric(extract(digits(values), r"(?P<n>\d+)")["n"], errors="coerce")
    return found, found.isna() & ~blank(values)


def leading_number(values: pd.Series) -> Parsed:
    """The first number in a cell such as ``จำพวกที่ 3`` or ``ระดับ 2``."""
    return by_unique(values, _leading_number_unique)


def display_reg_parts(values: pd.Series) -> pd.DataFrame:
    """Class (จำพวก) and type of a display number such as ``จ3-9(6)-100/51ปจ`` or ``3-70-126/54``
    (prefix, class-type(subtype)-running number/year), as numbers; NaN where it is not one."""
    return whole_numbers(extract(digits(values.fillna("")),
                                 r"^\D*?(?P<category>[123])\s*-\s*(?P<factory_type>\d{1,3})"))


def normalise_code(values: pd.Series) -> pd.Series:
    """The form code lists are compared in: lower case, Thai digits, single spaces."""
    return digits(values).str.lower().str.replace(r"\s+", " ", regex=True)


def code(values: pd.Series, mapping: dict[str, str], allowed: tuple[str, ...]) -> Parsed:
    """A value of a code list: one of ``allowed`` as it is, or a source spelling in ``mapping``."""
    known = {**{a.lower(): a for a in allowed}, **mapping}

    def parse(unique: pd.Series) -> Parsed:
        found = normalise_code(unique).map(known)
        return found, found.isna() & ~blank(unique)

    return by_unique(values, parse)


def flag(values: pd.Series, mapping: dict[str, str]) -> Parsed:
    """Yes or no, in any of the spellings of ``mapping`` (blank is unknown)."""
    found, bad = code(values, mapping, ("true", "false"))
    return found.map({"true": True, "false": False}).astype("boolean"), bad


def present(values: pd.Series) -> Parsed:
    """True where a cell holds a real value: DIW's ESTATE column names the estate, or is empty."""
    cleaned = digits(values)
    return ~(blank(cleaned) | (cleaned == "0")), pd.Series(False, index=values.index)


def to_int_array(values: pd.Series) -> pd.Series:
    """Whole numbers as a nullable integer column (a column with gaps arrives as floats)."""
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")
