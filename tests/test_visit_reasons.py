"""The visit list's reasons in words: the criteria a factory meets, then its risk and the factors
that weigh most, named in the session's language."""
import pandas as pd
import pytest
import streamlit as st

from components.visit_list import reason_text

NEVER_INSPECTED = {"risky_not_inspected": False, "inspection_overdue": True, "days_since_inspection": float("nan"),
                   "overdue_orders": 0, "oldest_due": None, "open_complaints": 0, "repeat_non_compliant": False,
                   "non_compliant": 0, "band": "low", "score": 13.0, "top_factors": "wastewater,inspection_gap"}


@pytest.fixture
def english():
    st.session_state["lang"] = "en"
    yield
    del st.session_state["lang"]


def _reason(**changes: object) -> str:
    return reason_text(next(pd.DataFrame([{**NEVER_INSPECTED, **changes}]).itertuples()))


def test_reason_names_the_top_factors_in_english(english):
    assert _reason() == "never inspected; low risk, 13.0 points (wastewater, inspection gap)"


def test_reason_names_the_top_factors_in_thai():
    assert _reason() == "ไม่เคยได้รับการตรวจ; ความเสี่ยงต่ำ 13.0 คะแนน (น้ำเสีย, ไม่ได้ตรวจนาน)"

