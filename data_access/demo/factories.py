"""The factory registry: ~71,000 operating factories (plus struck-off, stopped and not-yet-started
ones) spread like DIW's 2026 feed, with sizes, risk attributes, dates and both registration-number
forms.

Besides the ``factories`` table this returns a :class:`Registry` of numpy arrays that the activity
builders use: each factory's operating window (so nothing happens to a factory before it was
registered or after it closed) and a latent hazard weight (so risky factories get more
inspections, complaints and accidents).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import geo, names
from data_access.demo import params as P
from data_access.demo.sampling import Context, allocate, day_dates, scaled, to_day

TYPES = np.arange(1, 108)
# Log-scale effects on the latent hazard weight.
HAZARD_TYPE_EFFECT = 1.0
HAZARD_ATTRIBUTE_EFFECT = 0.35      # per environmental attribute
HAZARD_SIZE_EFFECT = 0.35           # per standard deviation of log(workers)
HAZARD_NOISE = 0.35


@dataclass
class Registry:
    """Per-factory arrays (same row order as ``frame``) for the builders that follow."""

    frame: pd.DataFrame
    ids: np.ndarray            # factory_id strings
    province_idx: np.ndarray   # row of the provinces table
    start: np.ndarray          # first operating day (registered_on)
    end: np.ndarray            # exclusive end of the operating window (closed_on or as_of + 1)
    weight: np.ndarray         # latent hazard weight: risky and large factories score high
    workers: np.ndarray

    def overlap(self, lo: int | np.ndarray, hi: int | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each factory's operating days within ``[lo, hi)``, as (start, end); empty if end <= start."""
        return np.maximum(self.start, lo), np.minimum(self.end, hi)


def type_table() -> pd.DataFrame:
    """Per factory type 1..107: group, TSIC code, draw weight and number of sub-items."""
    group = np.empty(len(TYPES), dtype=object)
    division = np.empty(len(TYPES), dtype=object)
    for first, last, div, name in P.TYPE_GROUPS:
        group[first - 1:last] = name
        division[first - 1:last] = div
    weight = np.array([P.TYPE_WEIGHTS.get(int(t), 1.0) for t in TYPES])
    tsic = [f"{d}{(t % 9) + 1}{(t * 7) % 10}{(t * 3) % 10}" for d, t in zip(division, TYPES)]
    return pd.DataFrame({"type": TYPES, "group": group, "tsic": tsic, "weight": weight,
                         "n_sub": (TYPES * 5) % 7, "hazardous": np.isin(TYPES, list(S.HAZARDOUS_FACTORY_TYPES))})


