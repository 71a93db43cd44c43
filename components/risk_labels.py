"""Names of the risk model's bands and factors on screen, in the session's language."""
from __future__ import annotations

from components.i18n import t


def band_label(band: str) -> str:
    return t(f"risk.band.{band}")


def factor_label(factor: str) -> str:
    return t(f"risk.factor.{factor}")


def factor_list(codes: str, separator: str = ", ") -> str:
    """``"type_hazard,size"`` (as :func:`data_access.rules.risk.top_factors` gives it) as readable names."""
    return separator.join(factor_label(code) for code in codes.split(",") if code)
