"""The risk score on hand-made factories: each factor moves it the documented way."""
import pandas as pd
import pytest

from data_access import settings as cfg
from data_access.rules.risk import band_of, factor_points, score_factories, top_factors

BASE = {
    "factory_type": 9, "has_wastewater": False, "has_air_emission": False, "has_hazardous_substance": False,
    "has_hazardous_waste": False, "has_boiler": False, "horsepower": 50.0, "workers": 50,
    "non_compliant_count": 0, "open_orders": 0, "complaints_12m": 0, "emergencies_3y": 0,
    "days_since_inspection": 30.0,
}


def score(**changes) -> pd.Series:
    return score_factories(pd.DataFrame([{**BASE, **changes}])).iloc[0]


def test_quiet_small_factory_scores_zero():
    row = score()
    assert row["score"] == 0 and row["band"] == "low" and not row["is_risky"]


@pytest.mark.parametrize("changes, factor, points", [
    ({"factory_type": 101}, "type_hazard", 15),
    ({"has_wastewater": True}, "wastewater", 8),
    ({"has_air_emission": True}, "air_emission", 8),
    ({"has_hazardous_substance": True}, "hazardous_substance", 8),
    ({"has_hazardous_waste": True}, "hazardous_waste", 6),
    ({"has_boiler": True}, "boiler", 5),
    ({"horsepower": 5000.0, "workers": 1000}, "size", 10),
    ({"horsepower": 500.0}, "size", 2.5),              # half-way on the log scale, half the size weight
    ({"non_compliant_count": 1}, "non_compliance", 3.33),
    ({"non_compliant_count": 7}, "non_compliance", 10),  # capped
    ({"open_orders": 2}, "open_orders", 5),
    ({"complaints_12m": 3}, "complaints", 10),
    ({"emergencies_3y": 1}, "emergencies", 5),
    ({"days_since_inspection": 365.0}, "inspection_gap", 0),
    ({"days_since_inspection": 547.5}, "inspection_gap", 2.5),
    ({"days_since_inspection": float("nan")}, "inspection_gap", 5),  # never inspected
])
def test_each_factor_adds_its_documented_points(changes, factor, points):
    row = score(**changes)
    assert row[factor] == pytest.approx(points, abs=0.01)
    assert row["score"] == pytest.approx(points, abs=0.05)


def test_weights_add_up_to_100_and_cap_the_score():
    assert sum(cfg.RISK_WEIGHTS.values()) == 100
    worst = score(factory_type=101, has_wastewater=True, has_air_emission=True, has_hazardous_substance=True,
                  has_hazardous_waste=True, has_boiler=True, horsepower=1e6, workers=10**5,
                  non_compliant_count=9, open_orders=9, complaints_12m=9, emergencies_3y=9,
                  days_since_inspection=float("nan"))
    assert worst["score"] == 100 and worst["band"] == "critical"


@pytest.mark.parametrize("value, band", [(0, "low"), (24.9, "low"), (25, "medium"), (44.9, "medium"),
                                         (45, "high"), (64.9, "high"), (65, "critical"), (100, "critical")])
def test_bands_at_thresholds(value, band):
    assert band_of(value) == band


def test_vectorised_bands_match_band_of():
    scores = score_factories(pd.DataFrame([{**BASE, "factory_type": 101, "has_wastewater": True,
                                            "has_air_emission": True, "complaints_12m": 3, "emergencies_3y": 1}]))
    assert scores.iloc[0]["score"] == 46 and scores.iloc[0]["band"] == band_of(46) == "high"
    assert scores.iloc[0]["is_risky"]


def test_top_factors_orders_by_contribution_and_drops_zeros():
    points = factor_points(pd.DataFrame([{**BASE, "factory_type": 101, "has_boiler": True, "complaints_12m": 1}]))
    assert top_factors(points).tolist() == ["type_hazard,boiler,complaints"]


def test_top_factors_ties_keep_the_factor_order_and_a_factory_without_points_has_none():
    points = pd.DataFrame([[0.0] * len(cfg.RISK_FACTORS)] * 2, columns=list(cfg.RISK_FACTORS))
    points.loc[0, ["boiler", "wastewater", "complaints"]] = [5, 8, 8]
    assert top_factors(points).tolist() == ["wastewater,complaints,boiler", ""]


def test_top_factors_refuses_points_of_another_model():
    with pytest.raises(ValueError, match="columns of points"):
        top_factors(pd.DataFrame({"boiler": [1.0]}))
