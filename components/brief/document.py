"""The visit brief as an A4 PDF: the province page's blocks worded by the same functions, laid
out by an HTML template (``assets/brief/``) and set by WeasyPrint in Sarabun, whose Pango shapes
Thai and breaks Thai lines at word boundaries.

A province brief is one section; a region brief adds a cover with the region's comparison table
and one section per province. Everything drawn comes in as values (:class:`BriefProvince`); the
template is held by :mod:`components.plumbing.reference`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import geopandas as gpd
import pandas as pd
import weasyprint

from components.brief.charts import district_map_png, trends_png
from components.i18n import fiscal_year_label, fmt_date, fmt_int, fmt_pct, inspection_region_label, lang, t
from components.plumbing.reference import brief_stylesheet, brief_template
from components.province_header import header_facts, inspector_name, province_title
from components.province_tables import emergency_columns, emergency_rows
from components.scorecard import COLUMNS as SCORECARD_COLUMNS
from components.scorecard import format_value, kpi_label, scorecard_rows
from components.theme import FONT_WEIGHTS, TRAFFIC_COLOURS, css_palette, font_file
from components.visit_list import visit_caption, visit_rows
from data_access.queries.province_view import ProvinceView
from data_access.rules.fiscal import Period
from data_access.rules.kpis import KPI_ORDER
from data_access.settings import ASSETS_DIR

TEMPLATE_DIR = ASSETS_DIR / "brief"


@dataclass(frozen=True)
class BriefProvince:
    """What the brief prints of one province: its bundle, its scorecard rows
    (:func:`data_access.queries.kpi_values.scorecard_of`) and its district boundaries."""

    view: ProvinceView
    scorecard: pd.DataFrame
    districts: gpd.GeoDataFrame


def province_section(province: BriefProvince, period: Period) -> dict:
    """What the template needs of one province: strings, rows and the two pictures."""
    view, header = province.view, province.view.header
    active = int(view.emergencies["active"].sum()) if not view.emergencies.empty else 0
    return {
        "title": province_title(header),
        "facts": header_facts(header, period),
        "bangkok_note": t("province.bangkok_note") if header.is_bangkok else "",
        "scorecard": scorecard_rows(province.scorecard, header.is_bangkok),
        "pace_note": t("scorecard.pace_note", elapsed=fmt_pct(period.elapsed * 100, 0)),
        "map": district_map_png(view.points, province.districts),
        "trends": trends_png(view.trends),
        "trends_title": t("trends.title", n=view.trends["fiscal_year"].nunique()),
        "visits": visit_rows(view.visits).to_dict("records"),
        "visits_caption": visit_caption(),
        "emergencies_title": t("province.emergencies_title", active=fmt_int(active)),
        "emergencies": emergency_rows(view.emergencies).to_dict("records"),
        "complaints_line": t("brief.open_complaints", n=fmt_int(len(view.complaints))),
    }


def region_cover(provinces: list[BriefProvince], national: pd.DataFrame, inspection_region: int,
                 period: Period) -> dict:
    """The region's cover: who covers it and every KPI of every province side by side, beside
    the ``national`` scorecard."""
    cards = [province.scorecard.set_index("kpi") for province in provinces]
    nation = national.set_index("kpi")
    rows = [{
        "label": kpi_label(kpi),
        "cells": [{"value": format_value(kpi, card.at[kpi, "value"]), "light": card.at[kpi, "light"]}
                  for card in cards],
        "national": format_value(kpi, nation.at[kpi, "value"]),
    } for kpi in KPI_ORDER]
    headers = [province.view.header for province in provinces]
    facts = [(t("province.inspector"), inspector_name(headers[0]) if headers else "–"),
             (t("filter.fy"), fiscal_year_label(period.fiscal_year)),
             (t("province.as_of"), fmt_date(period.as_of))]
    return {"title": inspection_region_label(inspection_region), "facts": facts, "rows": rows,
            "provinces": [header.name(lang()) for header in headers]}


def render_pdf(sections: list[dict], *, title: str, as_of: date, region: dict | None = None) -> bytes:
    """Lay the sections out on A4 and return the PDF bytes."""
    html = brief_template().render(
        lang=lang(), title=title, running_title=title, t=t, region=region, provinces=sections,
        fonts={weight: font_file(name).as_uri() for name, weight in FONT_WEIGHTS.items()},
        lights=TRAFFIC_COLOURS, palette=css_palette(), scorecard_columns=SCORECARD_COLUMNS,
        emergency_columns=[column for column in emergency_columns() if column != "casualties"],
        as_of_text=fmt_date(as_of), made_text=fmt_date(datetime.now(), with_time=True),
    )
    return weasyprint.HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(stylesheets=[brief_stylesheet()])


def province_brief_pdf(province: BriefProvince, period: Period) -> bytes:
    """The brief of one province."""
    section = province_section(province, period)
    return render_pdf([section], title=f"{t('brief.kicker')} · {section['title']}", as_of=period.as_of)


def region_brief_pdf(provinces: list[BriefProvince], national: pd.DataFrame, inspection_region: int,
                     period: Period) -> bytes:
    """The brief of an inspection region: comparison cover, then each province."""
    cover = region_cover(provinces, national, inspection_region, period)
    sections = [province_section(province, period) for province in provinces]
    return render_pdf(sections, title=f"{t('brief.kicker')} · {cover['title']}", as_of=period.as_of, region=cover)
