"""The visit brief rendered to PDF from tests/province_fixture.py: a province brief and an
inspection-region brief. Page 1 is turned into an image (pdftoppm) and the text read back
(pdftotext) must hold the province's Thai name and the KPI labels. The PDFs and page images are
kept in tests/artifacts/ to look at.

pdftotext writes SARA AM (ำ) as NIKHAHIT + SARA AA (น้ำ comes out as นํ้า or นา), so texts are
compared with those characters and all spaces removed.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.brief.document import BriefProvince, province_brief_pdf, region_brief_pdf
from components.brief.files import province_file_name, region_file_name
from components.scorecard import kpi_label
from data_access.db import connect, schema
from data_access.queries.kpi_values import kpi_table, scorecard_of
from data_access.queries.province_view import province_view, region_views
from data_access.reference import district_shapes
from data_access.rules.fiscal import Period
from data_access.rules.kpis import KPI_ORDER
from data_access.settings import NATIONAL_CODE
from tests import province_fixture as fx
from tests.browser.helpers import ARTIFACTS
from tests.pdf_text import normalise, page_text, run

A4 = "x 841.89 pts (A4)"
PERIOD = Period(fx.FISCAL_YEAR, fx.AS_OF)
@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    """KPIs, Samut Prakan's view and the views of inspection region 15 (Chiang Mai, Lamphun,
    Lampang, Mae Hong Son: one province with data, three without)."""
    engine = connect.make_engine(connect.duckdb_url(tmp_path_factory.mktemp("brief") / "brief.duckdb"))
    schema.create_all(engine)
    fx.load(engine)
    with engine.connect() as conn:
        kpis = kpi_table(conn, PERIOD)
        province = province_view(conn, "11", Period.at(fx.AS_OF))
        region = region_views(conn, 15, Period.at(fx.AS_OF))
    engine.dispose()
    return kpis, province, region


def _brief_province(view, kpis) -> BriefProvince:
    shapes = district_shapes()
    return BriefProvince(view, scorecard_of(kpis, view.code), shapes[shapes["province_code"] == view.code])


def _keep(pdf: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(pdf)
    return path


def _page_one_image(pdf: Path) -> Path:
    stem = pdf.with_suffix("")
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem))
    image = stem.with_suffix(".png")
    assert image.stat().st_size > 10_000, "page 1 rendered nearly empty"
    return image


def _check_pdf(path: Path) -> str:
    """A4, Sarabun embedded; returns the text of every page, normalised."""
    info = run("pdfinfo", str(path))
    assert A4 in info, info
    fonts = run("pdffonts", str(path))
    assert "+Sarabun " in fonts and "+Sarabun-Bold " in fonts, fonts  # embedded subsets
    return normalise(run("pdftotext", "-layout", str(path), "-"))


def test_province_brief(data):
    kpis, view, _ = data
    name = province_file_name(view.header, fx.AS_OF)
    assert name == "brief_11_samutprakan_2026-11-22.pdf"
    path = _keep(province_brief_pdf(_brief_province(view, kpis), PERIOD), name)
    page_one = page_text(path, 1)
    _page_one_image(path)
    assert normalise("สมุทรปราการ") in page_one
    for kpi in KPI_ORDER:
        assert normalise(kpi_label(kpi)) in page_one, kpi_label(kpi)
    text = _check_pdf(path)
    for expected in ("นางบี ทดสอบ", "บริษัท ทดสอบ 1 จำกัด", "เรื่องร้องเรียนค้าง 1 เรื่อง", "ไม่เคยได้รับการตรวจ",
                     "อัคคีภัย", "ยังควบคุมไม่ได้", "ข้อมูล ณ 22 พ.ย. 2569"):
        assert normalise(expected) in text, expected


def test_region_brief(data):
    kpis, _, views = data
    name = region_file_name(15, fx.AS_OF)
    assert name == "brief_region_15_2026-11-22.pdf"
    path = _keep(region_brief_pdf([_brief_province(view, kpis) for view in views], scorecard_of(kpis, NATIONAL_CODE),
                                 15, PERIOD), name)
    page_one = page_text(path, 1)
    _page_one_image(path)
    assert normalise("เขตตรวจราชการที่ 15") in page_one
    for province in ("เชียงใหม่", "ลำพูน", "ลำปาง", "แม่ฮ่องสอน"):  # the comparison table's columns
        assert normalise(province) in page_one, province
    for kpi in KPI_ORDER:
        assert normalise(kpi_label(kpi)) in page_one, kpi_label(kpi)
    text = _check_pdf(path)
    assert text.count(normalise("เอกสารประกอบการตรวจราชการ")) >= 5  # the cover and one section per province
    assert normalise("แม่ฮ่องสอน · Mae Hong Son") in text
    assert int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1)) >= 5
