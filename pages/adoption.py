"""Industry 4.0 and Green Industry adoption: who climbs which ladder, where, and whether the
nation and each province will make this fiscal year's targets; one ladder at a time (GI levels
1-5, or the ministry's i4.0 self-assessment 1.0-4.0), for the provinces the sidebar leaves in
view or one of them; in tabs, the targets and the ladder's charts, the provinces on a map and
ranked, and the factories likely to move up next."""
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from components.adoption_charts import dimension_chart, gi_flows_chart, gi_stock_chart, i40_levels_chart, slope_chart
from components.adoption_controls import ladder_controls, province_control
from components.adoption_labels import area_label, ladder_label
from components.adoption_tables import candidate_table, movers_table, profile_table, progress_table
from components.i18n import fiscal_year_label, fmt_date, name_column, t
from components.kpi_cards import kpi_cards
from components.metric_map import metric_choropleth, metric_selector
from components.plumbing import coverage, reference, url_state
from components.plumbing.navigation import open_province
from components.plumbing.params import ADOPTION, adoption_values
from components.plumbing.queries import cached
from components.plumbing.shell import current, ensure_shell, require_data
from components.province_table import ranked_province_table
from components.section_tabs import section_tabs
from data_access import settings as cfg
from data_access.queries import adoption, kpi_values, overview
from data_access.rules.adoption import top_and_bottom
from data_access.rules.metrics import ADOPTION_CARDS, ADOPTION_TABLE
from data_access.rules.scope import NATIONAL


@st.fragment
def by_metric(provinces: pd.DataFrame, history: pd.DataFrame, ladder: str, day: date) -> None:
    """The provinces by the ladder's metric chosen, on the map, ranked, and the top and bottom
    ones over the years: a fragment, so that choosing another metric redraws these alone."""
    map_column, table_column = st.columns([3, 2])
    with map_column:
        st.subheader(t("adoption.map.title"))
        metric = metric_selector(ADOPTION, key=f"adoption_metric_{ladder}", name=f"{ladder}_metric")
        metric_choropleth(provinces, reference.province_geojson(), metric, key="adoption_map", on_click=open_province)
    with table_column:
        ranked_province_table(provinces, metric, ADOPTION_TABLE[ladder], name_column(), key="adoption_ranking",
                              day=day, file_stem=f"adoption_provinces_{ladder}")
    slope_chart(history, metric, *top_and_bottom(provinces, metric), name_column(), key="adoption_slope")


ensure_shell()
require_data()

f = current()
in_view = reference.provinces_in(f.scope)
values = adoption_values(url_state.read(ADOPTION), set(in_view["code"]))
code = province_control(in_view)
scope, stem = replace(f.scope, province_code=code), code or "all"
names = {**dict(zip(reference.provinces()["code"], reference.provinces()[name_column()])),
         cfg.NATIONAL_CODE: t("adoption.nation")}

st.title(t("adoption.title"))
st.caption(t("adoption.subtitle", fy=fiscal_year_label(f.period.fiscal_year), day=fmt_date(f.period.day),
             area=area_label(scope, names)))
coverage.notice(coverage.ADOPTION)
ladder, level = ladder_controls()
st.caption(t(f"adoption.scale.{ladder}"))
if not coverage.drawable(coverage.LADDER_NEEDS[ladder], ladder_label(ladder)):
    st.stop()  # every figure below is counted from the ladder's own export
history = coverage.metrics(cached(adoption.province_history, adoption.history_periods(f.period), f.scope))
provinces = adoption.of_year(history, f.period.fiscal_year)
before = coverage.metrics(cached(adoption.province_adoption, f.period.previous(), f.scope))
kpi_cards(overview.kpis_with_change(adoption.of_province(provinces, code), adoption.of_province(before, code),
                                    ADOPTION_CARDS[ladder]), delta_label=t("kpi.vs_last_year"))


def ladder_section() -> None:
    """This year's targets, then the ladder itself: GI stock and flows, or i4.0 levels and profiles."""
    progress = adoption.target_progress(cached(adoption.province_adoption, f.period, NATIONAL),
                                        cached(kpi_values.targets_by_province, f.period.fiscal_year), f.period,
                                        [cfg.NATIONAL_CODE, *filter(None, [code])], cfg.ADOPTION_TARGETS[ladder])
    progress_table(progress, names, f.period, key="adoption_progress", file_stem=f"adoption_targets_{ladder}_{stem}")
    if ladder == "gi":
        gi_stock_chart(cached(adoption.gi_stock, f.period, scope), key="adoption_stock")
        gi_flows_chart(cached(adoption.gi_flows, f.period, scope), key="adoption_flows")
        return
    left, right = st.columns(2)
    with left:
        i40_levels_chart(cached(adoption.i40_levels, f.period, scope), key="adoption_levels")
    with right:
        dimension_chart(cached(adoption.i40_profile, f.period, NATIONAL, "province"), code, names,
                        key="adoption_dimensions")
    profile_table(cached(adoption.i40_profile, f.period, scope, values["by"]), values["by"], names,
                  key="adoption_profile", file_stem=f"adoption_i40_by_{values['by']}_{stem}", day=f.period.day)
    movers_table(adoption.at_level(cached(adoption.i40_movers, f.period, scope), level), key="adoption_movers",
                 file_stem=f"adoption_i40_movers_{stem}", day=f.period.day)


def candidates_section() -> None:
    candidate_table(adoption.at_level(cached(adoption.candidates, f.period, scope, ladder), level), ladder,
                    key="adoption_candidates", file_stem=f"adoption_candidates_{ladder}_{stem}", day=f.period.day)


def provinces_section() -> None:
    by_metric(provinces, history, ladder, f.period.day)


section_tabs(ADOPTION, {"ladder": ladder_section, "provinces": provinces_section, "candidates": candidates_section},
             key="adoption_section", labels="adoption.section")
