"""Every URL parameter of the app, declared once (see :mod:`components.plumbing.url_state` for
how they are read and written).

* The shell's, on every page: ``lang``, ``fy`` (fiscal year, BE), ``region``, ``ir``
  (inspection region).
* The overview's ``metric``; the risk page's factory filter (``code`` the province, ``band``,
  ``factor``, ``class``, ``type``, ``overdue``, ``complaints``), ``factory`` (the open card) and
  ``metric``; the province page's ``code``, ``map`` (districts shaded, or factories) and
  ``section`` (the open tab); the adoption page's ``code``, ``ladder`` (``gi`` or ``i40``),
  ``level``, ``gi_metric``, ``i40_metric``, ``by`` and ``section``; the emergency board's filter
  (``type``, ``severity``, ``status``, ``dates`` a range of start days
  ``2026-10-01..2026-11-30``, ``code`` the province), ``by`` (how the history groups the times
  to contain and close) and ``section``.

Lists are comma-separated (``band=high,critical``), flags are ``1``, codes are the stored codes
(DOPA province codes, risk band and factor names), never labels.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pandas as pd

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES
from components.plumbing import queries, reference, url_state
from components.plumbing.url_state import Choice, Choices, DateRange, Flag, Group, Text
from data_access import settings as cfg
from data_access.queries.emergencies import DURATION_GROUPINGS, EmergencyFilter
from data_access.queries.risk_map import FactoryFilter
from data_access.rules.fiscal import recent_fiscal_years
from data_access.rules.metrics import ADOPTION_MAP, OVERVIEW_MAP, RISK_MAP
from data_access.rules.scope import Scope

F = TypeVar("F")
CATEGORIES = (1, 2, 3)
ALL = "all"  # the widgets' option for "no restriction" (the value None)
# The tabs of the province, adoption and emergency pages, in their order (the first is open by
# default); pages/ draws each (components/section_tabs.py).
PROVINCE_SECTIONS = ("summary", "trends", "visits", "complaints")
ADOPTION_SECTIONS = ("ladder", "provinces", "candidates")
EMERGENCY_SECTIONS = ("board", "history", "playback")
# A registration number in either form: 14 digits, or the display form (จ3-9(6)-100/51ปจ).
FACTORY_ID_PATTERN = r"[0-9A-Za-z\u0E00-\u0E7F().\-/ ]{1,40}"


def fiscal_years() -> list[int]:
    """The fiscal years the data cover, newest first (the current one when nothing is loaded)."""
    return recent_fiscal_years(queries.as_of() or date.today())


def _latest_fiscal_year() -> int:
    return fiscal_years()[0]


LANGUAGE = Group("language", (Choice("lang", DEFAULT_LANGUAGE, options=LANGUAGES),))

FILTERS = Group("filters", (
    Choice("fy", _latest_fiscal_year, options=fiscal_years, cast=int),
    Choice("region", None, options=reference.regions, none_option=ALL),
    Choice("ir", None, options=reference.inspection_regions, cast=int, none_option=ALL),
))

OVERVIEW = Group("overview", (Choice("metric", OVERVIEW_MAP[0], options=OVERVIEW_MAP),))

RISK = Group("risk", (
    Choice("code", None, options=reference.province_codes, message="risk.unknown_province", none_option=ALL),
    Choices("band", tuple(cfg.RISKY_BANDS), options=cfg.RISK_BAND_NAMES),
    Choices("factor", options=cfg.RISK_FACTORS),
    Choices("class", options=CATEGORIES, cast=int),
    Choices("type", options=cfg.FACTORY_TYPE_NUMBERS, cast=int),
    Flag("overdue"),
    Flag("complaints"),
    Text("factory", None, pattern=FACTORY_ID_PATTERN),
    Choice("metric", RISK_MAP[0], options=RISK_MAP),
))

PROVINCE = Group("province", (
    Choice("code", None, options=reference.province_codes, message="province.unknown_code"),
    Choice("map", "districts", options=("districts", "factories")),
    Choice("section", PROVINCE_SECTIONS[0], options=PROVINCE_SECTIONS),
))


def scope_of(filters: dict[str, Any]) -> Scope:
    """The geographic scope the shell's filters choose."""
    return Scope(region=filters["region"], inspection_region=filters["ir"])


def factory_filter(values: dict[str, Any], scope: Scope, in_scope: set[str]) -> tuple[FactoryFilter, str | None]:
    """The risk page's filter from its parameters, inside the sidebar's ``scope``; a province
    outside ``in_scope`` (the provinces the scope leaves) is refused: its code comes back."""
    scope, refused = _province_scope(values["code"], scope, in_scope)
    flt = FactoryFilter(scope=scope, bands=values["band"],
                        factors=values["factor"], categories=values["class"], factory_types=values["type"],
                        overdue_only=values["overdue"], open_complaints_only=values["complaints"])
    return flt, refused


