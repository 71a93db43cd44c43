"""Reading messy exports without a database: encodings, separators, header rows, Thai digits,
Buddhist Era and Excel dates, type codes, province names, and the mapping tables themselves."""
from __future__ import annotations

import csv
from datetime import date, datetime

import pandas as pd
import pytest

from data_access import settings as cfg
from data_access.ingest import parse, places
from data_access.ingest.errors import UnreadableFileError
from data_access.ingest.headers import header_table, locate
from data_access.ingest.kinds import IGNORED, KINDS
from data_access.ingest.reader import read_table
from data_access.ingest.transform import Context, prepare, value_maps
from data_access.reference import province_table


def _one(parser, cell: str):
    values, bad = parser(pd.Series([cell]))
    return (None if pd.isna(values.iloc[0]) else values.iloc[0]), bool(bad.iloc[0])


@pytest.mark.parametrize("cell, expected", [
    ("2566-03-15", date(2023, 3, 15)),           # ISO, Buddhist Era
    ("2023-03-15", date(2023, 3, 15)),           # ISO, Gregorian
    ("15/03/2566", date(2023, 3, 15)),           # day/month/year BE
    ("15/3/2023", date(2023, 3, 15)),
    ("15.03.2566", date(2023, 3, 15)),
    ("๑๕/๐๓/๒๕๖๖", date(2023, 3, 15)),          # Thai digits
    ("15 มี.ค. 2566", date(2023, 3, 15)),         # Thai month abbreviation
    ("15 มีนาคม 2566", date(2023, 3, 15)),
    ("3 Mar 2024", date(2024, 3, 3)),
    ("45000", date(2023, 3, 15)),                # Excel serial
    ("38718.0", date(2006, 1, 1)),
    ("2566-03-15 08:30:00", date(2023, 3, 15)),  # time dropped for a date
])
def test_dates(cell, expected):
    value, bad = _one(parse.date, cell)
    assert not bad and value.date() == expected


@pytest.mark.parametrize("cell", ["31/02/2566", "2566", "garbage", "15/13/2566", "5"])
def test_bad_dates_are_reported(cell):
    assert _one(parse.date, cell) == (None, True)


@pytest.mark.parametrize("cell", ["", "-", "  ", "NULL", "n/a"])
def test_blank_cells_are_empty_not_bad(cell):
    assert _one(parse.date, cell) == (None, False)
    assert _one(parse.number, cell) == (None, False)


def test_datetimes_keep_the_time():
    assert _one(parse.datetime, "15/01/2569 14:30") == (datetime(2026, 1, 15, 14, 30), False)
    assert _one(parse.datetime, "2026-01-15T14:30:05") == (datetime(2026, 1, 15, 14, 30, 5), False)
    assert _one(parse.datetime, "45000.5") == (datetime(2023, 3, 15, 12), False)


@pytest.mark.parametrize("cell, expected", [
    ("1,250.5", 1250.5), ("๑๒๐", 120), ("  42 ", 42), ("1 000", 1000), ("฿2,500", 2500), ("-5", -5),
])
def test_numbers(cell, expected):
    assert _one(parse.number, cell) == (expected, False)


def test_integers_refuse_fractions():
    assert _one(parse.integer, "12.0") == (12, False)
    assert _one(parse.integer, "12.5") == (None, True)


@pytest.mark.parametrize("cell, expected", [
    ("00906", 9), ("07100", 71), ("10102", 101), ("9(6)", 9), ("101", 101), ("๑๐๕", 105), ("3 ( 2 )", 3),
])
def test_factory_type_codes(cell, expected):
    assert _one(parse.factory_type, cell) == (expected, False)


@pytest.mark.parametrize("cell, expected", [
    ("10200100125518", "10200100125518"), ("10200100125518.0", "10200100125518"),
    ("1-02-001-00125-518", "10200100125518"), ("๑๐๒๐๐๑๐๐๑๒๕๕๑๘", "10200100125518"),
])
def test_registration_ids(cell, expected):
    assert _one(parse.factory_id, cell) == (expected, False)


@pytest.mark.parametrize("cell", ["12345", "1.02001E+13", "F1"])
def test_registration_ids_that_are_not_14_digits(cell):
    assert _one(parse.factory_id, cell) == (None, True)


