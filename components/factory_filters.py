"""The factory filters of the risk page (province, risk band, factors, class, factory type,
inspection overdue, open complaints), each widget bound to its URL parameter
(:data:`components.plumbing.params.RISK`), so that any view is a link."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fixed_labels, name_column, t
from components.plumbing.params import ALL, CATEGORIES, RISK
from components.plumbing.url_state import bound
from components.risk_labels import band_label, factor_label
from data_access import settings as cfg


def factory_filter_controls(provinces: pd.DataFrame) -> None:
    """Draw the filters; ``provinces`` (code and names) are those the sidebar leaves in view."""
    names = dict(zip(provinces["code"], provinces[name_column()]))
    province_options = [ALL, *sorted(names, key=names.get)]
    with st.container(border=True):
        first, second = st.columns(3), st.columns(4)
        bound(first[0].selectbox, RISK, "code", key="risk_filter_code", label=t("risk.filter.province"),
              options=province_options, format_func=fixed_labels(
                  province_options, lambda c: t("risk.filter.all_provinces") if c == ALL else names[c]))
        bound(first[1].multiselect, RISK, "band", key="risk_filter_band", label=t("risk.filter.band"),
              options=cfg.RISK_BAND_NAMES, format_func=fixed_labels(cfg.RISK_BAND_NAMES, band_label),
              placeholder=t("risk.filter.any_band"))
        bound(first[2].multiselect, RISK, "factor", key="risk_filter_factor", label=t("risk.filter.factor"),
              options=cfg.RISK_FACTORS, format_func=fixed_labels(cfg.RISK_FACTORS, factor_label),
              placeholder=t("risk.filter.any_factor"))
        bound(second[0].multiselect, RISK, "class", key="risk_filter_class", label=t("risk.filter.class"),
              options=CATEGORIES, placeholder=t("risk.filter.any"),
              format_func=fixed_labels(CATEGORIES, lambda n: t("risk.class", n=n)))
        bound(second[1].multiselect, RISK, "type", key="risk_filter_type", label=t("risk.filter.type"),
              options=cfg.FACTORY_TYPE_NUMBERS, placeholder=t("risk.filter.any"),
              format_func=fixed_labels(cfg.FACTORY_TYPE_NUMBERS, lambda n: t("risk.type", n=n)))
        bound(second[2].toggle, RISK, "overdue", key="risk_filter_overdue",
              label=t("risk.filter.overdue", days=cfg.INSPECTION_OVERDUE_DAYS))
        bound(second[3].toggle, RISK, "complaints", key="risk_filter_complaints", label=t("risk.filter.complaints"))
