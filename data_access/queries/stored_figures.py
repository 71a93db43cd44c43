"""The figures every load counts once and stores, so that a page reads them instead of counting
them: adoption per province and fiscal year (:func:`adoption.refresh_figures`), the overview's
headline counts (:func:`overview.refresh_figures`) and the KPI values of the scorecards
(:func:`kpi_values.refresh_figures`), for every fiscal year a user can choose.

The demo generator and the importer call :func:`refresh` inside their own transaction, after the
risk scores, so the stored figures are always those of the tables; the readers count live any
period that was not stored.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from data_access.db.schema import adoption_figures, headline_figures, kpi_figures
from data_access.queries import adoption, kpi_values, overview

STORED_TABLES = (adoption_figures, headline_figures, kpi_figures)


def refresh(conn: sa.Connection, as_of: date | None) -> dict[str, int]:
    """Count and store every stored figure for data of ``as_of`` (the data's as-of date after
    the load; ``None`` when nothing was ever loaded); returns the rows stored per table."""
    return {adoption_figures.name: adoption.refresh_figures(conn, as_of),
            headline_figures.name: overview.refresh_figures(conn, as_of),
            kpi_figures.name: kpi_values.refresh_figures(conn, as_of)}
