"""The visit brief as an A4 PDF: the province page's blocks worded by the same functions, laid
out by an HTML template (``assets/brief/``) and set by WeasyPrint in Sarabun, whose Pango shapes
Thai and breaks Thai lines at word boundaries.

A province brief is one section; a region brief adds a cover with the region's comparison table
and one section per province.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import jinja2
import pandas as pd
import weasyprint

from components.brief.charts import district_map_png, trends_png
from components.filters import inspection_region_label
from components.i18n import fiscal_year_label, fmt_date, fmt_int, fmt_pct, lang, name_column, t
from components.province_header import header_facts, inspector_name, province_title
from components.province_tables import emergency_rows
from components.scorecard import COLUMNS as SCORECARD_COLUMNS
from components.scorecard import format_value, kpi_label, scorecard_rows
from components.theme import FONT_WEIGHTS, TRAFFIC_COLOURS, font_file
from components.visit_list import visit_caption, visit_rows
from data_access.queries.kpi_values import scorecard_of
from data_access.queries.province_view import ProvinceView
from data_access.rules.fiscal import elapsed_share
from data_access.rules.kpis import KPI_ORDER
from data_access.settings import ASSETS_DIR, NATIONAL_CODE

TEMPLATE_DIR = ASSETS_DIR / "brief"
EMERGENCY_COLUMNS = ("state", "type", "severity", "started", "hours", "factory", "summary")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                                     undefined=jinja2.StrictUndefined)
    return environment.get_template("brief.html.j2")


@lru_cache(maxsize=1)
def _stylesheet() -> weasyprint.CSS:
    return weasyprint.CSS(filename=str(TEMPLATE_DIR / "brief.css"))


def province_section(view: ProvinceView, kpis: pd.DataFrame, fiscal_year: int, as_of: date) -> dict:
    """What the template needs of one province: strings, rows and the two pictures."""
    header = view.header
    active = int(view.emergencies["active"].sum()) if not view.emergencies.empty else 0
    return {
        "title": province_title(header),
        "facts": header_facts(header, as_of, fiscal_year),
        "bangkok_note": t("province.bangkok_note") if header["is_bangkok"] else "",
        "scorecard": scorecard_rows(scorecard_of(kpis, view.code), header["is_bangkok"]),
        "pace_note": t("scorecard.pace_note", elapsed=fmt_pct(elapsed_share(fiscal_year, as_of) * 100, 0)),
        "map": district_map_png(view.districts, view.points, view.code),
        "trends": trends_png(view.trends),
        "visits": visit_rows(view.visits).to_dict("records"),
        "visits_caption": visit_caption(),
        "emergencies_title": t("province.emergencies_title", active=fmt_int(active)),
        "emergencies": emergency_rows(view.emergencies).to_dict("records"),
        "complaints_line": t("brief.open_complaints", n=fmt_int(len(view.complaints))),
    }


def region_cover(views: list[ProvinceView], kpis: pd.DataFrame, inspection_region: int, fiscal_year: int,
                 as_of: date) -> dict:
    """The region's cover: who covers it and every KPI of every province side by side."""
    codes = [view.code for view in views]
    cards = {code: scorecard_of(kpis, code).set_index("kpi") for code in codes}
    national = scorecard_of(kpis, NATIONAL_CODE).set_index("kpi")
    rows = [{
        "label": kpi_label(kpi),
        "cells": [{"value": format_value(kpi, cards[c].at[kpi, "value"]), "light": cards[c].at[kpi, "light"]}
                  for c in codes],
        "national": format_value(kpi, national.at[kpi, "value"]),
    } for kpi in KPI_ORDER]
    facts = [(t("province.inspector"), inspector_name(views[0].header) if views else "–"),
             (t("filter.fy"), fiscal_year_label(fiscal_year)),
             (t("province.as_of"), fmt_date(as_of))]
    return {"title": inspection_region_label(inspection_region), "facts": facts, "rows": rows,
            "provinces": [view.header[name_column()] for view in views]}


def render_pdf(sections: list[dict], *, title: str, as_of: date, region: dict | None = None) -> bytes:
    """Lay the sections out on A4 and return the PDF bytes."""
    html = _template().render(
        lang=lang(), title=title, running_title=title, t=t, region=region, provinces=sections,
        fonts={weight: font_file(name).as_uri() for name, weight in FONT_WEIGHTS.items()},
        lights=TRAFFIC_COLOURS, scorecard_columns=SCORECARD_COLUMNS, emergency_columns=EMERGENCY_COLUMNS,
        as_of_text=fmt_date(as_of), made_text=fmt_date(datetime.now(), with_time=True),
    )
    return weasyprint.HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(stylesheets=[_stylesheet()])


def province_brief_pdf(view: ProvinceView, kpis: pd.DataFrame, fiscal_year: int, as_of: date) -> bytes:
    """The brief of one province (``kpis``: :func:`data_access.queries.kpi_values.kpi_table`)."""
    section = province_section(view, kpis, fiscal_year, as_of)
    return render_pdf([section], title=f"{t('brief.kicker')} · {section['title']}", as_of=as_of)


def region_brief_pdf(views: list[ProvinceView], kpis: pd.DataFrame, inspection_region: int, fiscal_year: int,
                     as_of: date) -> bytes:
    """The brief of an inspection region: comparison cover, then each province."""
    cover = region_cover(views, kpis, inspection_region, fiscal_year, as_of)
    sections = [province_section(view, kpis, fiscal_year, as_of) for view in views]
    return render_pdf(sections, title=f"{t('brief.kicker')} · {cover['title']}", as_of=as_of, region=cover)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def province_file_name(header: dict, day: date) -> str:
    """``brief_20_chonburi_2026-11-22.pdf``."""
    return f"brief_{header['code']}_{_slug(header['name_en'])}_{day.isoformat()}.pdf"


def region_file_name(inspection_region: int, day: date) -> str:
    """``brief_region_08_2026-11-22.pdf``."""
    return f"brief_region_{inspection_region:02d}_{day.isoformat()}.pdf"
