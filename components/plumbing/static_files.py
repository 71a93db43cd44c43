"""The files the app serves itself (``server.enableStaticServing``: ./static at /app/static):
the Sarabun font, copied from the ``fontpkg-sarabun`` package before the first page asks for it,
and the empty base map of the province choropleths (``static/topojson``, kept in the repository:
see :mod:`components.choropleth`)."""
from __future__ import annotations

import shutil

from components.theme import FONT_WEIGHTS, font_file
from data_access.settings import PROJECT_ROOT

STATIC_FONT_DIR = PROJECT_ROOT / "static" / "fonts"


def ensure_static_fonts() -> None:
    """Copy the Sarabun files from the package to ``static/fonts`` (once) so the app serves them.

    The font comes from a pinned package rather than the repository or a web font service:
    nothing is fetched from outside the server, and the files match the PDFs' font exactly.
    """
    STATIC_FONT_DIR.mkdir(parents=True, exist_ok=True)
    for weight in FONT_WEIGHTS:
        target = STATIC_FONT_DIR / f"Sarabun-{weight}.ttf"
        if not target.exists():
            shutil.copyfile(font_file(weight), target)
