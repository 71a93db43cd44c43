"""The factory filters (province, risk band, factors, class, factory type, inspection overdue,
open complaints): widgets on the page and parameters in the URL, so that any view is a link.

The parameter names are defined here once and mean the same on every page: ``code`` is the
province (``?code=11`` is Samut Prakan), lists are comma-separated (``band=high,critical``), flags
are ``1``. A link that is followed (the URL differs from what this session last wrote) sets the
widgets; afterwards the widgets own the values and the URL follows them.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

import pandas as pd
import streamlit as st

from components.i18n import fixed_labels, name_column, t
from components.risk_labels import band_label, factor_label
from data_access import settings as cfg
from data_access.queries.risk_map import FactoryFilter
from data_access.reference import province_table
from data_access.rules.scope import Scope

PARAMS = (CODE, BAND, FACTOR, CLASS, TYPE, OVERDUE, COMPLAINTS) = (
    "code", "band", "factor", "class", "type", "overdue", "complaints")
# The page starts on the factories the directive is about.
DEFAULT_BANDS = tuple(cfg.RISKY_BANDS)
CATEGORIES = (1, 2, 3)
_ALL = "all"
_KEYS = {name: f"risk_filter_{name}" for name in PARAMS}
_SEEN = "_risk_filter_url"  # the filter parameters of the URL this session last read or wrote
_TRUE, _FALSE = ("1", "true"), ("0", "false")


def page_default(scope: Scope) -> FactoryFilter:
    """The filter of a link without filter parameters."""
    return FactoryFilter(scope=scope, bands=DEFAULT_BANDS)


def filter_to_params(flt: FactoryFilter) -> dict[str, str]:
    """The URL parameters of ``flt``; values equal to the page's default are left out.

    An empty ``band=`` means every band (the default is the risky bands only).
    """
    params = {CODE: flt.scope.province_code, BAND: None if flt.bands == DEFAULT_BANDS else ",".join(flt.bands),
              FACTOR: ",".join(flt.factors), CLASS: ",".join(map(str, flt.categories)),
              TYPE: ",".join(map(str, flt.factory_types)),
              OVERDUE: "1" if flt.overdue_only else "", COMPLAINTS: "1" if flt.open_complaints_only else ""}
    return {name: value for name, value in params.items() if value or (name == BAND and value == "")}


def filter_from_params(params: Mapping[str, str], scope: Scope,
                       provinces: Collection[str]) -> tuple[FactoryFilter, list[tuple[str, str]]]:
    """The filter a link asks for, inside the sidebar's ``scope``, and the ``(parameter, value)``
    pairs it had to ignore (an unknown province code, band, factor, ...)."""
    ignored: list[tuple[str, str]] = []
    code = params.get(CODE)
    if code is not None and code not in provinces:
        ignored.append((CODE, code))
        code = None
    bands = params.get(BAND)
    values = {
        "bands": DEFAULT_BANDS if bands is None else _pick(BAND, bands, cfg.RISK_BAND_NAMES, str, ignored),
        "factors": _pick(FACTOR, params.get(FACTOR, ""), cfg.RISK_FACTORS, str, ignored),
        "categories": _pick(CLASS, params.get(CLASS, ""), CATEGORIES, int, ignored),
        "factory_types": _pick(TYPE, params.get(TYPE, ""), cfg.FACTORY_TYPE_NUMBERS, int, ignored),
        "overdue_only": _flag(OVERDUE, params.get(OVERDUE), ignored),
        "open_complaints_only": _flag(COMPLAINTS, params.get(COMPLAINTS), ignored),
    }
    return FactoryFilter(scope=replace(scope, province_code=code), **values), ignored


def _pick(name: str, raw: str, valid: tuple, cast: Callable, ignored: list) -> tuple:
    """The valid items of a comma-separated list, in the order of ``valid``."""
    chosen = set()
    for item in filter(None, (part.strip() for part in raw.split(","))):
        try:
            value = cast(item)
        except ValueError:
            value = None
        if value in valid:
            chosen.add(value)
        else:
            ignored.append((name, item))
    return tuple(v for v in valid if v in chosen)


def _flag(name: str, raw: str | None, ignored: list) -> bool:
    if raw is None or raw.lower() in _FALSE:
        return False
    if raw.lower() not in _TRUE:
        ignored.append((name, raw))
    return raw.lower() in _TRUE


def provinces_in(scope: Scope) -> pd.DataFrame:
    """The provinces the sidebar's region and inspection region leave in view."""
    table = province_table()
    keep = pd.Series(True, index=table.index)
    if scope.region is not None:
        keep &= table["region"] == scope.region
    if scope.inspection_region is not None:
        keep &= table["inspection_region"] == scope.inspection_region
    return table[keep]


