"""Finding one factory: by a part of its name, or by its registration number in either form (the
14-digit id or the display number ``จ3-9(6)-100/51ปจ``), as a person types it: Thai or Latin
letters in any case, Thai or Arabic digits, with or without spaces and dashes.

Every word of the text must be found (``ทดสอบ เคมี`` finds "บริษัท ทดสอบ เคมี จำกัด"); a
registration number matches whatever the spacing and dashes it is typed with. Exact numbers come
first, then names that start with the text, then the highest risk scores.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data_access.db.bulk import read_frame
from data_access.db.schema import districts, factories, factory_risk, provinces
from data_access.settings import SEARCH_MAX_RESULTS

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
# Characters a registration number is typed with that do not tell one number from another.
_SEPARATORS = " -\u2010\u2011\u2012\u2013\u2014"


def number_key(text: str) -> str:
    """A registration number as it is compared: Arabic digits, lower case, no spaces or dashes."""
    digits = str.maketrans(THAI_DIGITS, "0123456789", _SEPARATORS)
    return text.translate(digits).lower()


def _number_key_sql(column: sa.ColumnElement) -> sa.ColumnElement:
    """:func:`number_key` in SQL (``translate`` drops the characters it has no replacement for,
    the same on DuckDB and PostgreSQL)."""
    return sa.func.lower(sa.func.translate(column, THAI_DIGITS + _SEPARATORS, "0123456789"))


def find_factories(conn: sa.Connection, text: str, limit: int = SEARCH_MAX_RESULTS) -> pd.DataFrame:
    """Factories whose name holds every word of ``text`` or whose registration number holds it,
    best match first: ``factory_id``, ``display_reg``, ``name``, ``status``, province and
    district names, ``score``, ``band`` (empty for a factory not scored, e.g. struck off)."""
    words = text.split()
    key = number_key(text)
    if not words or not key:
        return pd.DataFrame(columns=["factory_id", "display_reg", "name", "status", "province_th", "province_en",
                                     "district_th", "district_en", "score", "band"])
    f, p, d, r = factories.c, provinces.c, districts.c, factory_risk.c
    by_name = sa.and_(*(f.name.ilike(f"%{_escaped(word)}%", escape="\\") for word in words))
    by_number = sa.or_(_number_key_sql(f.display_reg).contains(key, autoescape=True),
                       f.factory_id.contains(key, autoescape=True))
    exact = sa.or_(_number_key_sql(f.display_reg) == key, f.factory_id == key)
    rank = sa.case((exact, 0), (f.name.ilike(f"{_escaped(text.strip())}%", escape="\\"), 1), else_=2)
    query = (sa.select(f.factory_id, f.display_reg, f.name, f.status, p.name_th.label("province_th"),
                       p.name_en.label("province_en"), d.name_th.label("district_th"),
                       d.name_en.label("district_en"), r.score, r.band)
             .select_from(factories.join(provinces, p.code == f.province_code)
                          .outerjoin(districts, d.code == f.district_code)
                          .outerjoin(factory_risk, r.factory_id == f.factory_id))
             .where(sa.or_(by_name, by_number))
             .order_by(rank, r.score.desc().nulls_last(), f.name, f.factory_id).limit(limit))
    return read_frame(conn, query)


def _escaped(text: str) -> str:
    """``text`` with the wildcards of LIKE taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
