"""Programme participation per province and fiscal year, and the KPI targets the inspectors-general
set for them.

Enrolments grow year on year (``PROGRAM_RAMP``) and the current fiscal year holds only what its
elapsed share would bring, so progress against a target looks like it would mid-year.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data_access import settings as S
from data_access.demo import names
from data_access.demo import params as P
from data_access.demo.factories import Registry
from data_access.demo.sampling import Context, day_dates, scaled, uniform_days
from data_access.rules import fiscal
from data_access.rules.kpis import SPECS, TARGET_CODES

I_SINGLE_FORM, OPOAI_C, AWARD = S.PROGRAMS
I_SINGLE_FORM_FLOOR = 8        # enrolments a year even in the smallest province (national scale)


def participation(ctx: Context, reg: Registry, provinces: pd.DataFrame) -> pd.DataFrame:
    """The ``program_participation`` table, ordered by fiscal year, province and date."""
    rng = ctx.rng("programs")
    enrolled = np.zeros(len(reg.ids), dtype=bool)
    parts = []
    for f, fy in enumerate(ctx.fiscal_years):
        lo, hi = int(ctx.fy_start_days[f]), int(ctx.fy_end_days[f])
        elapsed = fiscal.elapsed_share(fy, ctx.as_of)
        parts.append(_i_single_form(ctx, rng, reg, provinces, f, enrolled))
        parts.append(_awards(rng, reg, provinces, lo, hi, elapsed))
        parts.append(_community_groups(rng, provinces, lo, hi, elapsed))
        for part in parts[-3:]:
            part["fiscal_year"] = np.int16(fy)
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values(["fiscal_year", "province_code", "joined_on", "program"], kind="stable")
    frame.insert(0, "participation_id", np.arange(1, len(frame) + 1, dtype=np.int64))
    frame["joined_on"] = day_dates(frame["joined_on"].to_numpy())
    return frame.reset_index(drop=True)


def expected_i_single_form(ctx: Context, provinces: pd.DataFrame, f: int) -> np.ndarray:
    """Expected enrolments per province in fiscal year index ``f`` (full year)."""
    operating = provinces["operating_factories_2026"].to_numpy() * scaled(P.OPERATING_FACTORIES, ctx.scale) \
        / provinces["operating_factories_2026"].sum()
    return P.PROGRAM_RAMP[f] * (I_SINGLE_FORM_FLOOR * ctx.scale + P.I_SINGLE_FORM_RATE * operating)


def _i_single_form(ctx: Context, rng: np.random.Generator, reg: Registry, provinces: pd.DataFrame,
                   f: int, enrolled: np.ndarray) -> pd.DataFrame:
    """Each not-yet-enrolled factory operating in the year joins with a chance that yields the
    province's expected count, pro rata of its operating days (a factory enrols once)."""
    lo, hi = reg.overlap(int(ctx.fy_start_days[f]), int(ctx.fy_end_days[f]))
    days = np.clip(hi - lo, 0, None)
    candidates = (days > 0) & ~enrolled
    per_province = np.bincount(reg.province_idx[candidates], minlength=len(provinces))
    p = expected_i_single_form(ctx, provinces, f) / np.maximum(per_province, 1)
    join = candidates & (rng.random(len(days)) < p[reg.province_idx] * days / 365.0)
    enrolled |= join
    rows = np.flatnonzero(join)
    return _factory_rows(rng, reg, provinces, rows, lo[rows], hi[rows], I_SINGLE_FORM)


