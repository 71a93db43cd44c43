"""The demo generator's knobs: real-world figures (DIW, GI and i4.0 survey figures) and the shape of the
made-up distributions.

They live here rather than in ``settings`` because they describe the world the demo imitates,
not rules the app applies. Every count is a national figure at scale 1.0.
"""
from __future__ import annotations

from datetime import date

# --- factory registry -------------------------------------------------------------------------
OPERATING_FACTORIES = 71_012          # DIW's executive figure of operating factories, Aug 2026
# Shares of the whole registry; operating is what remains (~88%).
STATUS_SHARES = {"struck_off": 0.068, "stopped": 0.047, "not_started": 0.005}
CLASS_COUNTS = {1: 47, 2: 3_359, 3: 67_606}   # DIW executive figure, Aug 2026
IN_ESTATE_SHARE = 0.08
# Relative chance of being inside an industrial estate, by province (others 1).
ESTATE_PROVINCE_WEIGHT = {
    "11": 25, "13": 14, "14": 30, "19": 10, "20": 38, "21": 45, "24": 18, "25": 18,
    "51": 25, "74": 7, "90": 6, "10": 6, "18": 3, "60": 3, "70": 4, "73": 3, "40": 3,
}
MUEANG_WEIGHT = 4.0                    # capital district ("…01") pull on factory location
DISTRICT_WEIGHT_SHAPE = 0.7            # gamma shape of the other districts' weights (skew)
MIN_DISTRICT_INSIDE_SHARE = 0.3        # district kept for sampling if this much lies in its province
COORD_MISSING_SHARE = 0.03
COORD_APPROXIMATE_SHARE = 0.02
REGISTRY_START = date(1970, 1, 1)
CLOSED_WITHIN_YEARS = 10

# Factory types 1-107: (first, last, TSIC division, group). Groups drive names, risk and TSIC.
TYPE_GROUPS = (
    (1, 2, "01", "agri"), (3, 3, "08", "mineral"), (4, 8, "10", "food"), (9, 21, "10", "food"),
    (22, 23, "13", "dyeing"), (24, 27, "14", "textile"), (28, 29, "15", "leather"),
    (30, 36, "16", "wood"), (37, 40, "17", "paper"), (41, 48, "20", "chemical"),
    (49, 51, "19", "petroleum"), (52, 53, "22", "plastic"), (54, 58, "23", "mineral"),
    (59, 60, "24", "metal_basic"), (61, 67, "25", "metal"), (68, 72, "28", "machinery"),
    (73, 76, "27", "electrical"), (77, 84, "29", "vehicle"), (85, 87, "32", "other"),
    (88, 90, "35", "utility"), (91, 100, "33", "service"), (101, 107, "38", "waste"),
)
# Extra weight of the most common factory types (all others weigh 1).
TYPE_WEIGHTS = {
    2: 6, 3: 9, 4: 5, 9: 8, 10: 3, 11: 5, 13: 3, 17: 2, 20: 2, 34: 3, 35: 3, 37: 2, 42: 1.5,
    44: 1.5, 46: 1.5, 50: 2, 52: 7, 53: 7, 58: 5, 59: 1.5, 60: 2, 64: 10, 65: 3, 71: 2,
    73: 2, 77: 3, 88: 1.5, 89: 1, 91: 2, 92: 6, 101: 0.6, 105: 3, 106: 5,
}
# Probability of (wastewater, air emission, hazardous substance, hazardous waste, boiler) by group.
RISK_BASE = {
    "agri": (0.35, 0.35, 0.05, 0.05, 0.25), "food": (0.65, 0.25, 0.08, 0.06, 0.45),
    "mineral": (0.10, 0.70, 0.05, 0.08, 0.05), "dyeing": (0.90, 0.40, 0.70, 0.60, 0.60),
    "textile": (0.25, 0.15, 0.15, 0.10, 0.25), "leather": (0.80, 0.35, 0.60, 0.50, 0.30),
    "wood": (0.08, 0.50, 0.10, 0.10, 0.20), "paper": (0.60, 0.35, 0.25, 0.20, 0.45),
    "chemical": (0.60, 0.55, 0.90, 0.75, 0.45), "petroleum": (0.55, 0.70, 0.95, 0.80, 0.55),
    "plastic": (0.20, 0.25, 0.25, 0.20, 0.15), "metal_basic": (0.45, 0.85, 0.50, 0.70, 0.30),
    "metal": (0.25, 0.30, 0.35, 0.40, 0.08), "machinery": (0.15, 0.15, 0.20, 0.30, 0.05),
    "electrical": (0.30, 0.15, 0.45, 0.50, 0.08), "vehicle": (0.25, 0.30, 0.30, 0.45, 0.08),
    "other": (0.10, 0.10, 0.10, 0.10, 0.05), "utility": (0.50, 0.75, 0.50, 0.40, 0.70),
    "service": (0.20, 0.15, 0.20, 0.35, 0.05), "waste": (0.70, 0.55, 0.80, 0.95, 0.15),
}
SIZE_EFFECT = 0.6                      # logit shift per standard deviation of log(workers)
# log-normal workers by class: (median, sigma); horsepower and capital follow workers.
WORKERS_BY_CLASS = {1: (8, 0.6), 2: (15, 0.8), 3: (28, 1.15)}

