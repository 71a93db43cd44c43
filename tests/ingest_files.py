"""Hand-made messy exports for the importer's tests, written into a test's tmp_path.

Each builder returns the file's path; the expected readings are worked out by hand in the tests.
Registration ids are DIW's 14-digit form; coordinates are real places (Chon Buri city hall,
Bangkok's Democracy Monument, Chiang Mai's old city).
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

DIW_HEADER = ["FACREG", "DISPFACREG", "FNAME", "FACTYPE", "FPROVNAME", "FAMPNAME", "LAT", "LNG", "HP",
              "TOTAL_WORKER", "TOTAL_CAP", "FFLAG", "POKDATE", "ONAME", "ISIC_CODE"]

CHONBURI = ("13.3611", "100.9847")
BANGKOK = ("13.7563", "100.5018")
CHIANG_MAI = ("18.7883", "98.9853")

# The DIW open-data export: three good rows and every kind of bad one.
DIW_ROWS = [
    # 1 good: Thai digits, thousands separator, จ. prefix, BE date d/m/Y, 5-digit type code
    ["10200100000001", "จ3-9(6)-1/51ชบ", "บริษัท ชลบุรีอาหาร จำกัด", "00906", "จ. ชลบุรี", "เมืองชลบุรี", *CHONBURI,
     "1,250.5", "๑๒๐", "5000000", "1", "15/03/2551", "นาย ก", "10750"],
    # 2 good: "Bangkok Metropolis", no point, stopped, ISO BE date
    ["10100100000002", "จ3-71-2/60", "Bangkok Metropolis Steel", "07100", "Bangkok Metropolis", "", "", "",
     "50", "10", "", "3", "2560-01-31", "นาย ข", ""],
    # 3 good but flagged: its point is in Bangkok, its province Chon Buri; Excel serial date; class 2
    ["10200100000003", "จ2-3-3/50ชบ", "โรงงานพิกัดคลาด", "00300", "Chonburi", "", *BANGKOK,
     "100", "20", "", "1", "45000", "นาย ค", ""],
    # 4 unknown province
    ["10200100000004", "จ3-3-4/50", "โรงงานแอตแลนติส", "00300", "Atlantis", "", "", "", "100", "20", "", "1",
     "2566-01-01", "", ""],
    # 5 point outside Thailand
    ["10200100000005", "จ3-3-5/50ชบ", "โรงงานพิกัดต่างประเทศ", "00300", "ชลบุรี", "", "45.0", "100.9", "100", "20", "",
     "1", "2566-01-01", "", ""],
    # 6 negative count and an impossible date
    ["10200100000006", "จ3-3-6/50ชบ", "โรงงานข้อมูลผิด", "00300", "ชลบุรี", "", "", "", "100", "-5", "", "1",
     "31/02/2566", "", ""],
    # 7a, 7b two different rows with one id
    ["10200100000007", "จ3-3-7/50ชบ", "โรงงานซ้ำ ก", "00300", "ชลบุรี", "", "", "", "100", "20", "", "1",
     "2566-01-01", "", ""],
    ["10200100000007", "จ3-3-7/50ชบ", "โรงงานซ้ำ ข", "00300", "ชลบุรี", "", "", "", "100", "20", "", "1",
     "2566-01-01", "", ""],
    # 8 an exact copy of row 1: loads once
    None,
    # 9 an id that is not DIW's 14 digits
    ["12345", "จ3-3-9/50ชบ", "โรงงานเลขผิด", "00300", "ชลบุรี", "", "", "", "100", "20", "", "1", "2566-01-01", "",
     ""],
    # 10 no name
    ["10200100000010", "จ3-3-10/50ชบ", "", "00300", "ชลบุรี", "", "", "", "100", "20", "", "1", "2566-01-01", "", ""],
]
DIW_ROWS[8] = list(DIW_ROWS[0])

DIW_REASONS = {
    "unknown_province": 1, "outside_thailand": 1, "negative:workers": 1, "bad_date:registered_on": 1,
    "duplicate_id": 2, "duplicate_row": 1, "bad_id:factory_id": 1, "missing:name": 1,
}


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8",
              title: str | None = None) -> Path:
    """A CSV in ``encoding`` (``utf-8-sig`` writes the byte-order mark), optionally with a title line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if title:
        writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]], title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def diw_open_data(tmp_path: Path, encoding: str = "cp874") -> Path:
    return write_csv(tmp_path / "diw_open.csv", DIW_HEADER, DIW_ROWS, encoding)


