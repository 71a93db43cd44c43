"""How complete the factory data are: points that can be drawn, points outside their province,
factories without a type, factories no longer in the registry feed, names that are the
operator's, factories without the 14-digit id.

A factory without a point still counts in every KPI (no KPI reads coordinates); the maps only
cannot draw it, so the Data page lists those factories for someone to locate.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.db.bulk import read_frame
from data_access.db.schema import factories, provinces
from data_access.settings import NAME_FROM_OPERATOR


def has_point() -> sa.ColumnElement[bool]:
    """Factories the maps can draw."""
    return sa.and_(factories.c.lat.is_not(None), factories.c.lon.is_not(None))


def factory_quality(conn: sa.Connection) -> pd.DataFrame:
    """One row: factories stored, with a point, with a point outside their province, without a
    type, and no longer in the latest full registry export."""
    f = factories.c
    query = sa.select(
        sa.func.count().label("factories"),
        sa.func.count().filter(has_point()).label("with_point"),
        sa.func.count().filter(f.coord_outside_province).label("outside_province"),
        sa.func.count().filter(f.factory_type.is_(None)).label("without_type"),
        sa.func.count().filter(sa.not_(f.in_latest_feed)).label("not_in_latest_feed"),
    )
    return read_frame(conn, query)


def registration_quality(conn: sa.Connection) -> pd.DataFrame:
    """One row: factories named after their operator (the export left the name blank) and
    factories known by their display number only (no 14-digit id yet)."""
    f = factories.c
    query = sa.select(
        sa.func.count().filter(f.name_source == NAME_FROM_OPERATOR).label("from_operator"),
        sa.func.count().filter(f.registration_id.is_(None)).label("without_registration_id"),
    )
    return read_frame(conn, query)


def factories_without_point(conn: sa.Connection) -> pd.DataFrame:
    """The factories the maps cannot draw, by province then registration id."""
    f, p = factories.c, provinces.c
    query = (
        sa.select(f.factory_id, f.display_reg, f.name, f.province_code, p.name_th.label("province_th"),
                  p.name_en.label("province_en"), f.district_code, f.status)
        .select_from(factories.join(provinces, p.code == f.province_code))
        .where(sa.not_(has_point()))
        .order_by(f.province_code, f.factory_id)
    )
    return read_frame(conn, query)
