"""The ranked province table with its downloads: the rank, the province and the figure it is
ranked by come first (the reason the table is read), the other figures after them."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.i18n import t
from components.metric_map import label
from components.tables import table_with_download
from data_access.rules.metrics import MetricSpec


def ranked_province_table(frame: pd.DataFrame, spec: MetricSpec, columns: tuple[str, ...], name: str, *,
                          key: str, day: date, file_stem: str = "provinces") -> None:
    """Provinces ranked by ``spec``, highest first, with the other metrics ``columns`` beside."""
    ranked = frame.sort_values([spec.code, "code"], ascending=[False, True], na_position="last")
    ranked = ranked.assign(rank=range(1, len(ranked) + 1),
                           region=ranked["region"].map(lambda r: t(f"region.{r}")))
    others = [column for column in columns if column != spec.code]
    shown = ranked[["rank", name, spec.code, *others, "region", "code"]]
    labels = {"rank": t("table.rank"), "code": t("table.code"), name: t("table.province"),
              "region": t("table.region"), **{c: t(f"metric.{c}") for c in columns}}
    st.subheader(t("overview.ranking"))
    st.caption(t("overview.ranking.caption", metric=label(spec)))
    number, text = st.column_config.NumberColumn, st.column_config.TextColumn
    config = {**{labels[c]: number(format="localized") for c in columns},  # the rank, the name, the figure: pinned
              labels["rank"]: number(width="small", pinned=True), labels[name]: text(pinned=True),
              labels[spec.code]: number(format="localized", pinned=True)}
    table_with_download(shown.rename(columns=labels), file_stem, key=key, day=day, excel=True, column_config=config)
