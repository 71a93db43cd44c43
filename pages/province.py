"""Province drill-down: one province's KPIs against this fiscal year's targets, its trends, the
district map, the factories to visit, what is open, how it compares with its region and the
nation, and the inspector-general's visit brief as a PDF (one province or the whole inspection
region)."""
import streamlit as st

from components import cached, filters
from components.brief import province_brief_pdf, province_file_name, region_brief_pdf, region_file_name
from components.brief.download import lazy_pdf_download
from components.district_map import district_map
from components.filters import inspection_region_label
from components.i18n import lang, t
from components.province_header import province_header
from components.province_picker import explain_no_province, pick_province
from components.province_tables import compare_table, emergencies_table, open_complaints_table
from components.scorecard import scorecard
from components.shell import ensure_shell, require_data
from components.trends import trend_chart
from components.visit_list import visit_table
from data_access.queries.kpi_values import compare_of, kpi_table, scorecard_of
from data_access.queries.province_view import province_view, region_views
from data_access.reference import province_table
from data_access.rules.fiscal import elapsed_share

ensure_shell()
require_data()

f = filters.current()
provinces = province_table()
code = pick_province(provinces)
if code is None:
    st.title(t("province.page_title"))
    explain_no_province(provinces)
    st.stop()

kpis = cached.query(kpi_table, f.fiscal_year, f.as_of)
view = cached.query(province_view, code, f.day)
header = view.header
region = header["inspection_region"]
province_header(header, f.as_of, f.fiscal_year)

with st.container(horizontal=True):
    lazy_pdf_download(t("brief.province_button"), lambda: province_brief_pdf(view, kpis, f.fiscal_year, f.as_of),
                      province_file_name(header, f.day), key="brief_province",
                      token=(code, f.fiscal_year, f.as_of, lang()))
    lazy_pdf_download(t("brief.region_button", region=inspection_region_label(region)),
                      lambda: region_brief_pdf(cached.query(region_views, region, f.day), kpis, region,
                                               f.fiscal_year, f.as_of),
                      region_file_name(region, f.day), key="brief_region",
                      token=(region, f.fiscal_year, f.as_of, lang()))

scorecard(scorecard_of(kpis, code), is_bangkok=header["is_bangkok"], elapsed=elapsed_share(f.fiscal_year, f.as_of))
trends_column, map_column = st.columns(2)
with trends_column:
    trend_chart(view.trends, key="province_trends")
with map_column:
    district_map(view.districts, view.points, code, key="province_map")
visit_table(view.visits, code, key="province_visits")
complaints_column, emergencies_column = st.columns(2)
with complaints_column:
    open_complaints_table(view.complaints, code, key="province_complaints")
with emergencies_column:
    emergencies_table(view.emergencies)
compare_table(compare_of(kpis, code), t(f"region.{header['region']}"))
