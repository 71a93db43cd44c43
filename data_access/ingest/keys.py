"""Which factory a row means, whichever form of its registration number the file carries.

DIW writes a factory's number two ways: the 14-digit id (the open data's ``FACREG``) and the
display number (``จ3-9(6)-100/51ปจ``; GIS extracts carry only this one). A factory's key,
``factories.factory_id``, is its 14-digit id when the first file that brought it had one, else
its display number; ``registration_id`` and ``display_reg`` keep both forms. So a row that gives
either form finds its factory, and a file that gives both links them: a GIS extract followed by
an open-data export of the same factories (or the other way round) leaves one row per factory.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access.ingest.parse import objects


def _empty() -> pd.Series:
    return pd.Series(dtype=object)


@dataclass(frozen=True)
class Registrations:
    """The stored factories by either form of their number."""

    by_id: pd.Series = field(default_factory=_empty)        # 14-digit id -> key
    by_display: pd.Series = field(default_factory=_empty)   # display number -> key, where one factory holds it
    shared: frozenset[str] = frozenset()                    # display numbers several stored factories hold
    ids_of: pd.Series = field(default_factory=_empty)       # key -> 14-digit id (null while unknown)

    @classmethod
    def of(cls, stored: pd.DataFrame) -> Registrations:
        """From the stored ``factory_id``, ``registration_id`` and ``display_reg``. A key that is
        a display number finds its factory too, should its ``display_reg`` have changed since;
        so does a 14-digit key whose ``registration_id`` was never filled in."""
        # Plain objects: pandas' Arrow-backed text builds a Python list for every isin and map.
        keys, ids, displays = (pd.Series(objects(stored[name]), dtype=object)
                               for name in ("factory_id", "registration_id", "display_reg"))
        repeated = displays[displays.notna() & displays.duplicated()]
        unique = displays.notna() & ~displays.isin(repeated)
        own = keys[keys != ids]  # keys that are display numbers: a few (looking through every key took long)
        own = own[~own.isin(displays[unique]) & ~own.isin(repeated)] if len(own) else own
        bare = keys[ids.isna()]
        bare = bare[bare.str.fullmatch("[0-9]{14}").astype(bool)]
        with_id = ids.notna() & ~ids.duplicated()
        return cls(by_id=_mapping(ids[with_id], keys[with_id], bare, bare),
                   by_display=_mapping(displays[unique], keys[unique], own, own),
                   shared=frozenset(repeated), ids_of=pd.Series(ids.to_numpy(), index=keys.to_numpy(), dtype=object))

    def find(self, ids: pd.Series, displays: pd.Series) -> tuple[pd.Series, pd.Series]:
        """For rows that refer to a factory (an inspection, a certificate): its key (null when no
        stored factory has that number), and the rows whose display number several stored
        factories hold (nothing says which is meant)."""
        keys = _lookup(ids, self.by_id)
        keys = keys.where(keys.notna(), _lookup(displays, self.by_display))
        return keys.astype(object), keys.isna() & displays.isin(self.shared)

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
        from_id, from_display = _lookup(ids, self.by_id), _lookup(displays, self.by_display)
        unlinked = pd.Series(False, index=ids.index)
        other = from_display.notna() & (from_display != from_id)  # the usual row names one factory twice
        if other.any():
            unlinked[other] = _lookup(from_display[other], self.ids_of).isna()
        conflict = from_id.notna() & unlinked & (from_id != from_display)
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


def _mapping(index: pd.Series, values: pd.Series, more_index: pd.Series, more_values: pd.Series) -> pd.Series:
    """``index`` -> ``values``, then ``more_index`` -> ``more_values``, joined as plain arrays
    (appending pandas indexes of objects infers their type again: a tenth of a second)."""
    return pd.Series(np.concatenate([values.to_numpy(), more_values.to_numpy()]),
                     index=np.concatenate([index.to_numpy(), more_index.to_numpy()]), dtype=object)


def _lookup(values: pd.Series, mapping: pd.Series) -> pd.Series:
    """``values.map(mapping)``, skipped for a column with nothing in it (a GIS extract has no
    14-digit id at all)."""
    if not values.notna().any() or mapping.empty:
        return pd.Series(None, index=values.index, dtype=object)
    return values.map(mapping)
