"""The geographic scope every query is filtered by: the sidebar's region and inspection region,
and the province a page may be focused on. One definition, so that every page counts the same
provinces for the same filters.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data_access.db.schema import provinces


@dataclass(frozen=True)
class Scope:
    """Which provinces are in view; ``None`` means no restriction on that level."""

    region: str | None = None
    inspection_region: int | None = None
    province_code: str | None = None

    def province_condition(self, column: sa.ColumnElement) -> sa.ColumnElement[bool]:
        """A condition on a province-code column restricting it to this scope."""
        conditions = []
        if self.province_code is not None:
            conditions.append(column == self.province_code)
        if self.region is not None or self.inspection_region is not None:
            chosen = sa.select(provinces.c.code)
            if self.region is not None:
                chosen = chosen.where(provinces.c.region == self.region)
            if self.inspection_region is not None:
                chosen = chosen.where(provinces.c.inspection_region == self.inspection_region)
            conditions.append(column.in_(chosen))
        return sa.and_(sa.true(), *conditions)


NATIONAL = Scope()
