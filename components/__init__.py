"""Rendering: widgets, charts, tables and the PDF brief, which take DataFrames and values and
draw them (they never read a file, a reference table or the database). The Streamlit-side
plumbing they rely on (engine and query cache, URL state, shell, navigation, first start,
imports) is the subpackage :mod:`components.plumbing`."""
