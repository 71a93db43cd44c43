"""Finding the header row of an export and what each of its columns is.

The mapping from source headers to our fields is one table, ``assets/ingest/headers.csv``
(kind, header, field): DIW's open-data headers, its GIS extracts' Thai headers (cut to ten
characters by the shapefile format), and the headers of the other exports. Our own column names
are always accepted too, so a table downloaded from the app loads back.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from data_access.ingest.errors import UnreadableFileError
from data_access.ingest.kinds import IGNORED, KINDS, Kind
from data_access.settings import INGEST_HEADER_SCAN_ROWS, INGEST_HEADERS_CSV


def normalise_header(text: object) -> str:
    """The form headers are compared in: no byte-order mark, single spaces, case folded."""
    return re.sub(r"\s+", " ", str(text).replace("\ufeff", "").strip()).casefold()


@lru_cache(maxsize=1)
def header_table() -> dict[str, dict[str, str]]:
    """kind -> {normalised source header -> field} (``-`` for headers known to be of no use)."""
    table: dict[str, dict[str, str]] = {name: {} for name in KINDS}
    for name, kind in KINDS.items():
        table[name].update({normalise_header(f.name): f.name for f in kind.fields})
    with INGEST_HEADERS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[row["kind"]][normalise_header(row["header"])] = row["field"]
    return table


@dataclass(frozen=True)
class Layout:
    """Where the data start and what each column holds."""

    header_row: int
    width: int                       # columns up to the last named one; a row with more is broken
    names: list[str]                 # the header cells, made unique (for the rejects file)
    fields: dict[str, list[int]]     # field -> column positions holding it, in file order
    unused: list[str]                # headers we do not know


def _fields_of(cells: list[str], kind: Kind) -> dict[str, list[int]]:
    known = header_table()[kind.name]
    fields: dict[str, list[int]] = {}
    for position, cell in enumerate(cells):
        field = known.get(normalise_header(cell))
        if field and field != IGNORED:
            fields.setdefault(field, []).append(position)
    return fields


def _satisfies(fields: dict[str, list[int]], kind: Kind) -> bool:
    return all(any(name in fields for name in group) for group in kind.needs)


def _unique_names(cells: list[str]) -> list[str]:
    names, seen = [], set()
    for position, cell in enumerate(cells):
        name = str(cell).replace("\ufeff", "").strip() or f"column_{position + 1}"
        while name in seen:
            name += "_"
        seen.add(name)
        names.append(name)
    return names


def locate(raw: pd.DataFrame, kind: Kind) -> Layout:
    """The first of the top rows that reads as a header of ``kind``.

    A file whose header is not of this kind fails here, before anything is written, with a
    message that says what was expected and, when it is one, which kind the file looks like.
    """
    top = raw.head(INGEST_HEADER_SCAN_ROWS)
    for row in range(len(top)):
        cells = [str(c) for c in top.iloc[row].tolist()]
        fields = _fields_of(cells, kind)
        if _satisfies(fields, kind):
            known = header_table()[kind.name]
            unused = [c.strip() for c in cells if c.strip() and normalise_header(c) not in known]
            width = max(i for i, cell in enumerate(cells) if cell.strip()) + 1
            return Layout(row, width, _unique_names(cells), fields, unused)
    raise _no_header(top, kind)


def _no_header(top: pd.DataFrame, kind: Kind) -> UnreadableFileError:
    for other in KINDS.values():
        if other is not kind and any(
                _satisfies(_fields_of([str(c) for c in top.iloc[r].tolist()], other), other) for r in range(len(top))):
            return UnreadableFileError(f"this file looks like a '{other.name}' export, not '{kind.name}': "
                                       f"choose the kind '{other.name}' to load it", "wrong_kind",
                                       kind=kind.name, other=other.name)
    wanted = "; ".join(" or ".join(_examples(kind, group)) for group in kind.needs)
    return UnreadableFileError(f"no recognisable '{kind.name}' header in the first {INGEST_HEADER_SCAN_ROWS} rows: "
                               f"the file needs columns for {wanted}", "no_header", kind=kind.name, expected=wanted)


def _examples(kind: Kind, group: tuple[str, ...]) -> list[str]:
    """Source headers that feed a group of fields, for the error message."""
    with INGEST_HEADERS_CSV.open(encoding="utf-8") as handle:
        headers = [row["header"] for row in csv.DictReader(handle)
                   if row["kind"] == kind.name and row["field"] in group]
    return [*group, *headers][:4]
