"""The risk filters in the URL: a filter survives the round trip through its link, defaults stay
out of links, and a link's bad values are named rather than silently dropped."""
import pytest

from components.plumbing.params import RISK, default_factory_filter, factory_filter, factory_filter_values
from components.plumbing.url_state import parse, to_params
from data_access.queries.risk_map import FactoryFilter
from data_access.rules.scope import NATIONAL, Scope
from data_access.settings import RISKY_BANDS

PROVINCES = {"10", "11", "50"}
NORTH = Scope(region="North")


def _from_link(params: dict[str, str], scope: Scope, in_scope: set[str]) -> tuple[FactoryFilter, list]:
    """The filter a link sets and what it had to ignore, as ``(parameter, value)`` pairs."""
    values, rejected = parse(RISK, params)
    flt, refused = factory_filter(values, scope, in_scope)
    return flt, [(param.name, text) for param, text in rejected] + ([("code", refused)] if refused else [])


def _link(flt: FactoryFilter) -> dict[str, str]:
    return to_params(RISK, factory_filter_values(flt))


@pytest.mark.parametrize("flt", [
    default_factory_filter(NATIONAL),
    FactoryFilter(bands=()),                                                    # every band
    FactoryFilter(bands=("low", "critical"), factors=("wastewater", "air_emission")),
    FactoryFilter(scope=Scope(province_code="11"), bands=tuple(RISKY_BANDS), categories=(2, 3),
                  factory_types=(9, 101), overdue_only=True, open_complaints_only=True),
    FactoryFilter(scope=Scope(region="North", province_code="50"), bands=("medium",)),
])
def test_round_trip(flt):
    base = Scope(region=flt.scope.region)
    params = _link(flt)
    assert all(isinstance(value, str) for value in params.values())
    assert _from_link(params, base, PROVINCES) == (flt, [])


def test_defaults_stay_out_of_the_link():
    assert _link(default_factory_filter(NORTH)) == {}
    assert _from_link({}, NORTH, PROVINCES) == (default_factory_filter(NORTH), [])


def test_link_names():
    flt = FactoryFilter(scope=Scope(province_code="11"), bands=(), factors=("boiler",), categories=(3,),
                        factory_types=(101, 105), overdue_only=True, open_complaints_only=True)
    assert _link(flt) == {"code": "11", "band": "", "factor": "boiler", "class": "3",
                          "type": "101,105", "overdue": "1", "complaints": "1"}


def test_order_and_duplicates_are_normalised():
    flt, ignored = _from_link({"band": "critical,high,high", "type": " 105,9 ", "overdue": "true"},
                              NATIONAL, PROVINCES)
    assert ignored == []
    assert flt.bands == ("high", "critical") and flt.factory_types == (9, 105) and flt.overdue_only
    assert "band" not in _link(flt)  # the same as the default


def test_bad_values_are_reported_and_left_out():
    params = {"code": "99", "band": "high,extreme", "factor": "noise,boiler", "class": "4", "type": "0,x,12",
              "overdue": "maybe", "complaints": "0"}
    flt, ignored = _from_link(params, NATIONAL, PROVINCES)
    assert flt == FactoryFilter(bands=("high",), factors=("boiler",), factory_types=(12,))
    assert ignored == [("code", "99"), ("band", "extreme"), ("factor", "noise"), ("class", "4"), ("type", "0"),
                       ("type", "x"), ("overdue", "maybe")]


def test_province_outside_the_sidebar_scope_is_refused():
    flt, ignored = _from_link({"code": "11"}, NORTH, {"50"})
    assert flt.scope == NORTH and ignored == [("code", "11")]
