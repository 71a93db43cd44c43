"""What a slide of the seminar deck shows, as values: built by :mod:`components.plumbing.deck`
from the cached reads, drawn on screen by :mod:`components.slides` and into the take-home files
by :mod:`components.brief.deck`."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_access.queries.emergencies import Board
from data_access.rules.deck import Slide


@dataclass(frozen=True)
class Bars:
    """A ranked bar chart of a slide: ``frame`` has ``label`` and ``value`` in the order shown;
    ``metric`` gives the unit."""

    title: str
    frame: pd.DataFrame = field(repr=False)
    metric: str


@dataclass(frozen=True)
class SlideData:
    """What one slide shows, as values: headline cards (``kpi``, ``value``, ``previous``), the
    emergency board, a province map of ``metric``, ranked bars, and where the figures come from."""

    slide: Slide
    title: str
    note: str
    cards: pd.DataFrame | None = field(default=None, repr=False)
    board: Board | None = field(default=None, repr=False)
    provinces: pd.DataFrame | None = field(default=None, repr=False)
    metric: str | None = None
    bars: tuple[Bars, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing measured to show (the slide is left out)."""
        cards_blank = self.cards is None or self.cards["value"].isna().all()
        bars_blank = all(bar.frame.empty for bar in self.bars)
        return cards_blank and bars_blank and self.board is None