def _awards(rng: np.random.Generator, reg: Registry, provinces: pd.DataFrame, lo: int, hi: int,
            elapsed: float) -> pd.DataFrame:
    """3-8 nominations per province (fewer while the year is young), larger factories favoured."""
    want = rng.binomial(rng.integers(P.AWARD_NOMINATIONS[0], P.AWARD_NOMINATIONS[1] + 1, len(provinces)), elapsed)
    start, end = reg.overlap(lo, hi)
    ok = end - start > 0
    keys = np.where(ok, rng.exponential(size=len(ok)) / np.sqrt(reg.workers), np.inf)
    order = np.lexsort((keys, reg.province_idx))
    sorted_prov = reg.province_idx[order]
    first = np.searchsorted(sorted_prov, sorted_prov, side="left")
    rank = np.arange(len(order)) - first
    chosen = order[(rank < want[sorted_prov]) & np.isfinite(keys[order])]
    return _factory_rows(rng, reg, provinces, chosen, start[chosen], end[chosen], AWARD)


def _community_groups(rng: np.random.Generator, provinces: pd.DataFrame, lo: int, hi: int,
                      elapsed: float) -> pd.DataFrame:
    """1-2 OPOAI-C community enterprises per province (fewer while the year is young)."""
    want = rng.binomial(rng.integers(P.OPOAI_C_GROUPS[0], P.OPOAI_C_GROUPS[1] + 1, len(provinces)), elapsed)
    prov = np.repeat(np.arange(len(provinces)), want)
    return pd.DataFrame({
        "program": OPOAI_C,
        "factory_id": np.full(len(prov), None, dtype=object),
        "group_name": names.community_group_names(rng, len(prov)),
        "province_code": provinces["code"].to_numpy()[prov],
        "joined_on": uniform_days(rng, np.full(len(prov), lo), np.full(len(prov), hi)),
    })


def _fixed_target(code: str) -> float:
    """The same-everywhere target of ``code``; a KPI added to the registry needs one here too."""
    if code not in P.KPI_FIXED_TARGETS:
        raise KeyError(f"the demo generator has no target for KPI code {code!r}: add it to demo/params.py")
    return P.KPI_FIXED_TARGETS[code]


def _factory_rows(rng: np.random.Generator, reg: Registry, provinces: pd.DataFrame, rows: np.ndarray,
                  lo: np.ndarray, hi: np.ndarray, program: str) -> pd.DataFrame:
    """Participation rows of factories, joined on a day of their operating days in the year."""
    return pd.DataFrame({
        "program": program,
        "factory_id": reg.ids[rows],
        "group_name": np.full(len(rows), None, dtype=object),
        "province_code": provinces["code"].to_numpy()[reg.province_idx[rows]],
        "joined_on": uniform_days(rng, lo, hi),
    })


def kpi_targets(ctx: Context, provinces: pd.DataFrame) -> pd.DataFrame:
    """Targets per fiscal year for every province and the nation ('TH'): fixed percentages and
    medians, size-based counts; the national count is the sum of the provinces'."""
    operating = provinces["operating_factories_2026"].to_numpy(dtype=float)
    share = operating / operating.sum()
    gi_year = P.GI_PER_YEAR * ctx.scale
    i40_year = P.I40_TARGET_PER_YEAR * ctx.scale
    frames = []
    for f, fy in enumerate(ctx.fiscal_years):
        counts = {
            "i_single_form": np.round(1.1 * expected_i_single_form(ctx, provinces, f)),
            "gi_new": np.round(gi_year * (1 - P.GI_POST_UPGRADE_SHARE) * share),
            "gi_upgraded": np.round(gi_year * P.GI_POST_UPGRADE_SHARE * share),
            "opoai_c_groups": np.where(operating >= np.median(operating), 2.0, 1.0),
            "i40_assessments": np.round(i40_year * P.PROGRAM_RAMP[f] * share),
        }
        counts = {k: np.maximum(v, 1.0) for k, v in counts.items()}
        for code in TARGET_CODES:
            value = counts[code] if code in counts else np.full(len(provinces), _fixed_target(code))
            national = value[0] if SPECS[code].national_target_applies else value.sum()
            frames.append(pd.DataFrame({
                "fiscal_year": np.int16(fy),
                "province_code": [*provinces["code"], S.NATIONAL_CODE],
                "kpi_code": code,
                "target_value": np.append(value, national).astype(float),
            }))
    return pd.concat(frames, ignore_index=True)