@pytest.mark.parametrize("cell, expected", [
    ("จ3-9(6)-100/51ปจ", "จ3-9(6)-100/51ปจ"),          # as DIW prints it
    ("3-34(4)-21/51ปจ", "3-34(4)-21/51ปจ"),            # no prefix: kept without one
    ("จ๒-๖๔(๑๓)-๓๗/๔๘ปจ", "จ2-64(13)-37/48ปจ"),        # Thai digits
    ("จ 3 - 9(6) - 100/51 ปจ", "จ3-9(6)-100/51ปจ"),    # spaces
    ("จ3–9(6)—100/51ปจ", "จ3-9(6)-100/51ปจ"),          # en and em dashes
    ("จ3\u22129（6）-100/51ปจ", "จ3-9(6)-100/51ปจ"),     # minus sign, full-width brackets
    ("น.3-105-5/60ปจ", "น.3-105-5/60ปจ"),              # inside an estate
    ("น 3-105-5/60ปจ", "น.3-105-5/60ปจ"),              # its dot left out
    ("จ.3-9(6)-100/51ปจ.", "จ3-9(6)-100/51ปจ"),        # dots after the prefix and the suffix
    ("3-71-2/60", "3-71-2/60"),                        # Bangkok: no province suffix
    ("จ3-101-12/2553สบ", "จ3-101-12/2553สบ"),          # a four-digit year
])
def test_display_numbers_in_every_way_they_are_written(cell, expected):
    assert _one(parse.display_reg, cell) == (expected, False)


@pytest.mark.parametrize("cell", ["ปจ-๑๒๓", "3-9(6)/51", "4-9-1/51ปจ", "จ3-9(6)-100", "10200100125518"])
def test_malformed_display_numbers(cell):
    assert _one(parse.display_reg, cell) == (None, True)


def test_a_registration_number_in_either_form():
    ids, displays, bad = parse.registration(pd.Series(["10200100125518", "จ ๓-๙(๖)-๑๐๐/๕๑ ปจ", "x-1", ""]))
    assert ids.tolist()[:2] == ["10200100125518", None] and displays.tolist()[:2] == [None, "จ3-9(6)-100/51ปจ"]
    assert bad.tolist() == [False, False, True, False]


def test_decimals_written():
    assert parse.decimals(pd.Series(["13.3611", "13", "", "14.5 ", "๑๓.๓๖๑๑"])).tolist() == [4, 0, 0, 1, 4]


def test_display_numbers_give_class_and_type():
    parts = parse.display_reg_parts(pd.Series(["จ3-9(6)-100/51ปจ", "3-70-126/54", "น.2-101-1/2550", "ไม่ใช่"]))
    assert parts.fillna(0).astype(int).values.tolist() == [[3, 9], [3, 70], [2, 101], [0, 0]]


@pytest.mark.parametrize("name, code", [
    ("ชลบุรี", "20"), ("จ. ชลบุรี", "20"), ("จังหวัดชลบุรี", "20"), ("Chonburi", "20"), ("Chon Buri", "20"),
    ("CHON  BURI", "20"), ("Bangkok Metropolis", "10"), ("กรุงเทพฯ", "10"), ("กทม.", "10"), ("Bangkok", "10"),
    ("Samut Prakarn", "11"), ("Korat", "30"), ("อยุธยา", "14"), ("นครศรีฯ", "80"), ("Chiang Mai Province", "50"),
])
def test_province_names_and_their_variants(name, code):
    assert places.province_of_name(name) == code


@pytest.mark.parametrize("name", ["Atlantis", "นคร", ""])
def test_unknown_or_ambiguous_province_names(name):
    assert places.province_of_name(name) is None


def test_codes_and_names_that_disagree_are_found():
    index = pd.RangeIndex(3)
    from_code, from_name = places.province_readings(pd.Series(["25", "25", ""]),
                                                    pd.Series(["ฉะเชิงเทรา", "ปราจีนบุรี", "ชลบุรี"]), index)
    assert places.disagree(from_code, from_name).tolist() == [True, False, False]
    from_code, from_name = places.district_readings(pd.Series(["25", "25"]), pd.Series(["2507", "2501"]),
                                                    pd.Series(["เมืองปราจีนบุรี", "เมืองปราจีนบุรี"]))
    assert places.disagree(from_code, from_name).tolist() == [True, False]


def test_subdistricts_lie_in_their_district():
    province, district = pd.Series(["25"] * 4), pd.Series(["2501", "2501", None, "2501"])
    codes = pd.Series(["250101", "๒๕๐๑๐๒", "250201", "240101"])
    assert places.subdistricts(province, district, codes).tolist() == ["250101", "250102", "250201", None]


def test_province_codes_win_over_names():
    index = pd.RangeIndex(4)
    codes = pd.Series(["11", "TH50", "๑๐", "99"])
    names = pd.Series(["Bangkok", "", "", "ชลบุรี"])
    assert places.provinces(codes, names, index).tolist() == ["11", "50", "10", "20"]


# --- files --------------------------------------------------------------------------------------

