"""Reading an export into a grid of text, whatever its format: CSV in UTF-8 (with or without a
byte-order mark), UTF-16 or TIS-620 / cp874, or an Excel workbook (.xlsx).

Every cell comes back as text ("" when empty) and no header is applied yet, because exports
often carry title lines above their header (headers.py finds it). Reading everything as text keeps
the parsing in one place for both formats and lets the rejects file show rows as they were.
"""
from __future__ import annotations

import codecs
import csv
import io
import math
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time

import pandas as pd

from data_access.ingest.errors import UnreadableFileError
from data_access.settings import INGEST_HEADER_SCAN_ROWS

_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 65_536
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


@dataclass(frozen=True)
class RawTable:
    """The cells of an export, before its header is known."""

    frame: pd.DataFrame            # text cells, columns numbered 0..n-1
    file_format: str               # e.g. "CSV, cp874" or "Excel"
    bad_lines: list[list[str]] = field(default_factory=list)  # CSV lines with too many fields


def read_table(data: bytes) -> RawTable:
    """The cells of ``data``; :class:`UnreadableFileError` when it is neither CSV nor .xlsx."""
    if not data or data.isspace():  # without copying the file, as data.strip() would
        raise UnreadableFileError("the file is empty", "empty")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFileError("this is an old binary Excel file (.xls): save it as .xlsx or CSV and load that",
                                  "old_xls")
    text, encoding = decode(data)
    return _read_csv(text, encoding, data if encoding == "utf-8" else text.encode("utf-8"))


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in: a byte-order mark decides, else UTF-8 if the
    bytes are valid UTF-8, else Thai Windows (cp874, a superset of TIS-620)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(f"the file starts as {encoding} text but is not: {exc.reason}",
                                          "bad_encoding", encoding=encoding) from exc
    if b"\x00" in data[:_SAMPLE_CHARS]:
        raise UnreadableFileError("this is not a CSV or Excel (.xlsx) file", "not_a_table")
    for encoding in ("utf-8", "cp874"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError("this is not a CSV or Excel (.xlsx) file: its text is neither UTF-8 nor Thai (TIS-620)",
                              "not_a_table")


def _delimiter(sample: str) -> str:
    """The separator used most in the first lines (Thai text holds few commas, fewer of the rest)."""
    lines = sample.splitlines()[: INGEST_HEADER_SCAN_ROWS * 2] or [""]
    counts = {d: max(line.count(d) for line in lines) for d in _DELIMITERS}
    return max(counts, key=counts.get)


def _read_csv(text: str, encoding: str, utf8: bytes) -> RawTable:
    """``text`` as a grid; ``utf8`` is the same text in UTF-8 for Arrow's reader (the file's own
    bytes when it is UTF-8 already: encoding a registry again added a quarter to its reading)."""
    sample = text[:_SAMPLE_CHARS]
    delimiter = _delimiter(sample)
    head = list(csv.reader(io.StringIO(sample), delimiter=delimiter))[: INGEST_HEADER_SCAN_ROWS * 2]
    width = max((len(row) for row in head), default=1)
    label = f"CSV, {encoding.replace('-sig', ' with BOM')}"
    options = {"sep": delimiter, "header": None, "dtype": str, "keep_default_na": False}
    try:  # Arrow's reader is four times faster, but takes only a rectangular file
        frame = pd.read_csv(io.BytesIO(utf8), names=[str(i) for i in range(width)],
                            engine="pyarrow", **options)
        return RawTable(frame.fillna("").set_axis(range(width), axis=1), label)
    except (pd.errors.ParserError, ValueError):
        pass
    try:  # title lines above the header have fewer fields: pandas pads them
        frame = pd.read_csv(io.StringIO(text), names=range(width), na_filter=False, engine="c", **options)
        return RawTable(frame.fillna(""), label)
    except pd.errors.ParserError:
        return _read_ragged_csv(text, delimiter, width, label)


def _read_ragged_csv(text: str, delimiter: str, width: int, label: str) -> RawTable:
    """The slow path for a CSV with lines that hold more fields than its header (an unquoted
    separator inside a name, say): those lines are set aside for the rejects file."""
    rows, bad = [], []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            bad.append(row[: width - 1] + [delimiter.join(row[width - 1:])])
        else:
            rows.append(row + [""] * (width - len(row)))
    return RawTable(pd.DataFrame(rows, columns=range(width), dtype=str), label, bad)


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text it shows: whole numbers without ".0", dates as ISO."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time() else value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> RawTable:
    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFileError(f"this is not a readable Excel (.xlsx) workbook: {exc}", "not_xlsx") from exc
    frame = frame.map(_cell_text)
    frame = frame[(frame != "").any(axis=1)].reset_index(drop=True)
    frame.columns = range(frame.shape[1])
    return RawTable(frame, "Excel")