GIS_HEADER = ["เลขทะเบียน", "ชื่อโรงงาน", "ผู้ประกอบก", "ประเภท", "จำพวก", "แรงม้า", "คนงานชาย", "คนงานหญิง",
              "เงินลงทุนค", "จังหวัด", "อำเภอ", "ละติจูด", "ลองจิจูด", "วันที่ใบอน", "PV_ID_U", "AMP_ID_U"]

# The DIW GIS extract (Thai headers cut at ten characters), as Excel with a title line.
GIS_ROWS = [
    # Chiang Mai: code given, Thai-digit type, Excel serial date as a number
    [50100100000011, "โรงงานเชียงใหม่", "นาง ง", "๑๐๕", 3, 500, 30, 20, 2000000, "เชียงใหม่", "เมืองเชียงใหม่",
     float(CHIANG_MAI[0]), float(CHIANG_MAI[1]), 38718, 50, 5001],
    # Samut Prakan by code (the name is an old spelling), a real date cell, a written subtype
    [11100100000012, "โรงงานสมุทรปราการ", "นาย จ", "9(6)", "จำพวก 2", 75.5, 10, 5, None, "Samut Prakarn", None,
     None, None, datetime(2024, 5, 1), "11", "1102"],
    # Bangkok by name only ("กรุงเทพฯ"), no point
    [10100100000013, "โรงงานกรุงเทพ", "นาย ฉ", "07100", 3, 60, None, None, 1500000, "กรุงเทพฯ", None, None, None,
     None, None, None],
]


def gis_extract(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "diw_gis.xlsx", GIS_HEADER, GIS_ROWS, title="ข้อมูลโรงงาน (GIS) ณ 1 ต.ค. 2569")


def gis_extract_csv(tmp_path: Path) -> Path:
    """The same extract as a UTF-8 CSV with a byte-order mark, as Excel saves it."""
    rows = [["" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, datetime) else v) for v in row]
            for row in GIS_ROWS]
    return write_csv(tmp_path / "diw_gis.csv", GIS_HEADER, rows, "utf-8-sig")


def registry(tmp_path: Path, name: str, rows: list[tuple]) -> Path:
    """A small open-data export: (id, name, province, FFLAG, workers, district) per factory."""
    body = [[fid, f"จ3-3-{i}/50", fname, "00300", province, district, "", "", "100", str(workers), "", flag,
             "2566-01-01", "", ""] for i, (fid, fname, province, flag, workers, district) in enumerate(rows, 1)]
    return write_csv(tmp_path / name, DIW_HEADER, body)


INSPECTION_HEADER = ["เลขที่การตรวจ", "เลขทะเบียนโรงงาน", "วันที่ตรวจ", "ผู้ตรวจ", "ผลการตรวจ", "สิ่งที่พบ",
                     "ออกคำสั่ง", "กำหนดแก้ไข"]
INSPECTION_ROWS = [
    ["1", "10200100000001", "15 ม.ค. 2569", "เจ้าหน้าที่", "ไม่ผ่าน", "น้ำเสียเกินมาตรฐาน", "มี", "2569-02-15"],
    ["2", "10100100000002", "2026-01-20", "third party", "ผ่าน", "", "ไม่มี", ""],
    ["3", "10999900000099", "2026-01-21", "เจ้าหน้าที่", "ผ่าน", "", "", ""],
    ["4", "10200100000001", "2026-01-22", "เจ้าหน้าที่", "maybe", "", "", ""],
]


def inspections(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "iauditor.csv", INSPECTION_HEADER, INSPECTION_ROWS, "utf-8-sig")


COMPLAINT_HEADER = ["เลขที่เรื่อง", "เลขทะเบียนโรงงาน", "จังหวัด", "วันที่รับเรื่อง", "ช่องทาง", "ประเด็น", "สถานะ",
                    "วันที่ยุติเรื่อง"]
