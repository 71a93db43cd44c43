"""Province drill-down: one province's KPIs against this fiscal year's targets, its trends, the
district map, the factories to visit, what is open, how it compares with its region and the
nation, and the inspector-general's visit brief as a PDF (one province or the whole inspection
region)."""
import streamlit as st

from components.adoption_tables import adoption_summary
from components.brief.download import lazy_pdf_download
from components.brief.files import province_file_name, region_file_name
from components.district_map import district_map
from components.i18n import inspection_region_label, lang, t
from components.plumbing import briefs, coverage, reference, url_state
from components.plumbing.navigation import page_link
from components.plumbing.params import PROVINCE
from components.plumbing.queries import cached
from components.plumbing.shell import current, ensure_shell, require_data
from components.province_header import province_header
from components.province_picker import explain_no_province, pick_province
from components.province_tables import compare_table, emergencies_table, open_complaints_table
from components.scorecard import scorecard
from components.section_tabs import section_tabs
from components.trends import trend_chart
from components.visit_list import visit_table
from data_access.queries import adoption, kpi_values, province
from data_access.queries import visits as visits_query
from data_access.rules.scope import NATIONAL

ensure_shell()
require_data()

f = current()
url_state.read(PROVINCE)
code = pick_province(reference.provinces())
if code is None:
    st.title(t("province.page_title"))
    explain_no_province(reference.provinces())
    st.stop()

kpis = coverage.kpis(cached(kpi_values.kpi_table, f.period))
day = f.period.day
header = cached(province.province_header, code, day)
region, region_name = header.inspection_region, inspection_region_label(header.inspection_region)
province_header(header, f.period)
coverage.notice(coverage.PROVINCE)

with st.container(horizontal=True):
    lazy_pdf_download(t("brief.province_button"), t("brief.province_download"),
                      lambda: briefs.province_brief(code, f.period), province_file_name(header, day),
                      key="brief_province", token=(code, f.period, lang()))
    lazy_pdf_download(t("brief.region_button", region=region_name), t("brief.region_download", region=region_name),
                      lambda: briefs.region_brief(region, f.period), region_file_name(region, day),
                      key="brief_region", token=(region, f.period, lang()))


def summary() -> None:
    """The KPIs against this year's targets, beside the region and the nation, and adoption."""
    scorecard(kpi_values.scorecard_of(kpis, code), is_bangkok=header.is_bangkok, elapsed=f.period.elapsed)
    compare_table(kpi_values.compare_of(kpis, code), t(f"region.{header.region}"))
    if coverage.drawable(coverage.ADOPTION, t("adoption.summary.title"), every=False):
        figures = adoption.summary_of(cached(adoption.province_adoption, f.period, NATIONAL),
                                      cached(kpi_values.targets_by_province, f.period.fiscal_year), code, f.period)
        adoption_summary(coverage.summary(figures), f.period, key="province_adoption")
    page_link("adoption", t("adoption.summary.open"), code=code)


def trends() -> None:
    """Five years by month, and the districts (or the factories) on the map."""
    trends_column, map_column = st.columns(2)
    with trends_column:
        if coverage.drawable(coverage.TRENDS, t("trends.title"), every=False):
            trend_chart(coverage.trends(cached(province.monthly_trends, code, f.period)), key="province_trends")
    with map_column:
        if coverage.measured("risky", t("district_map.title")):
            district_map(cached(province.district_risk, code, day), cached(province.factory_points, code, day),
                         reference.district_geojson(code), PROVINCE, key="province_map")


def visits() -> None:
    visit_table(cached(visits_query.visit_list, code, f.period), code, key="province_visits", day=day)


def complaints() -> None:
    """What is still open: complaints, then emergencies."""
    if coverage.loaded("complaints"):
        open_complaints_table(cached(province.open_complaints, code, day), code, key="province_complaints", day=day)
    if coverage.loaded("emergencies"):
        emergencies_table(cached(province.province_emergencies, code, day))


section_tabs(PROVINCE, {"summary": summary, "trends": trends, "visits": visits, "complaints": complaints},
             key="province_section", labels="province.section")
