"""The pages of the app, in the order of the navigation: one place that lists them, for the
shell that builds the navigation and for the links between pages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from data_access.settings import PROJECT_ROOT


@dataclass(frozen=True)
class PageSpec:
    """One view. Its URL path is its file name (``pages/risk.py`` -> ``/risk``): on a cold server
    Streamlit resolves a deep link from the file names of ``pages/`` before the shell has run,
    so any other path would be "not found" there."""

    file: str
    title_key: str
    icon: str
    hidden: bool = False  # not listed in the navigation (presentation mode is opened by its button)

    @property
    def url_path(self) -> str:
        return Path(self.file).stem

    @property
    def path(self) -> Path:
        return PROJECT_ROOT / self.file


PAGES = (
    PageSpec("pages/overview.py", "page.overview", "🗺️"),
    PageSpec("pages/risk.py", "page.risk", "⚠️"),
    PageSpec("pages/province.py", "page.province", "📍"),
    PageSpec("pages/emergencies.py", "page.emergencies", "🚨"),
    PageSpec("pages/adoption.py", "page.adoption", "🌱"),
    PageSpec("pages/present.py", "page.present", "📽️", hidden=True),
    PageSpec("pages/data.py", "page.data", "🗄️"),
)
PRESENT_PAGE = next(spec for spec in PAGES if spec.url_path == "present")
