"""The yardstick of ``bench/browser.py``: a bare Streamlit app (a title, a checkbox, a selectbox, a
small table), so that a click on the dashboard can be read as a multiple of what Streamlit itself
costs on this machine in the same run."""
import pandas as pd
import streamlit as st

st.title("Bare Streamlit app")
more = st.checkbox("Show one more line", key="bare_checkbox")
st.selectbox("A choice", ["one", "two", "three"], key="bare_selectbox")
st.dataframe(pd.DataFrame({"n": range(20), "square": [n * n for n in range(20)]}), hide_index=True)
if more:
    st.write("One more line.")
