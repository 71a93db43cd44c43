"""The figures a load stores per province and period (``adoption_figures``, ``headline_figures``,
``kpi_figures``): writing them, and reading back the rows of the periods asked for, in a scope,
with the provinces' names and regions, as the queries that count them live give them.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from data_access.db.bulk import read_frame, replace_rows
from data_access.db.schema import provinces
from data_access.rules.fiscal import Period
from data_access.rules.scope import Scope

p = provinces.c


def stored(conn: sa.Connection, table: sa.Table, periods: Sequence[Period], scope: Scope,
           columns: Sequence[str]) -> pd.DataFrame | None:
    """``columns`` of ``table`` for each of ``periods`` and each province of ``scope``, after
    ``fiscal_year``, ``code``, the names and the regions, in that order; ``None`` unless every
    period is stored. The tables are filled by loads: a database written otherwise, or a period
    no page asks for, is counted live by the caller."""
    c = table.c
    wanted = {(period.fiscal_year, period.day) for period in periods}
    keys = sa.or_(*(sa.and_(c.fiscal_year == year, c.day == day) for year, day in wanted))
    query = (sa.select(sa.cast(c.fiscal_year, sa.Integer).label("fiscal_year"), c.day, p.code, p.name_th, p.name_en,
                       p.region, p.inspection_region, *(c[name] for name in columns))
             .select_from(table.join(provinces, p.code == c.province_code))
             .where(keys, scope.province_condition(c.province_code)).order_by(c.fiscal_year, p.code))
    frame = read_frame(conn, query)
    found = set(zip(frame["fiscal_year"], pd.to_datetime(frame["day"]).dt.date))
    return frame.drop(columns="day") if found == wanted else None


def store(conn: sa.Connection, table: sa.Table, frames: Sequence[pd.DataFrame]) -> int:
    """Make ``table`` hold exactly the rows of ``frames`` (each with ``fiscal_year``, ``day``, the
    province as ``code`` or ``province_code`` and the table's other columns; none when nothing
    was ever loaded); returns the row count."""
    if not frames:
        conn.execute(table.delete())
        return 0
    frame = pd.concat(frames, ignore_index=True).rename(columns={"code": "province_code"})
    return replace_rows(conn, table, frame[[c.name for c in table.columns]])
