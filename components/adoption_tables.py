"""The adoption page's tables, each with its CSV (UTF-8 with BOM) and Excel downloads: progress
against the fiscal year's targets with the pace still needed, the i4.0 profile by a chosen
grouping, the factories that rose a level, and the candidates to move up next with the reason;
and the short adoption section of the province page."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from components.adoption_controls import grouping_control
from components.adoption_labels import dimension_label, group_label, level_labels, reasons
from components.i18n import fmt_date, fmt_int, fmt_num, lang, name_column, t
from components.kpi_cards import kpi_cards
from components.scorecard import kpi_label
from components.tables import built_table
from data_access.queries.adoption import AdoptionSummary
from data_access.rules.adoption import DIMENSION_COLUMNS
from data_access.rules.fiscal import Period

SUMMARY_CARDS = ("gi_certified_pct", "gi_level3_pct", "i40_mean_level", "i40_advanced_pct")
# Number formats of the table columns: counts with the locale's separators, rates and scores with
# a fixed number of decimals (so that 34 and 17.9 line up as 34.0 and 17.9).
COUNT, ONE_DECIMAL, TWO_DECIMALS = "localized", "%.1f", "%.2f"


def _status(on_track: object) -> str:
    if pd.isna(on_track):
        return t("adoption.progress.no_target")
    return t("adoption.progress.on_track") if on_track else t("adoption.progress.short")


def _shown(source: pd.DataFrame, rows: Callable[[pd.DataFrame], pd.DataFrame], file_stem: str, *, key: str,
           prefix: str, day: date, labels: dict[str, str] | None = None, formats: dict[str, str] | None = None,
           stored: tuple[str, ...] = ()) -> None:
    """The table ``rows`` makes of ``source`` (:func:`~components.tables.built_table`), its
    columns labelled (``labels``, else ``<prefix>.<column>``), numbers in their ``formats``, and
    its downloads named for ``day``; the files take the ``stored`` columns of ``source`` as they
    are (dates as dates) instead of the words on screen."""
    def label(column: str) -> str:
        return (labels or {}).get(column) or t(f"{prefix}.{column}")

    def files(part: pd.DataFrame) -> pd.DataFrame:
        return rows(part).assign(**{column: part[column] for column in stored}).rename(columns=label)

    built_table(source, lambda part: rows(part).rename(columns=label), file_stem, key=key,
                files=files if stored else None, excel=True, day=day,
                column_config={label(c): st.column_config.NumberColumn(format=f) for c, f in (formats or {}).items()})


def progress_table(progress: pd.DataFrame, names: dict[str, str], period: Period, *, key: str, file_stem: str,
                   titled: bool = True) -> None:
    """Each target of :func:`data_access.queries.adoption.target_progress` with what is done,
    the pace so far, the pace still needed to reach it by 30 September and whether the pace so
    far gets there."""
    if titled:
        st.subheader(t("adoption.progress.title"))
    months = float(progress["months_left"].iloc[0]) if len(progress) else 0.0
    st.caption(t("adoption.progress.caption", months=fmt_num(months), end=fmt_date(period.end))
               if months > 0 else t("adoption.progress.year_over", end=fmt_date(period.end)))

    def rows(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({
            "area": [names.get(code, code) for code in part["code"]],
            "kpi": [kpi_label(kpi) for kpi in part["kpi"]],
            "status": [_status(v) for v in part["on_track"]],
            "value": part["value"].round(0), "target": part["target"],
            "achievement": part["achievement"].round(1), "pace_per_month": part["pace_per_month"].round(1),
            "needed_per_month": part["needed_per_month"].round(1), "projected": part["projected"].round(0),
        })

    _shown(progress, rows, file_stem, key=key, prefix="adoption.progress", day=period.day,
           formats={"value": COUNT, "target": COUNT, "achievement": ONE_DECIMAL, "pace_per_month": ONE_DECIMAL,
                    "needed_per_month": ONE_DECIMAL, "projected": COUNT})


def profile_table(profile: pd.DataFrame, by: str, names: dict[str, str], *, key: str, file_stem: str,
                  day: date) -> None:
    """The i4.0 standing per group of ``by`` (its control above it), the whole view last; scores
    on the 1.0-4.0 scale."""
    st.subheader(t("adoption.profile.title"))
    st.caption(t("adoption.profile.caption"))
    grouping_control()

    def rows(part: pd.DataFrame) -> pd.DataFrame:
        groups = [t("adoption.group.total") if total else group_label(by, code, names)
                  for code, total in zip(part["group_code"], part["is_total"])]
        return pd.DataFrame({"group": groups, "assessed": part["assessed"], "mean_level": part["mean_level"].round(2),
                             "advanced_pct": part["advanced_pct"].round(1),
                             **{c: part[c].round(2) for c in DIMENSION_COLUMNS},
                             "weakest": [dimension_label(d) for d in part["weakest"]]})
    labels = {"group": t(f"adoption.by.{by}"),
              **{c: dimension_label(c.removeprefix("score_")) for c in DIMENSION_COLUMNS}}
    _shown(profile, rows, file_stem, key=key, prefix="adoption.profile", day=day, labels=labels,
           formats={"assessed": COUNT, "mean_level": TWO_DECIMALS, "advanced_pct": ONE_DECIMAL,
                    **dict.fromkeys(DIMENSION_COLUMNS, TWO_DECIMALS)})


def _dates(values: pd.Series) -> list[str]:
    """:func:`fmt_date` of each of ``values`` (each distinct date formatted once)."""
    texts = {value: fmt_date(pd.Timestamp(value).date()) for value in values.dropna().unique()}
    return [texts[value] if pd.notna(value) else fmt_date(None) for value in values]


def movers_table(movers: pd.DataFrame, *, key: str, file_stem: str, day: date) -> None:
    """Factories that stand higher now than on the eve of the fiscal year."""
    st.subheader(t("adoption.movers.title", n=fmt_int(len(movers))))
    if movers.empty:
        st.info(t("adoption.movers.none"))
        return

    def rows(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({
            "factory_id": part["factory_id"], "name": part["name"], "province": part[f"province_{lang()}"],
            "previous": level_labels("i40", part["previous_level"]), "previous_on": _dates(part["previous_on"]),
            "level": level_labels("i40", part["level"]), "assessed_on": _dates(part["assessed_on"]),
        })

    _shown(movers, rows, file_stem, key=key, prefix="adoption.movers", day=day, stored=("previous_on", "assessed_on"))


def candidate_table(found: pd.DataFrame, ladder: str, *, key: str, file_stem: str, day: date) -> None:
    """The factories likely to move up ``ladder`` next, each with the reason."""
    st.subheader(t(f"adoption.candidates.title.{ladder}", n=fmt_int(len(found))))
    st.caption(t(f"adoption.candidates.rule.{ladder}"))
    if found.empty:
        st.info(t("adoption.candidates.none"))
        return

    def rows(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({
            "factory_id": part["factory_id"], "name": part["name"], "province": part[f"province_{lang()}"],
            "level": level_labels(ladder, part["level"]), "next_level": level_labels(ladder, part["next_level"]),
            "reason": reasons(part), "last_inspected_on": _dates(part["last_inspected_on"]),
        })

    _shown(found, rows, file_stem, key=key, prefix="adoption.candidates", day=day, stored=("last_inspected_on",))


def adoption_summary(summary: AdoptionSummary, period: Period, *, key: str) -> None:
    """The province page's adoption section: the province's shares and levels, and its GI and
    i4.0 targets with the pace still needed."""
    st.subheader(t("adoption.summary.title"))
    figures = summary.figures
    cards = pd.DataFrame({"kpi": SUMMARY_CARDS, "value": [figures[c] for c in SUMMARY_CARDS], "previous": None})
    kpi_cards(cards)
    if summary.progress.empty:
        return
    code = str(summary.progress["code"].iloc[0])
    progress_table(summary.progress, {code: figures[name_column()]}, period, key=key,
                   file_stem=f"adoption_targets_{code}", titled=False)
