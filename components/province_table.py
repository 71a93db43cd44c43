"""The ranked province table with its CSV download."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import t
from components.metric_map import label
from components.tables import table_with_download
from data_access.rules.metrics import MetricSpec


def ranked_province_table(frame: pd.DataFrame, spec: MetricSpec, columns: tuple[str, ...], name: str, *,
                          key: str, file_stem: str = "provinces", excel: bool = False) -> None:
    """Provinces ranked by ``spec``, highest first, with the other metrics beside."""
    ranked = frame.sort_values([spec.code, "code"], ascending=[False, True], na_position="last")
    ranked = ranked.assign(rank=range(1, len(ranked) + 1))
    shown = ranked[["rank", "code", name, "region", *columns]]
    labels = {"rank": t("table.rank"), "code": t("table.code"), name: t("table.province"),
              "region": t("table.region"), **{c: t(f"metric.{c}") for c in columns}}
    shown = shown.assign(region=shown["region"].map(lambda r: t(f"region.{r}"))).rename(columns=labels)
    st.subheader(t("overview.ranking", metric=label(spec)))
    table_with_download(shown, file_stem, key=key, height=560, excel=excel,
                        column_config={labels[c]: st.column_config.NumberColumn(format="localized") for c in columns})
