"""Files built when a download is clicked: outside the session's run, they write as the run that
drew the button did (language, Thai numerals); and a table put in words builds the words of the
rows on screen only, on every run."""
from datetime import date

from streamlit.testing.v1 import AppTest

from components.i18n import THAI_DIGITS, as_written, fmt_date, t
from data_access.settings import TABLE_SCREEN_ROWS


def _builder_script() -> None:
    from datetime import date

    import streamlit as st

    from components.i18n import as_written, fmt_date, t

    st.session_state["build"] = as_written(lambda: (t("download.csv"), fmt_date(date(2026, 11, 22))))
    st.session_state["now"] = st.session_state["build"]()


def _built_later(**state: object) -> tuple[tuple[str, str], tuple[str, str]]:
    app = AppTest.from_function(_builder_script)
    for name, value in state.items():
        app.session_state[name] = value
    app.run()
    assert not app.exception, app.exception
    return app.session_state["now"], app.session_state["build"]()  # the second called out of any run


def test_a_builder_writes_english_out_of_the_run_of_an_english_session():
    now, later = _built_later(lang="en")
    assert now == later == ("Download CSV", "22 Nov 2026")


def test_a_builder_keeps_the_thai_numerals_of_a_seminar_deck():
    now, later = _built_later(lang="th", **{THAI_DIGITS: True})
    assert now == later
    assert later[1] == "๒๒ พ.ย. ๒๕๖๙"


def test_out_of_any_run_the_default_is_thai():
    assert as_written(lambda: t("download.csv"))() == "ดาวน์โหลด CSV"
    assert fmt_date(date(2026, 11, 22)) == "22 พ.ย. 2569"


def _table_script() -> None:
    import pandas as pd
    import streamlit as st

    from components.tables import built_table

    given = st.session_state.setdefault("given", [])

    def rows(part: pd.DataFrame) -> pd.DataFrame:
        given.append(len(part))
        return pd.DataFrame({"n": part["n"], "words": [f"row {n}" for n in part["n"]]})

    built_table(pd.DataFrame({"n": range(st.session_state["rows"])}), rows, "rows", key="rows")


def test_a_long_table_puts_in_words_only_the_rows_on_screen():
    app = AppTest.from_function(_table_script)
    app.session_state["rows"] = TABLE_SCREEN_ROWS + 50
    app.run()
    assert not app.exception, app.exception
    assert app.session_state["given"] == [TABLE_SCREEN_ROWS]
    assert len(app.dataframe[0].value) == TABLE_SCREEN_ROWS
    assert f"{TABLE_SCREEN_ROWS + 50}" in app.caption[0].value  # says how many of how many