def build(ctx: Context, provinces: pd.DataFrame) -> Registry:
    """Draw the whole registry for ``ctx``'s seed and scale."""
    rng = ctx.rng("factories")
    status, prov_idx = _statuses_and_provinces(ctx, provinces)
    n = len(status)
    types = type_table()
    category = rng.choice([1, 2, 3], size=n, p=_shares(P.CLASS_COUNTS))
    ftype = rng.choice(TYPES, size=n, p=types["weight"].to_numpy() / types["weight"].sum())
    n_sub = types["n_sub"].to_numpy()[ftype - 1]
    sub = np.where(n_sub > 0, 1 + (rng.random(n) * n_sub).astype(int), 0)
    workers, horsepower, capital = _sizes(rng, category)
    risk = _risk_attributes(rng, types, ftype, workers)
    weight = _hazard_weight(rng, types["hazardous"].to_numpy()[ftype - 1], risk, workers)
    in_estate = rng.random(n) < _estate_probability(provinces, prov_idx)
    start, closed = _dates(ctx, rng, status)
    codes = provinces["code"].to_numpy()[prov_idx]
    district_idx = _districts(rng, provinces, prov_idx)
    lon, lat, precision = _coordinates(rng, district_idx)
    ids = names.factory_ids(rng, codes, in_estate, ftype, sub)
    district = geo.district_areas().codes[district_idx]
    frame = pd.DataFrame({
        "factory_id": ids,
        "registration_id": ids,
        "display_reg": names.display_regs(rng, codes, in_estate, category, ftype, sub, start),
        "name": names.company_names(rng, types["group"].to_numpy()[ftype - 1]),
        "name_source": S.NAME_FROM_FILE,  # every made-up name is a company's
        "province_code": codes,
        "district_code": district,
        "subdistrict_code": geo.subdistricts(ctx.rng("subdistricts"), district),
        "lat": lat, "lon": lon, "coord_precision": precision,
        "coord_source": np.where(pd.isna(precision), None, S.COORD_FROM_DEMO).astype(object),
        "category": category.astype(np.int16),
        "factory_type": ftype.astype(np.int16),
        "tsic_code": types["tsic"].to_numpy()[ftype - 1],
        "capital_thb": capital, "workers": workers.astype(np.int32), "horsepower": horsepower,
        "status": status,
        "registered_on": day_dates(start),
        "closed_on": day_dates(np.maximum(closed, 0), null=closed < 0),
        "in_estate": in_estate,
        **{col: risk[:, i] for i, col in enumerate(RISK_COLUMNS)},
        "in_latest_feed": np.ones(n, dtype=bool),
    })
    operating_end = np.where(status == S.STATUS_NOT_STARTED, start, np.where(closed < 0, ctx.end_day, closed))
    return Registry(frame, ids, prov_idx, start, operating_end, weight, workers)


RISK_COLUMNS = ("has_wastewater", "has_air_emission", "has_hazardous_substance",
                "has_hazardous_waste", "has_boiler")


def _shares(counts: dict) -> np.ndarray:
    values = np.array(list(counts.values()), dtype=float)
    return values / values.sum()


