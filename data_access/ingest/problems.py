"""What is wrong with the rows of a file (reasons that reject a row) or worth a look (flags on rows
that load), each collected as one boolean mask over the file's rows."""
from __future__ import annotations

import numpy as np
import pandas as pd


class Marks:
    """Named masks over the rows of a file: the reasons that reject them, or the flags on them."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self.masks: dict[str, pd.Series] = {}

    def add(self, name: str, mask: pd.Series) -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            self.masks[name] = self.masks.get(name, False) | mask

    def any(self) -> pd.Series:
        found = pd.Series(False, index=self.index)
        for mask in self.masks.values():
            found |= mask
        return found

    def counts(self, rows: pd.Series | None = None) -> dict[str, int]:
        """How many rows carry each mark (of ``rows`` only, when given)."""
        return {name: int((mask & rows).sum() if rows is not None else mask.sum()) for name, mask in self.masks.items()}

    def text(self, rows: pd.Index) -> pd.Series:
        """The marks of ``rows``, joined with "; "."""
        parts = pd.DataFrame({name: np.where(mask.loc[rows], name, "") for name, mask in self.masks.items()},
                             index=rows)
        return parts.apply(lambda row: "; ".join(r for r in row if r), axis=1) if len(parts.columns) else \
            pd.Series("", index=rows)
