"""Saying what the loaded data cannot show yet: which exports are missing, that the figures
drawn from them show "–" rather than a zero, and how to load each one."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from components.i18n import t


def missing_data(kinds: Sequence[str], data_page: Path | None, *, partial_risk: bool = False) -> None:
    """One note for the exports of ``kinds`` (importer kinds) that nothing has loaded yet, with a
    link to the Data page where they are loaded (none on that page itself); ``partial_risk``
    adds that the risk scores are worked out from the registry alone."""
    if not kinds:
        return
    listed = " · ".join(t(f"ingest.kind.{kind}") for kind in kinds)
    st.warning(f"**{t('missing.title')}:** {listed}\n\n{t('missing.intro')} {t('missing.how')}")
    if partial_risk:
        st.caption(t("missing.risk"))
    if data_page is not None:
        st.page_link(data_page, label=t("missing.go_data"))


def not_loaded(kind: str) -> None:
    """In place of a block whose export is not loaded: say so, rather than "none"."""
    st.info(t("missing.block", kind=t(f"ingest.kind.{kind}")))


def not_measured(label: str, kinds: Sequence[str]) -> None:
    """In place of a map or chart of a figure that the missing exports leave unmeasured."""
    st.info(t("missing.figure", figure=label, kinds=", ".join(t(f"ingest.kind.{kind}") for kind in kinds)))
