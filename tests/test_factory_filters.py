"""The risk filters in the URL: a filter survives the round trip through its link, defaults stay
out of links, and a link's bad values are named rather than silently dropped."""
import pytest

from components.factory_filters import DEFAULT_BANDS, filter_from_params, filter_to_params, page_default
from data_access.queries.risk_map import FactoryFilter
from data_access.rules.scope import NATIONAL, Scope

PROVINCES = {"10", "11", "50"}
NORTH = Scope(region="North")


@pytest.mark.parametrize("flt", [
    page_default(NATIONAL),
    FactoryFilter(bands=()),                                                    # every band
    FactoryFilter(bands=("low", "critical"), factors=("wastewater", "air_emission")),
    FactoryFilter(scope=Scope(province_code="11"), bands=DEFAULT_BANDS, categories=(2, 3),
                  factory_types=(9, 101), overdue_only=True, open_complaints_only=True),
    FactoryFilter(scope=Scope(region="North", province_code="50"), bands=("medium",)),
])
def test_round_trip(flt):
    base = Scope(region=flt.scope.region)
    params = filter_to_params(flt)
    assert all(isinstance(value, str) for value in params.values())
    assert filter_from_params(params, base, PROVINCES) == (flt, [])


def test_defaults_stay_out_of_the_link():
    assert filter_to_params(page_default(NORTH)) == {}
    assert filter_from_params({}, NORTH, PROVINCES) == (page_default(NORTH), [])


def test_link_names():
    flt = FactoryFilter(scope=Scope(province_code="11"), bands=(), factors=("boiler",), categories=(3,),
                        factory_types=(101, 105), overdue_only=True, open_complaints_only=True)
    assert filter_to_params(flt) == {"code": "11", "band": "", "factor": "boiler", "class": "3",
                                     "type": "101,105", "overdue": "1", "complaints": "1"}


def test_order_and_duplicates_are_normalised():
    flt, ignored = filter_from_params({"band": "critical,high,high", "type": " 105,9 ", "overdue": "true"},
                                      NATIONAL, PROVINCES)
    assert ignored == []
    assert flt.bands == ("high", "critical") and flt.factory_types == (9, 105) and flt.overdue_only
    assert "band" not in filter_to_params(flt)  # the same as the default


def test_bad_values_are_reported_and_left_out():
    params = {"code": "99", "band": "high,extreme", "factor": "noise,boiler", "class": "4", "type": "0,x,12",
              "overdue": "maybe", "complaints": "0"}
    flt, ignored = filter_from_params(params, NATIONAL, PROVINCES)
    assert flt == FactoryFilter(bands=("high",), factors=("boiler",), factory_types=(12,))
    assert ignored == [("code", "99"), ("band", "extreme"), ("factor", "noise"), ("class", "4"), ("type", "0"),
                       ("type", "x"), ("overdue", "maybe")]


def test_province_outside_the_sidebar_scope_is_refused():
    flt, ignored = filter_from_params({"code": "11"}, NORTH, {"50"})
    assert flt.scope == NORTH and ignored == [("code", "11")]
