"""Finding one factory (data_access/queries/search.py) on tests/small_fixture.py plus two factories
with a Latin name and Thai-digit registration numbers, on both engines; and the sidebar's search
box on every page in AppTest.

Display numbers of the fixture: F1 จ3-101-1/50, F2 จ3-9-2/50, F3 จ3-105-3/50, F4 จ3-3-4/50,
F5 จ3-106-5/50, F6 จ3-3-6/50; added: L1 "Siam Test Chemical Co., Ltd." (น.3-42(1)-15/60สป,
id 11011004201015) and L2 "บริษัท สยามเทสต์ จำกัด" (3-70-126/54, Bangkok).
"""
from __future__ import annotations

import pytest

from data_access.db.bulk import insert_dataframe
from data_access.db.schema import factories
from data_access.queries.search import find_factories, number_key
from tests import small_fixture as fx
from tests.apptest import app_database, open_page

ADDED = {"L1": "11011004201015", "L2": "10101007000126"}


def _with_latin_names(engine) -> None:
    fx.load(engine)
    rows = fx.factories().iloc[[0, 0]].copy()
    rows["factory_id"] = list(ADDED.values())
    rows["name"] = ["Siam Test Chemical Co., Ltd.", "บริษัท สยามเทสต์ จำกัด"]
    rows["display_reg"] = ["น.3-42(1)-15/60สป", "3-70-126/54"]
    rows["province_code"], rows["district_code"] = ["11", "10"], ["1101", "1001"]
    with engine.begin() as conn:
        insert_dataframe(conn, factories, rows)


@pytest.fixture
def loaded(engine):
    _with_latin_names(engine)
    return engine


def _ids(engine, text: str) -> list[str]:
    with engine.connect() as conn:
        return find_factories(conn, text)["factory_id"].tolist()


def test_number_key_ignores_spacing_dashes_case_and_thai_digits():
    assert number_key("จ๓ - ๙(๖)–๑๐๐/๕๑ปจ") == number_key("จ3-9(6)-100/51ปจ") == "จ39(6)100/51ปจ"
    assert number_key("1101 1004 2010 15") == "11011004201015"


def test_every_word_of_a_name_is_found_in_thai_and_latin(loaded):
    assert _ids(loaded, "ทดสอบ 1") == [fx.F[1]]
    assert set(_ids(loaded, "ทดสอ")) == set(fx.F.values())          # a part of a word
    assert _ids(loaded, "siam TEST") == [ADDED["L1"]]                # Latin, any case
    assert _ids(loaded, "สยามเทส") == [ADDED["L2"]]
    assert _ids(loaded, "ทดสอบ เคมี") == []                          # both words must be there


def test_either_registration_form_typed_any_way(loaded):
    assert _ids(loaded, "11011004201015") == [ADDED["L1"]]           # the 14-digit id
    assert _ids(loaded, "1101 1004 2010 15") == [ADDED["L1"]]        # with spaces
    assert _ids(loaded, "น.๓-๔๒(๑)-๑๕/๖๐สป") == [ADDED["L1"]]        # display form, Thai digits
    assert _ids(loaded, "3 - 70 - 126/54") == [ADDED["L2"]]
    assert _ids(loaded, "จ3-9-2/50")[0] == fx.F[2]                   # the exact number first


def test_nothing_typed_or_nothing_found(loaded):
    assert _ids(loaded, "   ") == [] and _ids(loaded, "ไม่มีโรงงานนี้") == []
    assert _ids(loaded, "100%_' OR '1'='1") == []                    # taken literally, not as SQL


def test_the_best_match_comes_first_and_the_list_is_short(loaded):
    with loaded.connect() as conn:
        found = find_factories(conn, "บริษัท", limit=3)
    assert len(found) == 3
    # names starting with the text first, then the highest risk: F1 critical 75.0, F3 high 45.9
    assert found["factory_id"].tolist()[:2] == [fx.F[1], fx.F[3]]
    assert set(found.columns) >= {"name", "display_reg", "province_th", "district_en", "band"}


@pytest.fixture
def search_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(duckdb_url, monkeypatch, _with_latin_names)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/risk.py", "pages/province.py", "pages/data.py"])
def test_the_search_box_is_on_every_page(search_app_db, page):
    app = open_page(page)
    app.sidebar.text_input(key="factory_search").input("siam test").run()
    assert not app.exception, app.exception
    links = [link.proto for link in app.sidebar.get("page_link")]  # the results (the alert links elsewhere)
    assert [link.label.split(" · ")[0] for link in links] == ["Siam Test Chemical Co., Ltd."]
    assert links[0].page == "risk" and "factory=11011004201015" in links[0].query_string  # opens its card
