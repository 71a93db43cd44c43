"""Which factory a row means, whichever form of its registration number the file carries.

DIW writes a factory's number two ways: the 14-digit id (the open data's ``FACREG``) and the
display number (``จ3-9(6)-100/51ปจ``; GIS extracts carry only this one). A factory's key,
``factories.factory_id``, is its 14-digit id when the first file that brought it had one, else
its display number; ``registration_id`` and ``display_reg`` keep both forms. So a row that gives
either form finds its factory, and a file that gives both links them: a GIS extract followed by
an open-data export of the same factories (or the other way round) leaves one row per factory.

Lookups go through Arrow's hash lookup of text (:func:`_rows_of`) to positions among the
stored factories: on 80,000 stored numbers pandas' ``map`` took four times as long, and a
position gives a factory's key and its other number at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_access.ingest.parse import objects

_NOWHERE = -1  # the position of a number no stored factory holds


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(values, type=pa.string(), from_pandas=True)


def _rows_of(values: pd.Series, universe: pa.Array) -> np.ndarray:
    """The position in ``universe`` of each value (its first, should it repeat), ``_NOWHERE``
    for a missing value or one not in it."""
    found = pc.index_in(_text(objects(values)), value_set=universe)
    return pc.fill_null(found, _NOWHERE).to_numpy().astype(np.int64)


def _at(values: np.ndarray, rows: np.ndarray, fill: object) -> np.ndarray:
    """``values`` at ``rows``, ``fill`` where a row is ``_NOWHERE``."""
    if not len(values):
        return np.full(len(rows), fill, dtype=values.dtype)
    return np.where(rows == _NOWHERE, fill, values[np.where(rows == _NOWHERE, 0, rows)])


def _taken(values: np.ndarray, rows: np.ndarray, index: pd.Index) -> pd.Series:
    """``values`` at ``rows``, ``None`` where a row is ``_NOWHERE``."""
    return pd.Series(_at(values, rows, None), index=index, dtype=object)


@dataclass(frozen=True)
class _Numbers:
    """Registration numbers of one form, each with the position of the stored factory holding it."""

    numbers: pa.Array = field(default_factory=lambda: _text(np.array([], dtype=object)))
    rows: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))

    @classmethod
    def of(cls, *pairs: tuple[np.ndarray, np.ndarray]) -> _Numbers:
        """From (numbers, their rows) pairs; a number of an earlier pair wins over a later one."""
        return cls(_text(np.concatenate([numbers for numbers, _ in pairs])),
                   np.concatenate([rows for _, rows in pairs]).astype(np.int64))

    def find(self, values: pd.Series) -> np.ndarray:
        """The stored row of each value, ``_NOWHERE`` if none (a column with nothing in it, such
        as a GIS extract's 14-digit ids, is not looked up)."""
        if not len(self.rows) or not values.notna().any():
            return np.full(len(values), _NOWHERE, dtype=np.int64)
        return _at(self.rows, _rows_of(values, self.numbers), _NOWHERE)


@dataclass(frozen=True)
class Registrations:
    """The stored factories by either form of their number."""

    keys: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))  # per stored factory, its key
    ids: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))   # ... its 14-digit id or None
    by_id: _Numbers = field(default_factory=_Numbers)       # 14-digit id -> stored row
    by_display: _Numbers = field(default_factory=_Numbers)  # display number -> stored row, where one factory holds it
    shared: frozenset[str] = frozenset()                    # display numbers several stored factories hold

    @classmethod
    def of(cls, stored: pd.DataFrame) -> Registrations:
        """From the stored ``factory_id``, ``registration_id`` and ``display_reg``. A key that is
        a display number finds its factory too, should its ``display_reg`` have changed since;
        so does a 14-digit key whose ``registration_id`` was never filled in."""
        # Plain objects: pandas' Arrow-backed text builds a Python list for every isin and duplicated.
        keys, ids, displays = (pd.Series(objects(stored[name]), dtype=object)
                               for name in ("factory_id", "registration_id", "display_reg"))
        rows = np.arange(len(keys))
        repeated = displays[displays.notna() & displays.duplicated()]
        unique = (displays.notna() & ~displays.isin(repeated)).to_numpy()
        own = (keys != ids).to_numpy(copy=True)  # keys other than a 14-digit id: display numbers
        if own.any():
            own[own] = ~(keys[own].isin(displays[unique]) | keys[own].isin(repeated)).to_numpy()
        bare = ids.isna().to_numpy(copy=True)
        bare[bare] = keys[bare].str.fullmatch("[0-9]{14}").astype(bool).to_numpy()
        with_id = (ids.notna() & ~ids.duplicated()).to_numpy()
        return cls(keys=keys.to_numpy(), ids=ids.to_numpy(),
                   by_id=_Numbers.of((ids.to_numpy()[with_id], rows[with_id]), (keys.to_numpy()[bare], rows[bare])),
                   by_display=_Numbers.of((displays.to_numpy()[unique], rows[unique]),
                                          (keys.to_numpy()[own], rows[own])),
                   shared=frozenset(repeated))

    def find(self, ids: pd.Series, displays: pd.Series) -> tuple[pd.Series, pd.Series]:
        """For rows that refer to a factory (an inspection, a certificate): its key (null when no
        stored factory has that number), and the rows whose display number several stored
        factories hold (nothing says which is meant)."""
        rows = self.by_id.find(ids)
        rows = np.where(rows == _NOWHERE, self.by_display.find(displays), rows)
        keys = _taken(self.keys, rows, ids.index)
        return keys, keys.isna() & displays.isin(self.shared)

    def assign(self, ids: pd.Series, displays: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
        """For the rows of a registry file: each one's key, the rows whose two forms name two
        stored factories (the display number's has no 14-digit id yet: the same factory stored
        twice, which only a person can merge), and the display-only rows that several stored
        factories could be.

        The 14-digit id decides where there is one: its stored factory, else the stored factory
        the display number names if that one has no id yet (the two forms are linked), else a
        new factory. A display-only row takes the stored factory of its number, else the key of
        a row of the same file that gives that number with an id, else a new key: the number.
        """
        id_rows, display_rows = self.by_id.find(ids), self.by_display.find(displays)
        from_id, from_display = _taken(self.keys, id_rows, ids.index), _taken(self.keys, display_rows, ids.index)
        unlinked = pd.Series((display_rows != _NOWHERE) & (display_rows != id_rows), index=ids.index)
        unlinked &= _taken(self.ids, display_rows, ids.index).isna()  # the display number's factory has no id
        conflict = from_id.notna() & unlinked
        keys = from_id.where(from_id.notna() | ids.isna() | ~unlinked, from_display)
        keys = keys.where(keys.notna() | ids.notna(), from_display)
        shared = ids.isna() & keys.isna() & displays.isin(self.shared)
        pairs = ids.notna() & displays.notna()
        if pairs.any() and (keys.isna() & ids.isna()).any():
            in_file = pd.Series(keys[pairs].where(keys[pairs].notna(), ids[pairs]).to_numpy(),
                                index=displays[pairs].to_numpy())
            in_file = in_file[~in_file.index.duplicated()]
            keys = keys.where(keys.notna() | ids.notna(), displays.map(in_file))
        keys = keys.where(keys.notna(), ids).where(lambda k: k.notna(), displays)
        return keys.astype(object).where(~(conflict | shared), None), conflict, shared
