"""The names and types of the files the briefs and the deck download as: light, so that a page
offering a file does not load the PDF and PowerPoint renderers until one is asked for."""
from __future__ import annotations

import re
from datetime import date

from data_access.queries.province import ProvinceHeader

PDF_MIME = "application/pdf"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def province_file_name(header: ProvinceHeader, day: date) -> str:
    """``brief_20_chonburi_2026-11-22.pdf``."""
    return f"brief_{header.code}_{_slug(header.name_en)}_{day.isoformat()}.pdf"


def region_file_name(inspection_region: int, day: date) -> str:
    """``brief_region_08_2026-11-22.pdf``."""
    return f"brief_region_{inspection_region:02d}_{day.isoformat()}.pdf"


def deck_file_name(kind: str, code: str | None, day: date) -> str:
    """``deck_national_2026-11-22.pptx``, ``deck_20_2026-11-22.pdf``."""
    return f"deck_{code or 'national'}_{day.isoformat()}.{kind}"
