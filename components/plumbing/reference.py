"""The reference data as the app holds it: the labels, the province table and its regions, the
boundaries as GeoDataFrames, the GeoJSON the maps send to the browser and the brief's template,
each built once per process (``st.cache_resource``: read-only values, shared by every session,
never copied).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import jinja2
import pandas as pd
import streamlit as st

from components.boundaries import browser_geojson
from data_access import reference
from data_access.rules.deck import Slide
from data_access.rules.scope import Scope

if TYPE_CHECKING:
    import weasyprint


def labels() -> dict[str, dict[str, str]]:
    """Every label of the app in Thai and English (``assets/i18n/``), read once per process by
    :func:`data_access.reference.labels`. Not ``st.cache_resource``: a page looks labels up
    thousands of times a run, and its bookkeeping would cost more than the look-up."""
    return reference.labels()


def _template(relative_path: str) -> jinja2.Template:
    """An HTML template of ``assets/``, every text auto-escaped, every name required."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(reference.asset_text(relative_path))


@st.cache_resource(show_spinner=False)
def brief_template() -> jinja2.Template:
    """The brief's HTML template."""
    return _template("brief/brief.html.j2")


@st.cache_resource(show_spinner=False)
def brief_stylesheet() -> weasyprint.CSS:
    return _stylesheet("brief/brief.css")


@st.cache_resource(show_spinner=False)
def provinces() -> pd.DataFrame:
    """Code, names, regions of the 77 provinces (do not modify: shared)."""
    return reference.province_table()


def regions() -> list[str]:
    return sorted(provinces()["region"].unique())


def inspection_regions() -> list[int]:
    return sorted(int(number) for number in provinces()["inspection_region"].unique())


def province_codes() -> list[str]:
    return list(provinces()["code"])


def provinces_in(scope: Scope) -> pd.DataFrame:
    """The provinces the sidebar's region and inspection region leave in view."""
    table = provinces()
    keep = pd.Series(True, index=table.index)
    if scope.region is not None:
        keep &= table["region"] == scope.region
    if scope.inspection_region is not None:
        keep &= table["inspection_region"] == scope.inspection_region
    return table[keep]


@st.cache_resource(show_spinner=False)
def province_shapes() -> gpd.GeoDataFrame:
    return reference.province_shapes()


def bounds_of(codes: pd.Series | list[str]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the provinces ``codes``: what a map of them must frame."""
    shapes = province_shapes()
    west, south, east, north = shapes[shapes["code"].isin(list(codes))].total_bounds
    return float(west), float(south), float(east), float(north)


@st.cache_resource(show_spinner=False)
def district_shapes(province_code: str) -> gpd.GeoDataFrame:
    """The districts of one province."""
    shapes = reference.district_shapes()
    return shapes[shapes["province_code"] == province_code].reset_index(drop=True)


@st.cache_resource(show_spinner=False)
def province_geojson() -> dict:
    """The 77 provinces as the browser receives them (feature ids are province codes)."""
    return browser_geojson(province_shapes())


@st.cache_resource(show_spinner=False, max_entries=128)
def provinces_geojson(codes: tuple[str, ...]) -> dict:
    """The provinces ``codes`` (a region's, an inspection region's, one) as the browser receives them."""
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in province_geojson()["features"] if f["id"] in wanted]}


@st.cache_resource(show_spinner=False, max_entries=128)
def district_geojson(province_code: str) -> dict:
    """The districts of one province as the browser receives them (ids are district codes)."""
    return browser_geojson(district_shapes(province_code))


@st.cache_resource(show_spinner=False, max_entries=128)
def provinces_and_districts_geojson(province_code: str) -> dict:
    """The 77 provinces, then the districts of ``province_code``."""
    return browser_geojson(pd.concat([province_shapes(), district_shapes(province_code)], ignore_index=True))


@st.cache_resource(show_spinner=False)
def deck() -> tuple[Slide, ...]:
    """The seminar deck (``assets/deck/seminar.toml``), checked."""
    return reference.deck()


@st.cache_resource(show_spinner=False)
def handout_template() -> jinja2.Template:
    """The seminar handout's HTML template."""
    return _template("brief/handout.html.j2")


@st.cache_resource(show_spinner=False)
def handout_stylesheet() -> weasyprint.CSS:
    return _stylesheet("brief/handout.css")


def _stylesheet(relative_path: str) -> weasyprint.CSS:
    """A PDF stylesheet of ``assets/``. WeasyPrint is imported here, when a PDF is first made:
    every page imports this module, and a server that makes no PDF saves the 30 MB it holds."""
    import weasyprint

    return weasyprint.CSS(string=reference.asset_text(relative_path))
