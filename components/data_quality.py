"""Blocks of the Data page about what the data are worth: per table its rows and latest load,
the shares of factories with a usable point, outside their province or without a type, and the
list of factories the maps cannot draw."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import fmt_int, fmt_pct, has_text, lang, t
from components.sources import moment_label, source_label
from components.tables import table_with_download


def table_status(status: pd.DataFrame) -> None:
    """Rows per table with the time, source and rejected rows of the load that last wrote it."""
    st.subheader(t("data.tables"))
    shown = pd.DataFrame({
        t("data.table"): status["table"].map(lambda name: t(f"table.{name}")),
        t("data.rows"): status["rows"],
        t("quality.last_load"): status["last_load"].map(moment_label),
        t("quality.source"): [source_label(kind, source) for kind, source in zip(status["kind"], status["source"])],
        t("quality.rejected"): status["rejected"].map(lambda n: fmt_int(n) if pd.notna(n) else "–"),
    })
    st.dataframe(shown, hide_index=True,
                 column_config={t("data.rows"): st.column_config.NumberColumn(format="localized")})


def quality_figures(quality: pd.DataFrame, registrations: pd.DataFrame) -> None:
    """Shares of the stored factories: with a usable point, outside their province, without a
    type, no longer in the feed; named after their operator, without the 14-digit id."""
    st.subheader(t("quality.title"))
    row, more = quality.iloc[0], registrations.iloc[0]
    total = int(row["factories"])
    figures = [("with_point", row["with_point"]), ("outside_province", row["outside_province"]),
               ("without_type", row["without_type"]), ("not_in_feed", row["not_in_latest_feed"]),
               ("from_operator", more["from_operator"]), ("without_registration_id", more["without_registration_id"])]
    for column, (name, count) in zip(figure_columns(len(figures), 3), figures):
        share = 100 * count / total if total else None
        help_key = f"quality.{name}.help"
        column.metric(t(f"quality.{name}"), fmt_pct(share), help=t(help_key) if has_text(help_key) else None)
        column.caption(f"{fmt_int(count)} {t('quality.of_factories', n=fmt_int(total))}")


def figure_columns(count: int, per_row: int) -> list:
    """Bordered columns for ``count`` figures, ``per_row`` to a row: more side by side cut their
    labels at 1280 px."""
    columns = []
    for start in range(0, count, per_row):
        columns += st.columns(min(per_row, count - start), border=True)
    return columns


def factories_without_point(frame: pd.DataFrame) -> None:
    """How many factories have no coordinates, and the list of them to download."""
    if frame.empty:
        st.caption(t("quality.no_point.none"))
        return
    with st.expander(t("quality.no_point", n=fmt_int(len(frame)))):
        shown = pd.DataFrame({
            t("quality.column.factory_id"): frame["factory_id"],
            t("quality.column.display_reg"): frame["display_reg"],
            t("quality.column.name"): frame["name"],
            t("quality.column.province"): frame[f"province_{lang()}"],
            t("quality.column.district_code"): frame["district_code"],
            t("quality.column.status"): frame["status"].map(lambda s: t(f"quality.factory_status.{s}")),
        })
        table_with_download(shown, "factories_without_coordinates", key="no_point", height=320)
