"""The seminar deck to take home, built from the small demo data as presentation mode builds it:
the national deck (five slides) and a province deck (six), as PowerPoint and as the 16:9 PDF,
read back as a person opening them would (python-pptx; poppler's pdfinfo and pdftotext). The
files are kept in tests/artifacts/ to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from streamlit.testing.v1 import AppTest

from data_access import demo, reference
from data_access.db import connect, schema
from tests.browser.helpers import ARTIFACTS
from tests.pdf_text import letters, page_text, run

NATIONAL_VIEWS = ("risk_map", "kpis", "adoption", "emergencies", "ranking")
CHON_BURI = "20"
SIXTEEN_NINE = "960 x 540 pts"  # 13.333 x 7.5 in


def _build(out: str, code: str | None, language: str) -> None:
    """Run inside AppTest (a Streamlit session): build both files as the page's buttons do."""
    from pathlib import Path

    import streamlit as st

    from components.plumbing import deck, queries
    from data_access.rules.fiscal import Period

    st.session_state["lang"] = language
    period = Period.at(queries.as_of())
    slides = deck.slides(period, code)
    for kind in ("pptx", "pdf"):
        Path(out, f"deck-{code or 'national'}-{language}.{kind}").write_bytes(deck.export(slides, kind, period))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both decks in Thai and the province deck in English, built on the small demo data."""
    workdir = tmp_path_factory.mktemp("deck")
    url = connect.duckdb_url(workdir / "deck.duckdb")
    engine = connect.make_engine(url)
    schema.create_all(engine)
    demo.generate(engine, scale=demo.SCALES["small"])
    engine.dispose()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DATABASE_URL", url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for code, language in ((None, "th"), (CHON_BURI, "th"), (CHON_BURI, "en")):
            st.cache_data.clear()  # the engine and reads of earlier tests' databases
            st.cache_resource.clear()
            app = AppTest.from_function(_build, args=(str(ARTIFACTS), code, language), default_timeout=300).run()
            assert not app.exception, app.exception
    finally:
        monkeypatch.undo()
    return ARTIFACTS


def _titles(language: str, views: tuple[str, ...], province: str = "") -> list[str]:
    slides = {slide.view: slide for slide in reference.deck()}
    return [slides[view].title(language).format(province=province) for view in views]


def _slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_national_pptx_has_one_slide_per_view_with_thai_titles_in_sarabun(decks: Path):
    deck = Presentation(str(decks / "deck-national-th.pptx"))
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000)  # EMU: PowerPoint's widescreen
    assert len(deck.slides) == len(NATIONAL_VIEWS)
    assert [_slide_texts(slide)[0] for slide in deck.slides] == _titles("th", NATIONAL_VIEWS)
    kpis = _slide_texts(deck.slides[1])
    assert "โรงงานที่ประกอบกิจการ" in kpis and "จากปีก่อน" in " ".join(kpis)
    for view, slide in zip(NATIONAL_VIEWS, deck.slides):
        pictures = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == {"risk_map": 2, "kpis": 0, "ranking": 2}.get(view, 1), view  # map and bars
        for shape in slide.shapes:
            if shape.has_text_frame:
                for run_ in shape.text_frame.paragraphs[0].runs:
                    assert run_.font.name == "Sarabun"
                    complex_script = run_._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}cs")
                    assert complex_script is not None and complex_script.get("typeface") == "Sarabun"
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("ที่มา: ") and "ข้อมูล ณ " in notes


def test_province_pptx_adds_the_province_slide(decks: Path):
    thai = Presentation(str(decks / f"deck-{CHON_BURI}-th.pptx"))
    assert len(thai.slides) == len(NATIONAL_VIEWS) + 1
    assert _slide_texts(thai.slides[-1])[0] == "ชลบุรี โดยสังเขป"
    english = Presentation(str(decks / f"deck-{CHON_BURI}-en.pptx"))
    assert [_slide_texts(slide)[0] for slide in english.slides] == _titles(
        "en", (*NATIONAL_VIEWS, "province"), "Chon Buri")
    assert "Operating factories" in _slide_texts(english.slides[-1])
    assert english.slides[0].notes_slide.notes_text_frame.text.startswith("Source: ")


def test_pdf_handouts_are_16_9_one_page_per_slide_in_thai(decks: Path):
    for name, views in (("national", NATIONAL_VIEWS), (CHON_BURI, (*NATIONAL_VIEWS, "province"))):
        path = decks / f"deck-{name}-th.pdf"
        info = run("pdfinfo", str(path))
        assert f"Pages:           {len(views)}" in info
        assert SIXTEEN_NINE in info
        for page, title in enumerate(_titles("th", views, "ชลบุรี"), start=1):
            assert letters(title) in letters(page_text(path, page))
    assert letters("ที่มา: บันทึกเหตุฉุกเฉินของ ศบฉ.อก.") in letters(page_text(decks / "deck-national-th.pdf", 4))
    fonts = run("pdffonts", str(decks / "deck-national-th.pdf"))
    assert "Sarabun" in fonts
