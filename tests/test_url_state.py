"""The one URL-state mechanism (components/plumbing/url_state.py): typed values from links,
defaults out of links, and links that carry junk (unknown codes, SQL fragments, very long
strings, Markdown) answered with one message and the defaults, never a traceback; then the
same through the pages in AppTest, the language switched there and back with filters set."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from components.plumbing.url_state import Choice, Choices, Flag, Group, Text, _shown, parse, to_params
from data_access.db import connect, schema
from tests import adoption_fixture
from tests.apptest import app_database, open_page

GROUP = Group("test", (
    Choice("code", None, options=("10", "11", "50")),
    Choice("fy", 2570, options=(2570, 2569), cast=int),
    Choices("band", ("high", "critical"), options=("low", "medium", "high", "critical")),
    Flag("overdue"),
    Text("factory", None, pattern=r"[0-9]{14}"),
))

HOSTILE = [
    "11' OR '1'='1",
    "11; DROP TABLE factories; --",
    "x" * 10_000,
    "1" * 5_000 + ",high",
    "<script>alert(1)</script>",
    "[click](http://example.com) :red[boo] $x^2$",
    "ภาคเหนือ",
    "\x00\n\t",
    "",
]


def test_valid_values_are_typed():
    values, rejected = parse(GROUP, {"code": "11", "fy": "2569", "band": "critical,low", "overdue": "1",
                                     "factory": "10011000900001"})
    assert rejected == []
    assert values == {"code": "11", "fy": 2569, "band": ("low", "critical"), "overdue": True,
                      "factory": "10011000900001"}


def test_a_link_without_parameters_gives_the_defaults():
    assert parse(GROUP, {}) == (GROUP.defaults, [])
    assert GROUP.defaults == {"code": None, "fy": 2570, "band": ("high", "critical"), "overdue": False,
                              "factory": None}


def test_defaults_stay_out_of_links_and_values_round_trip():
    assert to_params(GROUP, GROUP.defaults) == {}
    values = {"code": "50", "fy": 2569, "band": (), "overdue": True, "factory": "10011000900001"}
    link = to_params(GROUP, values)
    assert link == {"code": "50", "fy": "2569", "band": "", "overdue": "1", "factory": "10011000900001"}
    assert parse(GROUP, link) == (values, [])


@pytest.mark.parametrize("name", ["code", "fy", "overdue", "factory"])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_junk_gives_the_default_and_is_named(name, text):
    values, rejected = parse(GROUP, {name: text})
    assert values == GROUP.defaults
    assert rejected == [(GROUP[name], text)]


def test_unknown_items_of_a_list_are_named_one_by_one():
    values, rejected = parse(GROUP, {"band": "high,extreme,DROP TABLE x"})
    assert values["band"] == ("high",)
    assert [text for _, text in rejected] == ["extreme", "DROP TABLE x"]


def test_an_overlong_value_is_not_parsed_at_all():
    values, rejected = parse(GROUP, {"band": ",".join(["high"] * 2_000)})
    assert values["band"] == ("high", "critical") and len(rejected) == 1


def test_a_rejected_value_is_shown_short_and_literal():
    shown = _shown("[click](http://example.com) :red[boo] " + "x" * 100)
    assert len(shown) < 80 and shown.endswith("…")
    assert "](" not in shown and ":red[" not in shown  # escaped: no link, no colour
    assert _shown("a\nb\tc") == "a b c"


# --- through the pages ---------------------------------------------------------------------------

def _factory_count(url: str) -> int:
    engine = connect.make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(schema.factories)).scalar_one()
    engine.dispose()
    return count


@pytest.fixture
def every_export_app_db(duckdb_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The small fixture with GI, i4.0 and targets too: no page has a note of missing data to add."""
    return app_database(duckdb_url, monkeypatch, adoption_fixture.load)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/risk.py", "pages/province.py",
                                  "pages/adoption.py"])
def test_hostile_links_open_every_page_with_one_message(every_export_app_db, page):
    junk = {"fy": "2570 UNION SELECT * FROM factories", "region": "North'; DROP TABLE factories; --",
            "ir": "9" * 3_000, "code": "<script>alert(1)</script>", "band": "high,extreme", "metric": "x" * 500}
    app = open_page(page, **junk)
    assert not app.exception, app.exception
    assert len(app.warning) == 1, [w.value for w in app.warning]
    message = app.warning[0].value
    assert "fy" in message and "region" in message and "9" * 100 not in message
    assert str(app.session_state["fy"]) == "2570" and app.session_state["region"] == "all"
    assert _factory_count(every_export_app_db) == len(adoption_fixture.F)  # nothing ran but the queries


def test_language_round_trip_keeps_the_filters_and_links_carry_codes(fixture_app_db):
    app = open_page("pages/risk.py")
    app.sidebar.selectbox(key="region").set_value("North").run()
    app.multiselect(key="risk_filter_band").set_value(["medium", "high"]).run()
    for language, title in (("en", "Factory risk map"), ("th", "แผนที่ความเสี่ยงโรงงาน"), ("en", "Factory risk map")):
        app.sidebar.segmented_control(key="_lang_choice").set_value(language).run()
        assert not app.exception, app.exception
        assert app.title[0].value == title
        assert app.sidebar.selectbox(key="region").value == "North"
        assert app.multiselect(key="risk_filter_band").value == ["medium", "high"]
        params = {name: app.query_params.get(name) for name in ("region", "band", "lang")}
        flat = {name: value[0] if isinstance(value, list) else value for name, value in params.items()}
        assert flat["region"] == "North" and flat["band"] == "medium,high"
        assert flat["lang"] == (None if language == "th" else "en")
