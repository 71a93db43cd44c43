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

import pandas as pd


def _empty() -> pd.Series:
    return pd.Series(dtype=object)


@dataclass(frozen=True)
class Registrations:
    """The stored factories by either form of their number."""

    by_id: pd.Series = field(default_factory=_empty)        # 14-digit id -> key
    by_display: pd.Series = field(default_factory=_empty)   # display number -> key, where one factory holds it
    shared: frozenset[str] = frozenset()                    # display numbers several stored factories hold
    ids_of: pd.Series = field(default_factory=_empty)       # key -> 14-digit id (null while unknown)
    displays_of: pd.Series = field(default_factory=_empty)  # key -> display number

    @classmethod
    def of(cls, stored: pd.DataFrame) -> Registrations:
        """From the stored ``factory_id``, ``registration_id`` and ``display_reg``. A key that is
        a display number finds its factory too, should its ``display_reg`` have changed since."""
        keys = stored["factory_id"]
        with_id = stored.dropna(subset=["registration_id"]).drop_duplicates("registration_id")
        counts = stored["display_reg"].value_counts()
        shared = frozenset(counts.index[counts > 1])
        unique = stored[stored["display_reg"].notna() & ~stored["display_reg"].isin(shared)]
        by_display = unique.set_index("display_reg")["factory_id"]
        own = keys[~keys.str.fullmatch("[0-9]{14}") & ~keys.isin(by_display.index) & ~keys.isin(shared)]
        return cls(by_id=with_id.set_index("registration_id")["factory_id"],
                   by_display=pd.concat([by_display, pd.Series(own.to_numpy(), index=own.to_numpy())]),
                   shared=shared, ids_of=stored.set_index("factory_id")["registration_id"],
                   displays_of=stored.set_index("factory_id")["display_reg"])

    def find(self, ids: pd.Series, displays: pd.Series) -> tuple[pd.Series, pd.Series]:
        """For rows that refer to a factory (an inspection, a certificate): its key (null when no
        stored factory has that number), and the rows whose display number several stored
        factories hold (nothing says which is meant)."""
        keys = ids.map(self.by_id)
        keys = keys.where(keys.notna(), displays.map(self.by_display))
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
        from_id, from_display = ids.map(self.by_id), displays.map(self.by_display)
        unlinked = from_display.notna() & from_display.map(self.ids_of).isna()
        conflict = from_id.notna() & unlinked & (from_id != from_display)
        keys = from_id.where(from_id.notna() | ids.isna() | ~unlinked, from_display)
        keys = keys.where(keys.notna() | ids.notna(), from_display)
        shared = ids.isna() & keys.isna() & displays.isin(self.shared)
        pairs = ids.notna() & displays.notna()
        in_file = pd.Series(keys[pairs].where(keys[pairs].notna(), ids[pairs]).to_numpy(),
                            index=displays[pairs].to_numpy())
        in_file = in_file[~in_file.index.duplicated()]
        keys = keys.where(keys.notna() | ids.notna(), displays.map(in_file))
        keys = keys.where(keys.notna(), ids).where(lambda k: k.notna(), displays)
        return keys.astype(object).where(~(conflict | shared), None), conflict, shared
