"""Coordinates for the factories of tests/small_fixture.py, for the risk map's tests.

A separate helper so that the small fixture's own rows and counts stay as they are. F1 sits in
Samut Prakan, F3 and F5 in the same H3 cell (resolution 5) in Chiang Mai; F2 keeps no point (the
table lists it, the map leaves it out). F1's latitude has more decimals than the map sends.
"""
from __future__ import annotations

import sqlalchemy as sa

from data_access.db.schema import factories
from tests.small_fixture import F

COORDS = {1: (13.599987, 100.596812), 3: (18.7883, 98.9853), 5: (18.7901, 98.9912)}


def place_factories(engine: sa.Engine) -> None:
    """Give F1, F3 and F5 exact coordinates."""
    with engine.begin() as conn:
        for n, (lat, lon) in COORDS.items():
            conn.execute(factories.update().where(factories.c.factory_id == F[n])
                         .values(lat=lat, lon=lon, coord_precision="exact"))
