"""The two ladders' words on screen, in the session's language: GI level names (Green
Commitment .. Green Network), i4.0 levels on the ministry's 1.0-4.0 self-assessment scale, its six
dimensions, the groupings of the profile table and the reason a factory is a candidate."""
from __future__ import annotations

import pandas as pd

from components.i18n import fmt_num, inspection_region_label, t
from data_access import settings as cfg
from data_access.rules.scope import Scope


def area_label(scope: Scope, names: dict[str, str]) -> str:
    """What is in view: a province, a region and/or inspection region, or the whole country."""
    if scope.province_code is not None:
        return names[scope.province_code]
    parts = ([t(f"region.{scope.region}")] if scope.region is not None else []) + (
        [inspection_region_label(scope.inspection_region)] if scope.inspection_region is not None else [])
    return " · ".join(parts) or t("adoption.nation")


def ladder_label(ladder: str) -> str:
    return t(f"adoption.ladder.{ladder}")


def level_label(ladder: str, level: float) -> str:
    """``ระดับ 3 ระบบสีเขียว`` / ``Level 3 Green System``; ``ระดับ 2.0`` / ``Level 2.0`` for i4.0."""
    if ladder == "gi":
        return t("adoption.gi_level", n=int(level), name=t(f"adoption.gi_level.{int(level)}"))
    return t("adoption.i40_level", n=f"{float(level):.1f}")


def dimension_label(dimension: str | None) -> str:
    return "–" if dimension is None or pd.isna(dimension) else t(f"adoption.dimension.{dimension}")


def group_label(by: str, code: object, names: dict[str, str]) -> str:
    """The name of one group of the i4.0 profile (``names``: province code -> name)."""
    if code is None or pd.isna(code):
        return t("adoption.group.unknown")
    if by == "province":
        return names.get(str(code), str(code))
    if by == "region":
        return t(f"region.{code}")
    if by == "inspection_region":
        return inspection_region_label(int(code))
    if by == "category":
        return t("risk.class", n=int(code))
    if by == "factory_type":
        return t("risk.type", n=int(code))
    return t("adoption.tsic_section", letter=code, name=t(f"adoption.tsic.{code}"))


def reasons(found: pd.DataFrame) -> list[str]:
    """Why each factory of :func:`data_access.rules.adoption.candidates` may move up next. (Each
    distinct number is formatted once: a national list holds thousands of rows.)"""
    held, one, two = _formatted(found["held_years"]), _formatted(found["dimension_score"], 2), _formatted(
        found["others_score"], 2)
    gi, i40 = t("adoption.reason.gi_held_clean"), t("adoption.reason.i40_lagging")
    names = {d: dimension_label(d) for d in found["dimension"].dropna().unique()}
    return [gi.format(years=held[row.held_years], n=int(row.inspections), window=cfg.RISK_NONCOMPLIANCE_YEARS)
            if row.reason == "gi_held_clean" else
            i40.format(dimension=names[row.dimension], score=one[row.dimension_score], others=two[row.others_score])
            for row in found.itertuples()]


def level_labels(ladder: str, levels: pd.Series) -> list[str]:
    """:func:`level_label` of each of ``levels``."""
    labels = {level: level_label(ladder, level) for level in levels.dropna().unique()}
    return [labels[level] for level in levels]


def _formatted(values: pd.Series, digits: int = 1) -> dict:
    return {value: fmt_num(value, digits) for value in values.dropna().unique()}
