"""The visit briefs built from the cached reads: what a province or an inspection region prints,
gathered here so that the PDF renderers take values only. The renderer (WeasyPrint, matplotlib)
is imported when a brief is built, not with the page (see :mod:`components.brief`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from components.plumbing import coverage, reference
from components.plumbing.queries import cached
from data_access.queries import kpi_values, province_view
from data_access.queries.kpi_values import scorecard_of
from data_access.queries.province_view import ProvinceView
from data_access.rules.fiscal import Period
from data_access.settings import NATIONAL_CODE

if TYPE_CHECKING:
    from components.brief.document import BriefProvince


def _brief_province(view: ProvinceView, period: Period) -> BriefProvince:
    from components.brief.document import BriefProvince

    card = scorecard_of(coverage.kpis(cached(kpi_values.kpi_table, period)), view.code)
    return BriefProvince(view, card, reference.district_shapes(view.code))


def province_brief(code: str, period: Period) -> bytes:
    """The PDF brief of one province: everything about it is read here, when the brief is asked
    for, not by the page, which reads only what its open tab shows."""
    from components.brief.document import province_brief_pdf

    view = cached(province_view.province_view, code, period)
    return province_brief_pdf(_brief_province(view, period), period)


def region_brief(inspection_region: int, period: Period) -> bytes:
    """The PDF brief of an inspection region: every province of it, beside the nation."""
    from components.brief.document import region_brief_pdf

    views = cached(province_view.region_views, inspection_region, period)
    provinces = [_brief_province(view, period) for view in views]
    national = scorecard_of(coverage.kpis(cached(kpi_values.kpi_table, period)), NATIONAL_CODE)
    return region_brief_pdf(provinces, national, inspection_region, period)
