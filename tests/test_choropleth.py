"""The province choropleth is an SVG geo map that needs nothing from outside the server: our own
boundaries, wound as d3-geo reads them, and an empty base map served by the app itself."""
import json

from shapely.geometry import shape
from streamlit.testing.v1 import AppTest

from components.boundaries import browser_geojson
from components.choropleth import BASE_MAP_URL
from data_access.reference import province_shapes
from data_access.settings import PROJECT_ROOT


def test_browser_boundaries_run_clockwise_with_their_codes():
    shapes = province_shapes()
    collection = browser_geojson(shapes)
    assert [feature["id"] for feature in collection["features"]] == shapes["code"].tolist()
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert not polygon.exterior.is_ccw, feature["id"]  # else d3-geo fills the rest of the globe
            assert all(ring.is_ccw for ring in polygon.interiors), feature["id"]
        source = shapes.loc[shapes["code"] == feature["id"], "geometry"].iloc[0]
        assert abs(geometry.area - source.area) <= 0.01 * source.area, feature["id"]  # rounded, not reshaped


def test_the_base_map_plotly_asks_for_is_served_and_empty():
    served = PROJECT_ROOT / "static" / BASE_MAP_URL.removeprefix("app/static/") / "world_110m.json"
    assert json.loads(served.read_text()) == {"type": "Topology", "objects": {}, "arcs": []}


def _draw() -> None:
    import pandas as pd

    from components.boundaries import browser_geojson
    from components.choropleth import choropleth
    from data_access.reference import province_shapes

    shapes = province_shapes().head(3)
    frame = pd.DataFrame({"code": shapes["code"], "n": [1, 2, 3], "name": shapes["name_en"]})
    choropleth(frame, browser_geojson(shapes), value="n", label="n", name="name", colorscale="Reds", key="map")


def test_the_choropleth_is_a_geo_map_fitted_to_its_areas_with_the_local_base_map():
    app = AppTest.from_function(_draw).run()
    chart = app.get("plotly_chart")[0].proto
    spec, config = json.loads(chart.spec), json.loads(chart.config)
    assert [trace["type"] for trace in spec["data"]] == ["choropleth"]
    assert spec["data"][0]["locations"] == province_shapes()["code"].head(3).tolist()
    assert spec["layout"]["geo"]["fitbounds"] == "locations" and spec["layout"]["geo"]["visible"] is False
    assert config["topojsonURL"] == BASE_MAP_URL
