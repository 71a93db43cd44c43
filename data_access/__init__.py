"""Everything that reads or writes the unified database.

Pages and components never talk to the database: they call the query modules here, which
return pandas DataFrames. Nothing in this package imports Streamlit, so the same code serves
the app, the command-line tools, the benchmark and the tests.
"""
