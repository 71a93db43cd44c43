"""The pydeck JSON the factory map sends: compact UTF-8, no basemap or outside address, points
grouped by band with what the tooltip needs, hexagons coloured by their worst band, and a click
on a point mapped back to its factory."""
import json

import pandas as pd
import pytest

from components import factory_map
from components.plumbing import reference
from data_access.queries.risk_map import POINT_COLUMNS

ROWS = [  # factory_id, display_reg, name, type, lat, lon, score, band, top_factors
    ("A", "จ3-101-1/50สป", "บริษัท เอ เคมี จำกัด", 101, 13.6, 100.5968, 75.0, "critical", "type_hazard,size"),
    ("B", "จ3-9-2/50สป", "ห้างหุ้นส่วนจำกัด บี ฟู้ด", 9, 13.61, 100.6, 13.0, "low", "wastewater"),
    ("C", None, "โรงงานซี", None, None, None, 50.0, "high", ""),               # no point: table only
    ("D", "จ3-105-3/50ชม", "บริษัท ดี จำกัด (มหาชน)", 105, 18.7883, 98.9853, 45.9, "high", "type_hazard"),
]


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = pd.DataFrame(ROWS, columns=["factory_id", "display_reg", "name", "factory_type", "lat", "lon", "score",
                                       "band", "top_factors"])
    return rows.reindex(columns=list(POINT_COLUMNS))


def _layers(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_point_deck_is_compact_utf8_without_basemap(frame):
    text = factory_map.point_deck(frame, reference.provinces_and_districts_geojson("11")).to_json()
    assert "\\u0e" not in text and "บจก. เอ เคมี" in text       # Thai as UTF-8, not \uXXXX escapes
    assert "\n" not in text  # not indented
    spec = json.loads(text)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # no basemap at all
    assert "http" not in text and "cartocdn" not in text and "mapbox" not in text


def test_point_layers_by_band_under_boundaries(frame):
    layers = _layers(factory_map.point_deck(frame, reference.provinces_and_districts_geojson("11")))
    assert list(layers) == ["boundaries", "band-low", "band-high", "band-critical"]  # critical on top
    assert layers["boundaries"]["pickable"] is False
    assert layers["band-critical"]["data"] == [
        [100.5968, 13.6, 0, "บจก. เอ เคมี", "จ3-101-1/50สป", 101, 75.0, "วิกฤต", "ประเภทอันตราย,ขนาด"]]
    assert layers["band-high"]["data"] == [
        [98.9853, 18.7883, 0, "บมจ. ดี", "จ3-105-3/50ชม", 105, 45.9, "สูง", "ประเภทอันตราย"]]  # C has no point
    assert layers["band-low"]["data"][0][3] == "หจก. บี ฟู้ด"
    assert layers["band-critical"]["getPosition"] == "@@=-"


def test_boundaries_of_a_province_add_its_districts(frame):
    def boundaries(geojson: dict) -> list[dict]:
        return _layers(factory_map.point_deck(frame, geojson))["boundaries"]["data"]["features"]

    national = boundaries(reference.province_geojson())
    province = boundaries(reference.provinces_and_districts_geojson("11"))
    assert len(national) == 77 and len(province) == 77 + 6  # Samut Prakan has six districts
    assert set(national[0]) == {"type", "id", "geometry"}  # no attribute table sent


def test_tooltip_names_every_field(frame):
    deck = factory_map.point_deck(frame, reference.provinces_and_districts_geojson("11"))
    html = deck._tooltip["html"]
    for index in range(3, 9):
        assert f"{{{index}}}" in html


def test_clicked_point_maps_back_to_its_factory(frame):
    ids = factory_map.layer_ids(frame)
    layers = _layers(factory_map.point_deck(frame, reference.provinces_and_districts_geojson("11")))
    for layer_id, factory_ids in ids.items():
        assert len(factory_ids) == len(layers.get(layer_id, {"data": []})["data"])
    assert ids == {"band-low": ["B"], "band-medium": [], "band-high": ["D"], "band-critical": ["A"]}


def test_hex_deck_colours_cells_by_how_many_risky_factories_they_hold():
    # Colour classes: none, 1-2, 3-9, 10-29, 30+ risky factories (RISK_HEX_BREAKS 1, 3, 10, 30).
    cells = pd.DataFrame({"cell": ["856482c7fffffff", "85658b4bfffffff", "8564a2cbfffffff", "85658a4bfffffff"],
                          "n": [2, 1, 40, 12], "risky": [0, 1, 35, 9], "max_score": [30.0, 75.0, 80.0, 60.0],
                          "max_band": ["medium", "critical", "critical", "high"]})
    layers = _layers(factory_map.hex_deck(cells, reference.province_geojson(), reference.bounds_of(["11", "50"])))
    assert list(layers) == ["boundaries", "hex-0", "hex-1", "hex-2", "hex-4"]
    assert layers["hex-0"]["data"] == [{"h": "856482c7fffffff", "n": 2, "k": 0, "m": 30.0}]
    assert [cell["k"] for cell in layers["hex-2"]["data"]] == [9] and layers["hex-4"]["data"][0]["k"] == 35
    assert layers["hex-1"]["@@type"] == "H3HexagonLayer"
    assert [factory_map.hex_class(n) for n in (0, 1, 2, 3, 9, 10, 29, 30, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


@pytest.mark.parametrize("name, short", [
    ("บริษัท เอ จำกัด", "บจก. เอ"), ("บริษัท เอ บี จำกัด (มหาชน)", "บมจ. เอ บี"),
    ("ห้างหุ้นส่วนจำกัด ซี", "หจก. ซี"), ("โรงงานดี", "โรงงานดี"), ("บริษัทไทย", "บริษัทไทย"),
])
def test_short_name(name, short):
    assert factory_map.short_name(name) == short
