"""Every band, factor and code the risk page shows has a label in Thai and in English."""
import tomllib

import pytest

from data_access import settings as cfg
from data_access.settings import ASSETS_DIR

LABELS = tomllib.loads((ASSETS_DIR / "i18n" / "risk.toml").read_text(encoding="utf-8"))


def test_every_label_has_both_languages():
    for key, entry in LABELS.items():
        assert set(entry) == {"th", "en"} and all(entry.values()), key


@pytest.mark.parametrize("prefix, codes", [
    ("risk.band", cfg.RISK_BAND_NAMES), ("risk.factor", cfg.RISK_FACTORS),
    ("risk.inspector", cfg.INSPECTOR_KINDS), ("risk.result", cfg.INSPECTION_RESULTS),
    ("risk.channel", cfg.COMPLAINT_CHANNELS), ("risk.topic", cfg.COMPLAINT_TOPICS),
    ("risk.emergency", cfg.EMERGENCY_TYPES),
])
def test_every_code_has_a_label(prefix, codes):
    assert {f"{prefix}.{code}" for code in codes} <= set(LABELS)