ROWS = [["FACREG", "FNAME", "FPROVNAME"], ["10200100000001", "โรงงาน ก", "ชลบุรี"]]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize("encoding, label", [
    ("utf-8", "CSV, utf-8"), ("utf-8-sig", "CSV, utf-8 with BOM"), ("cp874", "CSV, cp874"), ("utf-16", "CSV, utf-16"),
])
def test_encodings_are_detected(encoding, label):
    raw = read_table(_csv(ROWS).encode(encoding))
    assert raw.file_format == label
    assert raw.frame.values.tolist() == ROWS


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_separators_are_detected(delimiter):
    assert read_table(_csv(ROWS, delimiter).encode()).frame.values.tolist() == ROWS


def test_header_below_title_lines_and_headers_written_loosely():
    rows = [["รายงานโรงงาน"], ["ณ วันที่ 1 ต.ค. 2569"], ["\ufeff facreg ", "FName", "FPROVNAME", "NOTE"],
            [*ROWS[1], "x"]]
    raw = read_table(_csv(rows).encode())
    layout = locate(raw.frame, KINDS["factories"])
    assert layout.header_row == 2
    assert layout.fields == {"factory_id": [0], "name": [1], "province_name": [2]}
    assert layout.unused == ["NOTE"]


def test_lines_with_too_many_fields_become_rejects():
    rows = [*ROWS, ["10200100000002", "โรงงาน, ข", "ชลบุรี"]]  # unquoted comma inside the name
    raw = read_table(_csv(rows).encode())
    kind = KINDS["factories"]
    prepared = prepare(raw, locate(raw.frame, kind), kind, Context())
    assert len(prepared.rows) == 1  # the shifted cells make its province unreadable too
    assert prepared.reasons == {"wrong_column_count": 1, "unknown_province": 1}
    assert prepared.rejects.iloc[0].tolist() == ["10200100000002", "โรงงาน", " ข", "ชลบุรี",
                                                 "wrong_column_count; unknown_province"]


def test_broken_lines_far_below_the_header_take_the_slow_path():
    rows = [*ROWS, *([ROWS[1]] * 50), ["10200100000002", "โรงงาน, ข", "ชลบุรี"]]
    raw = read_table(_csv(rows).encode())
    assert len(raw.frame) == 52 and raw.bad_lines == [["10200100000002", "โรงงาน", " ข,ชลบุรี"]]
    kind = KINDS["factories"]
    prepared = prepare(raw, locate(raw.frame, kind), kind, Context())
    assert prepared.reasons == {"wrong_column_count": 1, "duplicate_row": 50}
    assert prepared.rejects["reason"].tolist()[-1] == "wrong_column_count"


def test_a_header_of_nothing_we_know_names_what_is_needed():
    raw = read_table(_csv([["a", "b"], ["1", "2"]]).encode())
    with pytest.raises(UnreadableFileError) as failure:
        locate(raw.frame, KINDS["factories"])
    assert failure.value.code == "no_header"
    assert "FACREG" in str(failure.value) and "เลขทะเบียน" in str(failure.value)


# --- the mapping tables ---------------------------------------------------------------------------

def test_every_header_row_names_a_kind_and_one_of_its_fields():
    with cfg.INGEST_HEADERS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = KINDS[row["kind"]]
            assert row["field"] == IGNORED or kind.field(row["field"]) is not None, row
    assert header_table()["factories"]["วันที่ใบอน"] == "registered_on"


def test_every_mapped_value_is_one_the_app_knows():
    allowed = {"factory_status": cfg.FACTORY_STATUSES, "inspection_result": cfg.INSPECTION_RESULTS,
               "inspector_kind": cfg.INSPECTOR_KINDS, "complaint_channel": cfg.COMPLAINT_CHANNELS,
               "complaint_topic": cfg.COMPLAINT_TOPICS, "complaint_status": cfg.COMPLAINT_STATUSES,
               "emergency_type": cfg.EMERGENCY_TYPES, "emergency_status": cfg.EMERGENCY_STATUSES,
               "program": cfg.PROGRAMS, "flag": ("true", "false"), "national": (cfg.NATIONAL_CODE,)}
    maps = value_maps()
    assert set(maps) == set(allowed)
    for codes, mapping in maps.items():
        assert set(mapping.values()) <= set(allowed[codes]), codes
    assert maps["factory_status"] == {**maps["factory_status"], "0": "not_started", "1": "operating",
                                      "2": "struck_off", "3": "stopped"}


def test_every_province_alias_points_at_a_province():
    with cfg.INGEST_PROVINCE_ALIASES_CSV.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert codes <= set(province_table()["code"])
