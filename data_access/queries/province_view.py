"""Everything the visit brief shows about one province at one day, read on one connection: one
cached call for a province's brief, and the same bundle for each province of an inspection
region's. The province page reads each tab's part alone, from the same queries. KPIs are read
apart (:func:`kpi_values.kpi_table`), once for all provinces, since ranks and comparisons need
them all.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from data_access.queries.province import (
    ProvinceHeader,
    district_risk,
    factory_points,
    monthly_trends,
    open_complaints,
    province_emergencies,
    province_header,
    region_provinces,
)
from data_access.queries.visits import visit_list
from data_access.rules.fiscal import Period


@dataclass(frozen=True)
class ProvinceView:
    header: ProvinceHeader
    trends: pd.DataFrame
    districts: pd.DataFrame
    points: pd.DataFrame
    visits: pd.DataFrame
    complaints: pd.DataFrame
    emergencies: pd.DataFrame

    @property
    def code(self) -> str:
        return self.header.code


def province_view(conn: sa.Connection, code: str, period: Period) -> ProvinceView | None:
    """The bundle for province ``code`` in ``period``; ``None`` when no province has that code."""
    day = period.day
    header = province_header(conn, code, day)
    if header is None:
        return None
    return ProvinceView(
        header=header, trends=monthly_trends(conn, code, period), districts=district_risk(conn, code, day),
        points=factory_points(conn, code, day), visits=visit_list(conn, code, period),
        complaints=open_complaints(conn, code, day), emergencies=province_emergencies(conn, code, day),
    )


def region_views(conn: sa.Connection, inspection_region: int, period: Period) -> list[ProvinceView]:
    """The bundle of every province of an inspection region, in code order."""
    return [province_view(conn, code, period) for code in region_provinces(conn, inspection_region)]