def factory_filter_values(flt: FactoryFilter) -> dict[str, Any]:
    """The risk page's parameters that stand for ``flt`` (no card open, the default metric)."""
    return {**RISK.defaults, "code": flt.scope.province_code, "band": flt.bands, "factor": flt.factors,
            "class": flt.categories, "type": flt.factory_types, "overdue": flt.overdue_only,
            "complaints": flt.open_complaints_only}


def default_factory_filter(scope: Scope) -> FactoryFilter:
    """The risk page's filter for a link that names none of its parameters: the risky bands."""
    return factory_filter(RISK.defaults, scope, set())[0]


# The adoption page: the province in view (within the sidebar's scope), the ladder, a level of
# it for the factory lists, each ladder's map metric and the grouping of the i4.0 profile.
LADDER_LEVELS = {"gi": cfg.GI_LEVELS, "i40": tuple(int(level) for level in cfg.I40_LEVELS)}

ADOPTION = Group("adoption", (
    Choice("code", None, options=reference.province_codes, message="adoption.unknown_province", none_option=ALL),
    Choice("ladder", cfg.LADDERS[0], options=cfg.LADDERS),
    Choice("level", None, options=cfg.GI_LEVELS, cast=int, none_option=ALL),
    Choice("gi_metric", ADOPTION_MAP["gi"][0], options=ADOPTION_MAP["gi"]),
    Choice("i40_metric", ADOPTION_MAP["i40"][0], options=ADOPTION_MAP["i40"]),
    Choice("by", "region", options=cfg.I40_GROUPINGS),
    Choice("section", ADOPTION_SECTIONS[0], options=ADOPTION_SECTIONS),
))


def adoption_values(values: dict[str, Any], in_scope: set[str]) -> dict[str, Any]:
    """The adoption page's parameters, refusing (with the message, and the default instead) a
    province outside the sidebar's scope and a level its ladder does not have; read again, so
    that the URL shows what is used."""
    if values["code"] is not None and values["code"] not in in_scope:
        url_state.refuse(ADOPTION, "code", values["code"])
    if values["level"] is not None and values["level"] not in LADDER_LEVELS[values["ladder"]]:
        url_state.refuse(ADOPTION, "level", str(values["level"]))
    return url_state.read(ADOPTION)


EMERGENCIES = Group("emergencies", (
    Choices("type", options=cfg.EMERGENCY_TYPES),
    Choices("severity", options=cfg.EMERGENCY_SEVERITIES, cast=int),
    Choices("status", options=cfg.EMERGENCY_STATUSES),
    DateRange("dates", None, message="emergency.bad_dates"),
    Choice("code", None, options=reference.province_codes, message="emergency.unknown_province", none_option=ALL),
    Choice("by", "type", options=tuple(DURATION_GROUPINGS)),
    Choice("section", EMERGENCY_SECTIONS[0], options=EMERGENCY_SECTIONS),
))


def emergency_filter(values: dict[str, Any], scope: Scope, in_scope: set[str]) -> tuple[EmergencyFilter, str | None]:
    """The board's filter from its parameters, inside the sidebar's ``scope``; a province outside
    ``in_scope`` is refused, as on the risk page: its code comes back."""
    scope, refused = _province_scope(values["code"], scope, in_scope)
    first, last = values["dates"] or (None, None)
    return EmergencyFilter(scope=scope, types=values["type"], severities=values["severity"],
                           statuses=values["status"], first_day=first, last_day=last), refused


def read_filter(group: Group, scope: Scope, make: Callable[[dict[str, Any], Scope, set[str]], tuple[F, str | None]]
                ) -> tuple[dict[str, Any], F, pd.DataFrame]:
    """A page's parameters (``group``), the filter ``make`` builds of them inside the sidebar's
    ``scope``, and the provinces in view; a province outside them is explained and dropped."""
    values = url_state.read(group)
    in_view = reference.provinces_in(scope)
    flt, refused = make(values, scope, set(in_view["code"]))
    if refused:
        url_state.refuse(group, "code", refused)
    return values, flt, in_view


def _province_scope(code: str | None, scope: Scope, in_scope: set[str]) -> tuple[Scope, str | None]:
    """``scope`` narrowed to the province ``code``, unless ``in_scope`` (the provinces the scope
    leaves) lacks it: then ``scope`` as it is, and the refused code."""
    refused = code if code is not None and code not in in_scope else None
    return replace(scope, province_code=None if refused else code), refused


# Presentation mode: ``present=1`` on any page (read by the shell) shows the seminar deck; the
# deck's own parameters are the province of its province slide (``code``), the slide shown (1 is
# the first), seconds per slide for every slide (``every``, instead of the deck file's), a deck
# that starts paused (``paused=1``) and Thai numerals (``digits=thai``).
PRESENTING = Group("presenting", (Flag("present"),))

DECK = Group("deck", (
    Choice("code", None, options=reference.province_codes, message="present.unknown_province", none_option=ALL),
    Text("slide", "1", pattern=r"[0-9]{1,3}"),
    Text("every", None, pattern=r"[0-9]{1,3}(\.[0-9])?"),
    Flag("paused"),
    Choice("digits", "arabic", options=("arabic", "thai")),
))