COMPLAINT_ROWS = [
    ["101", "10200100000001", "ชลบุรี", "01/11/2568", "สายด่วน 1569", "กลิ่นเหม็น", "ยุติเรื่อง", "20/11/2568"],
    ["102", "", "Chiang  Mai", "2026-02-01", "web", "ฝุ่น", "รับเรื่อง", ""],
    ["103", "", "Atlantis", "2026-02-01", "web", "ฝุ่น", "รับเรื่อง", ""],
]


def complaints(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "complaints.csv", COMPLAINT_HEADER, COMPLAINT_ROWS, "cp874")


EMERGENCY_HEADER = ["เลขที่เหตุ", "เลขทะเบียนโรงงาน", "รหัสจังหวัด", "ประเภทเหตุ", "ระดับความรุนแรง", "สถานะ",
                    "เวลาเกิดเหตุ", "เวลาควบคุมได้", "เวลาปิดเหตุ", "ผู้บาดเจ็บและเสียชีวิต", "สรุปเหตุการณ์"]
EMERGENCY_ROWS = [
    ["7", "10200100000001", "20", "อัคคีภัย", "3", "ควบคุมได้แล้ว", "15/01/2569 14:30", "15/01/2569 18:05", "", "๒",
     "ไฟไหม้โกดัง"],
    ["8", "", "TH50", "PM2.5", "2", "active", "2026-02-01 08:00", "", "", "", ""],
    ["9", "", "20", "อัคคีภัย", "5", "active", "2026-02-01 08:00", "", "", "", ""],
]


def emergencies(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "emergencies.csv", EMERGENCY_HEADER, EMERGENCY_ROWS)


def gi(tmp_path: Path) -> Path:
    header = ["เลขที่ใบรับรอง", "เลขทะเบียนโรงงาน", "ระดับ", "วันที่รับรอง", "วันหมดอายุ", "วันที่เพิกถอน"]
    rows = [["31", "10200100000001", "ระดับ 3", "01/06/2568", "31/05/2571", ""],
            ["32", "10200100000003", "6", "01/06/2568", "", ""]]
    return write_csv(tmp_path / "gi.csv", header, rows)


def i40(tmp_path: Path) -> Path:
    header = ["assessment_id", "factory_id", "assessed_on", "level", "score_smart_operation", "score_it_data"]
    rows = [["41", "10200100000001", "2026-03-01", "3.0", "3.5", "2.5"]]
    return write_csv(tmp_path / "i40.csv", header, rows)


def programs(tmp_path: Path) -> Path:
    header = ["เลขที่", "โครงการ", "เลขทะเบียนโรงงาน", "ชื่อกลุ่ม", "จังหวัด", "ปีงบประมาณ", "วันที่เข้าร่วม"]
    rows = [["51", "OPOAI-C", "", "วิสาหกิจชุมชนบ้านบึง", "ชลบุรี", "", "01/11/2568"],
            ["52", "i-Single Form", "10200100000001", "", "ชลบุรี", "2026", "2026-03-01"]]
    return write_csv(tmp_path / "programs.csv", header, rows)


def targets(tmp_path: Path) -> Path:
    header = ["ปีงบประมาณ", "จังหวัด", "ตัวชี้วัด", "เป้าหมาย"]
    rows = [["2570", "ทั่วประเทศ", "gi_new", "2,000"], ["2570", "ชลบุรี", "gi_new", "40"],
            ["2570", "ชลบุรี", "no_such_kpi", "1"]]
    return write_csv(tmp_path / "targets.csv", header, rows)


# --- real exports, in DIW's two header sets exactly (../shared/DOMAIN.md) ---------------------
# One province's GIS extract (Prachin Buri, as a DBF saved to CSV in TIS-620): display numbers
# only, in every way they are written; blank names as a single space, the operator's name beside;
# Excel serial dates; Thai digits; thousands separators; codes beside names.

GIS_EXTRACT_HEADER = ["เลขทะเบียน", "ชื่อโรงงาน", "ผู้ประกอบก", "ประกอบกิจก", "ประเภท", "จำพวก", "ISIC", "แรงม้า",
                      "คนงานชาย", "คนงานหญิง", "เงินลงทุนค", "จังหวัด", "อำเภอ", "ตำบล", "ละติจูด", "ลองติจูด",
                      "วันที่ใบอน", "PV_ID_U", "AMP_ID_U", "TAM_ID_U"]
