"""DIW's real exports as they come, on DuckDB and PostgreSQL: a GIS extract that carries only
display registration numbers and blank names, then the open-data export of the same factories
(and the other way round) without a duplicate, and full exports that would mark too many
factories as gone."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access.db import schema
from data_access.ingest.errors import MissingShareError
from data_access.ingest.keys import Registrations
from tests import ingest_files as files
from tests.test_ingest_load import assert_same, load, rows, snapshot

A, B, C, D, E, F, G = files.GIS_EXTRACT_KEYS
IDS = {A: "10250090600100", B: "10250340400021", C: "10250641300037", D: "10250340400022", E: "11251050000005",
       F: "10250700000126", G: "10250030000007"}
BANGKOK_ID = "10100710000002"


def stored(engine) -> pd.DataFrame:
    return rows(engine, schema.factories).set_index("factory_id")


def test_a_gis_extract_loads_by_its_display_numbers(engine, tmp_path):
    report = load(engine, "factories", files.gis_extract_tis620(tmp_path))
    assert (report.rows_read, report.rows_accepted, report.rows_rejected, report.exit_code) == (9, 7, 2, 1)
    assert dict(report.reasons) == {"missing:name": 1, "bad_id:factory_id": 1}
    assert dict(report.flags) == {"name_from_operator": 2, "outside_province": 1, "province_mismatch": 1,
                                  "district_mismatch": 1}
    assert report.rejects.set_index("เลขทะเบียน")["reason"].to_dict() == {
        "จ3-3-8/55ปจ": "missing:name", "ปจ-๑๒๓": "bad_id:factory_id"}
    factories = stored(engine)
    assert list(factories.index) == sorted(files.GIS_EXTRACT_KEYS)  # the keys are the normalised numbers
    assert factories["display_reg"].to_dict() == {key: key for key in files.GIS_EXTRACT_KEYS}
    assert factories["registration_id"].isna().all()  # the extract does not carry the 14-digit id

    a = factories.loc[A]
    assert (a["name"], a["name_source"], a["category"], a["factory_type"], a["tsic_code"]) == (
        "บริษัท ปราจีนอาหาร จำกัด", "file", 3, 9, "10750")
    assert (a["horsepower"], a["workers"], a["capital_thb"]) == (1250.5, 60, 5_000_000)
    assert pd.Timestamp(a["registered_on"]).date() == date(2008, 3, 15)  # Excel serial 39522
    assert (a["province_code"], a["district_code"], a["subdistrict_code"]) == ("25", "2501", "250101")
    assert (a["lat"], a["lon"], a["coord_precision"], a["coord_source"]) == (14.051, 101.372, "exact", "diw_gis")
    assert not a["coord_outside_province"]

    b = factories.loc[B]  # Thai digits, a blank name
    assert (b["name"], b["name_source"], b["category"], b["factory_type"]) == ("นายสมชาย ใจดี", "operator", 3, 34)
    assert (b["horsepower"], b["workers"], b["capital_thb"], b["subdistrict_code"]) == (75, 10, 1_200_000, "250102")
    assert pd.isna(b["lat"]) and pd.isna(b["coord_precision"]) and pd.isna(b["coord_source"])
    assert pd.Timestamp(b["registered_on"]).date() == date(2008, 6, 1)

    c = factories.loc[C]
    assert (c["category"], c["factory_type"], c["district_code"], c["subdistrict_code"]) == (2, 64, "2502", "250201")
    assert (c["coord_precision"], pd.Timestamp(c["registered_on"]).date()) == ("approximate", date(2005, 2, 17))
    d = factories.loc[D]
    assert (d["name"], d["name_source"]) == ("นางสาววันเพ็ญ ทองดี", "operator") and pd.isna(d["subdistrict_code"])
    assert pd.Timestamp(d["registered_on"]).date() == date(2008, 9, 9)  # "39700.0"
    assert (factories.loc[E, "factory_type"], factories.loc[E, "district_code"]) == (105, "2508")
    assert factories.loc[F, "coord_outside_province"] and factories.loc[F, "province_code"] == "25"
    assert (factories.loc[G, "province_code"], factories.loc[G, "district_code"]) == ("25", "2507")  # codes win


def _assert_one_row_per_factory(engine) -> pd.DataFrame:
    factories = stored(engine)
    assert len(factories) == 8
    assert factories["registration_id"].is_unique and factories["display_reg"].is_unique
    assert set(factories["registration_id"]) == {*IDS.values(), BANGKOK_ID}
    return factories


def test_a_gis_extract_then_the_open_data_export_links_the_two_forms(engine, tmp_path):
    load(engine, "factories", files.gis_extract_tis620(tmp_path))
    report = load(engine, "factories", files.open_data_export(tmp_path))
    assert (report.rows_accepted, report.rows_rejected, report.inserted, report.updated, report.exit_code) == (
        8, 0, 1, 7, 0)
    factories = _assert_one_row_per_factory(engine)
    assert factories.loc[list(IDS), "registration_id"].to_dict() == IDS  # the GIS keys stay, now linked
    assert factories.loc[BANGKOK_ID, ["display_reg", "province_code"]].tolist() == ["3-71-2/60", "10"]
    b = factories.loc[B]  # the open data names the factory: that name is the file's own
    assert (b["name"], b["name_source"], b["coord_source"], b["coord_precision"]) == (
        "อู่สมชายการช่าง", "file", "diw_open_data", "exact")
    assert factories.loc[C, "coord_precision"] == "exact"  # now given to 4 decimals
    e = factories.loc[E]  # no point in the open data: the extract's stays
    assert (e["lat"], e["coord_source"], e["in_estate"]) == (13.88, "diw_gis", True)
    assert not factories.loc[F, "coord_outside_province"]  # the digit error is corrected
    assert factories.loc[D, "status"] == "stopped"


def test_the_open_data_export_then_a_gis_extract_finds_the_factories_by_display_number(engine, tmp_path):
    load(engine, "factories", files.open_data_export(tmp_path))
    report = load(engine, "factories", files.gis_extract_tis620(tmp_path))
    assert (report.rows_accepted, report.inserted, report.rows_rejected) == (7, 0, 2)
    factories = _assert_one_row_per_factory(engine)
    assert set(factories.index) == {*IDS.values(), BANGKOK_ID}  # keyed by the 14-digit ids
    assert factories.set_index("registration_id").loc[list(IDS.values()), "display_reg"].tolist() == list(IDS)
    b = factories.loc[IDS[B]]  # the extract's blank name does not replace the one stored
    assert (b["name"], b["name_source"], b["subdistrict_code"]) == ("อู่สมชายการช่าง", "file", "250102")
    assert "name_from_operator" not in report.flags
    assert factories.loc[IDS[F], "coord_outside_province"]  # the later file's point, flagged again


def test_other_exports_refer_to_a_factory_by_either_form(engine, tmp_path):
    load(engine, "factories", files.gis_extract_tis620(tmp_path))
    path = files.write_csv(tmp_path / "insp.csv", files.INSPECTION_HEADER, [
        ["1", "จ๓-๙(๖)-๑๐๐/๕๑ปจ", "2026-01-20", "เจ้าหน้าที่", "ผ่าน", "", "", ""],  # A, Thai digits
        ["2", "3 - 34(4) - 22/51 ปจ", "2026-01-21", "เจ้าหน้าที่", "ผ่าน", "", "", ""],  # D, spaced
        ["3", "10250090600100", "2026-01-22", "เจ้าหน้าที่", "ผ่าน", "", "", ""],  # A's id: not linked yet
        ["4", "จ3-9(6)-999/51ปจ", "2026-01-23", "เจ้าหน้าที่", "ผ่าน", "", "", ""],
    ])
    report = load(engine, "inspections", path)
    assert dict(report.reasons) == {"unknown_factory": 2}
    assert rows(engine, schema.inspections)["factory_id"].tolist() == [A, D]
    load(engine, "factories", files.open_data_export(tmp_path))
    again = load(engine, "inspections", path)
    assert (again.inserted, dict(again.reasons)) == (1, {"unknown_factory": 1})
    assert rows(engine, schema.inspections)["factory_id"].tolist() == [A, D, A]  # the id finds A's key


def test_two_stored_factories_named_by_one_row_are_refused(engine, tmp_path):
    load(engine, "factories", files.gis_extract_tis620(tmp_path))
    load(engine, "factories", files.write_csv(tmp_path / "one.csv", files.OPEN_DATA_HEADER, [files.OPEN_DATA_ROWS[7]]))
    # A's number with the Bangkok factory's id: the same factory would be stored twice
    row = [BANGKOK_ID, *files.OPEN_DATA_ROWS[0][1:]]
    report = load(engine, "factories", files.write_csv(tmp_path / "both.csv", files.OPEN_DATA_HEADER, [row]))
    assert dict(report.reasons) == {"conflicting_ids": 1} and report.exit_code == 2


# --- full exports --------------------------------------------------------------------------------

def _province_registry(tmp_path, name: str, count: int, start: int = 1) -> object:
    """``count`` operating factories in Chon Buri and three in Bangkok."""
    chonburi = [(f"1020030000{i:04d}", f"โรงงาน {i}", "ชลบุรี", "1", 10, "") for i in range(start, start + count)]
    bangkok = [(f"1010030000{i:04d}", f"โรงงาน กทม {i}", "กรุงเทพมหานคร", "1", 10, "") for i in range(1, 4)]
    return files.registry(tmp_path, name, chonburi + bangkok)


def test_a_truncated_full_export_is_refused_and_says_what_it_would_mark(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    before = snapshot(engine)
    with pytest.raises(MissingShareError) as refused:
        load(engine, "factories", _province_registry(tmp_path, "cut.csv", 17), full_export=True)
    assert refused.value.code == "too_many_missing"
    preview = refused.value.preview
    assert preview[["province_code", "operating", "missing", "missing_operating"]].values.tolist() == [
        ["20", 20, 3, 3]]
    assert preview["share"].tolist() == [pytest.approx(0.15)]
    assert "Chon Buri, 15%" in str(refused.value) and "--confirm-missing" in str(refused.value)
    assert_same(before, snapshot(engine))  # nothing stored was lost


def test_a_dry_run_of_a_truncated_full_export_is_refused_too(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    with pytest.raises(MissingShareError):
        load(engine, "factories", _province_registry(tmp_path, "cut.csv", 17), full_export=True, dry_run=True)


def test_a_confirmed_full_export_marks_them(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    report = load(engine, "factories", _province_registry(tmp_path, "cut.csv", 17), full_export=True,
                  confirm_missing=True)
    assert report.marked_missing == 3
    assert report.missing[["province_code", "missing_operating"]].values.tolist() == [["20", 3]]
    assert (~stored(engine)["in_latest_feed"]).sum() == 3


def test_a_full_export_within_the_share_needs_no_confirmation(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    report = load(engine, "factories", _province_registry(tmp_path, "newer.csv", 18), full_export=True)
    assert report.marked_missing == 2  # 2 of 20: 10%, not more


def test_a_one_province_extract_as_a_full_export_is_refused_for_the_others(engine, tmp_path):
    load(engine, "factories", _province_registry(tmp_path, "all.csv", 20))
    chonburi_only = [(f"1020030000{i:04d}", f"โรงงาน {i}", "ชลบุรี", "1", 10, "") for i in range(1, 21)]
    with pytest.raises(MissingShareError) as refused:
        load(engine, "factories", files.registry(tmp_path, "chonburi.csv", chonburi_only), full_export=True)
    assert refused.value.preview[["province_code", "operating", "missing_operating", "share"]].values.tolist() == [
        ["10", 3, 3, 1.0]]


def test_registry_rows_take_their_keys_from_either_form_linked_shared_or_conflicting():
    stored = pd.DataFrame({"factory_id": ["10200100000001", "10200100000002", "จ3-1-5/50ชบ"],
                           "registration_id": ["10200100000001", "10200100000002", None],
                           "display_reg": ["จ3-3-1/50ชบ", "จ3-3-1/50ชบ", "จ3-1-5/50ชบ"]})
    ids = pd.Series([None, "10200100000003", "10200100000001", None, "10200100000009", "10200100000002"])
    displays = pd.Series(["จ3-3-1/50ชบ", "จ3-1-5/50ชบ", "จ3-1-5/50ชบ", "จ3-2-9/51ชบ", "จ3-2-9/51ชบ", None])
    keys, conflict, shared = Registrations.of(stored).assign(ids, displays)
    assert keys.tolist() == [None,               # two stored factories hold this display number
                             "จ3-1-5/50ชบ",      # a new id linked to the stored display-only factory
                             None,               # its id and its display number name two stored factories
                             "10200100000009",   # display only: the key of the row of this file that gives both
                             "10200100000009", "10200100000002"]
    assert conflict.tolist() == [False, False, True, False, False, False]
    assert shared.tolist() == [True, False, False, False, False, False]
    found, ambiguous = Registrations.of(stored).find(pd.Series([None, None]), pd.Series(["จ3-3-1/50ชบ", "จ9-9-9/99"]))
    assert found.isna().all() and ambiguous.tolist() == [True, False]


def test_a_stored_factory_is_found_by_either_form_and_by_a_bare_14_digit_key():
    stored = pd.DataFrame({"factory_id": ["10200100000001", "จ3-9(6)-100/51ปจ", "10200100000003"],
                           "registration_id": ["10200100000001", None, None],
                           "display_reg": ["จ3-3-1/50ชบ", "จ3-9(6)-100/51ปจ", "จ3-3-3/50ชบ"]})
    registrations = Registrations.of(stored)
    ids = pd.Series(["10200100000001", None, "10200100000003", None, "10999900000099"])
    displays = pd.Series([None, "จ3-9(6)-100/51ปจ", None, "จ3-3-3/50ชบ", None])
    keys, shared = registrations.find(ids, displays)
    assert keys.tolist()[:4] == ["10200100000001", "จ3-9(6)-100/51ปจ", "10200100000003", "10200100000003"]
    assert pd.isna(keys.iloc[4])  # no stored factory has this id
    assert not shared.any()
