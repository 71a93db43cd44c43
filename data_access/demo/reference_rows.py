"""The made-up inspectors-general of the demo: one row per inspection region, as the assignment
order would list them (the provinces and districts come from :mod:`data_access.reference`)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from data_access.demo.words import INSPECTORS_GENERAL

# The inspection-region order of fiscal year 2569 (PM's Office order 303/2568).
IG_EFFECTIVE_FROM = date(2025, 10, 1)


def inspectors_general_frame() -> pd.DataFrame:
    """One row per inspection region 0..18 naming the inspector-general who covers it."""
    rows = [(region, th, en) for th, en, regions in INSPECTORS_GENERAL for region in regions]
    rows.sort()
    regions, names_th, names_en = zip(*rows)
    return pd.DataFrame({
        "inspection_region": np.array(regions, dtype=np.int16),
        "effective_from": pd.to_datetime([IG_EFFECTIVE_FROM] * len(rows)).values.astype("datetime64[s]"),
        "name_th": names_th,
        "name_en": names_en,
    })
