"""Presentation mode in AppTest on the hand-made fixture (tests/small_fixture.py: as of 22 Nov
2026, four operating factories, two in Chiang Mai; one severe fire active since 20 Nov 2026):
the slides in the deck's order, moved on by the hidden buttons the keys press, the URL following;
figures worked out by hand; slides whose data or page are missing left out; bad links explained.
"""
from __future__ import annotations

import pytest

from components.plumbing import deck
from data_access.rules.deck import DeckError, parse_deck
from tests.apptest import open_page, texts

PRESENT = "pages/present.py"
NATIONAL_TH = ["แผนที่โรงงานเสี่ยงทั่วประเทศ", "ตัวชี้วัดหลักระดับประเทศ", "ความก้าวหน้าอุตสาหกรรมสีเขียวและ 4.0",
               "สถานการณ์เหตุฉุกเฉิน", "ร้อยละโรงงานเสี่ยงที่ตรวจแล้ว: จังหวัดสูงสุดและต่ำสุด"]


def _title(app) -> str:
    return app.title[0].value


def _metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _walk(app, count: int) -> list[str]:
    titles = []
    for _ in range(count):
        titles.append(_title(app))
        app.button(key="deck_next").click().run()
        assert not app.exception, app.exception
    return titles


def _footer_place(app) -> tuple[int, ...] | None:
    """Where the footer is drawn: the indices of its element from the main area down."""
    def walk(node, path: tuple[int, ...]) -> tuple[int, ...] | None:
        if getattr(node, "type", None) == "html" and "deck-footer" in node.value:
            return path
        for index, child in getattr(node, "children", {}).items():
            if (found := walk(child, (*path, index))) is not None:
                return found
        return None

    return walk(app.main, ())


def test_the_national_deck_in_order_and_round_again(fixture_app_db):
    app = open_page(PRESENT, present="1")
    assert not app.exception, app.exception
    assert _walk(app, 5) == NATIONAL_TH
    assert _title(app) == NATIONAL_TH[0]  # the deck loops
    app.button(key="deck_previous").click().run()
    assert _title(app) == NATIONAL_TH[-1]
    assert str(app.query_params["slide"]) in ("5", "['5']")


@pytest.mark.parametrize("paused", ["0", "1"])
def test_the_footer_keeps_its_place_from_slide_to_slide(fixture_app_db, paused: str):
    # The next slide replaces the footer where it is drawn: a footer drawn elsewhere would stand
    # beside the old one, fading, until the run ends.
    app = open_page(PRESENT, present="1", paused=paused)
    places = set()
    for _ in range(5):
        places.add(_footer_place(app))
        app.button(key="deck_next").click().run()
    assert len(places) == 1 and None not in places, places


def test_the_figures_of_the_fixture(fixture_app_db):
    app = open_page(PRESENT, present="1", slide="2")
    assert _metrics(app)["โรงงานที่ประกอบกิจการ"] == "4"
    assert _metrics(app)["โรงงานเสี่ยงที่ตรวจแล้วในปีงบประมาณนี้"] == "50.0%"
    app = open_page(PRESENT, present="1", slide="4")
    board = _metrics(app)
    assert (board["ยังควบคุมไม่ได้"], board["ควบคุมได้ รอปิดเหตุ"], board["รุนแรง ระดับ 3-4"]) == ("1", "0", "1")


def test_a_province_slide_for_the_code_in_the_link_in_english(fixture_app_db):
    app = open_page(PRESENT, present="1", code="50", slide="6", lang="en")
    assert _title(app) == "Chiang Mai at a glance"
    assert _metrics(app)["Operating factories"] == "2"  # F3 and F5
    assert "Slide 6 of 6" in "\n".join(str(block.value) for block in app.get("html"))


def test_thai_numerals_on_request(fixture_app_db):
    app = open_page(PRESENT, present="1", code="50", slide="6", digits="thai")
    assert _metrics(app)["โรงงานที่ประกอบกิจการ"] == "๒"
    app = open_page()  # the rest of the app keeps Arabic numerals
    assert _metrics(app)["โรงงานที่ประกอบกิจการ"] == "4"


def test_no_widget_but_the_hidden_deck_controls(fixture_app_db):
    app = open_page(PRESENT, present="1")
    assert [button.key for button in app.button] == ["deck_previous", "deck_next", "deck_pause"]
    assert not app.selectbox and not app.sidebar.children


def test_pausing_offers_the_deck_to_take_home(fixture_app_db):
    app = open_page(PRESENT, present="1")
    app.button(key="deck_pause").click().run()
    assert str(app.query_params["paused"]) in ("1", "['1']")
    assert {"deck_pptx_build", "deck_pdf_build"} <= {button.key for button in app.button}


def test_slides_without_data_are_left_out(registry_only_app_db):
    # A registry alone measures no risk score worth mapping, no adoption, no emergency, no inspection:
    # the headline figures are the whole deck.
    app = open_page(PRESENT, present="1")
    assert not app.exception, app.exception
    assert _walk(app, 2) == [NATIONAL_TH[1]] * 2
    assert "ยังไม่มีข้อมูลบางส่วน" in "\n".join(str(w.value) for w in app.warning)


def test_a_slide_whose_page_is_missing_is_left_out(fixture_app_db, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(deck, "_PAGE_FILES", deck._PAGE_FILES - {"pages/adoption.py", "pages/emergencies.py"})
    app = open_page(PRESENT, present="1")
    assert _walk(app, 3) == [NATIONAL_TH[0], NATIONAL_TH[1], NATIONAL_TH[4]]


def test_bad_values_in_the_link_are_explained(fixture_app_db):
    app = open_page(PRESENT, present="1", code="99", slide="x9", every="fast")
    assert not app.exception, app.exception
    warning = "\n".join(str(w.value) for w in app.warning)
    assert "“99”" in warning and "x9" in warning and "fast" in warning
    assert _title(app) == NATIONAL_TH[0]
    app = open_page(PRESENT, present="1", slide="42")  # past the end: the last slide
    assert _title(app) == NATIONAL_TH[-1]


def test_present_flag_on_any_page_opens_the_deck(fixture_app_db):
    app = open_page("pages/risk.py", present="1", lang="en")
    assert not app.exception, app.exception
    assert _title(app) == "Risky factories across the country"


def test_the_empty_database_is_explained(empty_app_db):
    app = open_page(PRESENT, present="1")
    assert "python -m data_access.demo" in texts(app)


@pytest.mark.parametrize("text, message", [
    ('[[slide]]\nview = "weather"\npage = "pages/overview.py"\ntitle = { th = "ก", en = "A" }', "view 'weather'"),
    ('[[slide]]\nview = "kpis"\npage = "pages/overview.py"\ntitle = { th = "ก" }', "title needs th and en"),
    ('[[slide]]\nview = "kpis"\npage = "pages/overview.py"\nseconds = 1\ntitle = { th = "ก", en = "A" }',
     "seconds must lie between 2 and 600"),
    ('[[slide]]\nview = "kpis"\ntitle = { th = "ก", en = "A" }', "page is missing"),
    ("seconds = 5", "no [[slide]]"),
    ("[[slide", "not TOML"),
])
def test_a_wrong_deck_file_is_named(text: str, message: str):
    with pytest.raises(DeckError, match=message.replace("[", r"\[")):
        parse_deck(text)


def test_the_shipped_deck_reads_with_its_default_seconds():
    from data_access import reference

    slides = reference.deck()
    assert [slide.view for slide in slides] == ["risk_map", "kpis", "adoption", "emergencies", "ranking", "province"]
    assert [slide.seconds for slide in slides] == [25, 20, 20, 20, 20, 25]