def factory_filter_controls(scope: Scope) -> FactoryFilter:
    """Draw the filters (set by the URL when a link was followed) and return what they say."""
    provinces = provinces_in(scope)
    names = dict(zip(provinces["code"], provinces[name_column()]))
    url = {name: st.query_params.get(name) for name in PARAMS}
    if url != st.session_state.get(_SEEN) or any(key not in st.session_state for key in _KEYS.values()):
        _load(url, scope, names)
    with st.container(border=True):
        first, second = st.columns(3), st.columns(4)
        province_options = [_ALL, *sorted(names, key=names.get)]
        first[0].selectbox(t("risk.filter.province"), province_options, key=_KEYS[CODE], format_func=fixed_labels(
            province_options, lambda c: t("risk.filter.all_provinces") if c == _ALL else names[c]))
        first[1].multiselect(t("risk.filter.band"), cfg.RISK_BAND_NAMES, key=_KEYS[BAND],
                             format_func=fixed_labels(cfg.RISK_BAND_NAMES, band_label),
                             placeholder=t("risk.filter.any_band"))
        first[2].multiselect(t("risk.filter.factor"), cfg.RISK_FACTORS, key=_KEYS[FACTOR],
                             format_func=fixed_labels(cfg.RISK_FACTORS, factor_label),
                             placeholder=t("risk.filter.any_factor"))
        second[0].multiselect(t("risk.filter.class"), CATEGORIES, key=_KEYS[CLASS], placeholder=t("risk.filter.any"),
                              format_func=fixed_labels(CATEGORIES, lambda n: t("risk.class", n=n)))
        second[1].multiselect(t("risk.filter.type"), cfg.FACTORY_TYPE_NUMBERS, key=_KEYS[TYPE],
                              placeholder=t("risk.filter.any"),
                              format_func=fixed_labels(cfg.FACTORY_TYPE_NUMBERS, lambda n: t("risk.type", n=n)))
        second[2].toggle(t("risk.filter.overdue", days=cfg.INSPECTION_OVERDUE_DAYS), key=_KEYS[OVERDUE])
        second[3].toggle(t("risk.filter.complaints"), key=_KEYS[COMPLAINTS])
    flt = _from_widgets(scope)
    _write_url(filter_to_params(flt))
    return flt


def _load(url: dict[str, str | None], scope: Scope, names: dict[str, str]) -> None:
    flt, ignored = filter_from_params({k: v for k, v in url.items() if v is not None}, scope, names)
    state = st.session_state
    state[_KEYS[CODE]] = flt.scope.province_code or _ALL
    state[_KEYS[BAND]], state[_KEYS[FACTOR]] = list(flt.bands), list(flt.factors)
    state[_KEYS[CLASS]], state[_KEYS[TYPE]] = list(flt.categories), list(flt.factory_types)
    state[_KEYS[OVERDUE]], state[_KEYS[COMPLAINTS]] = flt.overdue_only, flt.open_complaints_only
    for name, value in ignored:
        st.warning(t("risk.unknown_province", code=value) if name == CODE
                   else t("url.ignored", param=name, value=value))


def _from_widgets(scope: Scope) -> FactoryFilter:
    state = st.session_state
    code = state[_KEYS[CODE]]
    return FactoryFilter(
        scope=replace(scope, province_code=None if code == _ALL else code),
        bands=tuple(b for b in cfg.RISK_BAND_NAMES if b in state[_KEYS[BAND]]),
        factors=tuple(f for f in cfg.RISK_FACTORS if f in state[_KEYS[FACTOR]]),
        categories=tuple(sorted(state[_KEYS[CLASS]])), factory_types=tuple(sorted(state[_KEYS[TYPE]])),
        overdue_only=bool(state[_KEYS[OVERDUE]]), open_complaints_only=bool(state[_KEYS[COMPLAINTS]]),
    )


def _write_url(params: dict[str, str]) -> None:
    for name in PARAMS:
        if name not in params:
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != params[name]:
            st.query_params[name] = params[name]
    st.session_state[_SEEN] = {name: params.get(name) for name in PARAMS}
