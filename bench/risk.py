"""The risk map on the national demo data: its data-access calls, the page's server time, and the
bytes the browser receives for its maps (the pydeck deck's JSON and the choropleth's figure JSON,
read from the page's own elements in AppTest).

Targets (issue 3): national map payload under 1.5 MB, the busiest province's point map under
1.5 MB, page server time under 1 s median warm. 1 MB = 1,000,000 bytes here.
"""
from __future__ import annotations

import sqlalchemy as sa
import streamlit as st
from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from bench.common import heading, page_server_time, time_calls
from bench.province import largest_province
from components.plumbing.params import default_factory_filter
from data_access.queries import catalog, risk_map
from data_access.queries.risk_map import FactoryFilter
from data_access.rules.fiscal import Period
from data_access.rules.scope import NATIONAL, Scope
from data_access.settings import PROJECT_ROOT, TABLE_SCREEN_ROWS

PAGE = "pages/risk.py"
TARGET_BYTES = 1_500_000


def run(engine: sa.Engine) -> None:
    heading("Risk map (issue 3)")
    set_log_level("error")  # labels are read outside a Streamlit session here
    with engine.connect() as conn:
        period = Period.at(catalog.data_as_of(conn))
        day = period.day
        code = largest_province(conn, period)
        national, province = default_factory_filter(NATIONAL), default_factory_filter(Scope(province_code=code))
        every_band = FactoryFilter(scope=Scope(province_code=code))
        calls = {
            "risk_map.province_risk_metrics": lambda: risk_map.province_risk_metrics(conn, period, NATIONAL),
            "risk_map.matching_counts (national)": lambda: risk_map.matching_counts(conn, day, national),
            "risk_map.matching_factories (national, first rows)":
                lambda: risk_map.matching_factories(conn, day, national, TABLE_SCREEN_ROWS),
            "risk_map.factory_cells (national)": lambda: risk_map.factory_cells(conn, day, national),
            f"risk_map.matching_factories ({code})": lambda: risk_map.matching_factories(conn, day, province),
            f"risk_map.matching_factories ({code}, every band)":
                lambda: risk_map.matching_factories(conn, day, every_band),
        }
        top = risk_map.matching_factories(conn, day, province)["factory_id"].iloc[0]
        calls["risk_map.factory_card"] = lambda: risk_map.factory_card(conn, top, day)
        for name, call in calls.items():
            print(f"{name:52} {time_calls(call, runs=5)}")
    print(f"\nbytes sent for the maps (busiest province: {code}; the page's default filter is the risky bands)")
    for label, params in (("national map", {}), ("national map, every band", {"band": ""}),
                          (f"province {code} point map", {"code": code}),
                          (f"province {code} point map, every band", {"code": code, "band": ""})):
        deck, choropleth, kind = map_payload(**params)
        total = deck + choropleth
        print(f"{label:40} {kind:9} deck {deck:>9,} B + choropleth {choropleth:>7,} B = {total / 1e6:5.2f} MB"
              f"   target < {TARGET_BYTES / 1e6:.1f} MB: {'ok' if total < TARGET_BYTES else 'OVER'}")
    for label, params in (("national", {}), (f"province {code}", {"code": code})):
        st.cache_data.clear()  # a cold first run: the query results are not cached yet
        cold, warm = page_server_time(PAGE, **params)
        print(f"risk page server time ({label}): first run {cold:.0f} ms (cold caches); warm reruns {warm}"
              f"   target: median < 1000 ms")


def map_payload(**query_params: str) -> tuple[int, int, str]:
    """UTF-8 bytes of the deck JSON (with its tooltip) and of the choropleth figure the risk page
    sends for these URL parameters, and which kind of layer the deck draws."""
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    app.run()
    app.switch_page(PAGE)
    for key, value in query_params.items():
        app.query_params[key] = value
    app.run()
    if app.exception:
        raise RuntimeError(f"{PAGE} raised: {app.exception[0].value}")
    deck = app.get("deck_gl_json_chart")[0].proto
    figure = app.get("plotly_chart")[0].proto
    kind = "hexagons" if "H3HexagonLayer" in deck.json else "points"
    return len(deck.json.encode()) + len(deck.tooltip.encode()), len(figure.spec.encode()), kind