GIS_EXTRACT_ROWS = [
    # A: the display number as DIW prints it; a point with 4 decimals (exact)
    ["จ3-9(6)-100/51ปจ", "บริษัท ปราจีนอาหาร จำกัด", "บริษัท ปราจีนอาหาร จำกัด", "ผลิตอาหารสัตว์", "00906", "3", "10750",
     "1,250.50", "40", "20", "5,000,000", "ปราจีนบุรี", "เมืองปราจีนบุรี", "หน้าเมือง", "14.0510", "101.3720", "39522",
     "25", "2501", "250101"],
    # B: Thai digits throughout; name a single space: the operator's name stands in; no point
    ["จ๓-๓๔(๔)-๒๑/๕๑ปจ", " ", "นายสมชาย ใจดี", "ซ่อมเครื่องจักร", "๓๔(๔)", "๓", "", "๗๕", "๘", "๒", "๑,๒๐๐,๐๐๐",
     "ปราจีนบุรี", "เมืองปราจีนบุรี", "รอบเมือง", "", "", "39600", "25", "2501", "250102"],
    # C: spaces and en dashes inside the number; a point with 2 decimals (approximate)
    ["จ 2 – 64(13) – 37/48 ปจ", "หจก. กบินทร์ค้าไม้", "นางมาลี ศรีสุข", "แปรรูปไม้", "64(13)", "2", "", "60", "12", "3",
     "800,000", "ปราจีนบุรี", "กบินทร์บุรี", "กบินทร์", "13.98", "101.71", "38400", "25", "2502", "250201"],
    # D: no prefix; blank name; the serial date written "39700.0"
    ["3-34(4)-22/51ปจ", " ", "นางสาววันเพ็ญ ทองดี", "ซ่อมรถยนต์", "34", "3", "", "55", "6", "4", "", "ปราจีนบุรี",
     "เมืองปราจีนบุรี", "", "14.0600", "101.4000", "39700.0", "25", "2501", ""],
    # E: inside an industrial estate, the prefix written "น" without its dot
    ["น 3-105-5/60ปจ", "บริษัท ปราจีนรีไซเคิล จำกัด", "บริษัท ปราจีนรีไซเคิล จำกัด", "คัดแยกขยะ", "105", "3", "38300",
     "900", "50", "10", "20,000,000", "ปราจีนบุรี", "ศรีมหาโพธิ", "", "13.8800", "101.5000", "42900", "25", "2508", ""],
    # F: a whole-degree digit error: latitude 15 for 14 puts the point in another province
    ["จ3-70-126/54ปจ", "บริษัท ปราจีนเหล็ก จำกัด", "บริษัท ปราจีนเหล็ก จำกัด", "หลอมเหล็ก", "07000", "3", "24100",
     "3,000", "120", "30", "50,000,000", "ปราจีนบุรี", "เมืองปราจีนบุรี", "", "15.0510", "101.3720", "40400", "25",
     "2501", ""],
    # G: codes and names disagree (Chachoengsao named, Prachin Buri coded; district likewise): codes win
    ["จ3-3-7/55ปจ", "โรงงานสีข้าวประจันตคาม", "นายบุญมี แก้วมณี", "สีข้าว", "00300", "3", "", "150", "5", "5", "",
     "ฉะเชิงเทรา", "เมืองปราจีนบุรี", "", "", "", "41000", "25", "2507", ""],
    # H: neither a factory name nor an operator: rejected
    ["จ3-3-8/55ปจ", " ", " ", "สีข้าว", "00300", "3", "", "", "", "", "", "ปราจีนบุรี", "", "", "", "", "41100", "25",
     "2501", ""],
    # I: not a registration number in either form: rejected
    ["ปจ-๑๒๓", "โรงงานเลขผิด", "นายเอก", "", "3", "3", "", "", "", "", "", "ปราจีนบุรี", "", "", "", "", "", "25", "", ""],
]
GIS_EXTRACT_KEYS = ["จ3-9(6)-100/51ปจ", "จ3-34(4)-21/51ปจ", "จ2-64(13)-37/48ปจ", "3-34(4)-22/51ปจ", "น.3-105-5/60ปจ",
                    "จ3-70-126/54ปจ", "จ3-3-7/55ปจ"]

