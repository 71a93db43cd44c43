"""The Data page's queries on both engines, against a loaded export worked out by hand: shares of
factories with a point, outside their province or without a type, the list of factories without
a point, and per table its rows and latest load."""
from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.ingest import load_file
from data_access.queries import loads, quality
from tests import ingest_files as files

NO_TYPE = ["10200100000041", "ไม่ทราบ", "โรงงานไม่ระบุประเภท", "", "ชลบุรี", "", "", "", "", "", "", "1", "", "", ""]


def _load(engine, tmp_path) -> None:
    with engine.connect() as conn:
        for path in (files.diw_open_data(tmp_path),
                     files.write_csv(tmp_path / "untyped.csv", files.DIW_HEADER, [NO_TYPE])):
            load_file(conn, "factories", path.read_bytes(), path.name, as_of=date(2026, 11, 22), loaded_by="test")


def test_factory_quality(engine, tmp_path):
    _load(engine, tmp_path)
    with engine.connect() as conn:
        figures = quality.factory_quality(conn).iloc[0].to_dict()
        missing = quality.factories_without_point(conn)
    # the three good rows of the open-data file (one without a point, one outside its province)
    # and one factory without type or point
    assert figures == {"factories": 4, "with_point": 2, "outside_province": 1, "without_type": 1,
                       "not_in_latest_feed": 0}
    assert list(missing["factory_id"]) == ["10100100000002", "10200100000041"]
    assert list(missing["province_th"]) == ["กรุงเทพมหานคร", "ชลบุรี"]


def test_table_status_names_the_latest_load_of_each_table(engine, tmp_path):
    _load(engine, tmp_path)
    with engine.connect() as conn:
        status = loads.table_status(conn).set_index("table")
    assert status.loc["factories", "rows"] == 4
    assert status.loc["factories", "source"] == "untyped.csv" and status.loc["factories", "rejected"] == 0
    assert status.loc["provinces", "rows"] == 77 and pd.isna(status.loc["provinces", "source"])
    assert status.loc["inspections", "rows"] == 0 and pd.isna(status.loc["inspections", "last_load"])
