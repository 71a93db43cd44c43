"""Identifiers and names built column-wise: the 14-digit registration id, the old display
registration number, Thai company names and community-group names."""
from __future__ import annotations

import numpy as np

from data_access import settings as S
from data_access.demo import words as W
from data_access.demo.sampling import day_years


def rank_within(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    """1-based running number of each row inside its group (integer key), in random order."""
    n = len(groups)
    order = np.lexsort((rng.random(n), groups))
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(sorted_groups[1:] != sorted_groups[:-1]) + 1]
    lengths = np.diff(np.r_[starts, n])
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - np.repeat(starts, lengths) + 1
    return rank


def factory_ids(rng: np.random.Generator, codes: np.ndarray, in_estate: np.ndarray,
                ftype: np.ndarray, sub: np.ndarray) -> np.ndarray:
    """DIW's 14-digit form: agency "1" (DIW), estate digit, province code, the 5-digit type code
    (``00906`` = type 9(6)) and a 5-digit running number within province and type, so ids are
    unique however large the scale."""
    province = codes.astype(np.int64)
    type5 = ftype.astype(np.int64) * 100 + sub
    running = rank_within(rng, (province * 100_000 + type5) * 2 + in_estate)
    if running.max() >= 100_000:
        raise ValueError("scale too large: more than 99,999 factories of one type in a province")
    number = (10**13 + in_estate.astype(np.int64) * 10**12 + province * 10**10
              + type5 * 10**5 + running)
    return number.astype(str).astype(object)


def display_regs(rng: np.random.Generator, codes: np.ndarray, in_estate: np.ndarray, category: np.ndarray,
                 ftype: np.ndarray, sub: np.ndarray, start_days: np.ndarray) -> np.ndarray:
    """The old display form, e.g. ``จ3-9(6)-100/51ปจ``: prefix (``น.`` in an estate, none in
    Bangkok, ``จ`` elsewhere), class-type(sub), running number within province and year, the
    2-digit BE year of registration and the province abbreviation (none for Bangkok)."""
    year_be = day_years(start_days) + S.BUDDHIST_ERA_OFFSET
    running = rank_within(rng, codes.astype(np.int64) * 10_000 + year_be)
    bangkok = codes == S.BANGKOK_CODE
    prefix = np.where(in_estate, "น.", np.where(bangkok, "", "จ")).astype(object)
    type_text = ftype.astype(str).astype(object)
    type_text = np.where(sub > 0, type_text + "(" + sub.astype(str).astype(object) + ")", type_text)
    abbr = np.vectorize(W.PROVINCE_ABBR.get, otypes=[object])(codes)
    abbr = np.where(bangkok, "", abbr).astype(object)
    yy = np.char.zfill((year_be % 100).astype(str), 2).astype(object)
    return (prefix + category.astype(str).astype(object) + "-" + type_text + "-"
            + running.astype(str).astype(object) + "/" + yy + abbr)


def company_names(rng: np.random.Generator, groups: np.ndarray) -> np.ndarray:
    """Plausible Thai company names: brand (two syllables) + line of business in a legal form."""
    n = len(groups)
    heads = np.array(W.BRAND_HEADS, dtype=object)[rng.integers(0, len(W.BRAND_HEADS), n)]
    tails = np.array(W.BRAND_TAILS, dtype=object)[rng.integers(0, len(W.BRAND_TAILS), n)]
    business = _pick_per_group(rng, groups, W.GROUP_WORDS)
    forms = [f for f, _ in W.COMPANY_FORMS]
    weights = np.array([w for _, w in W.COMPANY_FORMS])
    form = rng.choice(len(forms), size=n, p=weights / weights.sum())
    before = np.array([f.split("{}")[0] for f in forms], dtype=object)[form]
    after = np.array([f.split("{}")[1] for f in forms], dtype=object)[form]
    return before + heads + tails + " " + business + after


def community_group_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """OPOAI-C community enterprises: "วิสาหกิจชุมชน" + product + village."""
    product = np.array(W.COMMUNITY_PRODUCTS, dtype=object)[rng.integers(0, len(W.COMMUNITY_PRODUCTS), n)]
    head = np.array(W.VILLAGE_HEADS, dtype=object)[rng.integers(0, len(W.VILLAGE_HEADS), n)]
    tail = np.array(W.VILLAGE_TAILS, dtype=object)[rng.integers(0, len(W.VILLAGE_TAILS), n)]
    return "วิสาหกิจชุมชน" + product + head + tail


def _pick_per_group(rng: np.random.Generator, groups: np.ndarray, options: dict[str, tuple]) -> np.ndarray:
    """One random option per row from the tuple of the row's group."""
    keys = sorted(options)
    width = max(len(v) for v in options.values())
    table = np.array([list(options[k]) + [options[k][0]] * (width - len(options[k])) for k in keys], dtype=object)
    counts = np.array([len(options[k]) for k in keys])
    g = np.searchsorted(np.array(keys, dtype=object), groups)
    return table[g, (rng.random(len(groups)) * counts[g]).astype(int)]
