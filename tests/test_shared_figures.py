"""Chart figures are built once per data and language and shared: the same inputs give the same
figure without building it again; other data, another language, Thai numerals or another
(non-boundary) dict give a new one."""
from streamlit.testing.v1 import AppTest

from components.i18n import THAI_DIGITS


def _script() -> None:
    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    from components.i18n import t
    from components.plumbing.figures import shared_figure

    built = st.session_state.setdefault("built", [])

    def bars(frame: pd.DataFrame, names: dict, outlines: dict) -> go.Figure:
        built.append(t("trends.inspections"))
        return go.Figure(go.Bar(x=frame["x"], y=frame["y"], name=names["a"]))

    def outline(x: float) -> dict:
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "10", "geometry": {"type": "Point", "coordinates": [x, 13.0]}}]}

    seed = st.session_state["seed"]  # each test its own data: the cache outlives a test
    frame = pd.DataFrame({"x": ["2569", "2570"], "y": [seed, 1]})
    names = {"a": "กรุงเทพมหานคร"}
    first = shared_figure(bars, frame, names, outline(100.5))
    same = shared_figure(bars, frame.copy(), dict(names), outline(100.6))  # boundaries keyed by their ids
    other_data = shared_figure(bars, frame.assign(y=[seed, 2]), names, outline(100.5))
    other_names = shared_figure(bars, frame, {"a": "Bangkok"}, outline(100.5))
    st.session_state["same"] = first is same
    st.session_state["new"] = first is not other_data and first is not other_names
    st.session_state["bars"] = [list(figure.data[0].y) for figure in (first, other_data)]


def test_the_same_inputs_share_one_figure_and_other_inputs_build_their_own():
    app = AppTest.from_function(_script)
    app.session_state["seed"] = 41
    app.run()
    assert not app.exception, app.exception
    assert app.session_state["same"] and app.session_state["new"]
    assert app.session_state["bars"] == [[41, 1], [41, 2]]
    assert app.session_state["built"] == ["การตรวจโรงงาน"] * 3  # first, other data, other names


def test_another_language_builds_its_own_figure():
    app = AppTest.from_function(_script)
    app.session_state["seed"] = 42
    app.run()
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception, app.exception
    assert app.session_state["built"] == ["การตรวจโรงงาน"] * 3 + ["Inspections"] * 3


def test_thai_numerals_build_their_own_figure():
    """A seminar deck may write Thai numerals: its figures are not the pages' ones."""
    app = AppTest.from_function(_script)
    app.session_state["seed"] = 43
    app.run()
    app.session_state[THAI_DIGITS] = True
    app.run()
    assert not app.exception, app.exception
    assert app.session_state["built"] == ["การตรวจโรงงาน"] * 6