def _statuses_and_provinces(ctx: Context, provinces: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Status per factory and its province, allocated in proportion to the 2026 feed so that
    every province's share of operating factories matches the reference exactly (to one unit)."""
    reference_counts = provinces["operating_factories_2026"].to_numpy()
    n_operating = scaled(P.OPERATING_FACTORIES, ctx.scale, minimum=len(provinces))
    n_total = round(n_operating / (1 - sum(P.STATUS_SHARES.values())))
    statuses, prov_idx = [], []
    counts = {S.STATUS_OPERATING: n_operating,
              **{s: round(n_total * share) for s, share in P.STATUS_SHARES.items()}}
    for status, count in counts.items():
        per_province = allocate(count, reference_counts)
        prov_idx.append(np.repeat(np.arange(len(provinces)), per_province))
        statuses.append(np.full(count, status, dtype=object))
    return np.concatenate(statuses), np.concatenate(prov_idx)


def _sizes(rng: np.random.Generator, category: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Workers, horsepower and capital: log-normal, heavy-tailed, consistent with each other."""
    median = np.array([0] + [P.WORKERS_BY_CLASS[c][0] for c in (1, 2, 3)], dtype=float)[category]
    sigma = np.array([0] + [P.WORKERS_BY_CLASS[c][1] for c in (1, 2, 3)], dtype=float)[category]
    workers = np.clip(np.round(median * np.exp(rng.normal(0, 1, len(category)) * sigma)), 1, 25_000)
    horsepower = np.round(workers * np.exp(rng.normal(1.2, 0.9, len(category))), 1)
    horsepower = np.where(category == 1, np.minimum(horsepower, 50.0), horsepower)
    capital = np.round(np.exp(14.0 + 0.9 * np.log(workers) + rng.normal(0, 0.8, len(category))), -3)
    return workers.astype(np.int64), horsepower, capital


def _size_z(workers: np.ndarray) -> np.ndarray:
    log_w = np.log(workers)
    return (log_w - log_w.mean()) / max(log_w.std(), 1e-9)


def _risk_attributes(rng: np.random.Generator, types: pd.DataFrame, ftype: np.ndarray,
                     workers: np.ndarray) -> np.ndarray:
    """(factories x 5) booleans: the group's base probability, shifted on the logit scale by size."""
    base = np.array([P.RISK_BASE[g] for g in types["group"]])[ftype - 1]
    logit = np.log(base / (1 - base)) + P.SIZE_EFFECT * _size_z(workers)[:, None]
    return rng.random(base.shape) < 1 / (1 + np.exp(-logit))


def _hazard_weight(rng: np.random.Generator, hazardous: np.ndarray, risk: np.ndarray,
                   workers: np.ndarray) -> np.ndarray:
    """The latent hazard behind inspections, complaints and accidents: hazardous type, each
    environmental attribute and size raise it (log scale), plus some unexplained noise."""
    log_weight = (HAZARD_TYPE_EFFECT * hazardous + HAZARD_ATTRIBUTE_EFFECT * risk.sum(axis=1)
                  + HAZARD_SIZE_EFFECT * _size_z(workers) + rng.normal(0, HAZARD_NOISE, len(workers)))
    return np.exp(log_weight)


def _estate_probability(provinces: pd.DataFrame, prov_idx: np.ndarray) -> np.ndarray:
    """Chance of being in an industrial estate, by province, averaging ``IN_ESTATE_SHARE``."""
    weight = provinces["code"].map(P.ESTATE_PROVINCE_WEIGHT).fillna(1.0).to_numpy()[prov_idx]
    return np.minimum(weight * P.IN_ESTATE_SHARE / weight.mean(), 0.6)


def _dates(ctx: Context, rng: np.random.Generator, status: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Registration day and closing day (-1 when open). Ages lean recent; closures fall in the
    last ten years; licensed-not-started factories registered within two years."""
    n = len(status)
    today, first = ctx.end_day - 1, to_day(P.REGISTRY_START)
    closed_kind = (status == S.STATUS_STRUCK_OFF) | (status == S.STATUS_STOPPED)
    closed = np.where(closed_kind, today - rng.integers(1, int(365.25 * P.CLOSED_WITHIN_YEARS), n), -1)
    age = (rng.beta(1.2, 2.2, n) * (today - first)).astype(np.int64)
    start = np.where(closed_kind, closed - 180 - age // 2, today - age)
    start = np.where(status == S.STATUS_NOT_STARTED, today - rng.integers(0, 730, n), start)
    return np.maximum(start, first), closed


def _districts(rng: np.random.Generator, provinces: pd.DataFrame, prov_idx: np.ndarray) -> np.ndarray:
    """District per factory: skewed random weights within the province, the capital district
    (code ending in "01") pulling hardest."""
    areas = geo.district_areas()
    out = np.empty(len(prov_idx), dtype=np.int64)
    for p, code in enumerate(provinces["code"]):
        rows = np.flatnonzero(prov_idx == p)
        candidates = np.flatnonzero((areas.province_codes == code) & areas.usable)
        w = rng.gamma(P.DISTRICT_WEIGHT_SHAPE, 1.0, len(candidates))
        mueang = np.char.endswith(areas.codes[candidates].astype(str), "01")
        w[mueang] += P.MUEANG_WEIGHT * w.mean()
        out[rows] = rng.choice(candidates, size=len(rows), p=w / w.sum())
    return out


def _coordinates(rng: np.random.Generator, district_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lon/lat inside the district; a few missing, a few geocoded only to the district."""
    lon, lat, anchor_lon, anchor_lat = geo.place(rng, district_idx)
    u = rng.random(len(district_idx))
    missing = u < P.COORD_MISSING_SHARE
    approximate = ~missing & (u < P.COORD_MISSING_SHARE + P.COORD_APPROXIMATE_SHARE)
    lon = np.where(approximate, anchor_lon, np.where(missing, np.nan, lon))
    lat = np.where(approximate, anchor_lat, np.where(missing, np.nan, lat))
    precision = np.where(missing, None, np.where(approximate, S.COORD_APPROXIMATE, S.COORD_EXACT)).astype(object)
    return lon, lat, precision