# DIW's open-data export of the same factories (and one in Bangkok, whose number has no
# province suffix): both forms of each number.
OPEN_DATA_HEADER = ["FACREG", "DISPFACREG", "FID", "FACTYPE", "FNAME", "ONAME", "OBJECT", "FADDR", "FMOO", "FSOI",
                    "FROAD", "FTUMNAME", "FAMPNAME", "FPROVNAME", "TOTAL_CAP", "TOTAL_WORKER", "HP", "LAT", "LNG",
                    "ISIC_CODE", "ESTATE", "ESTATE_NAME_TH", "FFLAG", "LAST_UPDATE", "POKDATE"]


def _open_row(fid: str, display: str, number: int, ftype: str, name: str, operator: str, district: str,
              point: tuple[str, str] = ("", ""), *, flag: str = "1", estate: str = "", province: str = "ปราจีนบุรี",
              registered: str = "15/03/2551") -> list[str]:
    return [fid, display, str(number), ftype, name, operator, "", str(number), "", "", "", "", district, province,
            "1000000", "20", "100", *point, "", estate, "นิคมอุตสาหกรรม 304" if estate else "", flag, "2569-09-30",
            registered]


OPEN_DATA_ROWS = [
    _open_row("10250090600100", "จ3-9(6)-100/51ปจ", 1, "00906", "บริษัท ปราจีนอาหาร จำกัด", "บริษัท ปราจีนอาหาร จำกัด",
              "เมืองปราจีนบุรี", ("14.0510", "101.3720")),
    _open_row("10250340400021", "จ3-34(4)-21/51ปจ", 2, "03404", "อู่สมชายการช่าง", "นายสมชาย ใจดี", "เมืองปราจีนบุรี",
              ("14.0400", "101.3900")),
    _open_row("10250641300037", "จ2-64(13)-37/48ปจ", 3, "06413", "หจก. กบินทร์ค้าไม้", "นางมาลี ศรีสุข", "กบินทร์บุรี",
              ("13.9800", "101.7100")),
    _open_row("10250340400022", "3-34(4)-22/51ปจ", 4, "03404", "อู่วันเพ็ญ", "นางสาววันเพ็ญ ทองดี", "เมืองปราจีนบุรี",
              flag="3"),
    _open_row("11251050000005", "น.3-105-5/60ปจ", 5, "10500", "บริษัท ปราจีนรีไซเคิล จำกัด", "บริษัท ปราจีนรีไซเคิล จำกัด",
              "ศรีมหาโพธิ", estate="1"),
    _open_row("10250700000126", "จ3-70-126/54ปจ", 6, "07000", "บริษัท ปราจีนเหล็ก จำกัด", "บริษัท ปราจีนเหล็ก จำกัด",
              "เมืองปราจีนบุรี", ("14.0510", "101.3720")),
    _open_row("10250030000007", "จ3-3-7/55ปจ", 7, "00300", "โรงงานสีข้าวประจันตคาม", "นายบุญมี แก้วมณี", "ประจันตคาม"),
    _open_row("10100710000002", "3-71-2/60", 8, "07100", "บริษัท บางซื่อสตีล จำกัด", "บริษัท บางซื่อสตีล จำกัด",
              "บางซื่อ", province="กรุงเทพมหานคร", registered="31/01/2560"),
]


def gis_extract_tis620(tmp_path: Path) -> Path:
    """The GIS extract as its DBF is saved to CSV: TIS-620 (cp874)."""
    return write_csv(tmp_path / "diw_gis_prachinburi.csv", GIS_EXTRACT_HEADER, GIS_EXTRACT_ROWS, "cp874")


def open_data_export(tmp_path: Path) -> Path:
    """The open-data export, in UTF-8 with a byte-order mark as data.go.th serves it."""
    return write_csv(tmp_path / "diw_open_data.csv", OPEN_DATA_HEADER, OPEN_DATA_ROWS, "utf-8-sig")