# --- activity over the five fiscal years ------------------------------------------------------
FISCAL_YEARS = 5
INSPECTIONS = 1_000_000
NON_COMPLIANT_SHARE = 0.15
ORDER_SHARE = 0.85                     # of non-compliant inspections
COMPLAINTS_PER_YEAR = 7_000
COMPLAINT_UNKNOWN_FACTORY = 0.10
COMPLAINT_MEDIAN_DAYS = 15
EMERGENCIES = 1_500
EMERGENCY_TYPE_SHARES = {
    "fire": 0.26, "explosion": 0.04, "chemical_leak": 0.09, "wastewater_discharge": 0.11,
    "flood": 0.15, "drought": 0.08, "cold_spell": 0.05, "pm25_open_burning": 0.16, "other": 0.06,
}
FACTORY_EMERGENCY_TYPES = ("fire", "explosion", "chemical_leak", "wastewater_discharge")
SEVERITY_SHARES = (0.52, 0.30, 0.13, 0.05)
ACTIVE_EMERGENCIES = 8                 # at national scale; at least 2 at any scale
CONTAINED_EMERGENCIES = 4

# --- Green Industry and Industry 4.0 -------------------------------------------------------
GI_LAUNCH = date(2011, 1, 1)
GI_STOCK_DATE = date(2019, 9, 30)
GI_STOCK = {1: 20_581, 2: 8_737, 3: 7_329, 4: 493, 5: 72}
GI_UPGRADE_SHARE = {2: 0.45, 3: 0.35, 4: 0.60, 5: 0.70}   # of a level's certificates, before 2019
GI_PER_YEAR = 2_000
GI_POST_UPGRADE_SHARE = 0.30
GI_POST_NEW_LEVELS = (0.75, 0.18, 0.07)                    # new certificates at levels 1, 2, 3
GI_VALID_YEARS = 3
GI_NO_EXPIRY_SHARE = 0.08
GI_REVOKED_SHARE = 0.02
I40_START = date(2016, 1, 1)
I40_FACTORIES = 4_000
I40_REASSESSED_SHARE = 0.22
I40_TARGET_PER_YEAR = 650              # national target of assessments a fiscal year (before ramp)
I40_SHARES = {2016: (0.11, 0.74, 0.15, 0.00), 2018: (0.09, 0.61, 0.28, 0.02)}
I40_DRIFT_DAMPING = 0.15               # how fast shares keep moving after 2018
I40_DIMENSION_OFFSETS = (-0.15, 0.05, -0.05, -0.10, 0.15, 0.0)

# --- programmes and targets -------------------------------------------------------------------
I_SINGLE_FORM_RATE = 0.035             # enrolments per operating factory and year
PROGRAM_RAMP = (0.6, 0.75, 0.9, 1.05, 1.2)   # oldest .. current fiscal year
AWARD_NOMINATIONS = (3, 8)
OPOAI_C_GROUPS = (1, 2)
KPI_FIXED_TARGETS = {
    "risky_inspected_pct": 100.0, "complaints_resolved_pct": 90.0, "complaint_days_median": 15.0,
    "award_nominations": 5.0, "emergency_contain_hours": 24.0,
}
